package client_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

// TestGetDecodesNullProperties: Graph may write null for any connector property the CSDL
// leaves nullable; the client reads it as absent.
func TestGetDecodesNullProperties(t *testing.T) {
	for _, body := range []string{
		`{"id":"c1","displayName":null,"targetUrl":null,"authenticationConfiguration":null}`,
		`{"id":"c1","displayName":null,"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":null,"password":null}}`,
		`{"id":"c1","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":null}}`,
	} {
		c, err := client.New(client.WithStaticToken("t"), client.WithHTTPClient(&http.Client{Transport: fixedBody(body)}))
		require.NoError(t, err)
		conn, err := c.Get(t.Context(), "c1")
		require.NoError(t, err, body)
		assert.Equal(t, "c1", conn.ID)
		assert.Empty(t, conn.DisplayName)
	}
}

type fixedBody string

func (a fixedBody) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(string(a))), Request: req}, nil
}
