// Package specdoc holds the spec as the kin-openapi document it parses to, built by code
// rather than parsed, so that loading it costs a few allocations. Generated from
// openapi/openapi.yaml by internal/specgen; never edit document.gen.go by hand.
package specdoc

//go:generate go run ../specgen -spec ../../openapi/openapi.yaml -out document.gen.go
