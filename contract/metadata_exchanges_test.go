package contract

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metadataExchanges are the hand-written exchanges of the metadata operations, and of
// documented operations addressed as the metadata allows (a qualified action name,
// `$expand=*`, the beta step), laid out as the documented ones are ("beta/count/1").
func metadataExchanges(t testing.TB) []docExchange {
	t.Helper()
	return exchangesUnder(t, "testdata/metadata")
}

// TestMetadataExchanges holds every metadata exchange to the contract, both ways, and
// through the generated types; and requires that each metadata operation has one.
func TestMetadataExchanges(t *testing.T) {
	v := testValidator(t)
	covered := map[string]bool{}
	for _, ex := range metadataExchanges(t) {
		t.Run(ex.name, func(t *testing.T) {
			req, resp, err := ReadExchange(filepath.Join(ex.dir, "request.http"), filepath.Join(ex.dir, "response.http"))
			require.NoError(t, err)
			input, _ := v.route(req, req.Header, nil)
			require.NotNil(t, input)
			op := input.Route.Operation
			covered[op.OperationID] = true

			reqResult := v.ValidateRequest(req)
			require.True(t, reqResult.Valid, "%+v", reqResult.Violations)
			respResult := v.ValidateResponse(req, resp)
			require.True(t, respResult.Valid, "%+v", respResult.Violations)

			types, ok := bodyTypes[op.OperationID]
			require.True(t, ok, "no generated types listed for %s", op.OperationID)
			assertRoundTrip(t, "request", req.Body, types.request, true)
			if resp.StatusCode < http.StatusMultipleChoices {
				assertRoundTrip(t, "response", resp.Body, types.response, true)
			}
		})
	}
	spec, err := LoadSpec()
	require.NoError(t, err)
	for _, item := range spec.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.Extensions["x-graph-source"] == "metadata" {
				assert.True(t, covered[op.OperationID], "%s has no exchange under testdata/metadata", op.OperationID)
			}
		}
	}
}
