// Package proxy is a reverse proxy that validates every exchange passing through it against
// the contract and can record them as HAR, with tokens and secrets masked. Any client, in
// any language, points its Graph base URL at it; the upstream is Graph itself or the fake.
package proxy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"time"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/har"
)

// maxBody bounds a request or response body the proxy holds to validate.
const maxBody = 32 << 20

// Options configure a Proxy. Upstream and Validator are required.
type Options struct {
	// Upstream is the root the proxy forwards to, without the version
	// ("https://graph.microsoft.com", "http://127.0.0.1:8080").
	Upstream *url.URL
	// Validator checks each exchange; the proxy requires a bearer token of every request
	// whatever the validator's own setting.
	Validator *contract.Validator
	// Recorder, when set, receives every exchange with secrets masked.
	Recorder *har.Writer
	// Logger receives one warning per violation, and errors. Nil discards them.
	Logger *slog.Logger
	// Transport sends requests upstream; nil means http.DefaultTransport.
	Transport http.RoundTripper
}

// Summary counts the exchanges seen so far. An exchange is invalid when its request or its
// response broke the contract, or no response came back.
type Summary struct {
	Exchanges int `json:"exchanges"`
	Valid     int `json:"valid"`
	Invalid   int `json:"invalid"`
	// RecordErrors counts exchanges that could not be written to the recording.
	RecordErrors int `json:"recordErrors,omitempty"`
}

// Proxy is an http.Handler. It is safe for concurrent use.
type Proxy struct {
	validator *contract.Validator
	recorder  *har.Writer
	log       *slog.Logger
	reverse   *httputil.ReverseProxy
	upstream  url.URL

	mu      sync.Mutex
	summary Summary
}

// New returns a proxy to opts.Upstream.
func New(opts Options) (*Proxy, error) {
	if opts.Upstream == nil || !opts.Upstream.IsAbs() || opts.Upstream.Host == "" {
		return nil, errors.New("proxy: the upstream must be an absolute URL")
	}
	if opts.Validator == nil {
		return nil, errors.New("proxy: a validator is required")
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	upstream := *opts.Upstream
	p := &Proxy{validator: opts.Validator.RequiringBearerToken(), recorder: opts.Recorder, log: logger, upstream: upstream}
	p.reverse = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(&upstream)
			// The client talks to the proxy; nothing about it concerns Graph.
			pr.Out.Header.Del("Forwarded")
		},
		Transport:      opts.Transport,
		ModifyResponse: p.inspectResponse,
		ErrorHandler:   p.upstreamFailed,
		ErrorLog:       slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
	return p, nil
}

// Summary returns the counts so far.
func (p *Proxy) Summary() Summary {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.summary
}

// exchange is what the proxy knows of one exchange while it is under way.
type exchange struct {
	started time.Time
	request *http.Request // the request as received, with its body held
	body    []byte        // the request body as received (possibly compressed)
	checked contract.Result
}

type exchangeKey struct{}

// ServeHTTP validates the request, forwards it, and validates and records the response.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	_ = r.Body.Close()
	if err != nil || len(body) > maxBody {
		status, msg := http.StatusBadRequest, "the request body could not be read"
		if err == nil {
			status, msg = http.StatusRequestEntityTooLarge, "the request body is larger than the proxy holds"
		}
		writeGraphError(w, status, msg)
		return
	}
	ex := &exchange{started: time.Now(), request: r, body: body}
	ex.checked = p.validator.ValidateRequest(ex.withBody())
	p.logViolations(r, "request", ex.checked)

	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), exchangeKey{}, ex)))
}

// withBody is the request as received, over a fresh reader of its body.
func (ex *exchange) withBody() *http.Request {
	r := ex.request.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(ex.body))
	r.ContentLength = int64(len(ex.body))
	return r
}

// inspectResponse holds the upstream response, validates it, records the exchange, and
// passes the same bytes on to the client.
func (p *Proxy) inspectResponse(resp *http.Response) error {
	ex, _ := resp.Request.Context().Value(exchangeKey{}).(*exchange)
	if ex == nil {
		return errors.New("proxy: response without its exchange")
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	_ = resp.Body.Close()
	if err != nil {
		return fmt.Errorf("proxy: read the upstream response: %w", err)
	}
	if len(body) > maxBody {
		return errors.New("proxy: the upstream response is larger than the proxy holds")
	}
	// The validator reads the body and puts it back; the client then gets the same bytes.
	resp.Body = io.NopCloser(bytes.NewReader(body))
	result := p.validator.ValidateResponse(ex.withBody(), resp)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	p.logViolations(ex.request, "response", result)
	p.finish(ex, resp, body, ex.checked.Valid && result.Valid)
	return nil
}

// upstreamFailed answers 502 when the upstream could not be reached or its answer not read.
func (p *Proxy) upstreamFailed(w http.ResponseWriter, r *http.Request, err error) {
	ex, _ := r.Context().Value(exchangeKey{}).(*exchange)
	if !errors.Is(err, context.Canceled) {
		p.log.Error("upstream failed", "method", r.Method, "path", r.URL.Path, "error", err.Error())
	}
	writeGraphError(w, http.StatusBadGateway, "the proxy could not reach the upstream")
	if ex != nil {
		p.finish(ex, nil, nil, false)
	}
}

// finish counts and records one exchange. resp is nil when none came back.
func (p *Proxy) finish(ex *exchange, resp *http.Response, body []byte, valid bool) {
	recordErr := p.record(ex, resp, body)
	if recordErr != nil {
		p.log.Error("recording failed", "method", ex.request.Method, "path", ex.request.URL.Path, "error", recordErr.Error())
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.summary.Exchanges++
	if valid {
		p.summary.Valid++
	} else {
		p.summary.Invalid++
	}
	if recordErr != nil {
		p.summary.RecordErrors++
	}
}

func (p *Proxy) logViolations(r *http.Request, side string, res contract.Result) {
	for _, v := range res.Violations {
		// The query is left out: only the path and the validator's own words are logged.
		p.log.Warn("contract violation", "method", r.Method, "path", r.URL.Path, "side", side,
			"pointer", v.Pointer, "kind", string(v.Kind), "message", v.Message)
	}
}

// writeGraphError answers in Graph's error shape, so clients parse the proxy's own failures
// as they parse Graph's.
func writeGraphError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, `{"error":{"code":"proxyError","message":%q}}`, message)
}
