package contract

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/specdoc"
	"github.com/graph-apiconnector/apiconnector/openapi"
)

// checkSpec parses and checks a YAML description the way the generated document was made,
// and adds the checks no process repeats at startup.
func checkSpec(data []byte) error {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return fmt.Errorf("contract: parse openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return fmt.Errorf("contract: openapi.yaml is not a valid OpenAPI 3.0 description: %w", err)
	}
	if err := checkFormatsEnforced(doc); err != nil {
		return err
	}
	newSpec(doc) // builds the router and the name tables, as LoadSpec does
	return nil
}

func TestEmbeddedSpecIsValid(t *testing.T) {
	require.NoError(t, checkSpec(openapi.Spec))
	require.NoError(t, specdoc.Document().Validate(context.Background()), "the generated document validates too")
	require.NoError(t, checkFormatsEnforced(specdoc.Document()))
}

// TestGeneratedDocumentMatchesYAML proves internal/specdoc equal to openapi.yaml as parsed;
// make check-generated proves it generated from the current file.
func TestGeneratedDocumentMatchesYAML(t *testing.T) {
	parsed, err := openapi3.NewLoader().LoadFromData(openapi.Spec)
	require.NoError(t, err)
	want, err := json.Marshal(parsed)
	require.NoError(t, err)
	got, err := json.Marshal(specdoc.Document())
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

func TestGeneratedDocumentSharesResolvedSchemas(t *testing.T) {
	doc := specdoc.Document()
	for name, ref := range doc.Components.Schemas {
		require.NotNil(t, ref.Value, name)
	}
	// A $ref resolves to the component itself, as the loader resolves it.
	create := doc.Paths.Find("/identity/apiConnectors").Post
	require.NotNil(t, create)
	body := create.RequestBody.Value.Content.Get("application/json").Schema
	require.NotEmpty(t, body.Ref)
	assert.Same(t, doc.Components.Schemas[body.Ref[len("#/components/schemas/"):]].Value, body.Value)
	assert.NotSame(t, doc, specdoc.Document(), "each call builds a new document")
}
