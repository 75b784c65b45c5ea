package contract

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// bodyTypes gives, per operation, a fresh value of the generated request and success
// response types; nil where the message has no body.
var bodyTypes = map[string]struct{ request, response func() any }{
	"createApiConnector":                      {func() any { return new(gen.IdentityAPIConnectorCreate) }, func() any { return new(gen.IdentityAPIConnector) }},
	"listApiConnectors":                       {nil, func() any { return new(gen.IdentityAPIConnectorCollection) }},
	"getApiConnector":                         {nil, func() any { return new(gen.IdentityAPIConnector) }},
	"updateApiConnector":                      {func() any { return new(gen.IdentityAPIConnectorUpdate) }, nil},
	"deleteApiConnector":                      {nil, nil},
	"uploadClientCertificate":                 {func() any { return new(gen.UploadClientCertificateRequest) }, func() any { return new(gen.IdentityAPIConnector) }},
	"createB2xUserFlow":                       {func() any { return new(gen.B2XIdentityUserFlowCreate) }, func() any { return new(gen.B2XIdentityUserFlow) }},
	"getB2xUserFlowApiConnectorConfiguration": {nil, func() any { return new(gen.UserFlowAPIConnectorConfiguration) }},
	"getB2cUserFlowApiConnectorConfiguration": {nil, func() any { return new(gen.UserFlowAPIConnectorConfiguration) }},
	"putB2xUserFlowApiConnectorReference":     {func() any { return new(gen.APIConnectorReference) }, nil},
	"putB2cUserFlowApiConnectorReference":     {func() any { return new(gen.APIConnectorReference) }, nil},
	// The metadata operations (x-graph-source: metadata); their exchanges are in testdata/metadata.
	"countApiConnectors":                     {nil, func() any { return new(gen.OdataCount) }},
	"getB2xUserFlowStepApiConnector":         {nil, func() any { return new(gen.IdentityAPIConnector) }},
	"getB2cUserFlowStepApiConnector":         {nil, func() any { return new(gen.IdentityAPIConnector) }},
	"updateB2xUserFlowStepApiConnector":      {func() any { return new(gen.IdentityAPIConnectorUpdate) }, nil},
	"updateB2cUserFlowStepApiConnector":      {func() any { return new(gen.IdentityAPIConnectorUpdate) }, nil},
	"uploadB2xUserFlowStepClientCertificate": {func() any { return new(gen.UploadClientCertificateRequest) }, func() any { return new(gen.IdentityAPIConnector) }},
	"uploadB2cUserFlowStepClientCertificate": {func() any { return new(gen.UploadClientCertificateRequest) }, func() any { return new(gen.IdentityAPIConnector) }},
	"getB2xUserFlowApiConnectorReference":    {nil, func() any { return new(gen.APIConnectorReferenceResponse) }},
	"getB2cUserFlowApiConnectorReference":    {nil, func() any { return new(gen.APIConnectorReferenceResponse) }},
	"deleteB2xUserFlowApiConnectorReference": {nil, nil},
	"deleteB2cUserFlowApiConnectorReference": {nil, nil},
}

// TestRoundTripThroughGeneratedTypes decodes every documented body into the generated type of
// its operation and re-encodes it: the JSON must be semantically equal to the original, so
// the generated code neither drops nor invents anything the docs show. A body with a listed
// defect may instead be refused by the generated type (an abbreviated pkcs12Value is not
// base64), but must never decode into something different.
func TestRoundTripThroughGeneratedTypes(t *testing.T) {
	v := testValidator(t)
	for _, ex := range documentedExchanges(t) {
		t.Run(ex.name, func(t *testing.T) {
			req, resp, err := ReadExchange(filepath.Join(ex.dir, "request.http"), filepath.Join(ex.dir, "response.http"))
			require.NoError(t, err)
			input, vs := v.route(req, req.Header, nil)
			require.Empty(t, vs)
			types, ok := bodyTypes[input.Route.Operation.OperationID]
			require.True(t, ok, "no generated types listed for %s", input.Route.Operation.OperationID)

			reqValid := v.ValidateRequest(req).Valid
			assertRoundTrip(t, "request", req.Body, types.request, reqValid)
			if resp.StatusCode < http.StatusMultipleChoices {
				respValid := v.ValidateResponse(req, resp).Valid
				assertRoundTrip(t, "response", resp.Body, types.response, respValid)
			}
		})
	}
}

func assertRoundTrip(t *testing.T, side string, body io.Reader, newValue func() any, valid bool) {
	t.Helper()
	data, err := io.ReadAll(body)
	require.NoError(t, err)
	if newValue == nil {
		assert.Empty(t, data, "%s has a body its operation does not define", side)
		return
	}
	value := newValue()
	if err := json.Unmarshal(data, value); err != nil {
		require.False(t, valid, "a valid %s body must decode: %v", side, err)
		return
	}
	again, err := json.Marshal(value)
	require.NoError(t, err, side)
	assert.JSONEq(t, string(data), string(again), side)
}
