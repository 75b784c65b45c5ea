package conformance

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/callcontract"
)

// ErrBadInput is wrapped by the errors of a Config that cannot be tested.
var ErrBadInput = errors.New("bad input")

// InputError names the field of the Config (url, platform, step, credentials, claims) that
// cannot be tested, and why. It matches ErrBadInput.
type InputError struct {
	Field   string
	Problem string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Problem }

// Is makes errors.Is(err, ErrBadInput) true.
func (e *InputError) Is(target error) bool { return target == ErrBadInput }

// ErrUnreachable is wrapped when the endpoint gives no HTTP answer to the documented call.
var ErrUnreachable = errors.New("unreachable")

// Config is what to test.
type Config struct {
	URL         string
	Platform    callcontract.Platform
	Step        callcontract.Step
	Credentials Credentials
	// Claims are sent as one more call (the claims file); nil for none.
	Claims map[string]any
	// RootCAs verifies the endpoint's certificate; nil for the system's roots.
	RootCAs *x509.CertPool
	// Budget overrides the platform's time budget when positive; tests use it.
	Budget time.Duration
}

// Test sends the endpoint the calls of the step and platform and checks each answer. It
// returns an error wrapping ErrBadInput for a Config that cannot be tested, or ErrUnreachable
// when the documented call gets no HTTP answer.
func Test(ctx context.Context, cfg Config) (Report, error) {
	c, err := callcontract.Load()
	if err != nil {
		return Report{}, err
	}
	cl, err := newCaller(c, cfg)
	if err != nil {
		return Report{}, err
	}
	report := Report{URL: redactURL(cl.target), Platform: cfg.Platform, Step: cfg.Step}
	scheme := schemeViolations(cl.target)
	report.Checks = append(report.Checks, newCheck(CheckScheme, scheme))
	if len(scheme) > 0 {
		// Credentials are not sent in the clear to another machine.
		return finish(report), nil
	}

	calls := variants(c, cfg.Platform, cfg.Step, cfg.Claims)
	for i, v := range calls {
		ex, err := cl.call(ctx, cfg.Credentials, v.claims)
		var unreachable *unreachableError
		if i == 0 && errors.As(err, &unreachable) {
			// A TLS endpoint that offers none of the documented suites is reachable but wrong.
			if cl.target.Scheme == "https" {
				if vs := cl.tlsViolations(ctx, cfg.Credentials, nil); len(vs) > 0 {
					report.Checks = append(report.Checks, newCheck(CheckTLS, vs))
					return finish(report), nil
				}
			}
			return Report{}, fmt.Errorf("%w: %s", ErrUnreachable, unreachable.Error())
		}
		report.Checks = append(report.Checks, newCheck(v.name, cl.check(ex, err).Violations))
		if i == 0 && cl.target.Scheme == "https" {
			report.Checks = append(report.Checks, newCheck(CheckTLS, cl.tlsViolations(ctx, cfg.Credentials, ex.tls)))
		}
	}
	report.Checks = append(report.Checks, newCheck(CheckWrongCredentials, cl.wrongCredentials(ctx, cfg.Credentials, calls[0].claims)))
	return finish(report), nil
}

func finish(r Report) Report {
	r.Conformant = !slices.ContainsFunc(r.Checks, func(c Check) bool { return !c.OK })
	return r
}

func newCaller(c *callcontract.Contract, cfg Config) (*caller, error) {
	bad := func(field, format string, args ...any) error {
		return &InputError{Field: field, Problem: fmt.Sprintf(format, args...)}
	}
	target, err := url.Parse(cfg.URL)
	if err != nil || (target.Scheme != "https" && target.Scheme != "http") || target.Host == "" {
		return nil, bad("url", "want an absolute http or https URL")
	}
	if target.User != nil {
		return nil, bad("url", "credentials do not belong in the URL")
	}
	platform, ok := c.Platforms[cfg.Platform]
	if !ok {
		return nil, bad("platform", "want b2c or entra, not %q", cfg.Platform)
	}
	if _, ok := c.Steps[cfg.Step]; !ok {
		return nil, bad("step", "want postFederationSignup, postAttributeCollection or preTokenIssuance, not %q", cfg.Step)
	}
	if _, ok := c.Rule(cfg.Platform, cfg.Step); !ok {
		return nil, bad("step", "%s has no %s step", cfg.Platform, cfg.Step)
	}
	if err := cfg.Credentials.valid(); err != nil {
		return nil, bad("credentials", "%s", err.Error())
	}
	if cfg.Credentials.IsCertificate() && target.Scheme != "https" {
		return nil, bad("url", "a client certificate is presented in the TLS handshake, so it needs an https URL")
	}
	if cfg.Claims != nil {
		claims := forPlatform(c, cfg.Platform, cfg.Step, cfg.Claims)
		if vs := c.CheckRequest(cfg.Platform, cfg.Step, http.Header{"Content-Type": {"application/json"}}, mustJSON(claims)); len(vs) > 0 {
			return nil, bad("claims", "%s: %s: %s", vs[0].Pointer, vs[0].Kind, vs[0].Message)
		}
	}
	budget := platform.Timeout
	if cfg.Budget > 0 {
		budget = cfg.Budget
	}
	return &caller{contract: c, platform: cfg.Platform, step: cfg.Step, target: target, rootCAs: cfg.RootCAs, budget: budget}, nil
}

// schemeViolations accepts https, and http on loopback for local development: the service
// calls only https.
func schemeViolations(u *url.URL) []callcontract.Violation {
	if u.Scheme == "https" || isLoopback(u.Hostname()) {
		return nil
	}
	return []callcontract.Violation{{Pointer: "/url", Kind: callcontract.KindScheme,
		Message: "the user flow calls only https URLs; http is accepted on loopback only, and no call was sent"}}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tlsViolations checks the negotiated connection and that TLS 1.2 with a documented suite is
// offered, which is what the docs require of the endpoint.
func (c *caller) tlsViolations(ctx context.Context, creds Credentials, state *tls.ConnectionState) []callcontract.Violation {
	var vs []callcontract.Violation
	if state != nil && state.Version < tls.VersionTLS12 {
		vs = append(vs, callcontract.Violation{Pointer: "/tls", Kind: callcontract.KindTLS, Message: "the connection used a TLS version older than 1.2"})
	}
	cfg := &tls.Config{ //nolint:gosec // G402: TLS 1.2 exactly is what this probe checks the endpoint offers
		MinVersion:   tls.VersionTLS12,
		MaxVersion:   tls.VersionTLS12,
		CipherSuites: c.contract.TLS.CipherSuites,
		RootCAs:      c.rootCAs,
		ServerName:   c.target.Hostname(),
	}
	if creds.cert != nil {
		cert := creds.cert
		cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return cert, nil }
	}
	ctx, cancel := context.WithTimeout(ctx, c.budget)
	defer cancel()
	conn, err := (&tls.Dialer{Config: cfg}).DialContext(ctx, "tcp", hostPort(c.target))
	if err != nil {
		return append(vs, callcontract.Violation{Pointer: "/tls", Kind: callcontract.KindTLS,
			Message: "the endpoint does not accept TLS 1.2 with one of the documented cipher suites"})
	}
	_ = conn.Close()
	return vs
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	return net.JoinHostPort(u.Hostname(), "443")
}

// wrongCredentials makes the call with a changed password or another certificate, which the
// endpoint must refuse with 401 or 403.
func (c *caller) wrongCredentials(ctx context.Context, creds Credentials, claims map[string]any) []callcontract.Violation {
	wrong, err := creds.wrong()
	if err != nil {
		return []callcontract.Violation{{Pointer: "", Kind: callcontract.KindAuth, Message: "no wrong credentials could be made"}}
	}
	ex, err := c.call(ctx, wrong, claims)
	var unreachable *unreachableError
	switch {
	case errors.As(err, &unreachable) && creds.cert != nil:
		return nil // the handshake refused the certificate: refused before any HTTP
	case err != nil:
		return c.check(ex, err).Violations
	case ex.status == http.StatusUnauthorized || ex.status == http.StatusForbidden:
		return nil
	}
	return []callcontract.Violation{{Pointer: "/status", Kind: callcontract.KindAuth,
		Message: fmt.Sprintf("wrong credentials got %d, not 401 or 403: the endpoint accepts any caller", ex.status)}}
}

// redactURL hides the query's values, such as an API key in ?code=.
func redactURL(u *url.URL) string {
	out := *u
	keys := slices.Sorted(maps.Keys(out.Query()))
	for i, k := range keys {
		keys[i] = url.QueryEscape(k) + "=******"
	}
	out.RawQuery = strings.Join(keys, "&")
	return out.String()
}
