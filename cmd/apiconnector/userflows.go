package main

import (
	"context"
	"io"

	"github.com/graph-apiconnector/apiconnector/client"
)

// userFlowFields names the flags behind the client's FieldErrors of attach and detach.
var userFlowFields = fieldFlags{
	"kind":        {flag: "--kind"},
	"flowID":      {flag: "--user-flow"},
	"step":        {flag: "--step"},
	"connectorID": {flag: "--connector"},
}

func userFlowFlags(c *command) (kind, flow, step *string) {
	kind = c.flags.String("kind", "b2x", "user flow `kind`: b2x (External Identities) or b2c (Azure AD B2C, beta only)")
	flow = c.flags.String("user-flow", "", "user flow `ID`, e.g. B2X_1_partner (required)")
	step = c.flags.String("step", "", "`step`: postFederationSignup or postAttributeCollection (required)")
	return kind, flow, step
}

func runAttach(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("attach", stdin, stdout, stderr)
	kind, flow, step := userFlowFlags(c)
	connector := c.flags.String("connector", "", "`ID` of the API connector to call at that step (required)")
	_, cl, code := c.prepare(args)
	if cl == nil {
		return code
	}
	k := client.UserFlowKind(*kind)
	if err := cl.Attach(ctx, k, *flow, client.Step(*step), *connector); err != nil {
		return c.printError(err, userFlowFields)
	}
	return printUserFlow(ctx, c, cl, k, *flow)
}

func runDetach(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("detach", stdin, stdout, stderr)
	kind, flow, step := userFlowFlags(c)
	_, cl, code := c.prepare(args)
	if cl == nil {
		return code
	}
	k := client.UserFlowKind(*kind)
	// DELETE $ref, as the SDKs unbind; the documented PUT {} (client.Detach) does the same.
	if err := cl.RemoveReference(ctx, k, *flow, client.Step(*step)); err != nil {
		return c.printError(err, userFlowFields)
	}
	return printUserFlow(ctx, c, cl, k, *flow)
}

// printUserFlow shows the flow's configuration after a change, so the user sees its effect:
// as JSON, each step with its connector; as a table, a row per step.
func printUserFlow(ctx context.Context, c *command, cl *client.Client, kind client.UserFlowKind, flow string) int {
	cfg, err := cl.UserFlowConfiguration(ctx, kind, flow)
	if err != nil {
		return c.printError(err, userFlowFields)
	}
	steps := []struct {
		step client.Step
		conn *client.Connector
	}{{client.PostFederationSignup, cfg.PostFederationSignup}, {client.PostAttributeCollection, cfg.PostAttributeCollection}}
	if c.common.output == "table" {
		var rows [][]string
		for _, s := range steps {
			id, name := "-", "-"
			if s.conn != nil {
				id, name = s.conn.ID, s.conn.DisplayName
			}
			rows = append(rows, []string{string(s.step), id, name})
		}
		return c.printRows([]string{"STEP", "CONNECTOR", "DISPLAY NAME"}, rows)
	}
	out := map[string]any{}
	for _, s := range steps {
		if s.conn != nil {
			out[string(s.step)] = toOutput(*s.conn)
		}
	}
	return c.printJSON(out)
}
