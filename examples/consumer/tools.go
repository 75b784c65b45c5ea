//go:build tools

// Package tools pins the code generator in go.mod, so that `go generate` runs exactly the
// version the committed graph/graph.gen.go was made with.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
