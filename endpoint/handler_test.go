package endpoint_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/endpoint"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

const (
	user = "connector-user"
	pass = "s3cret-basic-pass"
)

type answer struct {
	status int
	header http.Header
	body   string
}

func post(t *testing.T, h http.Handler, body string, auth func(*http.Request)) answer {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/api/loyalty?code=abc", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != nil {
		auth(req)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return answer{rec.Code, rec.Header(), rec.Body.String()}
}

func basic(u, p string) func(*http.Request) { return func(r *http.Request) { r.SetBasicAuth(u, p) } }

func newEndpoint(t *testing.T, fn endpoint.HandlerFunc, opts ...endpoint.Option) http.Handler {
	t.Helper()
	h, err := endpoint.New(fn, append([]endpoint.Option{endpoint.WithBasicAuth(user, pass)}, opts...)...)
	require.NoError(t, err)
	return h
}

func fixed(r endpoint.Response, err error) endpoint.HandlerFunc {
	return func(context.Context, endpoint.Request) (endpoint.Response, error) { return r, err }
}

// TestAnswersMeetTheContract sends each answer and checks it with the call contract, at a
// step that allows it.
func TestAnswersMeetTheContract(t *testing.T) {
	c, err := callcontract.Load()
	require.NoError(t, err)
	tests := []struct {
		name   string
		step   callcontract.Step
		fn     endpoint.HandlerFunc
		status int
		action callcontract.Action
	}{
		{"continue with claims", callcontract.PostAttributeCollection,
			fixed(endpoint.Continue(map[string]any{"postalCode": "98052", "extension_LoyaltyNumber": "0012345"}), nil), 200, callcontract.Continue},
		{"a nil claim is left out", callcontract.PostAttributeCollection,
			fixed(endpoint.Continue(map[string]any{"city": nil, "postalCode": "98052"}), nil), 200, callcontract.Continue},
		{"continue with none", callcontract.PostFederationSignup, fixed(endpoint.Continue(nil), nil), 200, callcontract.Continue},
		{"block", callcontract.PostFederationSignup, fixed(endpoint.Block("No sign-ups from this domain."), nil), 200, callcontract.ShowBlockPage},
		{"validation error", callcontract.PostAttributeCollection, fixed(endpoint.ValidationError("Enter a valid postal code."), nil), 400, callcontract.ValidationError},
		{"handler error falls back to a block page", callcontract.PostAttributeCollection, fixed(endpoint.Response{}, errors.New("database down: password=hunter2")), 200, callcontract.ShowBlockPage},
		{"panic falls back to a block page", callcontract.PostAttributeCollection, func(context.Context, endpoint.Request) (endpoint.Response, error) {
			panic("boom at /home/app/main.go:42")
		}, 200, callcontract.ShowBlockPage},
		{"zero response falls back", callcontract.PostAttributeCollection, fixed(endpoint.Response{}, nil), 200, callcontract.ShowBlockPage},
		{"empty block message falls back", callcontract.PostAttributeCollection, fixed(endpoint.Block(""), nil), 200, callcontract.ShowBlockPage},
		{"validation error after federation falls back", callcontract.PostFederationSignup, fixed(endpoint.ValidationError("x"), nil), 200, callcontract.ShowBlockPage},
		{"unknown claim name falls back", callcontract.PostAttributeCollection, fixed(endpoint.Continue(map[string]any{"pers": "x"}), nil), 200, callcontract.ShowBlockPage},
		{"built-in claim of the wrong type falls back", callcontract.PostAttributeCollection, fixed(endpoint.Continue(map[string]any{"postalCode": 98052}), nil), 200, callcontract.ShowBlockPage},
		{"block before the token falls back to continue", callcontract.PreTokenIssuance, fixed(endpoint.Block("x"), nil), 200, callcontract.Continue},
		{"email before the token falls back to continue", callcontract.PreTokenIssuance, fixed(endpoint.Continue(map[string]any{"email": "a@b.example"}), nil), 200, callcontract.Continue},
		{"panic before the token falls back to continue", callcontract.PreTokenIssuance, func(context.Context, endpoint.Request) (endpoint.Response, error) {
			panic("boom")
		}, 200, callcontract.Continue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newEndpoint(t, tt.fn, endpoint.WithStep(endpoint.Step(tt.step)))
			got := post(t, h, `{"email":"a@b.example","postalCode":"98052"}`, basic(user, pass))
			require.Equal(t, tt.status, got.status, got.body)
			reply := c.CheckReply(callcontract.B2C, tt.step, got.status, got.header, []byte(got.body))
			assert.Empty(t, reply.Violations)
			assert.Equal(t, tt.action, reply.Action)
			for _, leak := range []string{"hunter2", "boom", "main.go", "goroutine"} {
				assert.NotContains(t, got.body, leak)
			}
		})
	}
}

func TestCredentials(t *testing.T) {
	ok := fixed(endpoint.Continue(nil), nil)
	h := newEndpoint(t, ok)
	tests := []struct {
		name   string
		auth   func(*http.Request)
		status int
	}{
		{"right", basic(user, pass), 200},
		{"wrong password", basic(user, pass+"x"), 401},
		{"wrong username", basic("other", pass), 401},
		{"prefix of the password", basic(user, pass[:4]), 401},
		{"none", nil, 401},
		{"bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+pass) }, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := post(t, h, `{}`, tt.auth)
			assert.Equal(t, tt.status, got.status)
			assert.NotContains(t, got.body, pass)
			if tt.status == 401 {
				assert.Contains(t, got.header.Get("WWW-Authenticate"), "Basic")
			}
		})
	}

	_, err := endpoint.New(ok)
	require.Error(t, err, "an endpoint without authentication is refused")
	_, err = endpoint.New(ok, endpoint.WithBasicAuth(user, ""))
	require.Error(t, err)
	_, err = endpoint.New(ok, endpoint.WithClientCertificate("not-hex"))
	require.Error(t, err)
}

func TestClientCertificate(t *testing.T) {
	good, other := testpfx.Valid(t, ""), testpfx.Valid(t, "")
	var seen *x509.Certificate
	h, err := endpoint.New(func(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
		seen = req.Certificate
		return endpoint.Continue(nil), nil
	}, endpoint.WithClientCertificate(strings.ToLower(good.Thumbprint)))
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	defer srv.Close()

	for _, tt := range []struct {
		name   string
		pfx    testpfx.PFX
		status int
	}{{"uploaded certificate", good, 200}, {"another certificate", other, 401}} {
		t.Run(tt.name, func(t *testing.T) {
			seen = nil
			key, cert, err := pkcs12.Decode(tt.pfx.Data, tt.pfx.Password)
			require.NoError(t, err)
			cl := srv.Client()
			tr := cl.Transport.(*http.Transport).Clone()
			tr.TLSClientConfig.Certificates = []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}}
			cl.Transport = tr
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/hook", strings.NewReader(`{}`))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			resp, err := cl.Do(req)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			require.NoError(t, resp.Body.Close())
			assert.Equal(t, tt.status, resp.StatusCode)
			if tt.status == 200 {
				require.NotNil(t, seen)
				assert.Equal(t, cert.Raw, seen.Raw)
			}
		})
	}
}

func TestRequestDecoding(t *testing.T) {
	var got endpoint.Request
	h := newEndpoint(t, func(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
		got = req
		return endpoint.Continue(nil), nil
	}, endpoint.WithStep(endpoint.PostAttributeCollection))

	body := `{"email":"zoë@contoso.example","surname":"Müller","postalCode":"98052",` +
		`"extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_LoyaltyNumber":"0012345","extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_Premium":true,` +
		`"identities":[{"signInType":"federated","issuer":"facebook.com","issuerAssignedId":"0123456789"}],"step":"PostFederationSignup"}`
	require.Equal(t, 200, post(t, h, body, basic(user, pass)).status)
	assert.Equal(t, endpoint.PostFederationSignup, got.Step, "the B2C step claim wins over WithStep")
	require.NotNil(t, got.Claims.Surname)
	assert.Equal(t, "Müller", *got.Claims.Surname)
	v, ok := got.Claim("postalCode")
	assert.True(t, ok)
	assert.Equal(t, "98052", v)
	_, ok = got.Claim("city")
	assert.False(t, ok, "a claim not sent is absent")
	for _, name := range []string{"LoyaltyNumber", "extension_LoyaltyNumber", "extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_LoyaltyNumber", "extension_00000000000000000000000000000000_LoyaltyNumber"} {
		s, ok := got.AttributeString(name)
		assert.True(t, ok, name)
		assert.Equal(t, "0012345", s, name)
	}
	premium, ok := got.Attribute("Premium")
	assert.True(t, ok)
	assert.Equal(t, true, premium)
	_, ok = got.AttributeString("Premium")
	assert.False(t, ok, "not a string")
	_, ok = got.Attribute("Missing")
	assert.False(t, ok)
	require.NotNil(t, got.Claims.Identities)
	assert.Equal(t, "facebook.com", *(*got.Claims.Identities)[0].Issuer)

	require.Equal(t, 200, post(t, h, `{"email":"a@b.example"}`, basic(user, pass)).status)
	assert.Equal(t, endpoint.PostAttributeCollection, got.Step, "without a step claim, the configured step")
}

func TestBadCalls(t *testing.T) {
	h := newEndpoint(t, fixed(endpoint.Continue(nil), nil))
	got := post(t, h, `{"email": "a@b.example", "password": "leaked?`, basic(user, pass))
	assert.Equal(t, 400, got.status)
	assert.NotContains(t, got.body, "leaked")

	rec := httptest.NewRecorder()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/", nil)
	req.SetBasicAuth(user, pass)
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)

	unauth := post(t, h, `not json`, nil)
	assert.Equal(t, 401, unauth.status, "credentials are checked before the body is read")
}
