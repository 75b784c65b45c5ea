package contract

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransportRecordsVerdictsAndKeepsBodies(t *testing.T) {
	const created = `{"id":"1","displayName":"Test API","targetUrl":"https://someapi.com/api",` +
		`"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"leaked-password"}}`
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		assert.Contains(t, string(body), `"displayName":"Test API"`, "the request body reaches the server whole")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, created)
	}))
	defer server.Close()

	transport, err := NewTransport(nil)
	require.NoError(t, err)
	httpClient := &http.Client{Transport: transport}
	body := `{"displayName":"Test API","targetUrl":"https://someapi.com/api",` +
		`"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}`
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, server.URL+"/v1.0/identity/apiConnectors", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient.Do(req)
	require.NoError(t, err)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, created, string(got), "the response body reaches the caller whole") //nolint:testifylint // encoded-compare: byte for byte is the point; JSONEq would pass a re-encoded body

	exchanges := transport.Exchanges()
	require.Len(t, exchanges, 1)
	assert.True(t, exchanges[0].Request.Valid)
	assert.False(t, exchanges[0].Response.Valid)
	require.Len(t, transport.Invalid(), 1)
	assert.Equal(t, KindSecretLeak, transport.Invalid()[0].Response.Violations[0].Kind)
}

// A gzipped request body is consumed by sending; the response is still checked.
func TestTransportChecksResponsesToGzippedRequests(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"1","displayName":"Test API"}`)
	}))
	defer server.Close()
	transport, err := NewTransport(nil)
	require.NoError(t, err)
	body := gzipped(t, `{"displayName":"Test API","targetUrl":"https://someapi.com/api",`+
		`"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}`)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, server.URL+"/v1.0/identity/apiConnectors", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := (&http.Client{Transport: transport}).Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Empty(t, transport.Invalid())
	require.Len(t, transport.Exchanges(), 1)
	assert.True(t, transport.Exchanges()[0].Response.Valid)
}
