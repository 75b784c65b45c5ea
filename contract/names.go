package contract

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// DocumentedName returns the spelling the spec gives a property whose name folds (as
// encoding/json matches names) to name's fold, in any schema, and whether there is one.
func (s *Spec) DocumentedName(name string) (string, bool) {
	documented, ok := s.propertyNames[secret.Fold(name)]
	return documented, ok
}

// documentedNames maps the folded spelling of every property name the spec defines, in any
// schema, to its documented spelling.
func documentedNames(doc *openapi3.T) map[string]string {
	out := map[string]string{}
	visited := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || visited[ref.Value] {
			return
		}
		visited[ref.Value] = true
		for name, p := range ref.Value.Properties {
			out[secret.Fold(name)] = name
			walk(p)
		}
		for _, group := range [][]*openapi3.SchemaRef{ref.Value.OneOf, ref.Value.AnyOf, ref.Value.AllOf} {
			for _, r := range group {
				walk(r)
			}
		}
		walk(ref.Value.Items)
		walk(ref.Value.AdditionalProperties.Schema)
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	return out
}
