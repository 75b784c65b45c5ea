package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/reconcile"
)

// repeated is a flag that may be given more than once.
type repeated []string

func (r *repeated) String() string { return strings.Join(*r, ",") }

func (r *repeated) Set(v string) error {
	*r = append(*r, v)
	return nil
}

func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("export", stdin, stdout, stderr)
	var flows repeated
	c.flags.Var(&flows, "user-flow", "a user flow whose bindings to include, by `ID`, e.g. B2X_1_partner (repeatable)")
	kind := c.flags.String("kind", "b2x", "the `KIND` of the user flows: b2x, or b2c (beta only)")
	asJSONFlag := c.flags.Bool("json", false, "print JSON instead of YAML")
	if _, code := c.parse(args); code >= 0 {
		return code
	}
	k := client.UserFlowKind(*kind)
	switch {
	case k != client.B2X && k != client.B2C:
		return c.fail(fmt.Errorf("--kind must be b2x or b2c, not %q", *kind))
	case k == client.B2C && c.common.apiVersion != client.VersionBeta && len(flows) > 0:
		return c.fail(errors.New("--kind b2c needs --api-version beta: b2c user flows exist only in the beta API"))
	}
	for _, f := range flows {
		if strings.TrimSpace(f) == "" {
			return c.fail(errors.New("--user-flow must not be empty"))
		}
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	refs := make([]reconcile.FlowRef, 0, len(flows))
	for _, f := range flows {
		refs = append(refs, reconcile.FlowRef{Kind: k, ID: f})
	}
	doc, err := reconcile.Export(ctx, cl, c.common.apiVersion, refs)
	if err != nil {
		return c.printError(err, nil)
	}
	write := doc.WriteYAML
	if jsonOutput(c, *asJSONFlag) {
		write = doc.WriteJSON
	}
	if err := write(stdout); err != nil {
		diagf(stderr, "apiconnector export: %v\n", err)
		return exitViolation
	}
	return exitOK
}
