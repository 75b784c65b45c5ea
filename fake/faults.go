package fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Faults are queued first in, first out; each queued unit is consumed by the next request,
// whatever it is, before authentication and validation. A test therefore knows exactly
// which attempt fails, which is what retry tests need.

// Drop says when a dropped request loses its connection.
type Drop int

const (
	// DropBeforeProcessing cuts the connection before the request is read or processed:
	// nothing changes.
	DropBeforeProcessing Drop = iota + 1
	// DropAfterProcessing processes the request, changing the store, and cuts the
	// connection instead of answering: the client cannot tell whether it happened.
	DropAfterProcessing
)

// ErrConnectionDropped is wrapped by the error Transport returns for a dropped request.
var ErrConnectionDropped = errors.New("fake: connection dropped")

type faultKind int

const (
	faultNone faultKind = iota
	faultThrottle
	faultUnavailable
	faultGatewayTimeout
	faultDropBefore
	faultDropAfter
)

type fault struct {
	kind       faultKind
	retryAfter string
}

// response is the error a fault answers with; nil for faults that answer nothing.
func (f fault) response() *graphError {
	switch f.kind {
	case faultThrottle:
		return &graphError{status: http.StatusTooManyRequests, code: codeTooManyRequests,
			message: "Please retry again later.", retryAfter: f.retryAfter}
	case faultUnavailable:
		return &graphError{status: http.StatusServiceUnavailable, code: codeServiceUnavailable,
			message: "The service is temporarily unavailable.", retryAfter: f.retryAfter}
	case faultGatewayTimeout:
		return &graphError{status: http.StatusGatewayTimeout, code: codeGatewayTimeout,
			message: "The gateway timed out; the request may or may not have been processed."}
	}
	return nil
}

type faultQueue struct {
	mu      sync.Mutex
	pending []fault
}

func (q *faultQueue) push(n int, f fault) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for range n {
		q.pending = append(q.pending, f)
	}
}

// next takes the fault for the request now arriving; faultNone when none is queued.
func (q *faultQueue) next() fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) == 0 {
		return fault{kind: faultNone}
	}
	f := q.pending[0]
	q.pending = q.pending[1:]
	return f
}

// ThrottleNext answers the next n requests with 429 TooManyRequests and, unless
// retryAfter is "", a Retry-After header with that value (seconds, such as "2.128").
func (s *Server) ThrottleNext(n int, retryAfter string) {
	s.faults.push(n, fault{kind: faultThrottle, retryAfter: retryAfter})
}

// UnavailableNext answers the next n requests with 503 serviceNotAvailable and, unless
// retryAfter is "", a Retry-After header with that value.
func (s *Server) UnavailableNext(n int, retryAfter string) {
	s.faults.push(n, fault{kind: faultUnavailable, retryAfter: retryAfter})
}

// GatewayTimeoutNext answers the next n requests with 504, without processing them.
func (s *Server) GatewayTimeoutNext(n int) {
	s.faults.push(n, fault{kind: faultGatewayTimeout})
}

// DropNext cuts the connection of the next n requests, before or after processing them.
// ServeHTTP hijacks and closes the connection; Transport returns an error wrapping
// ErrConnectionDropped. It panics on a Drop other than the two defined.
func (s *Server) DropNext(n int, when Drop) {
	switch when {
	case DropBeforeProcessing:
		s.faults.push(n, fault{kind: faultDropBefore})
	case DropAfterProcessing:
		s.faults.push(n, fault{kind: faultDropAfter})
	default:
		panic(fmt.Sprintf("fake: DropNext: unknown Drop %d", when))
	}
}

// SetLatency delays every request by d before it is handled; 0 removes the delay. A
// request whose context ends during the delay is abandoned unanswered.
func (s *Server) SetLatency(d time.Duration) {
	s.latency.Store(int64(d))
}

// delay waits the configured latency, or until ctx ends.
func (s *Server) delay(ctx context.Context) error {
	d := time.Duration(s.latency.Load())
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
