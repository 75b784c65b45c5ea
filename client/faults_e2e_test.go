package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// Fault tests: the client's retries against the fake's injected failures. The client runs
// on a Clock that records each wait and returns at once, so a test never sleeps and the
// waits the client computed can be asserted exactly.
//
// The client talks to the fake's in-process Transport through headerRecorder only. A
// validating contract.Transport in between would read each request body before the fake
// sees it, so a connection dropped "before the request is read" would come after the body
// left, which is a different fault; the fake still holds every response to the contract.

// faultsNow is where the fault clock starts; Retry-After dates are relative to it.
var faultsNow = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

// headerRecorder records the headers of every attempt the client sends, without touching
// the body.
type headerRecorder struct {
	next    http.RoundTripper
	mu      sync.Mutex
	headers []http.Header
}

func (h *headerRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.headers = append(h.headers, r.Header.Clone())
	h.mu.Unlock()
	return h.next.RoundTrip(r)
}

func (h *headerRecorder) ids() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]string, len(h.headers))
	for i, hd := range h.headers {
		out[i] = hd.Get("client-request-id")
	}
	return out
}

// faultEnv is a fake, a recorder in front of its transport and a client with clock.
type faultEnv struct {
	server   *fake.Server
	recorder *headerRecorder
	client   *client.Client
}

func newFaultEnv(t *testing.T, clock client.Clock, fakeOpts ...fake.Option) *faultEnv {
	t.Helper()
	server := fake.New(fakeOpts...)
	rec := &headerRecorder{next: server.Transport()}
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: rec}),
		client.WithStaticToken("t"),
		client.WithClock(clock),
	)
	require.NoError(t, err)
	t.Cleanup(func() { assert.Empty(t, server.ContractViolations()) })
	return &faultEnv{server: server, recorder: rec, client: c}
}

var faultConnector = client.Connector{
	DisplayName: "Faulty",
	TargetURL:   "https://api.example.com/faulty",
	Auth:        client.BasicAuth{Username: "graph", Password: "fault-password"},
}

// The operations a fault row runs. get and upload work on a connector created before the
// fault is injected; nextpage follows the nextLink of a first page read before it.
const (
	opCreate   = "create"
	opGet      = "get"
	opUpload   = "upload"
	opNextPage = "nextpage"
)

func TestFaults(t *testing.T) {
	const (
		s    = time.Second
		base = 500 * time.Millisecond // DefaultRetryPolicy's first backoff cap
	)
	type row struct {
		name   string
		op     string
		inject func(*fake.Server)
		// timeout, when set, bounds the call's context.
		timeout time.Duration

		// wantErrs must each match with errors.Is, and wantStatus is the *client.Error's
		// status (0: not an *client.Error). Neither means the call succeeds.
		wantErrs       []error
		wantStatus     int
		wantCode       string
		wantRetryAfter time.Duration
		wantAttempts   int
		wantWaits      []time.Duration // exact waits, or backoff caps when jitter
		jitter         bool
		// wantConnectors is how many connectors exist at the end; wantCerts how many
		// certificates the uploaded-to connector has (upload rows only).
		wantConnectors int
		wantCerts      int
	}
	rows := []row{
		{name: "429 Retry-After 2 then success", op: opCreate,
			inject:       func(f *fake.Server) { f.ThrottleNext(1, "2") },
			wantAttempts: 2, wantWaits: []time.Duration{2 * s}, wantConnectors: 1},
		{name: "429 fractional Retry-After", op: opCreate,
			inject:       func(f *fake.Server) { f.ThrottleNext(1, "2.128") },
			wantAttempts: 2, wantWaits: []time.Duration{2128 * time.Millisecond}, wantConnectors: 1},
		{name: "429 Retry-After as an HTTP date", op: opCreate,
			inject:       func(f *fake.Server) { f.ThrottleNext(1, faultsNow.Add(7*s).Format(http.TimeFormat)) },
			wantAttempts: 2, wantWaits: []time.Duration{7 * s}, wantConnectors: 1},
		{name: "429 Retry-After as a past HTTP date", op: opGet,
			inject:       func(f *fake.Server) { f.ThrottleNext(1, faultsNow.Add(-time.Hour).Format(http.TimeFormat)) },
			wantAttempts: 2, wantWaits: []time.Duration{0}, wantConnectors: 1},
		{name: "429 without Retry-After backs off", op: opCreate,
			inject:       func(f *fake.Server) { f.ThrottleNext(1, "") },
			wantAttempts: 2, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1},
		{name: "429 Retry-After past the budget is not waited", op: opCreate,
			inject:   func(f *fake.Server) { f.ThrottleNext(1, "86400") },
			wantErrs: []error{client.ErrThrottled}, wantStatus: http.StatusTooManyRequests, wantCode: "TooManyRequests",
			wantRetryAfter: 24 * time.Hour, wantAttempts: 1, wantConnectors: 0},
		{name: "429 until attempts run out", op: opCreate,
			inject:   func(f *fake.Server) { f.ThrottleNext(4, "1") },
			wantErrs: []error{client.ErrThrottled}, wantStatus: http.StatusTooManyRequests, wantCode: "TooManyRequests",
			wantRetryAfter: s, wantAttempts: 4, wantWaits: []time.Duration{s, s, s}, wantConnectors: 0},
		{name: "429 until the wait budget runs out", op: opGet,
			inject:   func(f *fake.Server) { f.ThrottleNext(3, "30") },
			wantErrs: []error{client.ErrThrottled}, wantStatus: http.StatusTooManyRequests, wantCode: "TooManyRequests",
			wantRetryAfter: 30 * s, wantAttempts: 3, wantWaits: []time.Duration{30 * s, 30 * s}, wantConnectors: 1},
		{name: "429 on upload is retried", op: opUpload,
			inject:       func(f *fake.Server) { f.ThrottleNext(2, "1.5") },
			wantAttempts: 3, wantWaits: []time.Duration{1500 * time.Millisecond, 1500 * time.Millisecond}, wantConnectors: 1, wantCerts: 1},
		{name: "429 on a nextLink page is retried", op: opNextPage,
			inject:       func(f *fake.Server) { f.ThrottleNext(1, "4") },
			wantAttempts: 2, wantWaits: []time.Duration{4 * s}, wantConnectors: 2},
		{name: "503 with Retry-After on create is retried", op: opCreate,
			inject:       func(f *fake.Server) { f.UnavailableNext(1, "3") },
			wantAttempts: 2, wantWaits: []time.Duration{3 * s}, wantConnectors: 1},
		{name: "503 without Retry-After on create is not retried", op: opCreate,
			inject:     func(f *fake.Server) { f.UnavailableNext(1, "") },
			wantStatus: http.StatusServiceUnavailable, wantCode: "serviceNotAvailable",
			wantAttempts: 1, wantConnectors: 0},
		{name: "503 without Retry-After on get is retried", op: opGet,
			inject:       func(f *fake.Server) { f.UnavailableNext(1, "") },
			wantAttempts: 2, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1},
		{name: "503 without Retry-After on upload is not retried", op: opUpload,
			inject:     func(f *fake.Server) { f.UnavailableNext(1, "") },
			wantStatus: http.StatusServiceUnavailable, wantCode: "serviceNotAvailable",
			wantAttempts: 1, wantConnectors: 1, wantCerts: 0},
		{name: "504 on create is not retried", op: opCreate,
			inject:     func(f *fake.Server) { f.GatewayTimeoutNext(1) },
			wantStatus: http.StatusGatewayTimeout, wantCode: "gatewayTimeout",
			wantAttempts: 1, wantConnectors: 0},
		{name: "504 on get is retried", op: opGet,
			inject:       func(f *fake.Server) { f.GatewayTimeoutNext(1) },
			wantAttempts: 2, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1},
		{name: "504 on get backs off exponentially", op: opGet,
			inject:       func(f *fake.Server) { f.GatewayTimeoutNext(3) },
			wantAttempts: 4, wantWaits: []time.Duration{base, 2 * base, 4 * base}, jitter: true, wantConnectors: 1},
		{name: "504 on get until attempts run out", op: opGet,
			inject:     func(f *fake.Server) { f.GatewayTimeoutNext(4) },
			wantStatus: http.StatusGatewayTimeout, wantCode: "gatewayTimeout",
			wantAttempts: 4, wantWaits: []time.Duration{base, 2 * base, 4 * base}, jitter: true, wantConnectors: 1},
		{name: "mixed 503 and 429 on create", op: opCreate,
			inject:       func(f *fake.Server) { f.UnavailableNext(1, "1"); f.ThrottleNext(1, "2") },
			wantAttempts: 3, wantWaits: []time.Duration{s, 2 * s}, wantConnectors: 1},
		// The fake's Transport drops the connection without reading the body, and the client
		// documents that a POST that failed before any of its body was read is retried.
		{name: "drop before processing on create is retried", op: opCreate,
			inject:       func(f *fake.Server) { f.DropNext(1, fake.DropBeforeProcessing) },
			wantAttempts: 2, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1},
		{name: "drop before processing on upload is retried", op: opUpload,
			inject:       func(f *fake.Server) { f.DropNext(1, fake.DropBeforeProcessing) },
			wantAttempts: 2, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1, wantCerts: 1},
		{name: "drop after processing on create is an unknown outcome", op: opCreate,
			inject:       func(f *fake.Server) { f.DropNext(1, fake.DropAfterProcessing) },
			wantErrs:     []error{client.ErrOutcomeUnknown, fake.ErrConnectionDropped},
			wantAttempts: 1, wantConnectors: 1},
		{name: "drop after processing on upload is an unknown outcome", op: opUpload,
			inject:       func(f *fake.Server) { f.DropNext(1, fake.DropAfterProcessing) },
			wantErrs:     []error{client.ErrOutcomeUnknown, fake.ErrConnectionDropped},
			wantAttempts: 1, wantConnectors: 1, wantCerts: 1},
		{name: "drop after processing on get is retried", op: opGet,
			inject:       func(f *fake.Server) { f.DropNext(1, fake.DropAfterProcessing) },
			wantAttempts: 2, wantWaits: []time.Duration{base}, jitter: true, wantConnectors: 1},
		{name: "latency alone", op: opCreate,
			inject:       func(f *fake.Server) { f.SetLatency(time.Millisecond) },
			wantAttempts: 1, wantConnectors: 1},
		{name: "latency past the deadline on get", op: opGet, timeout: 20 * time.Millisecond,
			inject:       func(f *fake.Server) { f.SetLatency(time.Hour) },
			wantErrs:     []error{context.DeadlineExceeded},
			wantAttempts: 1, wantConnectors: 1},
		// The fake reads the body before its latency, so the create went out and its answer
		// never came: the client cannot know that the fake dropped it.
		{name: "latency past the deadline on create", op: opCreate, timeout: 20 * time.Millisecond,
			inject:       func(f *fake.Server) { f.SetLatency(time.Hour) },
			wantErrs:     []error{client.ErrOutcomeUnknown, context.DeadlineExceeded},
			wantAttempts: 1, wantConnectors: 0},
	}

	for _, tt := range rows {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newRecordingClockAt(faultsNow)
			e := newFaultEnv(t, clock)
			pfx := testpfx.Valid(t, "fault pfx")
			var existing client.Connector
			var nextLink string
			if tt.op != opCreate {
				var err error
				existing, err = e.client.Create(t.Context(), faultConnector)
				require.NoError(t, err)
			}
			if tt.op == opNextPage {
				_, err := e.client.Create(t.Context(), faultConnector)
				require.NoError(t, err)
				page, err := e.client.ListPage(t.Context(), client.ListOptions{Top: 1})
				require.NoError(t, err)
				nextLink = page.NextLink
				require.NotEmpty(t, nextLink)
			}
			before := e.server.Requests()
			tt.inject(e.server)

			ctx := t.Context()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			var err error
			switch tt.op {
			case opCreate:
				_, err = e.client.Create(ctx, faultConnector)
			case opGet:
				_, err = e.client.Get(ctx, existing.ID)
			case opUpload:
				_, err = e.client.UploadClientCertificate(ctx, existing.ID, pfx.Data, pfx.Password)
			case opNextPage:
				var page client.Page
				page, err = e.client.NextPage(ctx, nextLink)
				if err == nil {
					assert.Len(t, page.Connectors, 1)
				}
			}
			e.server.SetLatency(0)

			if tt.wantErrs == nil && tt.wantStatus == 0 {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
				for _, want := range tt.wantErrs {
					require.ErrorIs(t, err, want)
				}
				if !slices.Contains(tt.wantErrs, client.ErrOutcomeUnknown) {
					require.NotErrorIs(t, err, client.ErrOutcomeUnknown)
				}
				var graphErr *client.Error
				if tt.wantStatus != 0 {
					require.ErrorAs(t, err, &graphErr)
					assert.Equal(t, tt.wantStatus, graphErr.StatusCode)
					assert.Equal(t, tt.wantCode, graphErr.Code)
					assert.Equal(t, tt.wantRetryAfter, graphErr.RetryAfter)
					ids := e.recorder.ids()
					assert.Equal(t, ids[len(ids)-1], graphErr.ClientRequestID)
				} else {
					assert.NotErrorAs(t, err, &graphErr, "no answer, so no *client.Error")
				}
			}

			assert.Equal(t, tt.wantAttempts, e.server.Requests()-before, "attempts")
			waits := clock.recorded()
			if tt.jitter {
				require.Len(t, waits, len(tt.wantWaits))
				for i, ceiling := range tt.wantWaits {
					assert.GreaterOrEqual(t, waits[i], time.Duration(0), "wait %d", i)
					assert.LessOrEqual(t, waits[i], ceiling, "wait %d", i)
				}
			} else {
				assert.Equal(t, tt.wantWaits, nilIfEmpty(waits), "waits")
			}
			assert.Len(t, e.server.Connectors(), tt.wantConnectors, "connectors: a create is never duplicated")
			if tt.op == opUpload {
				got, err := e.client.Get(t.Context(), existing.ID)
				require.NoError(t, err)
				certs, _ := got.Auth.(client.ClientCertificates)
				assert.Len(t, certs.Certificates, tt.wantCerts, "an upload is never duplicated")
			}
		})
	}
}

func nilIfEmpty(d []time.Duration) []time.Duration {
	if len(d) == 0 {
		return nil
	}
	return d
}

func TestFaultsKeepTheClientRequestIDAcrossRetries(t *testing.T) {
	tests := []struct {
		name     string
		op       string
		inject   func(*fake.Server)
		attempts int
	}{
		{"429 on create", opCreate, func(f *fake.Server) { f.ThrottleNext(2, "1") }, 3},
		{"503 with Retry-After on create", opCreate, func(f *fake.Server) { f.UnavailableNext(1, "1") }, 2},
		{"drop before processing on create", opCreate, func(f *fake.Server) { f.DropNext(1, fake.DropBeforeProcessing) }, 2},
		{"504 on get", opGet, func(f *fake.Server) { f.GatewayTimeoutNext(3) }, 4},
		{"drop after processing on get", opGet, func(f *fake.Server) { f.DropNext(2, fake.DropAfterProcessing) }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newFaultEnv(t, newRecordingClockAt(faultsNow))
			existing, err := e.client.Create(t.Context(), faultConnector)
			require.NoError(t, err)
			skip := len(e.recorder.ids())

			tt.inject(e.server)
			switch tt.op {
			case opCreate:
				_, err = e.client.Create(t.Context(), faultConnector)
			case opGet:
				_, err = e.client.Get(t.Context(), existing.ID)
			}
			require.NoError(t, err)
			_, err = e.client.Get(t.Context(), existing.ID)
			require.NoError(t, err)

			ids := e.recorder.ids()[skip:]
			require.Len(t, ids, tt.attempts+1)
			retried, next := ids[:tt.attempts], ids[tt.attempts]
			_, err = uuid.Parse(retried[0])
			require.NoError(t, err, "a UUID")
			for i, id := range retried {
				assert.Equal(t, retried[0], id, "attempt %d", i+1)
			}
			assert.NotEqual(t, retried[0], next, "the next call has its own id")
		})
	}
}

func TestFaultsContextCancelledDuringTheWait(t *testing.T) {
	tests := []struct {
		name   string
		op     string
		inject func(*fake.Server)
		want   time.Duration // the wait the client started; -1 for a backoff
	}{
		{"create throttled with Retry-After", opCreate, func(f *fake.Server) { f.ThrottleNext(1, "30") }, 30 * time.Second},
		{"create unavailable with Retry-After", opCreate, func(f *fake.Server) { f.UnavailableNext(1, "45") }, 45 * time.Second},
		{"get unavailable, backing off", opGet, func(f *fake.Server) { f.UnavailableNext(1, "") }, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newBlockingClock(faultsNow)
			e := newFaultEnv(t, clock)
			var existing client.Connector
			if tt.op == opGet {
				var err error
				existing, err = e.client.Create(t.Context(), faultConnector)
				require.NoError(t, err)
			}
			before := e.server.Requests()
			tt.inject(e.server)

			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			done := make(chan error, 1)
			go func() {
				var err error
				if tt.op == opCreate {
					_, err = e.client.Create(ctx, faultConnector)
				} else {
					_, err = e.client.Get(ctx, existing.ID)
				}
				done <- err
			}()

			waiting := <-clock.sleeping
			if tt.want >= 0 {
				assert.Equal(t, tt.want, waiting)
			}
			cancel()
			err := <-done
			require.ErrorIs(t, err, context.Canceled)
			require.NotErrorIs(t, err, errClockGuard)
			require.NotErrorIs(t, err, client.ErrOutcomeUnknown, "the refused attempt provably did nothing")
			assert.Equal(t, 1, e.server.Requests()-before, "no attempt after the cancel")
			wantConnectors := 0
			if tt.op == opGet {
				wantConnectors = 1
			}
			assert.Len(t, e.server.Connectors(), wantConnectors)
		})
	}
}

// raceModel is what one worker's successful operations imply about its connectors.
type raceModel struct {
	name  string
	certs int // 0: basic authentication
}

// TestFaultsConcurrentClients runs several clients against one fake at once, with faults
// that provably change nothing queued for whichever requests take them, and checks that
// the fake ends with exactly the connectors the successful operations imply. Run it with
// -race.
func TestFaultsConcurrentClients(t *testing.T) {
	const (
		workers      = 8
		opsPerWorker = 25
	)
	server := fake.New(fake.WithPageSize(3))
	t.Cleanup(func() { assert.Empty(t, server.ContractViolations()) })
	server.ThrottleNext(15, "0")
	server.UnavailableNext(10, "1")
	server.DropNext(10, fake.DropBeforeProcessing)
	server.ThrottleNext(5, "")

	pfxs := make([]testpfx.PFX, workers)
	for w := range pfxs {
		pfxs[w] = testpfx.Valid(t, fmt.Sprintf("worker %d", w))
	}

	models := make([]map[string]raceModel, workers)
	var failed sync.Map // operation -> error, for the log
	var wg sync.WaitGroup
	for w := range workers {
		c, err := client.New(
			client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
			client.WithStaticToken(fmt.Sprintf("token-%d", w)),
			client.WithClock(newRecordingClockAt(faultsNow)),
		)
		require.NoError(t, err)
		models[w] = map[string]raceModel{}
		wg.Go(func() { runRaceWorker(t, c, w, opsPerWorker, pfxs[w], models[w], &failed) })
	}
	wg.Wait()

	failed.Range(func(op, err any) bool {
		t.Logf("%s failed as it may: %v", op, err)
		return true
	})

	want := map[string]raceModel{}
	for _, m := range models {
		for id, state := range m {
			want[id] = state
		}
	}
	assert.Len(t, server.Connectors(), len(want))
	for _, stored := range server.Connectors() {
		state, ok := want[stored.ID]
		if assert.True(t, ok, "connector %s was not implied", stored.ID) && assert.NotNil(t, stored.DisplayName) {
			assert.Equal(t, state.name, *stored.DisplayName)
		}
	}

	reader, err := client.New(client.WithHTTPClient(&http.Client{Transport: server.Transport()}), client.WithStaticToken("t"))
	require.NoError(t, err)
	got := map[string]raceModel{}
	for conn, err := range reader.List(t.Context(), client.ListOptions{}) {
		require.NoError(t, err)
		got[conn.ID] = modelOf(conn)
	}
	assert.Equal(t, want, got)
}

func modelOf(c client.Connector) raceModel {
	m := raceModel{name: c.DisplayName}
	if certs, ok := c.Auth.(client.ClientCertificates); ok {
		m.certs = len(certs.Certificates)
	}
	return m
}

// runRaceWorker creates, updates, reads, lists, uploads to and deletes its own
// connectors, whose names start with "w<n>-", keeping model to what succeeded. An
// operation may fail only with a fault that provably changed nothing: then the model is
// left as it was. It reports with assert, which is safe off the test's goroutine.
func runRaceWorker(t *testing.T, c *client.Client, w, ops int, pfx testpfx.PFX, model map[string]raceModel, failed *sync.Map) {
	ctx := t.Context()
	prefix := fmt.Sprintf("w%d-", w)
	var order []string // ids in creation order, for picking
	harmless := func(op string, err error) bool {
		if err == nil {
			return false
		}
		var graphErr *client.Error
		ok := !errors.Is(err, client.ErrOutcomeUnknown) &&
			(errors.Is(err, fake.ErrConnectionDropped) ||
				(errors.As(err, &graphErr) && (graphErr.StatusCode == http.StatusTooManyRequests || graphErr.StatusCode == http.StatusServiceUnavailable)))
		assert.True(t, ok, "worker %d %s: %v", w, op, err)
		failed.Store(fmt.Sprintf("worker %d %s", w, op), err)
		return true
	}
	pick := func(i int) (string, bool) {
		if len(order) == 0 {
			return "", false
		}
		return order[i%len(order)], true
	}

	for i := range ops {
		kind := i % 6
		id, ok := pick(i)
		if !ok {
			kind = 0
		}
		op := fmt.Sprintf("op %d", i)
		switch kind {
		case 0:
			name := fmt.Sprintf("%s%d", prefix, i)
			conn, err := c.Create(ctx, client.Connector{DisplayName: name, TargetURL: "https://api.example.com/" + name,
				Auth: client.BasicAuth{Username: "u", Password: "p"}})
			if harmless(op+" create", err) {
				continue
			}
			assert.Equal(t, name, conn.DisplayName)
			model[conn.ID] = raceModel{name: name}
			order = append(order, conn.ID)
		case 1:
			name := fmt.Sprintf("%s%d-renamed", prefix, i)
			if harmless(op+" update", c.Update(ctx, id, client.ConnectorUpdate{DisplayName: &name})) {
				continue
			}
			m := model[id]
			m.name = name
			model[id] = m
		case 2:
			conn, err := c.Get(ctx, id)
			if harmless(op+" get", err) {
				continue
			}
			assert.Equal(t, model[id], modelOf(conn), "worker %d %s get", w, op)
		case 3:
			got := map[string]raceModel{}
			var err error
			for conn, e := range c.List(ctx, client.ListOptions{Filter: "startswith(displayName,'" + prefix + "')"}) {
				if e != nil {
					err = e
					break
				}
				got[conn.ID] = modelOf(conn)
			}
			if harmless(op+" list", err) {
				continue
			}
			assert.Equal(t, model, got, "worker %d %s list", w, op)
		case 4:
			conn, err := c.UploadClientCertificate(ctx, id, pfx.Data, pfx.Password)
			if harmless(op+" upload", err) {
				continue
			}
			m := model[id]
			m.certs++
			model[id] = m
			assert.Equal(t, m, modelOf(conn), "worker %d %s upload", w, op)
		case 5:
			if harmless(op+" delete", c.Delete(ctx, id)) {
				continue
			}
			delete(model, id)
			for j, o := range order {
				if o == id {
					order = append(order[:j], order[j+1:]...)
					break
				}
			}
		}
	}
}
