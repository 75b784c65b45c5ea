// Package contract validates HTTP exchanges against the project's OpenAPI description of
// Microsoft Graph's API-connector endpoints, and holds the suite that proves every documented
// example against it.
package contract

import (
	"context"
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/graph-apiconnector/apiconnector/openapi"
)

// Spec is the parsed OpenAPI description with its router, built once per process.
type Spec struct {
	Doc    *openapi3.T
	router routers.Router
	paths  []pathTemplate
}

var (
	loadOnce   sync.Once
	loadedSpec *Spec
	loadErr    error
)

// LoadSpec parses and validates the embedded description the first time it is called and
// returns the same *Spec afterwards.
func LoadSpec() (*Spec, error) {
	loadOnce.Do(func() { loadedSpec, loadErr = parseSpec(openapi.Spec) })
	return loadedSpec, loadErr
}

func parseSpec(data []byte) (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("contract: parse openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("contract: openapi.yaml is not a valid OpenAPI 3.0 description: %w", err)
	}
	if err := checkFormatsEnforced(doc); err != nil {
		return nil, err
	}
	router, err := newVersionlessRouter(doc)
	if err != nil {
		return nil, err
	}
	return &Spec{Doc: doc, router: router, paths: pathTemplates(doc)}, nil
}

// newVersionlessRouter routes on the path below the version segment. The spec's server URL
// has a variable host (`https://{host}/{version}`), which gorillamux cannot match, and the
// fake is served on loopback hosts anyway, so the validator strips the version itself
// (see splitVersion) and routes the rest against a copy of the document served at "/".
func newVersionlessRouter(doc *openapi3.T) (routers.Router, error) {
	routed := *doc
	routed.Servers = openapi3.Servers{{URL: "/"}}
	router, err := gorillamux.NewRouter(&routed)
	if err != nil {
		return nil, fmt.Errorf("contract: build router: %w", err)
	}
	return router, nil
}
