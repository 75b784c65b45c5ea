package proxy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/har"
	"github.com/graph-apiconnector/apiconnector/proxy"
)

const (
	token    = "eyJhbGciOi.unit-token-secret"
	password = "unit-password-secret"
	createJS = `{"displayName":"Test API","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"` + password + `"}}`
)

// hostile answers in ways that would put the request's secrets into a recording.
func hostile(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Query().Get("case") {
	case "echo-in-message":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":{"code":"invalidRequest","message":"password `+password+` is too weak"}}`)
	case "echo-text":
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "upstream saw "+base64.StdEncoding.EncodeToString([]byte(token)))
	case "token-header":
		w.Header().Set("X-Debug-Auth", r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusNoContent)
	case "gzip-leak":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusCreated)
		zw := gzip.NewWriter(w)
		_, _ = io.WriteString(zw, `{"id":"x","displayName":"Test API","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"leaked-in-gzip"}}`)
		_ = zw.Close()
	}
}

func TestRecordingHoldsNoSecret(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(hostile))
	defer upstream.Close()
	u, err := url.Parse(upstream.URL)
	require.NoError(t, err)
	v, err := contract.NewValidator()
	require.NoError(t, err)
	var recording bytes.Buffer
	rec, err := har.NewWriter(&recording, "test", "0")
	require.NoError(t, err)
	p, err := proxy.New(proxy.Options{Upstream: u, Validator: v, Recorder: rec})
	require.NoError(t, err)
	front := httptest.NewServer(p)
	defer front.Close()

	cases := []string{"echo-in-message", "echo-text", "token-header", "gzip-leak"}
	for _, c := range cases {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPost,
			front.URL+"/v1.0/identity/apiConnectors?case="+c+"&secret="+url.QueryEscape(password), strings.NewReader(createJS))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := front.Client().Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		if c == "echo-in-message" {
			assert.Contains(t, string(body), password, "the client gets the upstream's answer unchanged")
		}
	}
	require.NoError(t, rec.Close())

	for _, secret := range []string{token, password, "leaked-in-gzip"} {
		for _, form := range []string{secret, base64.StdEncoding.EncodeToString([]byte(secret)), url.QueryEscape(secret)} {
			assert.NotContains(t, recording.String(), form)
		}
	}
	exchanges, err := har.Read(bytes.NewReader(recording.Bytes()), "rec.har")
	require.NoError(t, err)
	require.Len(t, exchanges, len(cases))
	gz := exchanges[3].Response
	body, err := io.ReadAll(gz.Body)
	require.NoError(t, err)
	assert.Contains(t, string(body), `"password":"******"`, "a compressed body is recorded decoded and masked")
	assert.Equal(t, "******", exchanges[2].Response.Header.Get("X-Debug-Auth"))

	s := p.Summary()
	assert.Equal(t, len(cases), s.Exchanges)
	assert.Positive(t, s.Invalid, "the leak in the gzip response is a violation")
	assert.Zero(t, s.RecordErrors)
}

func TestUpstreamUnreachable(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	u, err := url.Parse(dead.URL)
	require.NoError(t, err)
	dead.Close()
	v, err := contract.NewValidator()
	require.NoError(t, err)
	p, err := proxy.New(proxy.Options{Upstream: u, Validator: v})
	require.NoError(t, err)
	req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/v1.0/identity/apiConnectors", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	p.ServeHTTP(w, req)
	assert.Equal(t, http.StatusBadGateway, w.Code)
	assert.Equal(t, proxy.Summary{Exchanges: 1, Invalid: 1}, p.Summary())
}

func TestNewRefusesIncompleteOptions(t *testing.T) {
	v, err := contract.NewValidator()
	require.NoError(t, err)
	_, err = proxy.New(proxy.Options{Validator: v})
	require.Error(t, err)
	_, err = proxy.New(proxy.Options{Upstream: &url.URL{Path: "/x"}, Validator: v})
	require.Error(t, err)
	_, err = proxy.New(proxy.Options{Upstream: &url.URL{Scheme: "https", Host: "graph.microsoft.com"}})
	require.Error(t, err)
}
