package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// Sentinels for errors.Is on an *Error, by status: 404, 401, 403, 429 and 409.
var (
	ErrNotFound     = errors.New("apiconnector: not found")
	ErrUnauthorized = errors.New("apiconnector: unauthorized")
	ErrForbidden    = errors.New("apiconnector: forbidden")
	ErrThrottled    = errors.New("apiconnector: throttled")
	ErrConflict     = errors.New("apiconnector: conflict")
)

// ErrOutcomeUnknown marks a create or upload whose body went out and whose answer never
// came (the connection failed or timed out). Graph may or may not have acted on it, so it
// is not retried: check with Get or List before trying again.
var ErrOutcomeUnknown = errors.New("apiconnector: outcome unknown: the request was sent but no response arrived, so it may or may not have taken effect")

// ErrSecretInResponse is what a *SecretInResponseError matches with errors.Is.
var ErrSecretInResponse = errors.New("apiconnector: Graph's answer carried a secret")

// SecretInResponseError says that Graph's answer held what it must never return: a
// basic-auth password that is not a mask, a secret-named property inside an unknown
// authentication type, or a secret the call itself sent. Each such value was masked or
// dropped before anything was returned, and the call returns what is left beside this
// error: the operation did take effect (a create created the connector, whose ID the
// returned value holds). Pointers are JSON pointers into the returned value, such as
// "/authenticationConfiguration/password", or "/value/3/displayName" in a page.
type SecretInResponseError struct {
	Operation string
	Pointers  []string
}

func (e *SecretInResponseError) Error() string {
	return "apiconnector: " + e.Operation + ": Graph's answer carried a secret at " + strings.Join(e.Pointers, ", ") + "; it was dropped"
}

// Is matches ErrSecretInResponse.
func (e *SecretInResponseError) Is(target error) bool { return target == ErrSecretInResponse }

var statusSentinels = map[int]error{
	http.StatusNotFound:        ErrNotFound,
	http.StatusUnauthorized:    ErrUnauthorized,
	http.StatusForbidden:       ErrForbidden,
	http.StatusTooManyRequests: ErrThrottled,
	http.StatusConflict:        ErrConflict,
}

// Error is any non-2xx answer from Graph. Code is Graph's machine-readable code, the thing
// to branch on; Message is for people and its wording is not contractual. RequestID,
// ClientRequestID and Date identify the request in a support case. RetryAfter is Graph's
// Retry-After when it sent one, including when the retry policy gave up rather than wait.
type Error struct {
	StatusCode      int
	Code            string
	Message         string
	RequestID       string
	ClientRequestID string
	Date            string
	RetryAfter      time.Duration
}

// Error shows status, code, message and request-id.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiconnector: graph answered %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request-id " + e.RequestID + ")")
	}
	return b.String()
}

// Is matches the status sentinels: errors.Is(err, ErrNotFound).
func (e *Error) Is(target error) bool {
	s, ok := statusSentinels[e.StatusCode]
	return ok && s == target
}

// newError builds an *Error from a non-2xx response and its (size-limited) body. The body
// may be empty, truncated or not JSON at all; the headers still say what they can.
func newError(resp *http.Response, body []byte, now time.Time) *Error {
	e := &Error{
		StatusCode:      resp.StatusCode,
		RequestID:       resp.Header.Get("request-id"),
		ClientRequestID: resp.Header.Get("client-request-id"),
		Date:            resp.Header.Get("Date"),
	}
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		e.RetryAfter = d
	}
	var env gen.OdataError
	if json.Unmarshal(body, &env) == nil {
		e.Code = env.Error.Code
		e.Message = env.Error.Message
		if in := env.Error.InnerError; in != nil {
			e.RequestID = firstNonEmpty(e.RequestID, deref(in.RequestID))
			e.ClientRequestID = firstNonEmpty(e.ClientRequestID, deref(in.ClientRequestID))
			e.Date = firstNonEmpty(e.Date, deref(in.Date))
		}
	}
	if e.ClientRequestID == "" && resp.Request != nil {
		// Graph echoes the id only on request; the one sent is as good for a support case.
		e.ClientRequestID = resp.Request.Header.Get("client-request-id")
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ValidationError lists the inputs that are wrong. Nothing was sent.
type ValidationError struct {
	Fields []FieldError
}

// FieldError names one bad input, such as "displayName" or "auth.password", and what is
// wrong with it. Problem never quotes the value, which may be a secret.
type FieldError struct {
	Field   string
	Problem string
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+" "+f.Problem)
	}
	return "apiconnector: invalid input: " + strings.Join(parts, "; ")
}

// validationError returns nil for no problems, so callers can return it directly.
func validationError(fields []FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: fields}
}

func requireID(name, value string) []FieldError {
	switch strings.TrimSpace(value) {
	case "":
		return []FieldError{{Field: name, Problem: "is required"}}
	case ".", "..":
		// A dot segment would resolve to another resource: "." to the collection itself.
		return []FieldError{{Field: name, Problem: "must not be . or .."}}
	}
	return nil
}
