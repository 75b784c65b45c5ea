package endpoint_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/endpoint"
)

// FuzzHandler sends the endpoint arbitrary bodies: a call the contract allows always gets an
// answer the contract accepts, anything else an answer or a 400, and nothing a 500.
func FuzzHandler(f *testing.F) {
	for _, seed := range []string{
		`{"email":"a@b.example","postalCode":"98052"}`,
		`{"postalCode":98052}`,
		`{"step":"PreTokenIssuance","email":"x"}`,
		`{"step":"PostFederationSignup"}`,
		`{"extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_Code":"` + pass + `"}`,
		`[]`, `null`, `{"email":`, ``,
	} {
		f.Add(seed)
	}
	c, err := callcontract.Load()
	if err != nil {
		f.Fatal(err)
	}
	h, err := endpoint.New(func(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
		code, ok := req.Claim("postalCode")
		switch {
		case strings.Contains(code, "panic"):
			panic(code)
		case !ok:
			return endpoint.ValidationError("Enter a postal code."), nil
		}
		custom, _ := req.Attribute("Code")
		return endpoint.Continue(map[string]any{"postalCode": code, "extension_Code": custom}), nil
	}, endpoint.WithBasicAuth(user, pass), endpoint.WithStep(endpoint.PostAttributeCollection))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.SetBasicAuth(user, pass)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q", rec.Code, body)
		}
		var obj map[string]any
		_ = json.Unmarshal([]byte(body), &obj)
		step := callcontract.PostAttributeCollection
		if s, ok := obj["step"].(string); ok {
			switch s {
			case "PostFederationSignup":
				step = callcontract.PostFederationSignup
			case "PreTokenIssuance":
				step = callcontract.PreTokenIssuance
			}
		}
		if len(c.CheckRequest(callcontract.B2C, step, req.Header, []byte(body))) > 0 {
			// Not a call the service makes: an answer or a plain 400 will do.
			if rec.Code != http.StatusBadRequest && rec.Code != http.StatusOK {
				t.Fatalf("status %d for %q", rec.Code, body)
			}
			return
		}
		reply := c.CheckReply(callcontract.B2C, step, rec.Code, rec.Header(), rec.Body.Bytes())
		for _, v := range reply.Violations {
			t.Fatalf("answer to %q breaks the contract: %v (%s)", body, v, rec.Body.String())
		}
	})
}
