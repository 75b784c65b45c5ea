package conformance_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/conformance"
	"github.com/graph-apiconnector/apiconnector/endpoint"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

const (
	user = "flow-user"
	pass = "Sup3r-secret-Basic-pw"
)

// testBudget stands in for the platform's budget, so a slow endpoint fails fast.
const testBudget = 300 * time.Millisecond

// raw answers every authenticated call with status, content type and body.
func raw(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != pass {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = fmt.Fprint(w, body)
	}
}

// conformant is an endpoint built with the endpoint package.
func conformant(t *testing.T, fn endpoint.HandlerFunc, opts ...endpoint.Option) http.Handler {
	t.Helper()
	if len(opts) == 0 {
		opts = []endpoint.Option{endpoint.WithBasicAuth(user, pass)}
	}
	h, err := endpoint.New(fn, opts...)
	require.NoError(t, err)
	return h
}

func cont(context.Context, endpoint.Request) (endpoint.Response, error) {
	return endpoint.Continue(map[string]any{"extension_LoyaltyNumber": "42"}), nil
}

// claimsDependent answers 500 when the call's claims match bad.
func claimsDependent(bad func(map[string]any) bool) http.HandlerFunc {
	ok := raw(200, "application/json", `{"version":"1.0.0","action":"Continue"}`)
	return func(w http.ResponseWriter, r *http.Request) {
		var claims map[string]any
		if err := json.NewDecoder(r.Body).Decode(&claims); err != nil || bad(claims) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		ok(w, r)
	}
}

// TestBrokenEndpoints runs the tester against endpoints that each break one rule, and
// asserts which check fails and with what kind.
func TestBrokenEndpoints(t *testing.T) {
	block400 := `{"version":"1.0.0","action":"ShowBlockPage","userMessage":"No."}`
	verr := `{"version":"1.0.0","action":"ValidationError","status":"400","userMessage":"Bad."}`
	tests := []struct {
		name     string
		handler  http.Handler
		platform callcontract.Platform
		step     callcontract.Step
		check    string
		kind     callcontract.Kind
	}{
		{"block page sent with 400", raw(400, "application/json", block400), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindStatus},
		{"validation error sent with 200", raw(200, "application/json", verr), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindStatus},
		{"preview-era version", raw(200, "application/json", `{"version":"0.0.1","action":"Continue"}`), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, "enum"},
		{"no version", raw(200, "application/json", `{"action":"Continue"}`), callcontract.B2C, callcontract.PostFederationSignup, conformance.CheckDocumented, "required"},
		{"trailing comma", raw(200, "application/json", `{"version":"1.0.0","action":"Continue",}`), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindBody},
		{"text/plain", raw(200, "text/plain", `{"version":"1.0.0","action":"Continue"}`), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindContentType},
		{"claim the flow ignores", raw(200, "application/json", `{"version":"1.0.0","action":"Continue","pers":"x"}`), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindClaim},
		{"validation error after federation", raw(400, "application/json", verr), callcontract.Entra, callcontract.PostFederationSignup, conformance.CheckDocumented, callcontract.KindAction},
		{"block page before the token", raw(200, "application/json", block400), callcontract.B2C, callcontract.PreTokenIssuance, conformance.CheckDocumented, callcontract.KindAction},
		{"overwrites email before the token", raw(200, "application/json", `{"version":"1.0.0","action":"Continue","email":"x@y.example"}`), callcontract.B2C, callcontract.PreTokenIssuance, conformance.CheckDocumented, callcontract.KindReadOnlyClaim},
		{"server error", raw(500, "text/html", `<h1>Internal Server Error</h1>`), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindStatus},
		{"slower than the budget", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * testBudget):
			}
			raw(200, "application/json", `{"version":"1.0.0","action":"Continue"}`)(w, r)
		}), callcontract.B2C, callcontract.PostAttributeCollection, conformance.CheckDocumented, callcontract.KindTimeout},
		{"accepts any credentials", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprint(w, `{"version":"1.0.0","action":"Continue"}`)
		}), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckWrongCredentials, callcontract.KindAuth},
		{"fails on non-ASCII names", claimsDependent(func(c map[string]any) bool {
			s, _ := c["displayName"].(string)
			return len(s) != utf8.RuneCountInString(s)
		}), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckNonASCII, callcontract.KindStatus},
		{"needs an optional claim", claimsDependent(func(c map[string]any) bool {
			_, ok := c["displayName"]
			return !ok
		}), callcontract.Entra, callcontract.PostAttributeCollection, conformance.CheckOptionalLeftOut, callcontract.KindStatus},
		{"fails on the minimal claims", claimsDependent(func(c map[string]any) bool {
			_, ok := c["ui_locales"]
			return !ok
		}), callcontract.B2C, callcontract.PostAttributeCollection, conformance.CheckMinimal, callcontract.KindStatus},
		{"fails on a custom attribute", claimsDependent(func(c map[string]any) bool {
			_, ok := c[conformance.CustomAttribute]
			return ok
		}), callcontract.Entra, callcontract.PostFederationSignup, conformance.CheckCustomAttribute, callcontract.KindStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			report, err := conformance.Test(t.Context(), conformance.Config{
				URL: srv.URL + "/api", Platform: tt.platform, Step: tt.step,
				Credentials: conformance.Basic(user, pass), Budget: testBudget,
			})
			require.NoError(t, err)
			assert.False(t, report.Conformant)
			assertFails(t, report, tt.check, tt.kind)
			assertNoSecret(t, report)
		})
	}
}

func TestConformantEndpoints(t *testing.T) {
	for _, platform := range []callcontract.Platform{callcontract.Entra, callcontract.B2C} {
		for _, step := range []callcontract.Step{callcontract.PostFederationSignup, callcontract.PostAttributeCollection, callcontract.PreTokenIssuance} {
			if platform == callcontract.Entra && step == callcontract.PreTokenIssuance {
				continue
			}
			t.Run(string(platform)+"/"+string(step), func(t *testing.T) {
				srv := httptest.NewServer(conformant(t, cont))
				defer srv.Close()
				report, err := conformance.Test(t.Context(), conformance.Config{
					URL: srv.URL + "/api?code=api-key-123", Platform: platform, Step: step,
					Credentials: conformance.Basic(user, pass),
					Claims:      map[string]any{"email": "a@b.example", "city": "Oslo"},
				})
				require.NoError(t, err)
				assert.True(t, report.Conformant, "%+v", report.Checks)
				names := checkNames(report)
				assert.Contains(t, names, conformance.CheckClaimsFile)
				assert.Contains(t, names, conformance.CheckWrongCredentials)
				assert.NotContains(t, names, conformance.CheckTLS, "no TLS check for a loopback http target")
				assert.NotContains(t, report.URL, "api-key-123")
				assertNoSecret(t, report)
			})
		}
	}
}

// tlsServer serves h over TLS that asks for a client certificate, with cfg applied.
func tlsServer(t *testing.T, h http.Handler, tweak func(*tls.Config)) (*httptest.Server, *x509.CertPool) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point of some rows
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert, MinVersion: tls.VersionTLS12}
	if tweak != nil {
		tweak(srv.TLS)
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return srv, pool
}

func TestClientCertificateOverTLS(t *testing.T) {
	pfx := testpfx.Valid(t, "pfx-Secret-pw")
	creds, err := conformance.Certificate(pfx.Data, pfx.Password)
	require.NoError(t, err)
	assert.Equal(t, pfx.Thumbprint, creds.Thumbprint())
	byThumbprint := conformant(t, cont, endpoint.WithClientCertificate(pfx.Thumbprint))
	acceptsAnyCert := conformant(t, cont, endpoint.WithClientCertificate(pfx.Thumbprint))
	anyCert := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Looks at the certificate's presence only, not at which one it is.
		r.TLS.PeerCertificates = nil
		acceptsAnyCert.ServeHTTP(w, withCert(r, pfx))
	})

	tests := []struct {
		name       string
		handler    http.Handler
		tweak      func(*tls.Config)
		conformant bool
		check      string
		kind       callcontract.Kind
	}{
		{"thumbprint checked", byThumbprint, nil, true, "", ""},
		{"any certificate accepted", anyCert, nil, false, conformance.CheckWrongCredentials, callcontract.KindAuth},
		{"TLS 1.3 only", byThumbprint, func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, false, conformance.CheckTLS, callcontract.KindTLS},
		{"no documented cipher suite", byThumbprint, func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}
		}, false, conformance.CheckTLS, callcontract.KindTLS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, pool := tlsServer(t, tt.handler, tt.tweak)
			report, err := conformance.Test(t.Context(), conformance.Config{
				URL: srv.URL + "/hook", Platform: callcontract.B2C, Step: callcontract.PostAttributeCollection,
				Credentials: creds, RootCAs: pool,
			})
			require.NoError(t, err)
			assert.Equal(t, tt.conformant, report.Conformant, "%+v", report.Checks)
			if tt.conformant {
				assert.Contains(t, checkNames(report), conformance.CheckTLS)
			} else {
				assertFails(t, report, tt.check, tt.kind)
			}
			assertNoSecret(t, report)
		})
	}
}

// withCert puts the connector's certificate back as the peer's, whatever was presented.
func withCert(r *http.Request, pfx testpfx.PFX) *http.Request {
	state := *r.TLS
	state.PeerCertificates = []*x509.Certificate{pfx.Cert}
	r.TLS = &state
	return r
}

func TestBadInputAndUnreachable(t *testing.T) {
	srv := httptest.NewServer(conformant(t, cont))
	defer srv.Close()
	good := conformance.Config{URL: srv.URL, Platform: callcontract.Entra, Step: callcontract.PostAttributeCollection, Credentials: conformance.Basic(user, pass)}
	tests := []struct {
		name   string
		change func(*conformance.Config)
		want   error
	}{
		{"relative url", func(c *conformance.Config) { c.URL = "/api" }, conformance.ErrBadInput},
		{"ftp url", func(c *conformance.Config) { c.URL = "ftp://example.com/x" }, conformance.ErrBadInput},
		{"credentials in the url", func(c *conformance.Config) { c.URL = "https://u:p@example.com/" }, conformance.ErrBadInput},
		{"unknown platform", func(c *conformance.Config) { c.Platform = "ciam" }, conformance.ErrBadInput},
		{"unknown step", func(c *conformance.Config) { c.Step = "onTokenIssuanceStart" }, conformance.ErrBadInput},
		{"entra has no token step", func(c *conformance.Config) { c.Step = callcontract.PreTokenIssuance }, conformance.ErrBadInput},
		{"no credentials", func(c *conformance.Config) { c.Credentials = conformance.Credentials{} }, conformance.ErrBadInput},
		{"claims file with lastName", func(c *conformance.Config) { c.Claims = map[string]any{"lastName": "x"} }, conformance.ErrBadInput},
		{"certificate over http", func(c *conformance.Config) { c.Credentials = certCreds(t) }, conformance.ErrBadInput},
		{"nothing listening", func(c *conformance.Config) { c.URL = "http://" + closedPort(t) + "/api" }, conformance.ErrUnreachable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.change(&cfg)
			_, err := conformance.Test(t.Context(), cfg)
			require.Error(t, err)
			require.ErrorIs(t, err, tt.want)
			assert.NotContains(t, err.Error(), pass)
		})
	}

	report, err := conformance.Test(t.Context(), conformance.Config{URL: "http://connector.example.com/api", Platform: callcontract.Entra,
		Step: callcontract.PostAttributeCollection, Credentials: conformance.Basic(user, pass)})
	require.NoError(t, err)
	assertFails(t, report, conformance.CheckScheme, callcontract.KindScheme)
	assert.Len(t, report.Checks, 1, "no call is sent in the clear to another machine")
}

func TestCredentialsHideTheSecret(t *testing.T) {
	pfx := testpfx.Valid(t, "pfx-Secret-pw")
	cert, err := conformance.Certificate(pfx.Data, pfx.Password)
	require.NoError(t, err)
	for _, c := range []conformance.Credentials{conformance.Basic(user, pass), cert} {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(format, c)
			assert.NotContains(t, out, pass)
			assert.NotContains(t, out, pfx.Password)
		}
	}
	_, err = conformance.Certificate(pfx.Data, "wrong")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "wrong")
}

func closedPort(t *testing.T) string {
	l, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func checkNames(r conformance.Report) []string {
	var out []string
	for _, c := range r.Checks {
		out = append(out, c.Name)
	}
	return out
}

func assertFails(t *testing.T, r conformance.Report, name string, kind callcontract.Kind) {
	t.Helper()
	for _, c := range r.Checks {
		if c.Name != name {
			continue
		}
		assert.False(t, c.OK, "check %q passes", name)
		for _, v := range c.Violations {
			if v.Kind == kind {
				return
			}
		}
		assert.Failf(t, "kind not reported", "check %q: want %s, got %+v", name, kind, c.Violations)
		return
	}
	assert.Failf(t, "check not run", "no check %q in %v", name, checkNames(r))
}

func assertNoSecret(t *testing.T, r conformance.Report) {
	t.Helper()
	data, err := json.Marshal(r)
	require.NoError(t, err)
	for _, s := range []string{pass, "pfx-Secret-pw", "Authorization", "Basic "} {
		assert.NotContains(t, string(data), s)
	}
}

func certCreds(t *testing.T) conformance.Credentials {
	t.Helper()
	pfx := testpfx.Valid(t, "")
	creds, err := conformance.Certificate(pfx.Data, pfx.Password)
	require.NoError(t, err)
	return creds
}
