// Package contract validates HTTP exchanges against the project's OpenAPI description of
// Microsoft Graph's API-connector endpoints, and holds the suite that proves every documented
// example against it.
package contract

import (
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/internal/specdoc"
)

// Spec is the parsed OpenAPI description with its router, built once per process and
// shared by every validator and fake, so it exposes no part of the document to change.
type Spec struct {
	doc          *openapi3.T
	paths        []pathTemplate // the router; see router.go
	queryOptions map[string][]string
	// propertyNames maps each property name's fold to its documented spelling.
	propertyNames map[string]string
}

var (
	loadOnce   sync.Once
	loadedSpec *Spec
)

// LoadSpec builds the embedded description the first time it is called and returns the same
// *Spec afterwards. The document comes from internal/specdoc, generated from openapi.yaml:
// building it costs a fraction of parsing the YAML, and the tests prove the two equal and
// the description valid, so no process pays for parsing or checking it.
func LoadSpec() (*Spec, error) {
	loadOnce.Do(func() { loadedSpec = newSpec(specdoc.Document()) })
	return loadedSpec, nil
}

func newSpec(doc *openapi3.T) *Spec {
	return &Spec{doc: doc, paths: pathTemplates(doc, versionlessDocument(doc)), queryOptions: queryOptionsByOperation(doc),
		propertyNames: documentedNames(doc)}
}

// versionlessDocument is the document as the router serves it: on the path below the
// version segment. The spec's server URL has a variable host (`https://{host}/{version}`),
// and the fake is served on loopback hosts anyway, so the validator strips the version
// itself (see splitVersion) and routes the rest against a copy served at "/".
func versionlessDocument(doc *openapi3.T) *openapi3.T {
	routed := *doc
	routed.Servers = openapi3.Servers{{URL: "/"}}
	return &routed
}

// QueryOptions returns the query parameters the spec declares for an operation, matched by
// operationId without regard to case, in the spec's order. Each call returns a new slice.
func (s *Spec) QueryOptions(operationID string) []string {
	return slices.Clone(s.queryOptions[strings.ToLower(operationID)])
}

// queryOptionsByOperation maps each operation id, lower-cased, to its query parameters.
func queryOptionsByOperation(doc *openapi3.T) map[string][]string {
	out := map[string][]string{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			var names []string
			for _, p := range slices.Concat(item.Parameters, op.Parameters) {
				if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
					names = append(names, p.Value.Name)
				}
			}
			out[strings.ToLower(op.OperationID)] = names
		}
	}
	return out
}
