package conformance_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/conformance"
	"github.com/graph-apiconnector/apiconnector/endpoint"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// TestSimulateRunsB2CsPreTokenStepLast: a B2C flow in beta with a connector before the user
// is created and one before the token is issued calls both, in that order, and the token
// step sees the claims the first one returned.
func TestSimulateRunsB2CsPreTokenStepLast(t *testing.T) {
	var order []string
	var tokenStep endpoint.Request
	before := httptest.NewServer(conformant(t, func(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
		order = append(order, string(req.Step))
		return endpoint.Continue(map[string]any{"extension_LoyaltyNumber": "0012345"}), nil
	}, endpoint.WithBasicAuth(user, pass), endpoint.WithStep(endpoint.PostAttributeCollection)))
	t.Cleanup(before.Close)
	token := httptest.NewServer(conformant(t, func(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
		order = append(order, string(req.Step))
		tokenStep = req
		return endpoint.Continue(map[string]any{"extension_Tier": "gold"}), nil
	}, endpoint.WithBasicAuth(user, pass), endpoint.WithStep(endpoint.PreTokenIssuance)))
	t.Cleanup(token.Close)

	server := fake.New()
	seed := fmt.Sprintf(`{"connectors":[
		{"id":"before","displayName":"Loyalty","targetUrl":%q,"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":%q}},
		{"id":"token","displayName":"Tier","targetUrl":%q,"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":%q}}],
		"userFlows":[{"kind":"b2c","id":"B2C_1_signup","apiConnectorConfiguration":{"postAttributeCollection":"before","preTokenIssuance":"token"}}]}`,
		before.URL+"/loyalty", user, token.URL+"/tier", user)
	require.NoError(t, server.LoadSeed(strings.NewReader(seed)))
	graph, err := client.New(client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("fake-token"), client.WithAPIVersion(client.VersionBeta))
	require.NoError(t, err)

	sim, err := conformance.Simulate(t.Context(), conformance.SimulationConfig{
		Graph: graph, Kind: client.B2C, FlowID: "B2C_1_signup",
		Claims:  map[string]any{"email": "a@contoso.example", "postalCode": "98052"},
		Secrets: map[string]conformance.Secret{"before": {Password: pass}, "token": {Password: pass}},
		Budget:  testBudget,
	})
	require.NoError(t, err)
	assert.Equal(t, conformance.OutcomeContinue, sim.Outcome)
	assert.True(t, sim.Conformant(), "%+v", sim.Calls)
	require.Len(t, sim.Calls, 2)
	assert.Equal(t, callcontract.PostAttributeCollection, sim.Calls[0].Step)
	assert.Equal(t, callcontract.PreTokenIssuance, sim.Calls[1].Step)
	assert.Equal(t, "token", sim.Calls[1].ConnectorID)
	assert.Equal(t, []string{string(endpoint.PostAttributeCollection), string(endpoint.PreTokenIssuance)}, order)
	got, _ := tokenStep.Attribute("LoyaltyNumber")
	assert.Equal(t, "0012345", got, "the token step sees what the step before returned")
	assert.Equal(t, "gold", sim.Claims["extension_Tier"])
}
