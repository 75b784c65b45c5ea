package fake

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestRequestOrigin: links are built from the address served, never from a Host header or
// an absolute-form target that names another host.
func TestRequestOrigin(t *testing.T) {
	loopback := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	public := &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 443}
	cases := []struct {
		name   string
		target string
		local  net.Addr
		tls    bool
		host   string
		want   string
	}{
		{"served address", "/v1.0/x", loopback, false, "127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"loopback name of the served port", "/v1.0/x", loopback, false, "localhost:8080", "http://localhost:8080"},
		{"hostile Host", "/v1.0/x", loopback, false, "evil.example", "http://127.0.0.1:8080"},
		{"hostile Host with the served port", "/v1.0/x", loopback, false, "evil.example:8080", "http://127.0.0.1:8080"},
		{"loopback proxy in front", "/v1.0/x", loopback, false, "localhost:9999", "http://localhost:9999"},
		{"loopback Host on a public address", "/v1.0/x", public, false, "localhost:443", "http://10.0.0.5:443"},
		{"absolute-form target", "http://evil.example/v1.0/x", loopback, false, "evil.example", "http://127.0.0.1:8080"},
		{"TLS", "/v1.0/x", public, true, "fake.test", "https://10.0.0.5:443"},
		{"no served address", "/v1.0/x", nil, false, "evil.example", "http://localhost"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			if tc.local != nil {
				ctx = context.WithValue(ctx, http.LocalAddrContextKey, tc.local)
			}
			r := httptest.NewRequestWithContext(ctx, http.MethodGet, tc.target, nil)
			r.Host = tc.host
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			} else {
				r.TLS = nil
			}
			assert.Equal(t, tc.want, requestOrigin(r))
		})
	}
	inProcess := context.WithValue(t.Context(), servedOriginKey{}, "https://graph.microsoft.us")
	r := httptest.NewRequestWithContext(inProcess, http.MethodGet, "/v1.0/x", nil)
	assert.Equal(t, "https://graph.microsoft.us", requestOrigin(r))
}

func TestNewExchange(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	s := New(WithClock(func() time.Time { return at }))
	cases := []struct {
		path    string
		baseURL string
	}{
		{"/beta/identity/apiConnectors", "http://127.0.0.1:8080/beta"},
		{"/v1.0/identity/apiConnectors", "http://127.0.0.1:8080/v1.0"},
		{"/v9/identity/apiConnectors", "http://127.0.0.1:8080/v1.0"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			ctx := context.WithValue(t.Context(), http.LocalAddrContextKey, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
			r := httptest.NewRequestWithContext(ctx, http.MethodGet, tc.path, nil)
			r.Host = "fake.test"
			r.Header.Set("client-request-id", "cid")
			ex := s.newExchange(r)
			assert.Equal(t, tc.baseURL, ex.baseURL)
			assert.Equal(t, "cid", ex.clientRequestID)
			assert.Equal(t, at, ex.now)
			assert.Regexp(t, uuidPattern, ex.requestID)
			assert.Same(t, ex, s.exchangeFrom(withExchange(t.Context(), ex)))
		})
	}
	assert.Equal(t, defaultBaseURL, s.exchangeFrom(t.Context()).baseURL, "outside a request")
}

func TestNewUUIDIsRandomVersion4(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := newUUID()
		assert.Regexp(t, uuidPattern, id)
		assert.False(t, seen[id])
		seen[id] = true
	}
}
