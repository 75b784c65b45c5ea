//go:build tools

// Package tools pins the linters in a module of their own, so that their many dependencies
// never enter the main module's graph. `make lint` builds them from here into bin/.
package tools

import (
	_ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
	_ "golang.org/x/vuln/cmd/govulncheck"
)
