package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"testing"
)

// BenchmarkValidate checks the seed exchange (beta/create/1) against the contract, next to
// what merely decoding its two bodies costs. The validator is built once, as callers are
// told to; each iteration gets a fresh request and response over the same bytes.
func BenchmarkValidate(b *testing.B) {
	dir := filepath.Join("testdata", "docs", "beta", "create", "1")
	req, resp, err := ReadExchange(filepath.Join(dir, "request.http"), filepath.Join(dir, "response.http"))
	if err != nil {
		b.Fatal(err)
	}
	reqBody, err := io.ReadAll(req.Body)
	if err != nil {
		b.Fatal(err)
	}
	respBody, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	fresh := func() (*http.Request, *http.Response) {
		r := req.Clone(b.Context())
		r.Body = io.NopCloser(bytes.NewReader(reqBody))
		out := *resp
		out.Body = io.NopCloser(bytes.NewReader(respBody))
		out.Request = r
		return r, &out
	}

	b.Run("exchange", func(b *testing.B) {
		v, err := NewValidator()
		if err != nil {
			b.Fatal(err)
		}
		validate := func() error {
			r, w := fresh()
			defer func() { _ = w.Body.Close() }()
			if res := v.ValidateRequest(r); !res.Valid {
				return fmt.Errorf("request: %v", res.Violations)
			}
			if res := v.ValidateResponse(r, w); !res.Valid {
				return fmt.Errorf("response: %v", res.Violations)
			}
			return nil
		}
		if err := validate(); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var in, out any
			if err := json.Unmarshal(reqBody, &in); err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(respBody, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
