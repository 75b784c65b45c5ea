package fake

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorEnvelope(t *testing.T) {
	clock := func() time.Time { return time.Date(2031, 2, 3, 4, 5, 6, 0, time.FixedZone("CET", 3600)) }
	forEachMode(t, []Option{WithClock(clock)}, func(t *testing.T, h *harness) {
		r := h.do(request{path: "/v1.0/identity/apiConnectors/missing", header: map[string]string{"client-request-id": "abc-123"}})
		requireGraphError(t, r, http.StatusNotFound, codeItemNotFound)
		assert.NotEmpty(t, r.str(t, "/error/message"))
		assert.Equal(t, "abc-123", r.str(t, "/error/innerError/client-request-id"))
		assert.Equal(t, "2031-02-03T03:05:06Z", r.str(t, "/error/innerError/date"), "RFC 3339 in UTC, from the clock")

		without := h.get("/v1.0/identity/apiConnectors/missing")
		assert.False(t, without.has(t, "/error/innerError/client-request-id"), "echoed only when sent")
		assert.Empty(t, without.header.Get("client-request-id"))
	})
}

func TestAsGraphErrorTreatsOtherErrorsAsTheFakesOwnFailure(t *testing.T) {
	ge := asGraphError(errors.New("boom"))
	assert.Equal(t, http.StatusInternalServerError, ge.status)
	assert.Equal(t, codeGeneralException, ge.code)

	nf := notFound("x")
	assert.Same(t, nf, asGraphError(nf))
}

func TestWriteErrorSetsHeadersOnlyWhenGiven(t *testing.T) {
	ex := &exchange{requestID: "rid", now: time.Unix(0, 0)}
	cases := []struct {
		name       string
		err        *graphError
		retryAfter string
		allow      string
	}{
		{"plain", notFound("x"), "", ""},
		{"retry after", &graphError{status: http.StatusServiceUnavailable, code: codeServiceUnavailable, message: "m", retryAfter: "5"}, "5", ""},
		{"allow", &graphError{status: http.StatusMethodNotAllowed, code: codeMethodNotAllowed, message: "m", allow: "GET"}, "", "GET"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			writeError(w, ex, tc.err)
			require.Equal(t, tc.err.status, w.Code)
			assert.Equal(t, tc.retryAfter, w.Header().Get("Retry-After"))
			assert.Equal(t, tc.allow, w.Header().Get("Allow"))
			assert.JSONEq(t, `{"error":{"code":"`+tc.err.code+`","message":"`+tc.err.message+`",
				"innerError":{"request-id":"rid","date":"1970-01-01T00:00:00Z"}}}`, w.Body.String())
		})
	}
}
