package fake

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// The generated handlers decode bodies with encoding/json, which matches a property name
// to a field ignoring case and Unicode folds, and lets the last of repeated names win. The
// validator reads names exactly, so between the two a body could say one thing to the
// contract and another to the store: {"id":"partner","ID":""} passes as an id with an
// extra property and is stored as an empty id. The fake closes that gap before decoding:
// repeated names are refused by the validator (duplicate-key), and a name that
// encoding/json would take for a documented property but that is spelled otherwise is
// refused here. What is decoded is then exactly what was validated.

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

// checkSpelling refuses a body holding a property name that folds to a documented one
// without being spelled as it is, naming it by JSON pointer.
func (s *Server) checkSpelling(body []byte) error {
	var misspelled string
	_ = jsonwalk.Walk(body, func(m *jsonwalk.Member) {
		if misspelled != "" || m.InArray {
			return
		}
		if documented, ok := s.propertyNames[secret.Fold(m.Key)]; ok && documented != m.Key {
			misspelled = m.Pointer()
		}
	})
	if misspelled != "" {
		return invalidRequest(misspelled, "the property name must be spelled exactly as documented")
	}
	return nil
}
