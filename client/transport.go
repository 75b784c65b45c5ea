package client

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/google/uuid"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// defaultUserAgent is this library's product token in the User-Agent header.
const defaultUserAgent = "graph-apiconnector-go"

// transport wraps the caller's RoundTripper. Every request it sends gets a User-Agent and
// a client-request-id, and, only when it goes to the configured Graph host, the bearer
// token; throttled or failed attempts are retried by the RetryPolicy. Putting this below
// http.Client means redirects pass through it too, so a redirect to another host never
// receives the token.
type transport struct {
	next       http.RoundTripper
	graph      *url.URL // the scheme and host that may receive the token
	credential azcore.TokenCredential
	scope      string
	userAgent  string
	retry      RetryPolicy
	clock      Clock
	logger     *slog.Logger

	// bearer is the last Authorization value built, kept so that the same token does not
	// cost a new string on every request.
	bearer atomic.Pointer[bearerHeader]
	// tokenMask finds the last token in what comes back, built once per token.
	tokenMask atomic.Pointer[tokenMasker]
}

type tokenMasker struct {
	token  string
	masker *secret.Masker
}

type bearerHeader struct{ token, value string }

// The headers the transport sets, in canonical form, so that neither setting nor reading
// them canonicalizes (and allocates) on every request.
const (
	headerClientRequestID = "Client-Request-Id"
	headerUserAgent       = "User-Agent"
	headerAuthorization   = "Authorization"
)

// newClientRequestID returns a random (version 4) UUID, the form Graph asks for.
func newClientRequestID() string { return uuid.NewString() }

// staticToken is the credential behind WithStaticToken. header is "Bearer <token>", built
// once.
type staticToken struct{ token, header string }

func (s staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: s.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// RoundTrip sends req, retrying as the policy allows, and returns the last response: a
// non-2xx one is for the caller to turn into an *Error.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	// The client sets the id on each call's request; http.Client copies it onto redirects.
	id := ""
	if v := req.Header[headerClientRequestID]; len(v) > 0 {
		id = v[0]
	}
	if id == "" {
		id = newClientRequestID()
	}
	hasBody := req.Body != nil && req.Body != http.NoBody
	// A redirect (req.Response is the answer that caused it) to another origin never takes
	// a body along: a create, update or upload carries a password or a .pfx.
	if req.Response != nil && hasBody && !sameOrigin(req.URL, t.graph) {
		_ = req.Body.Close()
		return nil, fmt.Errorf("apiconnector: not following a redirect to %s://%s with the request body, which may hold secrets", req.URL.Scheme, req.URL.Host)
	}
	// Retrying needs a fresh body per attempt; without GetBody there is only the one.
	replayable := !hasBody || req.GetBody != nil
	logging := t.logger.Enabled(ctx, slog.LevelDebug)
	op := operationOf(ctx)

	var waited time.Duration
	for attempt := 1; ; attempt++ {
		// A context that has ended sends nothing: an attempt started now could only end in
		// an error after the body was taken, which would read as an unknown outcome.
		if err := ctx.Err(); err != nil {
			if attempt == 1 && hasBody {
				_ = req.Body.Close()
			}
			return nil, fmt.Errorf("apiconnector: %w", err)
		}
		out, body, err := t.prepare(req, hasBody, attempt, id)
		if err != nil {
			return nil, err
		}
		var start time.Time
		if logging {
			start = time.Now()
		}
		resp, err := t.next.RoundTrip(out)
		if logging {
			t.logAttempt(ctx, out, resp, err, attempt, time.Since(start), id)
		}

		decision := shouldRetry(ctx, op, resp, err, body.wasRead())
		if !decision.retry || !replayable {
			return finish(op, resp, err, body)
		}
		wait := t.waitAfter(resp, attempt)
		if attempt >= t.retry.MaxAttempts || waited+wait > t.retry.MaxTotalWait || pastDeadline(ctx, time.Now().Add(wait)) {
			t.logger.LogAttrs(ctx, slog.LevelDebug, "graph retry given up",
				slog.String("reason", decision.reason), slog.Int("attempt", attempt),
				slog.Duration("wait", wait), slog.Duration("waited", waited), slog.String("client-request-id", id))
			return finish(op, resp, err, body)
		}
		discard(resp)
		t.logger.LogAttrs(ctx, slog.LevelDebug, "graph retry",
			slog.String("reason", decision.reason), slog.Int("attempt", attempt),
			slog.Duration("wait", wait), slog.String("client-request-id", id))
		if err := t.clock.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("apiconnector: waiting %s to retry: %w", wait, err)
		}
		waited += wait
	}
}

// prepare builds one attempt: a shallow copy of req with its own tracked body and its own
// header map holding the id, User-Agent and, for the Graph host, the token. req itself is
// not changed. The first attempt sends req's body; later ones a fresh copy from GetBody.
func (t *transport) prepare(req *http.Request, hasBody bool, attempt int, id string) (*http.Request, *bodyTracker, error) {
	ctx := req.Context()
	// WithContext copies the request without its URL, header or body, which are replaced
	// below or read only.
	out := req.WithContext(ctx)
	var body *bodyTracker
	if hasBody {
		rc := req.Body
		if attempt > 1 {
			var err error
			if rc, err = req.GetBody(); err != nil {
				return nil, nil, fmt.Errorf("apiconnector: rewinding the request body: %w", err)
			}
		}
		body = &bodyTracker{body: rc, getBody: req.GetBody}
		out.Body = body
		if req.GetBody != nil {
			// http.Transport may itself resend on a stale connection; that copy is tracked too.
			out.GetBody = body.rewind
		}
	}
	auth := ""
	if sameOrigin(out.URL, t.graph) {
		var err error
		if auth, err = t.authorization(ctx); err != nil {
			if out.Body != nil {
				_ = out.Body.Close()
			}
			return nil, nil, err
		}
	}
	out.Header = t.header(req.Header, id, auth)
	return out, body, nil
}

// header copies h, as http.Header.Clone does, with the id, User-Agent and Authorization
// (none when auth is "") set: one map and one backing array for all the values.
func (t *transport) header(h http.Header, id, auth string) http.Header {
	n := 3
	for _, vv := range h {
		n += len(vv)
	}
	values := make([]string, 0, n)
	out := make(http.Header, len(h)+3)
	for k, vv := range h {
		switch k {
		case headerClientRequestID, headerUserAgent, headerAuthorization:
			continue
		}
		if vv == nil {
			out[k] = nil
			continue
		}
		values = append(values, vv...)
		out[k] = values[len(values)-len(vv) : len(values) : len(values)]
	}
	set := func(k, v string) {
		values = append(values, v)
		out[k] = values[len(values)-1 : len(values) : len(values)]
	}
	set(headerClientRequestID, id)
	set(headerUserAgent, t.userAgent)
	if auth != "" {
		set(headerAuthorization, auth)
	}
	return out
}

// authorization is the Authorization header value for the Graph host. A static token's is
// built once; a credential is asked per request (azidentity's cache answers), and the
// header string is reused while the token stays the same.
func (t *transport) authorization(ctx context.Context) (string, error) {
	if s, ok := t.credential.(staticToken); ok {
		return s.header, nil
	}
	tok, err := t.credential.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{t.scope}})
	if err != nil {
		return "", fmt.Errorf("apiconnector: getting a token for %s: %w", t.scope, err)
	}
	if last := t.bearer.Load(); last != nil && last.token == tok.Token {
		return last.value, nil
	}
	b := &bearerHeader{token: tok.Token, value: "Bearer " + tok.Token}
	t.bearer.Store(b)
	return b.value, nil
}

// lastToken is the bearer token the transport sends, as far as it knows it: the static
// token, or the last one the credential gave.
func (t *transport) lastToken() string {
	if s, ok := t.credential.(staticToken); ok {
		return s.token
	}
	if last := t.bearer.Load(); last != nil {
		return last.token
	}
	return ""
}

// tokenMasker masks the token the transport sends, nil before it has one.
func (t *transport) tokenMasker() *secret.Masker {
	token := t.lastToken()
	if token == "" {
		return nil
	}
	if last := t.tokenMask.Load(); last != nil && last.token == token {
		return last.masker
	}
	m := &tokenMasker{token: token, masker: secret.NewMasker([]string{token}, nil)}
	t.tokenMask.Store(m)
	return m.masker
}

// waitAfter is Graph's Retry-After when it sent a usable one, else the backoff.
func (t *transport) waitAfter(resp *http.Response, attempt int) time.Duration {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), t.clock.Now()); ok {
			return d
		}
	}
	return t.retry.backoff(attempt)
}

// finish returns the last attempt's outcome; a change that is not idempotent, whose body
// left and whose answer did not arrive, becomes ErrOutcomeUnknown.
func finish(op *operation, resp *http.Response, err error, body *bodyTracker) (*http.Response, error) {
	if err == nil {
		return resp, nil
	}
	if !op.idempotent && body.wasRead() {
		return nil, fmt.Errorf("%w: %w", ErrOutcomeUnknown, err)
	}
	return nil, err
}

func (t *transport) logAttempt(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, took time.Duration, id string) {
	if !t.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attempt),
		slog.Duration("duration", took),
		slog.String("client-request-id", id),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request-id", resp.Header.Get("request-id")))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	t.logger.LogAttrs(ctx, slog.LevelDebug, "graph request", attrs...)
}

// discard drains a response that is being retried, so its connection can be reused.
func discard(resp *http.Response) {
	if resp == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
	_ = resp.Body.Close()
}

// sameOrigin compares scheme, host and port, filling in the scheme's default port.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		strings.EqualFold(effectivePort(a), effectivePort(b))
}

func effectivePort(u *url.URL) string {
	if port := u.Port(); port != "" {
		return port
	}
	switch {
	case strings.EqualFold(u.Scheme, "http"):
		return "80"
	case strings.EqualFold(u.Scheme, "https"):
		return "443"
	}
	return ""
}

// bodyTracker is one attempt's request body. It notes whether the transport read any
// byte of it: before that a failed POST cannot have reached Graph; after it, it may have.
type bodyTracker struct {
	read    atomic.Bool
	body    io.ReadCloser
	getBody func() (io.ReadCloser, error)
}

func (b *bodyTracker) wasRead() bool { return b != nil && b.read.Load() }

func (b *bodyTracker) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 {
		b.read.Store(true)
	}
	return n, err
}

func (b *bodyTracker) Close() error { return b.body.Close() }

// rewind is the attempt's GetBody: a fresh copy of the body, tracked by b as well.
func (b *bodyTracker) rewind() (io.ReadCloser, error) {
	rc, err := b.getBody()
	if err != nil {
		return nil, err
	}
	if rc == nil || rc == http.NoBody {
		return rc, nil
	}
	return &trackedBody{ReadCloser: rc, tracker: b}, nil
}

type trackedBody struct {
	io.ReadCloser
	tracker *bodyTracker
}

func (t *trackedBody) Read(p []byte) (int, error) {
	n, err := t.ReadCloser.Read(p)
	if n > 0 {
		t.tracker.read.Store(true)
	}
	return n, err
}

// pastDeadline reports whether ctx ends before at (a real time, as deadlines are): waiting
// would only end in the deadline's error, and the answer Graph gave, with its Retry-After,
// is more use to the caller.
func pastDeadline(ctx context.Context, at time.Time) bool {
	deadline, ok := ctx.Deadline()
	return ok && at.After(deadline)
}
