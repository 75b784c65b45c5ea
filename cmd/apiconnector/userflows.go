package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/graph-apiconnector/apiconnector/client"
)

func userFlowFlags(c *command) (kind, flow, step *string) {
	kind = c.flags.String("kind", "b2x", "user flow kind: b2x (External Identities) or b2c (Azure AD B2C, beta only)")
	flow = c.flags.String("user-flow", "", "user flow id, e.g. B2X_1_partner (required)")
	step = c.flags.String("step", "", "step: postFederationSignup or postAttributeCollection (required)")
	return kind, flow, step
}

func checkUserFlowFlags(c *command, kind, flow, step string) (client.UserFlowKind, client.Step, int) {
	k := client.UserFlowKind(kind)
	if k != client.B2X && k != client.B2C {
		return "", "", c.fail("--kind must be b2x or b2c, not %q", kind)
	}
	s := client.Step(step)
	if s != client.PostFederationSignup && s != client.PostAttributeCollection {
		return "", "", c.fail("--step must be postFederationSignup or postAttributeCollection, not %q", step)
	}
	if flow == "" {
		return "", "", c.fail("--user-flow is required")
	}
	return k, s, -1
}

func runAttach(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("attach", stdin, stdout, stderr)
	kind, flow, step := userFlowFlags(c)
	connector := c.flags.String("connector", "", "id of the API connector to call at that step (required)")
	if _, code := c.parse(args, 0, "--user-flow ID --step STEP --connector ID [--kind b2x|b2c] [flags]"); code >= 0 {
		return code
	}
	k, s, code := checkUserFlowFlags(c, *kind, *flow, *step)
	if code >= 0 {
		return code
	}
	if *connector == "" {
		return c.fail("--connector is required")
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	if err := cl.Attach(ctx, k, *flow, s, *connector); err != nil {
		return printError(stderr, err)
	}
	return printUserFlow(ctx, c, cl, k, *flow)
}

func runDetach(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("detach", stdin, stdout, stderr)
	kind, flow, step := userFlowFlags(c)
	if _, code := c.parse(args, 0, "--user-flow ID --step STEP [--kind b2x|b2c] [flags]"); code >= 0 {
		return code
	}
	k, s, code := checkUserFlowFlags(c, *kind, *flow, *step)
	if code >= 0 {
		return code
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	if err := cl.Detach(ctx, k, *flow, s); err != nil {
		return printError(stderr, err)
	}
	return printUserFlow(ctx, c, cl, k, *flow)
}

// printUserFlow shows the flow's configuration after a change, so the user sees its effect.
func printUserFlow(ctx context.Context, c *command, cl *client.Client, kind client.UserFlowKind, flow string) int {
	cfg, err := cl.UserFlowConfiguration(ctx, kind, flow)
	if err != nil {
		return printError(c.stderr, err)
	}
	if c.common.output == "table" {
		for _, row := range []struct {
			step string
			conn *client.Connector
		}{{string(client.PostFederationSignup), cfg.PostFederationSignup}, {string(client.PostAttributeCollection), cfg.PostAttributeCollection}} {
			id := "-"
			if row.conn != nil {
				id = row.conn.ID + " (" + row.conn.DisplayName + ")"
			}
			if _, err := fmt.Fprintf(c.stdout, "%s\t%s\n", row.step, id); err != nil {
				return c.fail("%v", err)
			}
		}
		return exitOK
	}
	out := map[string]any{}
	if cfg.PostFederationSignup != nil {
		out[string(client.PostFederationSignup)] = toOutput(*cfg.PostFederationSignup)
	}
	if cfg.PostAttributeCollection != nil {
		out[string(client.PostAttributeCollection)] = toOutput(*cfg.PostAttributeCollection)
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // placeholders such as <USERNAME> stay readable
	if err := enc.Encode(out); err != nil {
		return c.fail("%v", err)
	}
	return exitOK
}
