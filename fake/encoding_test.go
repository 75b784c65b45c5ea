package fake

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Graph's SDKs gzip request bodies (Content-Encoding: gzip), and Graph takes them.
func TestGzippedRequestBodiesAreAccepted(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		plain, err := json.Marshal(basicConnector("Zipped", "u", "p"))
		require.NoError(t, err)
		var zipped bytes.Buffer
		zw := gzip.NewWriter(&zipped)
		_, err = zw.Write(plain)
		require.NoError(t, err)
		require.NoError(t, zw.Close())

		r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: zipped.Bytes(),
			header: map[string]string{"Content-Encoding": "gzip"}})
		require.Equal(t, http.StatusCreated, r.status, string(r.body))
		assert.Equal(t, "Zipped", r.str(t, "/displayName"))

		before := len(h.server.Connectors())
		r = h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: plain,
			header: map[string]string{"Content-Encoding": "gzip"}})
		requireGraphError(t, r, http.StatusBadRequest, "invalidRequest")
		assert.Len(t, h.server.Connectors(), before, "a body that does not decode changes nothing")
	})
}
