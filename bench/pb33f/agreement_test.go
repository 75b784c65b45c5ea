package pb33f

import (
	"bytes"
	"net/http"
	"testing"
)

// TestBothSidesAcceptTheBenchmarkedExchanges holds the benchmark to equal work: each side
// finds each exchange valid.
func TestBothSidesAcceptTheBenchmarkedExchanges(t *testing.T) {
	for _, tc := range comparisons(t) {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.ex.check(tc.validator); err != nil {
				t.Errorf("validator: %v", err)
			}
			if err := tc.ex.check(tc.lib); err != nil {
				t.Errorf("libopenapi-validator: %v", err)
			}
		})
	}
}

// TestBothSidesRejectBrokenExchanges shows libopenapi-validator, as configured here, does
// check what is measured: a missing required property, a target that is no URI, a version
// the servers do not list and an undocumented status are reported by both sides.
func TestBothSidesRejectBrokenExchanges(t *testing.T) {
	byName := map[string]comparison{}
	for _, c := range comparisons(t) {
		byName[c.name] = c
	}
	for _, tc := range []struct {
		name, comparison string
		breakIt          func(*exchange)
	}{
		{"request without displayName", "create-request", func(e *exchange) {
			e.reqBody = bytes.Replace(e.reqBody, []byte(`"displayName":"Test API",`), nil, 1)
		}},
		{"response target not a URI", "create-response", func(e *exchange) {
			e.resBody = bytes.Replace(e.resBody, []byte(`"https://someapi.com/api"`), []byte(`"not a uri"`), 1)
		}},
		{"request to an unlisted version", "create-request", func(e *exchange) {
			e.req.URL.Path = "/v2.0/identity/apiConnectors"
		}},
		{"undocumented status", "list100-response", func(e *exchange) {
			e.resp.StatusCode, e.resp.Status = http.StatusTeapot, "418 I'm a teapot"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := byName[tc.comparison]
			broken := *c.ex
			req := *c.ex.req
			u := *req.URL
			req.URL = &u
			resp := *c.ex.resp
			broken.req, broken.resp = &req, &resp
			tc.breakIt(&broken)
			if bytes.Equal(broken.reqBody, c.ex.reqBody) && bytes.Equal(broken.resBody, c.ex.resBody) &&
				req.URL.Path == c.ex.req.URL.Path && resp.StatusCode == c.ex.resp.StatusCode {
				t.Fatal("the exchange was not changed")
			}
			if err := broken.check(c.validator); err == nil {
				t.Error("validator found it valid")
			}
			if err := broken.check(c.lib); err == nil {
				t.Error("libopenapi-validator found it valid")
			}
		})
	}
}
