package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/graph-apiconnector/apiconnector/gen"
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
	gen     *gen.Client
	http    *http.Client
	root    *url.URL // the Graph root without version, e.g. https://graph.microsoft.com
	version string
	cloud   Cloud
	clock   Clock
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

	root := cfg.baseURL
	if root == nil {
		root = &url.URL{Scheme: "https", Host: cfg.cloud.Host()}
	}
	hc := &http.Client{}
	if cfg.httpClient != nil {
		copied := *cfg.httpClient
		hc = &copied
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	userAgent := defaultUserAgent
	if cfg.userAgent != "" {
		userAgent = cfg.userAgent + " " + defaultUserAgent
	}
	hc.Transport = &transport{
		next:       next,
		graph:      root,
		credential: cfg.credential,
		scope:      cfg.cloud.Scope(),
		userAgent:  userAgent,
		retry:      cfg.retry,
		clock:      cfg.clock,
		logger:     cfg.logger,
	}
	g, err := gen.NewClient(root.String()+"/"+cfg.version, gen.WithHTTPClient(hc))
	if err != nil {
		return nil, fmt.Errorf("apiconnector: %w", err)
	}
	return &Client{gen: g, http: hc, root: root, version: cfg.version, cloud: cfg.cloud, clock: cfg.clock}, nil
}

// call runs one logical operation: it pins a fresh client-request-id that all retries
// share, sends, and returns the 2xx body read within maxSuccessBody, or an *Error.
func (c *Client) call(ctx context.Context, op string, send func(context.Context) (*http.Response, error)) ([]byte, error) {
	ctx = withClientRequestID(ctx, newClientRequestID())
	resp, err := send(ctx)
	if err != nil {
		return nil, fmt.Errorf("apiconnector: %s: %w", op, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// A truncated error body still leaves the headers; decoding does what it can.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return nil, newError(resp, body, c.clock.Now())
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxSuccessBody+1))
	if err != nil {
		return nil, fmt.Errorf("apiconnector: %s: reading the response: %w", op, err)
	}
	if len(body) > maxSuccessBody {
		return nil, fmt.Errorf("apiconnector: %s: response larger than %d bytes", op, maxSuccessBody)
	}
	return body, nil
}

// versionRoot is the URL Graph's paths hang off, e.g. https://graph.microsoft.com/v1.0.
func (c *Client) versionRoot() string { return c.root.String() + "/" + c.version }
