package contract

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// valueVersionsExtension, on an enum schema, names the values that exist only in some
// versions: `x-graph-value-versions: {preTokenIssuance: [beta]}`. One operation serves both
// versions, so its parameter's enum alone cannot say that v1.0 lacks a value.
const valueVersionsExtension = "x-graph-value-versions"

// valueVersionViolations reports each path or query parameter value of a routed request
// that its schema lists under x-graph-value-versions without the path's version.
func valueVersionViolations(input *openapi3filter.RequestValidationInput, escapedPath string) []Violation {
	version, _ := splitVersion(escapedPath)
	route, pathParams, query := input.Route, input.PathParams, input.Request.URL.Query()
	var out []Violation
	for _, ref := range slices.Concat(route.PathItem.Parameters, route.Operation.Parameters) {
		p := ref.Value
		if p == nil || p.Schema == nil || p.Schema.Value == nil {
			continue
		}
		schema := p.Schema.Value
		var values []string
		switch p.In {
		case openapi3.ParameterInPath:
			if v, ok := pathParams[p.Name]; ok {
				values = []string{v}
			}
		case openapi3.ParameterInQuery:
			if schema.Items != nil && schema.Items.Value != nil {
				schema = schema.Items.Value
				for _, v := range query[p.Name] {
					values = append(values, strings.Split(v, ",")...)
				}
			} else {
				values = query[p.Name]
			}
		}
		for _, v := range values {
			if versions, ok := valueVersions(schema)[v]; ok && !slices.Contains(versions, version) {
				out = append(out, Violation{Pointer: "/" + p.In + "/" + p.Name, Kind: KindParameter,
					Message: "the value " + v + " does not exist in " + version})
			}
		}
	}
	return out
}

// valueVersions reads a schema's x-graph-value-versions as value -> versions.
func valueVersions(schema *openapi3.Schema) map[string][]string {
	raw, ok := schema.Extensions[valueVersionsExtension].(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string][]string, len(raw))
	for value, list := range raw {
		items, _ := list.([]any)
		for _, item := range items {
			if s, ok := item.(string); ok {
				out[value] = append(out[value], s)
			}
		}
	}
	return out
}
