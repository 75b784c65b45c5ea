package reconcile

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/graph-apiconnector/apiconnector/client"
)

// flowKey names a user flow.
type flowKey struct {
	kind client.UserFlowKind
	id   string
}

// tenant is what plan compares the file with: every connector, and the bindings of the
// user flows the file names.
type tenant struct {
	connectors    []client.Connector
	byDisplayName map[string][]client.Connector
	flows         map[flowKey]client.UserFlowConfiguration
}

// readTenant lists the connectors and reads each named flow's configuration. It only reads.
func readTenant(ctx context.Context, c *client.Client, flows []UserFlowSpec) (*tenant, error) {
	t := &tenant{byDisplayName: map[string][]client.Connector{}, flows: map[flowKey]client.UserFlowConfiguration{}}
	for conn, err := range c.List(ctx, client.ListOptions{}) {
		if err != nil {
			return nil, fmt.Errorf("reading the tenant's connectors: %w", err)
		}
		t.connectors = append(t.connectors, conn)
		t.byDisplayName[conn.DisplayName] = append(t.byDisplayName[conn.DisplayName], conn)
	}
	for _, uf := range flows {
		key := flowKey{uf.Kind, uf.ID}
		if _, done := t.flows[key]; done {
			continue
		}
		config, err := c.UserFlowConfiguration(ctx, uf.Kind, uf.ID)
		if err != nil {
			return nil, &TenantError{Line: uf.line, Err: fmt.Errorf("reading user flow %s: %w", uf.ID, err)}
		}
		t.flows[key] = config
	}
	return t, nil
}

// TenantError is a problem of the tenant that stops a plan at a line of the file, such as
// two connectors sharing the displayName the file names, or a user flow Graph does not
// have. Nothing was changed.
type TenantError struct {
	File string
	Line int
	Err  error
}

func (e *TenantError) Error() string {
	if e.File == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *TenantError) Unwrap() error { return e.Err }

// match returns the tenant's connector with the file connector's displayName; an error
// when several have it, since the one the file means cannot be told.
func (t *tenant) match(spec ConnectorSpec) (client.Connector, bool, error) {
	found := t.byDisplayName[spec.DisplayName]
	switch len(found) {
	case 0:
		return client.Connector{}, false, nil
	case 1:
		return found[0], true, nil
	}
	ids := make([]string, 0, len(found))
	for _, c := range found {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return client.Connector{}, false, &TenantError{Line: spec.displayNameLine, Err: fmt.Errorf(
		"the tenant has %d connectors named %q (ids %s); connectors are matched by displayName, so delete or rename all but one",
		len(found), spec.DisplayName, strings.Join(ids, ", "))}
}
