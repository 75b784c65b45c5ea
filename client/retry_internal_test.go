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
		op         *operation
		status     int    // 0: no response, err instead
		retryAfter string // the Retry-After header of the response, if any
		err        error
		bodyRead   bool
		want       bool
	}{
		{"get 429", nil, &opGet, 429, "", nil, false, true},
		{"get 503", nil, &opGet, 503, "", nil, false, true},
		{"get 504", nil, &opGet, 504, "", nil, false, true},
		{"get 500", nil, &opGet, 500, "", nil, false, false},
		{"get 400", nil, &opGet, 400, "", nil, false, false},
		{"get transport error", nil, &opGet, 0, "", dialErr, true, true},
		{"update transport error after body", nil, &opUpdate, 0, "", dialErr, true, true},
		{"attach transport error after body", nil, &opAttach, 0, "", dialErr, true, true},
		{"delete 504", nil, &opDelete, 504, "", nil, false, true},
		{"create 429", nil, &opCreate, 429, "", nil, true, true},
		{"create 503 with Retry-After", nil, &opCreate, 503, "1", nil, true, true},
		{"create 503 without Retry-After", nil, &opCreate, 503, "", nil, true, false},
		{"create 504", nil, &opCreate, 504, "1", nil, true, false},
		{"create transport error before body", nil, &opCreate, 0, "", dialErr, false, true},
		{"create transport error after body", nil, &opCreate, 0, "", dialErr, true, false},
		{"upload 504", nil, &opUpload, 504, "", nil, true, false},
		{"upload transport error after body", nil, &opUpload, 0, "", dialErr, true, false},
		{"detach transport error after body", nil, &opDetach, 0, "", dialErr, true, true},
		{"delete transport error after body", nil, &opDelete, 0, "", dialErr, true, true},
		{"unknown operation 504", nil, &unknownOperation, 504, "", nil, true, false},
		{"context ended", cancelled, &opGet, 429, "1", nil, false, false},
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
			got := shouldRetry(ctx, tt.op, resp, tt.err, tt.bodyRead)
			assert.Equal(t, tt.want, got.retry)
			assert.NotEmpty(t, got.reason)
		})
	}
}

// TestOperationRules pins the rules of each operation, declared once in operations.go:
// what may be repeated after an unknown outcome, and what may follow a redirect.
func TestOperationRules(t *testing.T) {
	for _, tt := range []struct {
		op               *operation
		idempotent, read bool
	}{
		{&opCreate, false, false},
		{&opUpload, false, false},
		{&opUpdate, true, false},
		{&opDelete, true, false},
		{&opAttach, true, false},
		{&opDetach, true, false},
		{&opGet, true, true},
		{&opList, true, true},
		{&opUserFlowConfiguration, true, true},
		{&unknownOperation, false, false},
	} {
		t.Run(tt.op.name, func(t *testing.T) {
			assert.Equal(t, tt.idempotent, tt.op.idempotent, "idempotent")
			assert.Equal(t, tt.read, tt.op.read, "read")
			ctx := withOperation(context.Background(), tt.op)
			assert.Same(t, tt.op, operationOf(ctx))
			redirect := &http.Request{}
			redirect = redirect.WithContext(ctx)
			err := checkRedirect(nil)(redirect, []*http.Request{{}})
			if tt.read {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, http.ErrUseLastResponse)
			}
		})
	}
	assert.Same(t, &unknownOperation, operationOf(context.Background()))
}
