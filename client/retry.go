package client

import (
	"context"
	"crypto/tls"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy decides how throttled and failed requests are retried.
//
// 429, 503 and 504 are retried, after Retry-After when Graph sends it (seconds, possibly
// fractional, or an HTTP date), else after an exponential backoff with full jitter: a
// random wait in [0, min(MaxDelay, BaseDelay·2^(n-1))] before attempt n+1. Retrying stops
// after MaxAttempts attempts, or when the next wait would take the total past
// MaxTotalWait; the last answer is then returned as an *Error whose RetryAfter says how
// long Graph asked to wait.
//
// Whether an operation may be repeated is its own property, declared in operations.go,
// not its HTTP method's. Create and upload are not idempotent: they are retried only when
// Graph provably did not act on them, on 429 or 503 with Retry-After. Never 504, never 503
// without Retry-After, and never a connection failure once the body was read, which ends
// in ErrOutcomeUnknown. Update, delete, attach, detach and the reads are idempotent, and
// are also retried on 504, 503 and connection failures.
type RetryPolicy struct {
	MaxAttempts  int           // attempts in all, including the first; 1 disables retries
	MaxTotalWait time.Duration // the most time spent waiting between attempts of one call
	BaseDelay    time.Duration // the backoff cap before the second attempt
	MaxDelay     time.Duration // the largest backoff cap (Retry-After may exceed it)
}

// DefaultRetryPolicy is 4 attempts, 60s of waiting in all, backoff from 500ms up to 30s.
//
// Why: Graph's identity-provider limits are counted per minute (200 requests per app per
// tenant, 300 per tenant), so a throttled caller usually recovers within a minute, and a
// minute is as long as an interactive command should hang. Four attempts ride out a brief
// outage without multiplying load; Graph asks that throttled callers not retry at once,
// hence a backoff that starts at half a second and doubles.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, MaxTotalWait: 60 * time.Second, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second}
}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxAttempts < 1:
		return errors.New("apiconnector: RetryPolicy.MaxAttempts must be at least 1")
	case p.MaxTotalWait < 0 || p.BaseDelay < 0 || p.MaxDelay < 0:
		return errors.New("apiconnector: RetryPolicy durations must not be negative")
	case p.BaseDelay > p.MaxDelay:
		return errors.New("apiconnector: RetryPolicy.BaseDelay must not exceed MaxDelay")
	}
	return nil
}

// backoff is the full-jitter wait after the given failed attempt (1-based).
func (p RetryPolicy) backoff(attempt int) time.Duration {
	ceiling := p.BaseDelay
	for i := 1; i < attempt && ceiling < p.MaxDelay; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, p.MaxDelay)
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling + 1) //nolint:gosec // G404: backoff jitter only spreads retries out; nothing depends on it being unpredictable
}

// retryDecision is whether to try again, and why, for the logs.
type retryDecision struct {
	retry  bool
	reason string
}

// shouldRetry decides on one attempt's outcome. bodyRead says whether the transport took
// any byte of the request body, after which a change may have reached Graph.
func shouldRetry(ctx context.Context, op *operation, resp *http.Response, err error, bodyRead bool) retryDecision {
	idempotent := op.idempotent
	if ctx.Err() != nil {
		return retryDecision{false, "context ended"}
	}
	if err != nil {
		var certErr *tls.CertificateVerificationError
		switch {
		case errors.As(err, &certErr):
			return retryDecision{false, "certificate rejected"}
		case !idempotent && bodyRead:
			return retryDecision{false, "request body sent; outcome unknown"}
		default:
			return retryDecision{true, "connection failed"}
		}
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return retryDecision{true, "throttled"}
	case http.StatusServiceUnavailable:
		if !idempotent && resp.Header.Get("Retry-After") == "" {
			return retryDecision{false, "503 without Retry-After may have been processed"}
		}
		return retryDecision{true, "service unavailable"}
	case http.StatusGatewayTimeout:
		if !idempotent {
			return retryDecision{false, "504 may have been processed"}
		}
		return retryDecision{true, "gateway timeout"}
	}
	return retryDecision{false, "not retryable"}
}

// parseRetryAfter reads seconds ("2", "2.128") or an HTTP date, relative to now. A date in
// the past means no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDecimal(v) {
		secs, err := strconv.ParseFloat(v, 64)
		// Above ~146 years a Duration overflows; nobody waits that long anyway.
		if err != nil || secs > float64(1<<62)/float64(time.Second) {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// isDecimal accepts what Graph sends, digits with an optional fraction, and not the NaN,
// Inf, exponent and hex forms ParseFloat would also take.
func isDecimal(s string) bool {
	dots := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && i > 0 && i < len(s)-1:
			dots++
		default:
			return false
		}
	}
	return dots <= 1
}
