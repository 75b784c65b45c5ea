package client_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

// answer is one scripted response: a status and its Retry-After ("" for none).
type answer struct {
	status     int
	retryAfter string
}

// httpDateIn is a Retry-After date d after the recording clock's start.
func httpDateIn(d time.Duration) string {
	return newRecordingClock().Now().Add(d).Format(http.TimeFormat)
}

func TestRetries(t *testing.T) {
	const get, create = "get", "create"
	tests := []struct {
		name      string
		op        string
		answers   []answer // then success
		policy    *client.RetryPolicy
		wantCalls int
		// wantWaits are the exact waits; jitterCeil, when set, bounds backoff waits instead.
		wantWaits      []time.Duration
		jitterCeil     []time.Duration
		wantStatus     int // 0 for success
		wantRetryAfter time.Duration
	}{
		{name: "429 Retry-After seconds", op: get, answers: []answer{{429, "2"}}, wantCalls: 2, wantWaits: []time.Duration{2 * time.Second}},
		{name: "429 Retry-After fractional", op: get, answers: []answer{{429, "2.128"}}, wantCalls: 2, wantWaits: []time.Duration{2128 * time.Millisecond}},
		{name: "429 Retry-After HTTP date", op: get, answers: []answer{{429, httpDateIn(5 * time.Second)}}, wantCalls: 2, wantWaits: []time.Duration{5 * time.Second}},
		{name: "429 Retry-After date in the past", op: get, answers: []answer{{429, httpDateIn(-time.Minute)}}, wantCalls: 2, wantWaits: []time.Duration{0}},
		{name: "429 without Retry-After backs off", op: get, answers: []answer{{429, ""}, {429, ""}, {429, ""}}, wantCalls: 4,
			jitterCeil: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{name: "429 unparseable Retry-After backs off", op: get, answers: []answer{{429, "soon"}}, wantCalls: 2, jitterCeil: []time.Duration{500 * time.Millisecond}},
		{name: "429 Retry-After of a day is not slept", op: get, answers: []answer{{429, "86400"}}, wantCalls: 1, wantWaits: nil,
			wantStatus: 429, wantRetryAfter: 24 * time.Hour},
		{name: "waits stop at MaxTotalWait", op: get, answers: []answer{{429, "40"}, {429, "40"}}, wantCalls: 2, wantWaits: []time.Duration{40 * time.Second},
			wantStatus: 429, wantRetryAfter: 40 * time.Second},
		{name: "attempts stop at MaxAttempts", op: get, answers: []answer{{429, "1"}, {429, "1"}, {429, "1"}, {429, "1"}}, wantCalls: 4,
			wantWaits: []time.Duration{time.Second, time.Second, time.Second}, wantStatus: 429, wantRetryAfter: time.Second},
		{name: "one attempt policy", op: get, answers: []answer{{429, "1"}}, policy: &client.RetryPolicy{MaxAttempts: 1}, wantCalls: 1,
			wantStatus: 429, wantRetryAfter: time.Second},
		{name: "backoff capped by MaxDelay", op: get, answers: []answer{{503, ""}, {503, ""}, {503, ""}},
			policy: &client.RetryPolicy{MaxAttempts: 4, MaxTotalWait: time.Hour, BaseDelay: time.Second, MaxDelay: 1500 * time.Millisecond}, wantCalls: 4,
			jitterCeil: []time.Duration{time.Second, 1500 * time.Millisecond, 1500 * time.Millisecond}},
		{name: "503 with Retry-After, get", op: get, answers: []answer{{503, "1"}}, wantCalls: 2, wantWaits: []time.Duration{time.Second}},
		{name: "503 without Retry-After, get", op: get, answers: []answer{{503, ""}}, wantCalls: 2, jitterCeil: []time.Duration{500 * time.Millisecond}},
		{name: "504, get", op: get, answers: []answer{{504, ""}}, wantCalls: 2, jitterCeil: []time.Duration{500 * time.Millisecond}},
		{name: "500 is not retried", op: get, answers: []answer{{500, ""}}, wantCalls: 1, wantStatus: 500},
		{name: "404 is not retried", op: get, answers: []answer{{404, ""}}, wantCalls: 1, wantStatus: 404},
		{name: "429, create", op: create, answers: []answer{{429, "3"}}, wantCalls: 2, wantWaits: []time.Duration{3 * time.Second}},
		{name: "429 without Retry-After, create", op: create, answers: []answer{{429, ""}}, wantCalls: 2, jitterCeil: []time.Duration{500 * time.Millisecond}},
		{name: "503 with Retry-After, create", op: create, answers: []answer{{503, "1"}}, wantCalls: 2, wantWaits: []time.Duration{time.Second}},
		{name: "503 without Retry-After, create, not retried", op: create, answers: []answer{{503, ""}}, wantCalls: 1, wantStatus: 503},
		{name: "504, create, not retried", op: create, answers: []answer{{504, ""}}, wantCalls: 1, wantStatus: 504},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n < len(tt.answers) {
					a := tt.answers[n]
					headers := []string{"request-id", "req-" + strconv.Itoa(n)}
					if a.retryAfter != "" {
						headers = append(headers, "Retry-After", a.retryAfter)
					}
					writeJSON(w, a.status, graphError("code"+strconv.Itoa(a.status), "scripted"), headers...)
					return
				}
				if r.Method == http.MethodPost {
					writeJSON(w, http.StatusCreated, basicConnectorJSON)
					return
				}
				writeJSON(w, http.StatusOK, basicConnectorJSON)
			})
			var opts []client.Option
			if tt.policy != nil {
				opts = append(opts, client.WithRetryPolicy(*tt.policy))
			}
			c, clock := newClient(t, g, opts...)

			var err error
			switch tt.op {
			case get:
				_, err = c.Get(context.Background(), "abc")
			case create:
				_, err = c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://x.example", Auth: client.BasicAuth{Username: "u", Password: "p"}})
			}

			assert.Equal(t, tt.wantCalls, g.count(), "requests Graph saw")
			waits := clock.recorded()
			if tt.jitterCeil != nil {
				require.Len(t, waits, len(tt.jitterCeil))
				for i, ceil := range tt.jitterCeil {
					assert.GreaterOrEqual(t, waits[i], time.Duration(0))
					assert.LessOrEqual(t, waits[i], ceil, "wait %d", i)
				}
			} else {
				assert.Equal(t, tt.wantWaits, waits)
			}
			if tt.wantStatus == 0 {
				require.NoError(t, err)
				return
			}
			var graphErr *client.Error
			require.ErrorAs(t, err, &graphErr)
			assert.Equal(t, tt.wantStatus, graphErr.StatusCode)
			assert.Equal(t, "code"+strconv.Itoa(tt.wantStatus), graphErr.Code)
			assert.Equal(t, "req-"+strconv.Itoa(tt.wantCalls-1), graphErr.RequestID, "the last answer is reported")
			assert.Equal(t, tt.wantRetryAfter, graphErr.RetryAfter)
		})
	}
}

func TestRetryStopsWhenContextEndsDuringWait(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusTooManyRequests, graphError("TooManyRequests", "slow down"), "Retry-After", "30")
	})
	c, clock := newClient(t, g)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock.onSleep = cancel
	clock.block = true

	_, err := c.Get(ctx, "abc")
	require.ErrorIs(t, err, context.Canceled)
	var graphErr *client.Error
	assert.NotErrorAs(t, err, &graphErr)
	assert.Equal(t, 1, g.count())
	assert.Equal(t, []time.Duration{30 * time.Second}, clock.recorded())
}

func TestCancelledContextSendsNothing(t *testing.T) {
	g := newGraph(t, nil)
	c, _ := newClient(t, g)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := c.Get(ctx, "abc")
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, g.count())
}

func TestRealClockSleepHonoursContext(t *testing.T) {
	// The default clock: a wait cancelled midway returns with ctx.Err(), not after 50s.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		// Cancel once the client is waiting the 50s this answer asks for, not before the
		// answer has reached it.
		time.AfterFunc(100*time.Millisecond, cancel)
		writeJSON(w, http.StatusServiceUnavailable, graphError("serviceNotAvailable", "later"), "Retry-After", "50")
	})
	c, err := client.New(client.WithBaseURL(g.root()), client.WithStaticToken(testToken))
	require.NoError(t, err)

	_, err = c.Get(ctx, "abc")
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, g.count())
}

func TestRetryAfterBeyondTheDeadlineReturnsGraphsAnswerAtOnce(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusTooManyRequests, graphError("TooManyRequests", "later"), "Retry-After", "30")
	})
	clock := newRecordingClock()
	c, err := client.New(client.WithBaseURL(g.root()), client.WithStaticToken(testToken), client.WithClock(clock))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ctx, cancelSooner := context.WithDeadline(ctx, time.Now().Add(10*time.Second))
	defer cancelSooner()

	_, err = c.Get(ctx, "abc")
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
	require.ErrorIs(t, err, client.ErrThrottled)
	assert.Equal(t, 30*time.Second, graphErr.RetryAfter)
	assert.Empty(t, clock.waits, "no wait that the deadline would cut short")
	assert.Equal(t, 1, g.count())
}
