package contract

import (
	"path/filepath"
	"testing"
)

// BenchmarkResponseParts measures, one by one, the steps the validator adds to kin-openapi's
// for the seed create response, so that a change to one of them can be seen on its own.
func BenchmarkResponseParts(b *testing.B) {
	v, err := NewValidator()
	if err != nil {
		b.Fatal(err)
	}
	seed := loadBenchExchange(b, filepath.Join("testdata", "docs", "beta", "create", "1"))
	reqScan := scanRequest(seed.reqBody)
	echoes := reqScan.echoForms()
	if len(echoes) == 0 {
		b.Fatal("the seed request holds no secret to look for")
	}
	b.Run("scan-request", func(b *testing.B) {
		for b.Loop() {
			_ = scanRequest(seed.reqBody)
		}
	})
	b.Run("echo-forms", func(b *testing.B) {
		for b.Loop() {
			_ = reqScan.echoForms()
		}
	})
	b.Run("scan-response", func(b *testing.B) {
		for b.Loop() {
			_ = scanResponse(seed.resBody, echoes, seed.reqBody, true)
		}
	})
	b.Run("route", func(b *testing.B) {
		r, w := seed.fresh()
		_ = w.Body.Close()
		for b.Loop() {
			if input, _ := v.responseRoute(r); input == nil {
				b.Fatal("the seed request routes nowhere")
			}
		}
	})
}
