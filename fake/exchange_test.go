package fake

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRequestOrigin(t *testing.T) {
	cases := []struct {
		name   string
		target string
		tls    bool
		host   string
		want   string
	}{
		{"plain server request", "/v1.0/x", false, "127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"TLS server request", "/v1.0/x", true, "fake.test", "https://fake.test"},
		{"client request keeps its scheme", "https://graph.microsoft.us/v1.0/x", false, "", "https://graph.microsoft.us"},
		{"no host at all", "/v1.0/x", false, "", "http://localhost"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequestWithContext(t.Context(), http.MethodGet, tc.target, nil)
			r.Host = tc.host
			if tc.target[0] != '/' {
				r.URL.Host, r.Host = "graph.microsoft.us", ""
			}
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			} else {
				r.TLS = nil
			}
			assert.Equal(t, tc.want, requestOrigin(r))
		})
	}
}

func TestNewExchange(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	s := New(WithClock(func() time.Time { return at }))
	cases := []struct {
		path    string
		baseURL string
	}{
		{"/beta/identity/apiConnectors", "http://fake.test/beta"},
		{"/v1.0/identity/apiConnectors", "http://fake.test/v1.0"},
		{"/v9/identity/apiConnectors", "http://fake.test/v1.0"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			r := httptest.NewRequestWithContext(t.Context(), http.MethodGet, tc.path, nil)
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
