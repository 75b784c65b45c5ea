package contract

import (
	"path/filepath"
	"testing"
)

func BenchmarkParts(b *testing.B) {
	v, _ := NewValidator()
	seed := loadBenchExchange(b, filepath.Join("testdata", "docs", "beta", "create", "1"))
	b.Run("scanRequest", func(b *testing.B) {
		for b.Loop() {
			_ = scanRequest(seed.reqBody)
		}
	})
	echoes := scanRequest(seed.reqBody).echoForms()
	b.Run("echoForms", func(b *testing.B) {
		s := scanRequest(seed.reqBody)
		for b.Loop() {
			_ = s.echoForms()
		}
	})
	b.Run("scanResponse", func(b *testing.B) {
		for b.Loop() {
			_ = scanResponse(seed.resBody, echoes, seed.reqBody)
		}
	})
	b.Run("route", func(b *testing.B) {
		r, _ := seed.fresh()
		for b.Loop() {
			_, _ = v.route(r, r.Header, seed.reqBody)
		}
	})
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			_, _ = seed.fresh()
		}
	})
	b.Run("drain2", func(b *testing.B) {
		for b.Loop() {
			r, w := seed.fresh()
			_, _ = drain(&r.Body)
			_, _ = drain(&w.Body)
		}
	})
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			r, w := seed.fresh()
			_ = v.ValidateResponse(r, w)
		}
	})
}

func BenchmarkPartsEcho(b *testing.B) {
	seed := loadBenchExchange(b, filepath.Join("testdata", "docs", "beta", "create", "1"))
	echoes := scanRequest(seed.reqBody).echoForms()
	b.Logf("%q", echoes)
	b.Run("with", func(b *testing.B) {
		for b.Loop() {
			_ = scanResponse(seed.resBody, echoes, seed.reqBody)
		}
	})
	b.Run("without", func(b *testing.B) {
		for b.Loop() {
			_ = scanResponse(seed.resBody, nil, seed.reqBody)
		}
	})
}
