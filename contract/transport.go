package contract

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// Exchange is one validated request and response, for a Transport's record.
type Exchange struct {
	Method, Path string
	Status       int
	Request      Result
	Response     Result
}

// Transport is an http.RoundTripper that validates every exchange passing through it, so a
// client's real traffic is checked against the contract in tests. It never changes what it
// carries.
type Transport struct {
	Base      http.RoundTripper // nil means http.DefaultTransport
	Validator *Validator

	mu        sync.Mutex
	exchanges []Exchange
}

// NewTransport validates traffic over base with the embedded spec.
func NewTransport(base http.RoundTripper) (*Transport, error) {
	v, err := NewValidator()
	if err != nil {
		return nil, err
	}
	return &Transport{Base: base, Validator: v}, nil
}

// RoundTrip validates the request, sends it, and validates the response.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	ex := Exchange{Method: req.Method, Path: req.URL.Path, Request: t.Validator.ValidateRequest(req)}
	// Sending consumes the body; keep a copy for checking the response against the request.
	sentBody, err := drain(&req.Body)
	if err != nil {
		return nil, err
	}
	resp, err := base.RoundTrip(req)
	if err != nil {
		t.record(ex)
		return nil, err
	}
	sent := req.Clone(req.Context())
	sent.Body = io.NopCloser(bytes.NewReader(sentBody))
	ex.Status = resp.StatusCode
	ex.Response = t.Validator.ValidateResponse(sent, resp)
	t.record(ex)
	return resp, nil
}

func (t *Transport) record(ex Exchange) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.exchanges = append(t.exchanges, ex)
}

// Exchanges returns what passed through so far.
func (t *Transport) Exchanges() []Exchange {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Exchange(nil), t.exchanges...)
}

// Invalid returns the exchanges whose request or response broke the contract.
func (t *Transport) Invalid() []Exchange {
	var out []Exchange
	for _, ex := range t.Exchanges() {
		if !ex.Request.Valid || (ex.Status != 0 && !ex.Response.Valid) {
			out = append(out, ex)
		}
	}
	return out
}
