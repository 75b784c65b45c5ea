package client

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/google/uuid"
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
}

type clientRequestIDKey struct{}

// withClientRequestID pins the client-request-id of one logical call, so that all its
// attempts (and redirects) share it and Graph's logs tie them together.
func withClientRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, clientRequestIDKey{}, id)
}

func clientRequestID(ctx context.Context) string {
	id, _ := ctx.Value(clientRequestIDKey{}).(string)
	return id
}

func newClientRequestID() string { return uuid.NewString() }

// staticToken is the credential behind WithStaticToken.
type staticToken struct{ token string }

func (s staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: s.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// RoundTrip sends req, retrying as the policy allows, and returns the last response: a
// non-2xx one is for the caller to turn into an *Error.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	id := clientRequestID(ctx)
	if id == "" {
		id = newClientRequestID()
	}
	hasBody := req.Body != nil && req.Body != http.NoBody
	// Retrying needs a fresh body per attempt; without GetBody there is only the one.
	replayable := !hasBody || req.GetBody != nil
	if hasBody && req.GetBody != nil {
		_ = req.Body.Close()
	}

	var waited time.Duration
	for attempt := 1; ; attempt++ {
		// A context that has ended sends nothing: an attempt started now could only end in
		// an error after the body was taken, which would read as an unknown outcome.
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("apiconnector: %w", err)
		}
		out, body, err := t.prepare(req, hasBody, id)
		if err != nil {
			return nil, err
		}
		start := time.Now()
		resp, err := t.next.RoundTrip(out)
		t.logAttempt(ctx, out, resp, err, attempt, time.Since(start), id)

		decision := shouldRetry(ctx, req.Method, resp, err, body.wasRead())
		if !decision.retry || !replayable {
			return finish(req.Method, resp, err, body)
		}
		wait := t.waitAfter(resp, attempt)
		if attempt >= t.retry.MaxAttempts || waited+wait > t.retry.MaxTotalWait || pastDeadline(ctx, time.Now().Add(wait)) {
			t.logger.LogAttrs(ctx, slog.LevelDebug, "graph retry given up",
				slog.String("reason", decision.reason), slog.Int("attempt", attempt),
				slog.Duration("wait", wait), slog.Duration("waited", waited), slog.String("client-request-id", id))
			return finish(req.Method, resp, err, body)
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

// prepare builds one attempt: a clone of req with its own tracked body and the headers.
func (t *transport) prepare(req *http.Request, hasBody bool, id string) (*http.Request, *bodyTracker, error) {
	ctx := req.Context()
	out := req.Clone(ctx)
	body := &bodyTracker{}
	if hasBody {
		if req.GetBody != nil {
			b, err := req.GetBody()
			if err != nil {
				return nil, nil, fmt.Errorf("apiconnector: rewinding the request body: %w", err)
			}
			out.Body = body.wrap(b)
			// http.Transport may itself resend on a stale connection; that copy is tracked too.
			out.GetBody = func() (io.ReadCloser, error) {
				b, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				return body.wrap(b), nil
			}
		} else {
			out.Body = body.wrap(req.Body)
		}
	}
	out.Header.Set("client-request-id", id)
	out.Header.Set("User-Agent", t.userAgent)
	out.Header.Del("Authorization")
	if sameOrigin(out.URL, t.graph) {
		tok, err := t.credential.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{t.scope}})
		if err != nil {
			if out.Body != nil {
				_ = out.Body.Close()
			}
			return nil, nil, fmt.Errorf("apiconnector: getting a token for %s: %w", t.scope, err)
		}
		out.Header.Set("Authorization", "Bearer "+tok.Token)
	}
	return out, body, nil
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

// finish returns the last attempt's outcome; a POST whose body left and whose answer did
// not arrive becomes ErrOutcomeUnknown.
func finish(method string, resp *http.Response, err error, body *bodyTracker) (*http.Response, error) {
	if err == nil {
		return resp, nil
	}
	if method == http.MethodPost && body.wasRead() {
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
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(hostPort(a), hostPort(b))
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// bodyTracker notes whether the transport read any byte of a request body: before that a
// failed POST cannot have reached Graph; after it, it may have.
type bodyTracker struct{ read atomic.Bool }

func (b *bodyTracker) wasRead() bool { return b != nil && b.read.Load() }

func (b *bodyTracker) wrap(rc io.ReadCloser) io.ReadCloser {
	if rc == nil || rc == http.NoBody {
		return rc
	}
	return &trackedBody{ReadCloser: rc, tracker: b}
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
