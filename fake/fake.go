// Package fake is an in-memory Microsoft Graph for the API-connector endpoints under /v1.0
// and /beta, for tests without a network or a tenant. It holds every exchange to the spec,
// keeps no secret it is sent, and injects the failures a client must survive (see
// [Server.ThrottleNext], [Server.DropNext], [Server.SetLatency] and the like). Serve it with
// httptest.NewServer(fake.New()), or without a socket through s.Transport().
package fake

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/gen"
)

const (
	// defaultPageSize is Graph's usual page size for directory collections.
	defaultPageSize = 100
	// maxRequestBody bounds what a request may send; a .pfx is a few KiB.
	maxRequestBody = 1 << 20
	// defaultBodyTimeout is how long a request's body may take to arrive: a megabyte over
	// a slow link, with room to spare.
	defaultBodyTimeout = 30 * time.Second
)

// Server is the fake Graph. It is safe for concurrent use.
type Server struct {
	listPageSize int
	bodyTimeout  time.Duration
	tokenCheck   func(token string) error
	logger       *slog.Logger
	clock        func() time.Time
	newID        func() string

	spec         *contract.Spec
	validator    *contract.Validator
	mux          *http.ServeMux
	skiptokenKey []byte

	store    *store
	faults   faultQueue
	latency  atomic.Int64 // time.Duration
	requests atomic.Int64

	violationsMu sync.Mutex
	violations   []string
}

// Option configures a Server.
type Option func(*Server)

// WithPageSize sets how many connectors a list page holds when the request has no $top
// (default 100). Values below 1 are ignored.
func WithPageSize(n int) Option {
	return func(s *Server) {
		if n >= 1 {
			s.listPageSize = n
		}
	}
}

// WithBodyTimeout sets how long ServeHTTP waits for a request's body (default 30s)
// before it gives up on the connection. Values below 1 are ignored.
func WithBodyTimeout(d time.Duration) Option {
	return func(s *Server) {
		if d > 0 {
			s.bodyTimeout = d
		}
	}
}

// WithTokenCheck makes the server refuse, with 401, a bearer token for which check returns
// an error. By default any non-empty bearer token is accepted.
func WithTokenCheck(check func(token string) error) Option {
	return func(s *Server) { s.tokenCheck = check }
}

// WithLogger logs one line per request: method, path, status and request-id. Bodies,
// query strings and headers (so tokens) are never logged. By default nothing is logged.
func WithLogger(logger *slog.Logger) Option {
	return func(s *Server) {
		if logger != nil {
			s.logger = logger
		}
	}
}

// WithClock sets the time used for isActive and for the dates in errors (default
// time.Now).
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.clock = now
		}
	}
}

// WithIDGenerator sets how new connectors get their ids (default: random UUIDs).
func WithIDGenerator(next func() string) Option {
	return func(s *Server) {
		if next != nil {
			s.newID = next
		}
	}
}

// New returns an empty fake Graph. It panics if the embedded spec does not load, which
// only a broken build can cause.
func New(opts ...Option) *Server {
	s := &Server{
		listPageSize: defaultPageSize,
		bodyTimeout:  defaultBodyTimeout,
		logger:       slog.New(slog.DiscardHandler),
		clock:        time.Now,
		newID:        newUUID,
		store:        newStore(),
		skiptokenKey: make([]byte, 32),
	}
	for _, opt := range opts {
		opt(s)
	}
	_, _ = rand.Read(s.skiptokenKey) // crypto/rand.Read never fails

	var err error
	if s.spec, err = contract.LoadSpec(); err != nil {
		panic("fake: " + err.Error())
	}
	if s.validator, err = contract.NewValidator(); err != nil {
		panic("fake: " + err.Error())
	}
	s.mux = s.routes()
	return s
}

// strictServer is the fake as gen.StrictServerInterface sees it. The interface's methods
// are the generated handler's business, not a test author's, so they live on this type
// and stay out of Server's documentation.
type strictServer struct{ *Server }

// routes mounts the generated handler under each version. The strict handler's hooks
// write Graph errors, so that nothing leaves in the generated code's plain-text form.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	handler := gen.NewStrictHandlerWithOptions(strictServer{s},
		[]gen.StrictMiddlewareFunc{s.rejectUnsupportedQueryOptions},
		gen.StrictHTTPServerOptions{
			RequestErrorHandlerFunc:  s.writeBodyDecodeError,
			ResponseErrorHandlerFunc: s.writeHandlerError,
		})
	for _, version := range contract.Versions() {
		gen.HandlerWithOptions(handler, gen.StdHTTPServerOptions{
			BaseURL:          "/" + version,
			BaseRouter:       mux,
			ErrorHandlerFunc: s.writeParameterError,
		})
	}
	return mux
}

// ServeHTTP serves /v1.0/... and /beta/.... The request body must arrive within the body
// timeout (WithBodyTimeout), so a client that trickles it cannot hold the connection.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Not every ResponseWriter supports deadlines (httptest.ResponseRecorder does not);
	// then the server's own ReadTimeout is all there is.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(s.bodyTimeout))
	rec, err := s.handle(r)
	// The connection may carry more requests; a server without timeouts of its own
	// (httptest's) would otherwise keep this deadline for them.
	_ = rc.SetReadDeadline(time.Time{})
	switch {
	case errors.Is(err, ErrConnectionDropped):
		cutConnection(w)
	case err != nil:
		// The client went away during the latency; there is no one to answer.
	default:
		rec.writeTo(w)
	}
}

// cutConnection closes the connection without answering. Where the connection cannot be
// hijacked (HTTP/2), aborting the handler resets the stream instead.
func cutConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// Transport returns a RoundTripper that serves requests in process, with no socket. It
// honours each request's context, and reports a dropped connection as an error wrapping
// ErrConnectionDropped.
func (s *Server) Transport() http.RoundTripper { return transport{s: s} }

type transport struct{ s *Server }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		// A RoundTripper must close the request body; the error is of no use to the caller.
		defer func() { _ = req.Body.Close() }()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	// The server side sees what a server would: its own copy, with the request line set,
	// served on the origin the client addressed.
	origin := req.URL.Scheme + "://" + req.URL.Host
	served := req.Clone(context.WithValue(req.Context(), servedOriginKey{}, origin))
	served.RequestURI = req.URL.RequestURI()
	served.RemoteAddr = "fake-transport"
	if served.Host == "" {
		served.Host = req.URL.Host
	}
	if served.Body == nil {
		served.Body = http.NoBody
	}
	rec, err := t.s.handle(served)
	if err != nil {
		return nil, err
	}
	return rec.response(req), nil
}

// handle runs one request through faults, latency and processing, and returns the
// response to send; or an error wrapping ErrConnectionDropped when the connection is to be
// cut, or the context's error when the client left during the latency.
func (s *Server) handle(r *http.Request) (*recorder, error) {
	s.requests.Add(1)
	// The request takes its fault on arrival, so that concurrent requests take them in the
	// order they came, whatever the latency.
	f := s.faults.next()
	var body []byte
	var bodyErr error
	if f.kind != faultDropBefore {
		// Read before the latency: a server notices a client that has left only once the
		// body is read, and the latency must end when the client leaves.
		body, bodyErr = readBody(r)
	}
	if err := s.delay(r.Context()); err != nil {
		return nil, err
	}
	ex := s.newExchange(r)
	r = r.Clone(withExchange(r.Context(), ex))
	// What the handlers and the validator see as the origin is the one served, not one the
	// request claims in its Host header or an absolute-form target.
	origin := ex.origin()
	r.Host, r.URL.Scheme, r.URL.Host = origin.Host, origin.Scheme, origin.Host

	if f.kind == faultDropBefore {
		s.logExchange(r, ex, 0, "connection dropped before processing")
		return nil, fmt.Errorf("%w before the request was processed", ErrConnectionDropped)
	}
	var rec *recorder
	if injected := f.response(); injected != nil {
		rec = newRecorder()
		writeError(rec, ex, injected)
	} else {
		rec = s.process(r, ex, body, bodyErr)
	}
	rec = s.enforceResponseContract(r, body, rec, ex)
	ex.stamp(rec.Header())

	if f.kind == faultDropAfter {
		s.logExchange(r, ex, rec.statusCode(), "connection dropped after processing")
		return nil, fmt.Errorf("%w after the request was processed", ErrConnectionDropped)
	}
	s.logExchange(r, ex, rec.statusCode(), "")
	return rec, nil
}

// process authenticates and validates the request, whose body has been read (bodyErr says
// whether that failed), then lets the generated handler answer it.
func (s *Server) process(r *http.Request, ex *exchange, body []byte, bodyErr error) *recorder {
	rec := newRecorder()
	err := s.authenticate(r)
	if err == nil {
		err = bodyErr
	}
	if err == nil {
		err = s.canonicalizePath(r)
	}
	if err == nil {
		err = s.checkRequest(r)
	}
	if err == nil {
		err = s.checkSpelling(body)
	}
	if err != nil {
		writeError(rec, ex, asGraphError(err))
		return rec
	}
	s.mux.ServeHTTP(rec, r)
	return rec
}

// readBody reads at most maxRequestBody bytes, undoes any Content-Encoding, and puts the
// result back as the request's body. A larger body is refused with 400: 413 is not in the
// spec.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	_ = r.Body.Close()
	switch {
	case err != nil:
		return nil, invalidRequest("", "the request body could not be read")
	case len(body) > maxRequestBody:
		return nil, invalidRequest("", fmt.Sprintf("the request body is larger than %d bytes", maxRequestBody))
	}
	// Graph's SDKs gzip request bodies; the handlers read them decoded.
	body, err = contract.DecodeBody(r.Header, body)
	if err != nil {
		return nil, invalidRequest("/header/Content-Encoding", "the request body cannot be decoded: "+err.Error())
	}
	if r.Header.Get("Content-Encoding") != "" {
		r.Header.Del("Content-Encoding")
		r.Header.Del("Content-Length")
	}
	r.ContentLength = int64(len(body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}

// canonicalizePath spells the path's literal segments as the spec does and drops a
// trailing slash, so that the exact-match router answers what Graph, which matches paths
// case-insensitively, answers.
func (s *Server) canonicalizePath(r *http.Request) error {
	escaped := s.spec.CanonicalPath(r.URL.EscapedPath())
	unescaped, err := url.PathUnescape(escaped)
	if err != nil {
		return &graphError{status: http.StatusBadRequest, code: codeBadRequest, message: "/path: the path is not validly escaped"}
	}
	r.URL.Path, r.URL.RawPath = unescaped, escaped
	return nil
}

// logExchange logs one request. Only the method, path, status and ids are logged: bodies,
// query strings and headers may carry secrets.
func (s *Server) logExchange(r *http.Request, ex *exchange, status int, outcome string) {
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.String("request-id", ex.requestID),
	}
	if outcome != "" {
		attrs = append(attrs, slog.String("outcome", outcome))
	}
	s.logger.LogAttrs(context.Background(), slog.LevelInfo, "fake: request", attrs...)
}

// Requests returns how many requests the server has seen, faulted ones included.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// Connectors returns every connector in creation order, as Graph would return them: the
// password masked and isActive computed now.
func (s *Server) Connectors() []gen.IdentityAPIConnector {
	now := s.clock()
	records := s.store.allConnectors()
	out := make([]gen.IdentityAPIConnector, len(records))
	for i, c := range records {
		out[i] = renderConnector(c, now, nil)
	}
	return out
}
