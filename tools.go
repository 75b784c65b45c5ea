//go:build tools

// Package tools pins the code generator in go.mod so that `go generate` and CI
// run exactly the version the committed gen/ was made with.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
