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
	"sync"
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
	http    *http.Client
	root    *url.URL // the Graph root without version, e.g. https://graph.microsoft.com
	version string
	cloud   Cloud
	clock   Clock
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
	c := &Client{http: hc, root: root, version: cfg.version, cloud: cfg.cloud, clock: cfg.clock}
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
// body is in a reused buffer: decode must copy what it keeps (json.Unmarshal does).
func (c *Client) call(ctx context.Context, op string, build func(context.Context) (*http.Request, error), decode func([]byte) error) error {
	req, err := build(ctx)
	if err != nil {
		return fmt.Errorf("apiconnector: %s: %w", op, err)
	}
	req.Header[headerClientRequestID] = []string{newClientRequestID()}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("apiconnector: %s: %w", op, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// A truncated error body still leaves the headers; decoding does what it can.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return newError(resp, body, c.clock.Now())
	}
	buf := bodyBuffers.Get().(*bodyBuffer)
	defer buf.release()
	body, err := buf.read(resp)
	if err != nil {
		return fmt.Errorf("apiconnector: %s: reading the response: %w", op, err)
	}
	if len(body) > maxSuccessBody {
		return fmt.Errorf("apiconnector: %s: response larger than %d bytes", op, maxSuccessBody)
	}
	if decode == nil {
		return nil
	}
	return decode(body)
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

// bodyBuffers holds the buffers success bodies are read into: a page of connectors is tens
// of kilobytes, and reading each into a fresh, repeatedly grown slice cost more than
// decoding it.
var bodyBuffers = sync.Pool{New: func() any { return new(bodyBuffer) }}

// maxPooledBuffer is the largest buffer kept for reuse; a rare larger body is not held on to.
const maxPooledBuffer = 1 << 20

type bodyBuffer struct {
	buf   bytes.Buffer
	limit io.LimitedReader
}

// read reads resp's body, up to one byte past maxSuccessBody so that a larger one shows.
func (b *bodyBuffer) read(resp *http.Response) ([]byte, error) {
	b.buf.Reset()
	if n := resp.ContentLength; n > 0 && n <= maxSuccessBody {
		b.buf.Grow(int(n) + bytes.MinRead)
	}
	b.limit = io.LimitedReader{R: resp.Body, N: maxSuccessBody + 1}
	_, err := b.buf.ReadFrom(&b.limit)
	b.limit.R = nil
	return b.buf.Bytes(), err
}

func (b *bodyBuffer) release() {
	if b.buf.Cap() > maxPooledBuffer {
		return
	}
	b.buf.Reset()
	bodyBuffers.Put(b)
}

// versionRoot is the URL Graph's paths hang off, e.g. https://graph.microsoft.com/v1.0.
func (c *Client) versionRoot() string { return c.root.String() + "/" + c.version }
