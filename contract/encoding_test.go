package contract

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// Microsoft's Graph SDKs gzip request bodies; Graph accepts them, and so must the validator.
func TestGzippedRequestBodiesAreValidatedDecompressed(t *testing.T) {
	v := testValidator(t)
	valid := `{"displayName":"Test API","targetUrl":"https://someapi.com/api","authenticationConfiguration":` +
		`{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}`
	for _, tc := range []struct {
		name     string
		encoding string
		body     []byte
		pointer  string
		kind     Kind
	}{
		{"valid gzip", "gzip", gzipped(t, valid), "", ""},
		{"invalid gzip content", "gzip", gzipped(t, `{"displayName":"x"}`), "/targetUrl", "required"},
		{"not gzip at all", "gzip", []byte(valid), "/header/Content-Encoding", KindHeader},
		{"unknown encoding", "br", []byte(valid), "/header/Content-Encoding", KindHeader},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// http.NewRequestWithContext sets GetBody, which replays the encoded bytes.
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://graph.microsoft.com/v1.0/identity/apiConnectors", bytes.NewReader(tc.body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Content-Encoding", tc.encoding)
			res := v.ValidateRequest(req)
			if tc.kind == "" {
				assert.True(t, res.Valid, "%v", res.Violations)
				return
			}
			require.False(t, res.Valid)
			assert.True(t, hasViolation(res, tc.pointer, tc.kind), "want %s at %q in %v", tc.kind, tc.pointer, res.Violations)
		})
	}
}
