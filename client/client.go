package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
)

// Body size limits. An error body only needs Graph's code and message, so 64 KiB is
// plenty and bounds what a misbehaving proxy can make the client hold. A success body is a
// connector or one page of at most 999 connectors, well under 8 MiB even with long
// certificate lists.
const (
	maxErrorBody   = 64 << 10
	maxSuccessBody = 8 << 20
)

// Client calls Graph's API-connector endpoints. It is safe for concurrent use.
type Client struct {
	http      *http.Client
	transport *transport // hc's, for the token that errors must not repeat
	root      *url.URL   // the Graph root without version, e.g. https://graph.microsoft.com
	version   string
	cloud     Cloud
	clock     Clock
	// server is the version root with a trailing slash, as gen's request builders take it;
	// connectors is the collection's URL, e.g. https://graph.microsoft.com/v1.0/identity/apiConnectors.
	server     string
	connectors string
	// actionPrefix goes before a bound action's name in its path: "" or "microsoft.graph.".
	actionPrefix string
}

// New returns a Client for Microsoft Graph in the global cloud, v1.0, unless options say
// otherwise. A credential (WithCredential or WithStaticToken, exactly one) is required,
// since Graph answers every unauthenticated call with 401.
func New(opts ...Option) (*Client, error) {
	cfg := config{
		cloud:   CloudGlobal,
		version: VersionV1,
		retry:   DefaultRetryPolicy(),
		logger:  slog.New(slog.DiscardHandler),
		clock:   wallClock{},
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	switch {
	case cfg.credentials == 0:
		return nil, errors.New("apiconnector: no credential; use WithCredential or WithStaticToken")
	case cfg.credentials > 1:
		return nil, errors.New("apiconnector: more than one credential; use one of WithCredential and WithStaticToken")
	}
	if err := cfg.checkTokenHost(); err != nil {
		return nil, err
	}

	root := cfg.baseURL
	if root == nil {
		root = &url.URL{Scheme: "https", Host: cfg.cloud.Host()}
	}
	hc := &http.Client{}
	if cfg.httpClient != nil {
		copied := *cfg.httpClient
		hc = &copied
	}
	hc.CheckRedirect = checkRedirect(hc.CheckRedirect)
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	userAgent := defaultUserAgent
	if cfg.userAgent != "" {
		userAgent = cfg.userAgent + " " + defaultUserAgent
	}
	t := &transport{
		next:       next,
		graph:      root,
		credential: cfg.credential,
		scope:      cfg.cloud.Scope(),
		userAgent:  userAgent,
		retry:      cfg.retry,
		clock:      cfg.clock,
		logger:     cfg.logger,
	}
	hc.Transport = t
	c := &Client{http: hc, transport: t, root: root, version: cfg.version, cloud: cfg.cloud, clock: cfg.clock}
	c.server = c.versionRoot() + "/"
	c.connectors = c.versionRoot() + "/identity/apiConnectors"
	if cfg.qualifiedActions {
		c.actionPrefix = actionNamespace
	}
	return c, nil
}

// call runs one logical operation. It gives the request that build makes a fresh
// client-request-id, which the transport keeps for every retry and redirect of it, sends
// it, and hands a 2xx body (at most maxSuccessBody) to decode, or returns an *Error. The
// body is in a reused buffer: decode must copy what it keeps (json.Unmarshal does). No
// error it returns holds a secret sc knows. A change answered with a redirect is an error
// wrapping ErrOutcomeUnknown, unless it is a 307 or 308, which ask for the request to be
// repeated elsewhere: the redirect is not followed, and Graph may have acted.
func (c *Client) call(ctx context.Context, op *operation, sc *scrubber, build func(context.Context) (*http.Request, error), decode func([]byte) error) error {
	return sc.scrubError(c.send(withOperation(ctx, op), op, build, decode))
}

func (c *Client) send(ctx context.Context, op *operation, build func(context.Context) (*http.Request, error), decode func([]byte) error) error {
	req, err := build(ctx)
	if err != nil {
		return fmt.Errorf("apiconnector: %s: %w", op.name, err)
	}
	req.Header[headerClientRequestID] = []string{newClientRequestID()}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("apiconnector: %s: %w", op.name, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// A truncated error body still leaves the headers; decoding does what it can.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		graphErr := newError(resp, body, c.clock.Now())
		if !op.read && mayHaveActed(resp.StatusCode) {
			return fmt.Errorf("apiconnector: %s: answered with a redirect, which a change does not follow: %w: %w", op.name, ErrOutcomeUnknown, graphErr)
		}
		return graphErr
	}
	buf := bodyBuffers.Get().(*bodyBuffer)
	defer buf.release()
	body, err := buf.read(resp)
	if err != nil {
		return fmt.Errorf("apiconnector: %s: reading the response: %w", op.name, err)
	}
	if len(body) > maxSuccessBody {
		return fmt.Errorf("apiconnector: %s: response larger than %d bytes", op.name, maxSuccessBody)
	}
	if decode == nil {
		return nil
	}
	return decode(body)
}

// scrubber is what the call masks in what it returns: the bearer token, and the secrets
// it sends.
func (c *Client) scrubber(sent sentSecrets) *scrubber {
	return &scrubber{sent: sent, base: c.transport.tokenMasker()}
}

// screen drops what a returned connector must not hold (see scrubConnector) and reports
// it as a *SecretInResponseError, with pointers under prefix.
func screen(op *operation, sc *scrubber, prefix string, conns ...*Connector) error {
	var pointers []string
	for _, conn := range conns {
		if conn == nil {
			continue
		}
		for _, p := range sc.scrubConnector(conn) {
			pointers = append(pointers, prefix+p)
		}
	}
	if len(pointers) == 0 {
		return nil
	}
	return &SecretInResponseError{Operation: op.name, Pointers: pointers}
}

// generated adds ctx to a request one of gen's builders made (gen.New...Request).
func generated(ctx context.Context) func(*http.Request, error) (*http.Request, error) {
	return func(req *http.Request, err error) (*http.Request, error) {
		if err != nil {
			return nil, err
		}
		return req.WithContext(ctx), nil
	}
}

// newJSONRequest is a request with a JSON body.
func newJSONRequest(ctx context.Context, method, target string, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header["Content-Type"] = []string{"application/json"}
	return req, nil
}

// versionRoot is the URL Graph's paths hang off, e.g. https://graph.microsoft.com/v1.0.
func (c *Client) versionRoot() string { return c.root.String() + "/" + c.version }
