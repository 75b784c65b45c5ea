package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// The failure matrix: one row per fault a client meets, in the words README.md uses,
// with what the client does about it. Every row runs against the fake (in process, or
// behind a loopback socket) or, for what the fake cannot produce, a small httptest
// server. The client's Clock records each wait and never sleeps.
//
// TestFailureBehaviourTableInREADME renders the same rows as the README's table, so the
// documentation cannot drift from the behaviour.

// fmNow is where the matrix clock starts; Retry-After dates are relative to it.
var fmNow = time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)

// fmObserved is what one row's scenario saw.
type fmObserved struct {
	err        error
	attempts   int
	connectors int // connectors in the fake at the end; -1 where there is no fake
}

// fmRow is one fault. The first five fields are the README's columns.
type fmRow struct {
	area, fault, outcome, errText string
	attempts                      int

	wantIs         []error       // each must match errors.Is
	wantStatus     int           // the *client.Error's status; 0: the error is not a *client.Error
	wantRetryAfter time.Duration // the *client.Error's RetryAfter
	wantAs         func(t *testing.T, err error)
	wantWaits      []time.Duration // exact waits; with jitter, the backoff caps
	jitter         bool
	wantConnectors int // -1: not checked
	succeeds       bool

	run func(t *testing.T, clock *recordingClock) fmObserved
}

var fmConnector = client.Connector{
	DisplayName: "Matrix",
	TargetURL:   "https://api.example.com/matrix",
	Auth:        client.BasicAuth{Username: "graph", Password: "matrix-password"},
}

// fmClient is a client over hc on the given root ("" for the fake's in-process Transport,
// which answers any host).
func fmClient(t *testing.T, clock *recordingClock, hc *http.Client, root string) *client.Client {
	t.Helper()
	opts := []client.Option{client.WithHTTPClient(hc), client.WithStaticToken("matrix-token"), client.WithClock(clock)}
	if root != "" {
		opts = append(opts, client.WithBaseURL(root))
	}
	c, err := client.New(opts...)
	require.NoError(t, err)
	return c
}

// fmOp is the operation a fake row runs.
type fmOp int

const (
	fmCreate fmOp = iota + 1
	fmGet
)

// onFake runs op against a fake in process (socket false) or behind a loopback server,
// after inject; a get reads a connector created before the fault.
func onFake(op fmOp, socket bool, inject func(*fake.Server), ctxFor func(context.Context) (context.Context, context.CancelFunc)) func(*testing.T, *recordingClock) fmObserved {
	return func(t *testing.T, clock *recordingClock) fmObserved {
		server := fake.New()
		t.Cleanup(func() { assert.Empty(t, server.ContractViolations()) })
		hc, root := &http.Client{Transport: server.Transport()}, ""
		if socket {
			srv := httptest.NewServer(server)
			t.Cleanup(srv.Close)
			hc, root = &http.Client{}, srv.URL
		}
		return runOnFake(t, fmClient(t, clock, hc, root), server, op, inject, ctxFor)
	}
}

// onFakeWithTimeout is onFake behind a loopback server with http.Client.Timeout set.
func onFakeWithTimeout(op fmOp, timeout time.Duration, inject func(*fake.Server)) func(*testing.T, *recordingClock) fmObserved {
	return func(t *testing.T, clock *recordingClock) fmObserved {
		server := fake.New()
		t.Cleanup(func() { assert.Empty(t, server.ContractViolations()) })
		srv := httptest.NewServer(server)
		t.Cleanup(srv.Close)
		c := fmClient(t, clock, &http.Client{Timeout: timeout}, srv.URL)
		return runOnFake(t, c, server, op, inject, nil)
	}
}

func runOnFake(t *testing.T, c *client.Client, server *fake.Server, op fmOp, inject func(*fake.Server), ctxFor func(context.Context) (context.Context, context.CancelFunc)) fmObserved {
	t.Helper()
	var existing client.Connector
	if op == fmGet {
		var err error
		existing, err = c.Create(t.Context(), fmConnector)
		require.NoError(t, err)
	}
	before := server.Requests()
	inject(server)
	ctx := t.Context()
	if ctxFor != nil {
		var cancel context.CancelFunc
		ctx, cancel = ctxFor(ctx)
		defer cancel()
	}
	var err error
	switch op {
	case fmCreate:
		_, err = c.Create(ctx, fmConnector)
	case fmGet:
		_, err = c.Get(ctx, existing.ID)
	}
	server.SetLatency(0)
	return fmObserved{err: err, attempts: server.Requests() - before, connectors: len(server.Connectors())}
}

// cancelDuringWait creates against a fake that throttles with Retry-After 30 and cancels
// the context once the client has started to wait.
func cancelDuringWait(t *testing.T, clock *recordingClock) fmObserved {
	server := fake.New()
	t.Cleanup(func() { assert.Empty(t, server.ContractViolations()) })
	clock.block, clock.sleeping = true, make(chan time.Duration, 1)
	c := fmClient(t, clock, &http.Client{Transport: server.Transport()}, "")
	server.ThrottleNext(1, "30")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.Create(ctx, fmConnector)
		done <- err
	}()
	<-clock.sleeping
	cancel()
	err := <-done
	require.NotErrorIs(t, err, errClockGuard, "the wait ended with the context")
	return fmObserved{err: err, attempts: server.Requests(), connectors: len(server.Connectors())}
}

// countingBody counts what the client reads of a response body.
type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type countingTransport struct {
	next http.RoundTripper
	read atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if resp != nil {
		resp.Body = countingBody{ReadCloser: resp.Body, n: &c.read}
	}
	return resp, err
}

// onServer gets a connector from an httptest server that answers with respond, and checks
// that the client read at most maxRead bytes of the body (0: not checked).
func onServer(maxRead int64, respond func(w http.ResponseWriter, r *http.Request)) func(*testing.T, *recordingClock) fmObserved {
	return func(t *testing.T, clock *recordingClock) fmObserved {
		var requests atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			respond(w, r)
		}))
		t.Cleanup(srv.Close)
		counter := &countingTransport{next: http.DefaultTransport}
		c := fmClient(t, clock, &http.Client{Transport: counter}, srv.URL)
		_, err := c.Get(t.Context(), "be1f769b-9b13-437e-b540-79a905c4932c")
		if maxRead > 0 {
			assert.LessOrEqual(t, counter.read.Load(), maxRead, "bytes of the body the client read")
		}
		return fmObserved{err: err, attempts: int(requests.Load()), connectors: -1}
	}
}

// pagesServer lists connectors from pages linked as next says: page n links to page
// next[n], and -1 ends. It stops answering with pages after 20 requests, so that a client
// that follows a loop ends too.
func pagesServer(next []int) func(*testing.T, *recordingClock) fmObserved {
	return func(t *testing.T, clock *recordingClock) fmObserved {
		var requests atomic.Int32
		var srv *httptest.Server
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if requests.Add(1) > 20 {
				fmJSON(w, http.StatusNotFound, `{"error":{"code":"itemNotFound","message":"no more pages"}}`)
				return
			}
			page := 0
			_, _ = fmt.Sscanf(r.URL.Query().Get("$skiptoken"), "page%d", &page)
			body := fmt.Sprintf(`{"value":[{"id":"c%d","displayName":"page %d","targetUrl":"https://x.example/%d"}]`, page, page, page)
			if n := next[page]; n >= 0 {
				body += fmt.Sprintf(`,"@odata.nextLink":"%s/v1.0/identity/apiConnectors?$skiptoken=page%d"`, srv.URL, n)
			}
			fmJSON(w, http.StatusOK, body+"}")
		}))
		t.Cleanup(srv.Close)
		c := fmClient(t, clock, &http.Client{}, srv.URL)
		var err error
		for _, e := range c.List(t.Context(), client.ListOptions{}) {
			if e != nil {
				err = e
				break
			}
		}
		return fmObserved{err: err, attempts: int(requests.Load()), connectors: -1}
	}
}

func fmJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

const fmConnectorJSON = `{"id":"be1f769b-9b13-437e-b540-79a905c4932c","displayName":"Test API","targetUrl":"https://someapi.com/api",` +
	`"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"******"}}`

// Size limits the client documents.
const (
	fmSuccessLimit = 8 << 20
	fmErrorLimit   = 64 << 10
)

func fmRows() []fmRow {
	const s = time.Second
	base := 500 * time.Millisecond // DefaultRetryPolicy's first backoff cap
	ms := time.Millisecond
	unknownOutcome := []error{client.ErrOutcomeUnknown}
	isURLTimeout := func(t *testing.T, err error) {
		var ue *url.Error
		if assert.ErrorAs(t, err, &ue) {
			assert.True(t, ue.Timeout(), "a timeout")
		}
	}
	isSyntaxError := func(t *testing.T, err error) {
		var se *json.SyntaxError
		assert.ErrorAs(t, err, &se)
	}
	return []fmRow{
		{area: "Throttling", fault: "429, `Retry-After: 2`", outcome: "created after waiting 2 s", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{2 * s}, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.ThrottleNext(1, "2") }, nil)},
		{area: "Throttling", fault: "429, `Retry-After: 2.128` (fractional)", outcome: "created after waiting 2.128 s", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{2128 * ms}, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.ThrottleNext(1, "2.128") }, nil)},
		{area: "Throttling", fault: "429, `Retry-After` as an HTTP date 7 s ahead", outcome: "created after waiting 7 s", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{7 * s}, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.ThrottleNext(1, fmNow.Add(7*s).Format(http.TimeFormat)) }, nil)},
		{area: "Throttling", fault: "429 without `Retry-After`", outcome: "created after a backoff of at most 500 ms", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.ThrottleNext(1, "") }, nil)},
		{area: "Throttling", fault: "429, `Retry-After: 86400` (1 day)", outcome: "not waited (past the 60 s budget); returned at once", errText: "`*client.Error` 429, `ErrThrottled`, `RetryAfter` 24h", attempts: 1,
			wantIs: []error{client.ErrThrottled}, wantStatus: http.StatusTooManyRequests, wantRetryAfter: 24 * time.Hour, wantConnectors: 0,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.ThrottleNext(1, "86400") }, nil)},
		{area: "Throttling", fault: "429 on every attempt, `Retry-After: 1`", outcome: "gives up after 4 attempts", errText: "`*client.Error` 429, `ErrThrottled`, `RetryAfter` 1s", attempts: 4,
			wantIs: []error{client.ErrThrottled}, wantStatus: http.StatusTooManyRequests, wantRetryAfter: s, wantWaits: []time.Duration{s, s, s}, wantConnectors: 0,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.ThrottleNext(4, "1") }, nil)},

		{area: "Server errors", fault: "503 with `Retry-After: 3` on a create", outcome: "created after waiting 3 s", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{3 * s}, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.UnavailableNext(1, "3") }, nil)},
		{area: "Server errors", fault: "503 without `Retry-After` on a create", outcome: "not retried: Graph may have acted", errText: "`*client.Error` 503", attempts: 1,
			wantStatus: http.StatusServiceUnavailable, wantConnectors: 0,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.UnavailableNext(1, "") }, nil)},
		{area: "Server errors", fault: "503 without `Retry-After` on a get", outcome: "read after a backoff of at most 500 ms", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1,
			run: onFake(fmGet, false, func(f *fake.Server) { f.UnavailableNext(1, "") }, nil)},
		{area: "Server errors", fault: "504 on a create", outcome: "not retried: Graph may have acted", errText: "`*client.Error` 504", attempts: 1,
			wantStatus: http.StatusGatewayTimeout, wantConnectors: 0,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.GatewayTimeoutNext(1) }, nil)},
		{area: "Server errors", fault: "504 on a get", outcome: "read after a backoff of at most 500 ms", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1,
			run: onFake(fmGet, false, func(f *fake.Server) { f.GatewayTimeoutNext(1) }, nil)},

		{area: "Connection", fault: "reset before the request body is read (create)", outcome: "retried after a backoff; created once", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.DropNext(1, fake.DropBeforeProcessing) }, nil)},
		{area: "Connection", fault: "reset before the body is read, on every attempt (create)", outcome: "gives up after 4 attempts; nothing created", errText: "the connection error (not `ErrOutcomeUnknown`)", attempts: 4,
			wantIs: []error{fake.ErrConnectionDropped}, wantWaits: []time.Duration{base, 2 * base, 4 * base}, jitter: true, wantConnectors: 0,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.DropNext(4, fake.DropBeforeProcessing) }, nil)},
		{area: "Connection", fault: "reset after Graph processed a create", outcome: "not retried; the connector exists once", errText: "`ErrOutcomeUnknown`", attempts: 1,
			wantIs: unknownOutcome, wantConnectors: 1,
			run: onFake(fmCreate, false, func(f *fake.Server) { f.DropNext(1, fake.DropAfterProcessing) }, nil)},
		{area: "Connection", fault: "reset after Graph processed a create, over a loopback socket", outcome: "not retried; the connector exists once", errText: "`ErrOutcomeUnknown`", attempts: 1,
			wantIs: unknownOutcome, wantConnectors: 1,
			run: onFake(fmCreate, true, func(f *fake.Server) { f.DropNext(1, fake.DropAfterProcessing) }, nil)},
		{area: "Connection", fault: "reset after Graph processed a get", outcome: "read after a backoff of at most 500 ms", errText: "none", attempts: 2,
			succeeds: true, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1,
			run: onFake(fmGet, false, func(f *fake.Server) { f.DropNext(1, fake.DropAfterProcessing) }, nil)},

		{area: "Response body", fault: "truncated (Content-Length 100, 20 bytes sent)", outcome: "not retried", errText: "`io.ErrUnexpectedEOF`", attempts: 1,
			wantIs: []error{io.ErrUnexpectedEOF}, wantConnectors: -1,
			run: onServer(0, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", "100")
				w.WriteHeader(http.StatusOK)
				_, _ = io.WriteString(w, fmConnectorJSON[:20])
			})},
		{area: "Response body", fault: "invalid JSON on a 200", outcome: "not retried", errText: "`*json.SyntaxError`", attempts: 1,
			wantAs: isSyntaxError, wantConnectors: -1,
			run: onServer(0, func(w http.ResponseWriter, _ *http.Request) { fmJSON(w, http.StatusOK, `{"id":"x",`+"\x00") })},
		{area: "Response body", fault: "a 200 larger than 8 MiB", outcome: "refused after reading 8 MiB + 1 byte", errText: "an error (no sentinel)", attempts: 1,
			wantConnectors: -1,
			run: onServer(fmSuccessLimit+1, func(w http.ResponseWriter, _ *http.Request) {
				fmJSON(w, http.StatusOK, `{"id":"x","displayName":"`+strings.Repeat("a", fmSuccessLimit)+`"}`)
			})},
		{area: "Response body", fault: "a 404 error body larger than 64 KiB", outcome: "first 64 KiB read; status and headers kept", errText: "`*client.Error` 404, `ErrNotFound`", attempts: 1,
			wantIs: []error{client.ErrNotFound}, wantStatus: http.StatusNotFound, wantConnectors: -1,
			run: onServer(fmErrorLimit, func(w http.ResponseWriter, _ *http.Request) {
				fmJSON(w, http.StatusNotFound, `{"error":{"code":"itemNotFound","message":"`+strings.Repeat("a", 1<<20)+`"}}`)
			})},
		{area: "Response body", fault: "`@odata.nextLink` repeats the page's own link", outcome: "list stops with an error", errText: "an error (no sentinel)", attempts: 2,
			wantConnectors: -1,
			run:            pagesServer([]int{1, 1})},
		{area: "Response body", fault: "`@odata.nextLink` loops back to an earlier page (1 → 2 → 3 → 2)", outcome: "list stops with an error before a page repeats", errText: "an error (no sentinel)", attempts: 3,
			wantConnectors: -1,
			run:            pagesServer([]int{1, 2, 1})},

		{area: "Time", fault: "response headers slower than `http.Client.Timeout` (get)", outcome: "not retried", errText: "`*url.Error` with `Timeout()`", attempts: 1,
			wantAs: isURLTimeout, wantConnectors: 1,
			run: onFakeWithTimeout(fmGet, 100*ms, func(f *fake.Server) { f.SetLatency(time.Hour) })},
		{area: "Time", fault: "response headers slower than the context deadline (create)", outcome: "not retried; the body was sent", errText: "`ErrOutcomeUnknown`, `context.DeadlineExceeded`", attempts: 1,
			wantIs: []error{client.ErrOutcomeUnknown, context.DeadlineExceeded}, wantConnectors: 0,
			run: onFake(fmCreate, true, func(f *fake.Server) { f.SetLatency(time.Hour) }, func(ctx context.Context) (context.Context, context.CancelFunc) {
				return context.WithTimeout(ctx, 100*ms)
			})},
		{area: "Time", fault: "context cancelled during a `Retry-After: 30` wait", outcome: "returns when cancelled; no second attempt", errText: "`context.Canceled`", attempts: 1,
			wantIs: []error{context.Canceled}, wantWaits: []time.Duration{30 * s}, wantConnectors: 0,
			run: cancelDuringWait},
	}
}

func TestFaultMatrix(t *testing.T) {
	for _, row := range fmRows() {
		t.Run(row.area+"/"+row.fault, func(t *testing.T) {
			t.Parallel()
			clock := newRecordingClockAt(fmNow)
			got := row.run(t, clock)

			assert.Equal(t, row.attempts, got.attempts, "attempts")
			if row.wantConnectors >= 0 {
				assert.Equal(t, row.wantConnectors, got.connectors, "connectors in the fake")
			}
			waits := clock.recorded()
			if row.jitter {
				require.Len(t, waits, len(row.wantWaits), "waits")
				for i, ceiling := range row.wantWaits {
					assert.GreaterOrEqual(t, waits[i], time.Duration(0), "wait %d", i)
					assert.LessOrEqual(t, waits[i], ceiling, "wait %d", i)
				}
			} else {
				assert.Equal(t, row.wantWaits, waits, "waits")
			}

			if row.succeeds {
				require.NoError(t, got.err)
				return
			}
			require.Error(t, got.err)
			for _, want := range row.wantIs {
				require.ErrorIs(t, got.err, want)
			}
			if !slices.Contains(row.wantIs, client.ErrOutcomeUnknown) {
				require.NotErrorIs(t, got.err, client.ErrOutcomeUnknown)
			}
			var graphErr *client.Error
			if row.wantStatus != 0 {
				require.ErrorAs(t, got.err, &graphErr)
				assert.Equal(t, row.wantStatus, graphErr.StatusCode)
				assert.Equal(t, row.wantRetryAfter, graphErr.RetryAfter)
			} else {
				assert.NotErrorAs(t, got.err, &graphErr, "not a *client.Error")
			}
			var validation *client.ValidationError
			assert.NotErrorAs(t, got.err, &validation, "not an input error")
			if row.wantAs != nil {
				row.wantAs(t, got.err)
			}
		})
	}
}

// Markers of the failure table in README.md.
const (
	fmStartMarker = "<!-- failure-behaviour:start -->"
	fmEndMarker   = "<!-- failure-behaviour:end -->"
)

// renderFailureTable writes the matrix as the README's Markdown table.
func renderFailureTable(rows []fmRow) string {
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	var b strings.Builder
	b.WriteString("| area | fault | outcome | attempts | error |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s |\n", cell(r.area), cell(r.fault), cell(r.outcome), r.attempts, cell(r.errText))
	}
	return b.String()
}

func TestFailureBehaviourTableInREADME(t *testing.T) {
	want := renderFailureTable(fmRows())
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	_, rest, foundStart := strings.Cut(string(readme), fmStartMarker)
	block, _, foundEnd := strings.Cut(rest, fmEndMarker)
	if !foundStart || !foundEnd {
		t.Fatalf("README.md has no %s ... %s block; add it with this table:\n\n%s\n%s%s", fmStartMarker, fmEndMarker, fmStartMarker, want, fmEndMarker)
	}
	assert.Equal(t, strings.TrimSpace(want), strings.TrimSpace(block), "the README's failure table differs from the fault matrix; paste:\n\n%s", want)
}
