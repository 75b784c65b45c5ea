package client_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

func TestErrorsIsSentinels(t *testing.T) {
	sentinels := []error{client.ErrNotFound, client.ErrUnauthorized, client.ErrForbidden, client.ErrThrottled, client.ErrConflict}
	tests := []struct {
		status int
		want   error // nil: matches none
	}{
		{http.StatusNotFound, client.ErrNotFound},
		{http.StatusUnauthorized, client.ErrUnauthorized},
		{http.StatusForbidden, client.ErrForbidden},
		{http.StatusTooManyRequests, client.ErrThrottled},
		{http.StatusConflict, client.ErrConflict},
		{http.StatusBadRequest, nil},
		{http.StatusInternalServerError, nil},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, tt.status, graphError("someCode", "some message"))
			})
			c, _ := newClient(t, g, client.WithRetryPolicy(client.RetryPolicy{MaxAttempts: 1}))

			_, err := c.Get(context.Background(), "abc")
			var graphErr *client.Error
			require.ErrorAs(t, err, &graphErr)
			assert.Equal(t, tt.status, graphErr.StatusCode)
			for _, s := range sentinels {
				if errors.Is(tt.want, s) {
					assert.ErrorIs(t, err, s, "status %d", tt.status)
				} else {
					assert.NotErrorIs(t, err, s, "status %d", tt.status)
				}
			}
			assert.NotErrorIs(t, err, client.ErrOutcomeUnknown)
		})
	}
}

func TestErrorFields(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		body    string
		want    client.Error
	}{
		{
			name:    "headers win over the inner error",
			headers: []string{"request-id", "hdr-rid", "client-request-id", "hdr-cid", "Date", "Tue, 02 Jan 2024 03:04:05 GMT"},
			body:    `{"error":{"code":"invalidRequest","message":"bad","innerError":{"request-id":"inner-rid","client-request-id":"inner-cid","date":"2024-01-01T00:00:00"}}}`,
			want:    client.Error{StatusCode: 400, Code: "invalidRequest", Message: "bad", RequestID: "hdr-rid", ClientRequestID: "hdr-cid", Date: "Tue, 02 Jan 2024 03:04:05 GMT"},
		},
		{
			name: "inner error fills the gaps",
			body: `{"error":{"code":"invalidRequest","message":"bad","innerError":{"request-id":"inner-rid","client-request-id":"inner-cid","date":"2024-01-01T00:00:00"}}}`,
			want: client.Error{StatusCode: 400, Code: "invalidRequest", Message: "bad", RequestID: "inner-rid", ClientRequestID: "inner-cid", Date: "2024-01-01T00:00:00"},
		},
		{
			name:    "not JSON",
			headers: []string{"request-id", "hdr-rid"},
			body:    `<html>bad gateway</html>`,
			want:    client.Error{StatusCode: 400, Message: "Bad Request", RequestID: "hdr-rid"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				w.Header()["Date"] = nil // net/http adds none then, unless the case sets one
				for i := 0; i+1 < len(tt.headers); i += 2 {
					w.Header()[tt.headers[i]] = []string{tt.headers[i+1]}
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(tt.body))
			})
			c, _ := newClient(t, g)

			_, err := c.Get(context.Background(), "abc")
			var graphErr *client.Error
			require.ErrorAs(t, err, &graphErr)
			want := tt.want
			if want.ClientRequestID == "" {
				want.ClientRequestID = g.requests()[0].Header.Get("client-request-id")
			}
			assert.Equal(t, want, *graphErr)
			for _, part := range []string{strconv.Itoa(want.StatusCode), want.Code, want.Message, want.RequestID} {
				assert.Contains(t, graphErr.Error(), part)
			}
		})
	}
}

func TestErrorBodyIsSizeLimited(t *testing.T) {
	// A huge error body still yields an *Error from the headers; the client reads at most
	// 64 KiB of it.
	var written int
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "rid")
		w.WriteHeader(http.StatusBadRequest)
		chunk := []byte(strings.Repeat(" ", 64<<10))
		for range 64 {
			n, err := w.Write(chunk)
			written += n
			if err != nil {
				return
			}
		}
	})
	c, _ := newClient(t, g)

	_, err := c.Get(context.Background(), "abc")
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
	assert.Equal(t, http.StatusBadRequest, graphErr.StatusCode)
	assert.Equal(t, "rid", graphErr.RequestID)
}

func TestThrottledErrorReportsRetryAfter(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusTooManyRequests, graphError("TooManyRequests", "later"), "Retry-After", "2.128")
	})
	c, _ := newClient(t, g, client.WithRetryPolicy(client.RetryPolicy{MaxAttempts: 1}))

	_, err := c.Get(context.Background(), "abc")
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
	require.ErrorIs(t, err, client.ErrThrottled)
	assert.Equal(t, 2128*time.Millisecond, graphErr.RetryAfter)
}

func TestValidationErrorListsEveryField(t *testing.T) {
	err := error(&client.ValidationError{Fields: []client.FieldError{{Field: "displayName", Problem: "is required"}, {Field: "auth.password", Problem: "is required"}}})
	for _, f := range []string{"displayName", "auth.password"} {
		assert.Contains(t, err.Error(), f)
	}
}
