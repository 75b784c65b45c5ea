package conformance

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"time"

	"github.com/graph-apiconnector/apiconnector/callcontract"
)

// maxReplyBytes bounds what is read of an answer.
const maxReplyBytes = 1 << 20

// caller makes calls as the user flow does: a POST of the claims as JSON, with the
// connector's credentials, waiting no longer than the platform's budget.
type caller struct {
	contract *callcontract.Contract
	platform callcontract.Platform
	step     callcontract.Step
	target   *url.URL
	rootCAs  *x509.CertPool
	budget   time.Duration
}

// exchange is one call's outcome.
type exchange struct {
	status int
	header http.Header
	body   []byte
	tls    *tls.ConnectionState
}

// errTimeout is a call that got no answer within the budget.
var errTimeout = errors.New("no answer within the time budget")

// unreachableError is a call that got no HTTP answer at all. Its message names the failure
// but not the URL's query, which may hold an API key.
type unreachableError struct{ reason string }

func (e *unreachableError) Error() string { return "the endpoint cannot be reached: " + e.reason }

func (c *caller) client(creds Credentials) *http.Client {
	tlsConfig := &tls.Config{
		MinVersion:   c.contract.TLS.MinVersion,
		CipherSuites: c.contract.TLS.CipherSuites,
		RootCAs:      c.rootCAs,
	}
	if creds.cert != nil {
		cert := creds.cert
		tlsConfig.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return cert, nil }
	}
	return &http.Client{
		Transport: &http.Transport{
			TLSClientConfig:   tlsConfig,
			DisableKeepAlives: true, // every call its own handshake, as the credentials differ
			ForceAttemptHTTP2: true,
		},
		// The service does not follow redirects; a 3xx is the endpoint's answer.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// call sends claims with creds and returns the answer, errTimeout, or an *unreachableError.
func (c *caller) call(ctx context.Context, creds Credentials, claims map[string]any) (exchange, error) {
	body, err := json.Marshal(claims)
	if err != nil {
		return exchange{}, fmt.Errorf("encode the claims: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.budget)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.target.String(), bytes.NewReader(body))
	if err != nil {
		return exchange{}, err
	}
	req.Header.Set("Content-type", "application/json")
	if creds.cert == nil {
		req.SetBasicAuth(creds.username, creds.password)
	}
	resp, err := c.client(creds).Do(req)
	if err != nil {
		return exchange{}, classify(ctx, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	if err != nil {
		return exchange{}, classify(ctx, err)
	}
	return exchange{status: resp.StatusCode, header: resp.Header, body: data, tls: resp.TLS}, nil
}

// classify tells a timeout from an endpoint that cannot be reached, and names the failure
// without the URL.
func classify(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return errTimeout
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &dnsErr):
		return &unreachableError{"the host name does not resolve"}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &unreachableError{"the connection was refused"}
	case errors.As(err, &certErr):
		return &unreachableError{"its TLS certificate is not trusted"}
	case errors.As(err, &recordErr):
		return &unreachableError{"it does not speak TLS"}
	case errors.As(err, &alert):
		return &unreachableError{"the TLS handshake was refused (" + alert.Error() + ")"}
	}
	return &unreachableError{"the connection failed"}
}

// check checks one answer, or reports in the verdict's violations why there is none.
func (c *caller) check(ex exchange, err error) callcontract.Reply {
	var unreachable *unreachableError
	switch {
	case errors.Is(err, errTimeout):
		return callcontract.Reply{Violations: []callcontract.Violation{{Pointer: "/time", Kind: callcontract.KindTimeout,
			Message: fmt.Sprintf("no answer within %s, the %s budget; the user flow gives up", c.budget, c.platform)}}}
	case errors.As(err, &unreachable):
		return callcontract.Reply{Violations: []callcontract.Violation{{Pointer: "", Kind: callcontract.KindUnreachable, Message: unreachable.Error()}}}
	case err != nil:
		return callcontract.Reply{Violations: []callcontract.Violation{{Pointer: "", Kind: callcontract.KindUnreachable, Message: "the call could not be made"}}}
	}
	return c.contract.CheckReply(c.platform, c.step, ex.status, ex.header, ex.body)
}
