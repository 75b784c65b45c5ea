package fake

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInjectedErrorResponses(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name       string
			inject     func(s *Server)
			status     int
			code       string
			retryAfter string
		}{
			{"throttled with Retry-After", func(s *Server) { s.ThrottleNext(1, "2.128") }, http.StatusTooManyRequests, codeTooManyRequests, "2.128"},
			{"throttled without Retry-After", func(s *Server) { s.ThrottleNext(1, "") }, http.StatusTooManyRequests, codeTooManyRequests, ""},
			{"unavailable with Retry-After", func(s *Server) { s.UnavailableNext(1, "3") }, http.StatusServiceUnavailable, codeServiceUnavailable, "3"},
			{"unavailable without Retry-After", func(s *Server) { s.UnavailableNext(1, "") }, http.StatusServiceUnavailable, codeServiceUnavailable, ""},
			{"gateway timeout", func(s *Server) { s.GatewayTimeoutNext(1) }, http.StatusGatewayTimeout, codeGatewayTimeout, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				tc.inject(h.server)
				r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: basicConnector("Faulted", "u", "p"),
					header: map[string]string{"client-request-id": "retry-1"}})
				requireGraphError(t, r, tc.status, tc.code)
				assert.Equal(t, tc.retryAfter, r.header.Get("Retry-After"))
				assert.Equal(t, "retry-1", r.str(t, "/error/innerError/client-request-id"))
				assert.Empty(t, h.server.Connectors(), "a faulted request is not processed")
			})
		}
	})
}

func TestThrottledResponseMatchesGraphsSample(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.ThrottleNext(1, "2.128")
		r := h.get("/beta/identity/apiConnectors")
		requireGraphError(t, r, http.StatusTooManyRequests, codeTooManyRequests)
		assert.Equal(t, "429", r.str(t, "/error/innerError/code"))
		assert.Equal(t, "429", r.str(t, "/error/innerError/status"))
		_, err := time.Parse(time.RFC3339, r.str(t, "/error/innerError/date"))
		assert.NoError(t, err)
	})
}

func TestFaultsAreConsumedInOrderOnePerRequestBeforeAuthentication(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.ThrottleNext(2, "1")
		h.server.UnavailableNext(1, "")
		h.server.GatewayTimeoutNext(1)
		var statuses []int
		for range 5 {
			// No token: faults come before authentication, so only the last attempt is a 401.
			r := h.do(request{path: "/v1.0/identity/apiConnectors", header: map[string]string{"Authorization": ""}})
			statuses = append(statuses, r.status)
		}
		assert.Equal(t, []int{429, 429, 503, 504, 401}, statuses)
		assert.Equal(t, 5, h.server.Requests())
	})
}

func TestDropBeforeProcessingChangesNothing(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.DropNext(1, DropBeforeProcessing)
		_, err := h.send(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: basicConnector("Never", "u", "p")})
		require.Error(t, err)
		if h.root == "https://graph.microsoft.com" {
			require.ErrorIs(t, err, ErrConnectionDropped)
		}
		assert.Empty(t, h.server.Connectors())
		assert.Equal(t, 1, h.server.Requests(), "not retried behind the test's back")

		assert.Equal(t, http.StatusCreated, h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors",
			body: basicConnector("Later", "u", "p")}).status, "the fault is spent")
	})
}

func TestDropAfterProcessingKeepsTheChange(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.DropNext(1, DropAfterProcessing)
		_, err := h.send(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: basicConnector("Happened", "u", "p")})
		require.Error(t, err)
		if h.root == "https://graph.microsoft.com" {
			require.ErrorIs(t, err, ErrConnectionDropped)
		}
		connectors := h.server.Connectors()
		require.Len(t, connectors, 1, "the create happened although no answer came")
		assert.Equal(t, "Happened", *connectors[0].DisplayName)
	})
}

func TestDropNextRejectsAnUnknownDrop(t *testing.T) {
	assert.Panics(t, func() { New().DropNext(1, Drop(0)) })
}

func TestLatencyDelaysRequests(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		// An hour of latency outlasts a request that allows a second; none outlasts nothing.
		h.server.SetLatency(time.Hour)
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		_, err := h.send(request{path: "/v1.0/identity/apiConnectors", context: ctx})
		require.ErrorIs(t, err, context.DeadlineExceeded)

		h.server.SetLatency(0)
		ctx, cancel = context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		r, err := h.send(request{path: "/v1.0/identity/apiConnectors", context: ctx})
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, r.status)
	})
}

func TestLatencyEndsWithTheRequestContext(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.SetLatency(time.Hour)
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		_, err := h.send(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors",
			body: basicConnector("Abandoned", "u", "p"), context: ctx})
		require.ErrorIs(t, err, context.DeadlineExceeded)

		h.server.SetLatency(0)
		assert.Empty(t, h.server.Connectors(), "an abandoned request is not processed")
	})
}

func TestTransportRefusesAnEndedContextWithoutServing(t *testing.T) {
	s := New()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://graph.microsoft.com/v1.0/identity/apiConnectors", nil)
	require.NoError(t, err)
	resp, err := s.Transport().RoundTrip(req)
	if resp != nil { // a RoundTripper answers with a response or an error, never both
		_ = resp.Body.Close()
	}
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, resp)
	assert.Zero(t, s.Requests())
}
