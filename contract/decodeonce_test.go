package contract

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodingOnceFindsWhatDecodingTwiceFinds holds the validator to the one that leaves
// every response body to openapi3filter: the same violations, in the same order, on every
// documented and metadata exchange and every response of the negative tables.
func TestDecodingOnceFindsWhatDecodingTwiceFinds(t *testing.T) {
	once := testValidator(t)
	twice, err := NewValidatorDecodingTwice()
	require.NoError(t, err)
	compared, decoded := 0, 0
	compare := func(name string, exchange func() (*http.Request, *http.Response)) {
		req, resp := exchange()
		want := twice.ValidateResponse(req, resp)
		_ = resp.Body.Close()
		req, resp = exchange()
		got := once.ValidateResponse(req, resp)
		_ = resp.Body.Close()
		assert.Equal(t, want, got, name)
		compared++
		if input, _ := once.responseRoute(req); input != nil && jsonResponseBody(input, resp.StatusCode, resp.Header) != nil {
			decoded++
		}
	}
	for _, ex := range append(documentedExchanges(t), exchangesUnder(t, "testdata/metadata")...) {
		compare(ex.name, func() (*http.Request, *http.Response) {
			req, resp, err := ReadExchange(filepath.Join(ex.dir, "request.http"), filepath.Join(ex.dir, "response.http"))
			require.NoError(t, err)
			return req, resp
		})
	}
	for _, c := range negCases() {
		if c.side == "response" {
			compare(c.name, func() (*http.Request, *http.Response) { return c.request(), c.response() })
		}
	}
	t.Logf("%d responses compared, %d of them decoded once", compared, decoded)
	require.Greater(t, decoded, compared/2, "most responses take the decode-once path")
}
