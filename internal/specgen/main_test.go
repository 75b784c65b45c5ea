package main

import (
	"go/parser"
	"go/token"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateSharesReferencedSchemas(t *testing.T) {
	shared := &openapi3.Schema{Type: &openapi3.Types{"string"}, Enum: []any{"a", 1.5, int64(2), true, nil}}
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info:    &openapi3.Info{Title: "t", Version: "1"},
		Paths:   openapi3.NewPaths(),
		Components: &openapi3.Components{Schemas: openapi3.Schemas{
			"A": {Value: shared},
			"B": {Value: &openapi3.Schema{Properties: openapi3.Schemas{"a": {Ref: "#/components/schemas/A", Value: shared}}}},
		}},
	}
	src, err := Generate(doc)
	require.NoError(t, err)
	_, err = parser.ParseFile(token.NewFileSet(), "document.gen.go", src, 0)
	require.NoError(t, err, string(src))
	assert.Contains(t, string(src), "v0 := &openapi3.Schema{", "a schema reached twice is built once")
	assert.Contains(t, string(src), `[]any{"a", float64(1.5), int64(2), true, nil}`, "values in interfaces keep their types")
}

func TestGenerateRefusesCycles(t *testing.T) {
	node := &openapi3.Schema{}
	node.Properties = openapi3.Schemas{"self": {Ref: "#/components/schemas/Node", Value: node}}
	doc := &openapi3.T{OpenAPI: "3.0.3", Paths: openapi3.NewPaths(),
		Components: &openapi3.Components{Schemas: openapi3.Schemas{"Node": {Value: node}}}}
	_, err := Generate(doc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cycle")
}
