package client

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"2", 2 * time.Second, true},
		{"2.128", 2128 * time.Millisecond, true},
		{" 0 ", 0, true},
		{"86400", 24 * time.Hour, true},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"1e3", 0, false},
		{"0x10", 0, false},
		{".5", 0, false},
		{"1.2.3", 0, false},
		{"99999999999999999999", 0, false},
		{"tomorrow", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseRetryAfter(tt.in, now)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBackoffIsFullJitterUnderTheCap(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	ceilings := map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 60: time.Second}
	for attempt, ceil := range ceilings {
		var sawLow, sawHigh bool
		for range 2000 {
			d := p.backoff(attempt)
			assert.GreaterOrEqual(t, d, time.Duration(0))
			assert.LessOrEqual(t, d, ceil)
			sawLow = sawLow || d < ceil/4
			sawHigh = sawHigh || d > ceil*3/4
		}
		assert.True(t, sawLow && sawHigh, "attempt %d spreads over [0, %v]", attempt, ceil)
	}
	assert.Zero(t, RetryPolicy{MaxAttempts: 2}.backoff(3), "zero delays give zero waits")
}

func TestShouldRetry(t *testing.T) {
	dialErr := errors.New("dial tcp: connection refused")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name       string
		ctx        context.Context
		method     string
		status     int    // 0: no response, err instead
		retryAfter string // the Retry-After header of the response, if any
		err        error
		bodyRead   bool
		want       bool
	}{
		{"GET 429", nil, http.MethodGet, 429, "", nil, false, true},
		{"GET 503", nil, http.MethodGet, 503, "", nil, false, true},
		{"GET 504", nil, http.MethodGet, 504, "", nil, false, true},
		{"GET 500", nil, http.MethodGet, 500, "", nil, false, false},
		{"GET 400", nil, http.MethodGet, 400, "", nil, false, false},
		{"GET transport error", nil, http.MethodGet, 0, "", dialErr, true, true},
		{"PATCH transport error after body", nil, http.MethodPatch, 0, "", dialErr, true, true},
		{"PUT transport error after body", nil, http.MethodPut, 0, "", dialErr, true, true},
		{"DELETE 504", nil, http.MethodDelete, 504, "", nil, false, true},
		{"POST 429", nil, http.MethodPost, 429, "", nil, true, true},
		{"POST 503 with Retry-After", nil, http.MethodPost, 503, "1", nil, true, true},
		{"POST 503 without Retry-After", nil, http.MethodPost, 503, "", nil, true, false},
		{"POST 504", nil, http.MethodPost, 504, "1", nil, true, false},
		{"POST transport error before body", nil, http.MethodPost, 0, "", dialErr, false, true},
		{"POST transport error after body", nil, http.MethodPost, 0, "", dialErr, true, false},
		{"context ended", cancelled, http.MethodGet, 429, "1", nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			var resp *http.Response
			if tt.status != 0 {
				resp = &http.Response{StatusCode: tt.status, Header: http.Header{}}
				if tt.retryAfter != "" {
					resp.Header.Set("Retry-After", tt.retryAfter)
				}
			}
			got := shouldRetry(ctx, tt.method, resp, tt.err, tt.bodyRead)
			assert.Equal(t, tt.want, got.retry)
			assert.NotEmpty(t, got.reason)
		})
	}
}
