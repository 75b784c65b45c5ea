package conformance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/conformance"
	"github.com/graph-apiconnector/apiconnector/endpoint"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

const flowID = "B2X_1_partners"

// flowUnderTest is a fake Graph whose user flow has a Basic connector after federation and
// a certificate connector (over TLS) before the user is created.
type flowUnderTest struct {
	graph    *client.Client
	config   conformance.SimulationConfig
	federID  string
	createID string
}

func newFlow(t *testing.T, afterFederation, beforeCreate endpoint.HandlerFunc) flowUnderTest {
	t.Helper()
	ctx := t.Context()
	server := fake.New()
	graph, err := client.New(client.WithHTTPClient(&http.Client{Transport: server.Transport()}), client.WithStaticToken("fake-token"))
	require.NoError(t, err)

	first := httptest.NewServer(conformant(t, afterFederation, endpoint.WithBasicAuth(user, pass), endpoint.WithStep(endpoint.PostFederationSignup)))
	t.Cleanup(first.Close)
	pfx := testpfx.Valid(t, "pfx-Secret-pw")
	second, pool := tlsServer(t, conformant(t, beforeCreate, endpoint.WithClientCertificate(pfx.Thumbprint), endpoint.WithStep(endpoint.PostAttributeCollection)), nil)

	feder, err := graph.Create(ctx, client.Connector{DisplayName: "Partner check", TargetURL: first.URL + "/federated",
		Auth: client.BasicAuth{Username: user, Password: pass}})
	require.NoError(t, err)
	create, err := graph.Create(ctx, client.Connector{DisplayName: "Loyalty", TargetURL: second.URL + "/loyalty",
		Auth: client.PKCS12{Value: pfx.Data, Password: pfx.Password}})
	require.NoError(t, err)
	server.SeedUserFlow(fake.B2X, flowID)
	require.NoError(t, graph.Attach(ctx, client.B2X, flowID, client.PostFederationSignup, feder.ID))
	require.NoError(t, graph.Attach(ctx, client.B2X, flowID, client.PostAttributeCollection, create.ID))

	return flowUnderTest{graph: graph, federID: feder.ID, createID: create.ID, config: conformance.SimulationConfig{
		Graph: graph, Kind: client.B2X, FlowID: flowID,
		Claims: map[string]any{"email": "zoë@fabrikam.example", "postalCode": "0150", "ui_locales": "nb-NO"},
		Secrets: map[string]conformance.Secret{
			feder.ID:  {Password: pass},
			create.ID: {PKCS12: pfx.Data, PKCS12Password: pfx.Password},
		},
		RootCAs: pool, Budget: testBudget,
	}}
}

func prefill(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
	if req.Step != endpoint.PostFederationSignup {
		return endpoint.Response{}, fmt.Errorf("called at %q", req.Step)
	}
	return endpoint.Continue(map[string]any{"givenName": "Zoë", "extension_Partner": "contoso"}), nil
}

func TestSimulateTwoBoundSteps(t *testing.T) {
	var seen endpoint.Request
	loyalty := func(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
		seen = req
		if code, _ := req.Claim("postalCode"); code != "0150" {
			return endpoint.ValidationError("Enter a valid postal code."), nil
		}
		return endpoint.Continue(map[string]any{"extension_LoyaltyNumber": "0012345"}), nil
	}
	flow := newFlow(t, prefill, loyalty)
	sim, err := conformance.Simulate(t.Context(), flow.config)
	require.NoError(t, err)

	assert.Equal(t, conformance.OutcomeContinue, sim.Outcome)
	assert.True(t, sim.Conformant(), "%+v", sim.Calls)
	require.Len(t, sim.Calls, 2)
	assert.Equal(t, callcontract.PostFederationSignup, sim.Calls[0].Step)
	assert.Equal(t, flow.federID, sim.Calls[0].ConnectorID)
	assert.Equal(t, callcontract.PostAttributeCollection, sim.Calls[1].Step)
	assert.Equal(t, flow.createID, sim.Calls[1].ConnectorID)
	assert.Equal(t, 200, sim.Calls[1].Status)
	require.NotNil(t, seen.Claims.GivenName, "the second step sees the first step's claims")
	assert.Equal(t, "Zoë", *seen.Claims.GivenName)
	assert.Equal(t, endpoint.PostAttributeCollection, seen.Step)
	assert.Equal(t, "0012345", sim.Claims["extension_LoyaltyNumber"])
	assert.Equal(t, "Zoë", sim.Claims["givenName"])
	assertSimulationHidesSecrets(t, sim, flow)

	flow.config.Claims["postalCode"] = "x"
	sim, err = conformance.Simulate(t.Context(), flow.config)
	require.NoError(t, err)
	assert.Equal(t, conformance.OutcomeValidationError, sim.Outcome)
	assert.Equal(t, "Enter a valid postal code.", sim.UserMessage)
	assert.Equal(t, 400, sim.Calls[1].Status)
	assert.True(t, sim.Conformant())
}

func TestSimulateStopsAtABlockOrABrokenAnswer(t *testing.T) {
	never := func(context.Context, endpoint.Request) (endpoint.Response, error) {
		panic("the second step must not be called")
	}
	flow := newFlow(t, func(context.Context, endpoint.Request) (endpoint.Response, error) {
		return endpoint.Block("Partners only."), nil
	}, never)
	sim, err := conformance.Simulate(t.Context(), flow.config)
	require.NoError(t, err)
	assert.Equal(t, conformance.OutcomeBlock, sim.Outcome)
	assert.Equal(t, "Partners only.", sim.UserMessage)
	assert.Len(t, sim.Calls, 1)

	// A second step that answers Block at the wrong status: the endpoint package cannot do
	// that, so a raw target replaces it in Graph.
	flow = newFlow(t, prefill, never)
	broken := httptest.NewServer(raw(400, "application/json", `{"version":"1.0.0","action":"ShowBlockPage","userMessage":"No."}`))
	t.Cleanup(broken.Close)
	url := broken.URL
	err = flow.graph.Update(t.Context(), flow.createID, client.ConnectorUpdate{TargetURL: &url, Auth: client.BasicAuth{Username: user, Password: pass}})
	require.NoError(t, err)
	flow.config.Secrets[flow.createID] = conformance.Secret{Password: pass}
	sim, err = conformance.Simulate(t.Context(), flow.config)
	require.NoError(t, err)
	assert.Equal(t, conformance.OutcomeError, sim.Outcome)
	require.Len(t, sim.Calls, 2)
	assert.False(t, sim.Calls[1].Conformant)
	assert.Equal(t, callcontract.KindStatus, sim.Calls[1].Violations[0].Kind)
}

func TestSimulateRetriesOnceAfterATimeout(t *testing.T) {
	slow := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // the server notices the caller leaving only once the body is read
		select {
		case <-r.Context().Done():
		case <-time.After(10 * testBudget):
		}
	})
	flow := newFlow(t, prefill, prefill)
	srv := httptest.NewServer(slow)
	t.Cleanup(srv.Close)
	url := srv.URL
	err := flow.graph.Update(t.Context(), flow.federID, client.ConnectorUpdate{TargetURL: &url})
	require.NoError(t, err)
	sim, err := conformance.Simulate(t.Context(), flow.config)
	require.NoError(t, err)
	assert.Equal(t, conformance.OutcomeError, sim.Outcome)
	require.Len(t, sim.Calls, 1)
	assert.Equal(t, 2, sim.Calls[0].Attempts, "the platform makes one more attempt")
	assert.Equal(t, callcontract.KindTimeout, sim.Calls[0].Violations[0].Kind)
}

func TestSimulateBadInput(t *testing.T) {
	flow := newFlow(t, prefill, prefill)
	other := testpfx.Valid(t, "")
	tests := []struct {
		name   string
		change func(*conformance.SimulationConfig)
		field  string
	}{
		{"no secret for a bound connector", func(c *conformance.SimulationConfig) { delete(c.Secrets, flow.federID) }, "credentials"},
		{"password missing", func(c *conformance.SimulationConfig) { c.Secrets[flow.federID] = conformance.Secret{} }, "credentials"},
		{"another certificate", func(c *conformance.SimulationConfig) {
			c.Secrets[flow.createID] = conformance.Secret{PKCS12: other.Data}
		}, "credentials"},
		{"no claims", func(c *conformance.SimulationConfig) { c.Claims = nil }, "claims"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := flow.config
			cfg.Secrets = map[string]conformance.Secret{}
			for k, v := range flow.config.Secrets {
				cfg.Secrets[k] = v
			}
			tt.change(&cfg)
			_, err := conformance.Simulate(t.Context(), cfg)
			var input *conformance.InputError
			require.ErrorAs(t, err, &input)
			assert.Equal(t, tt.field, input.Field)
			assert.NotContains(t, err.Error(), pass)
		})
	}
	cfg := flow.config
	cfg.FlowID = "B2X_1_missing"
	_, err := conformance.Simulate(t.Context(), cfg)
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
}

func assertSimulationHidesSecrets(t *testing.T, sim conformance.Simulation, flow flowUnderTest) {
	t.Helper()
	data, err := json.Marshal(sim)
	require.NoError(t, err)
	for _, s := range []string{pass, "pfx-Secret-pw", "Authorization"} {
		assert.NotContains(t, string(data), s)
	}
	for _, format := range []string{"%v", "%+v", "%#v"} {
		assert.NotContains(t, fmt.Sprintf(format, flow.config.Secrets), pass)
	}
}
