package reconcile

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

const schemaFile = "connectors.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(schemaFile, doc))
	schema, err := c.Compile(schemaFile)
	require.NoError(t, err)
	return schema
}

// asJSONValue turns a YAML document into the values a JSON decoder would give.
func asJSONValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	require.NoError(t, yaml.Unmarshal(data, &v))
	encoded, err := json.Marshal(v)
	require.NoError(t, err)
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(encoded))
	require.NoError(t, err)
	return out
}

func TestTheExamplesFollowTheSchema(t *testing.T) {
	schema := compileSchema(t)
	paths, err := filepath.Glob("../examples/declarative/*.*")
	require.NoError(t, err)
	var checked int
	for _, path := range paths {
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".json" {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, schema.Validate(asJSONValue(t, data)))
			_, err = Parse(path, data)
			require.NoError(t, err, "the parser takes what the schema takes")
		})
		checked++
	}
	assert.GreaterOrEqual(t, checked, 3)
}

// TestTheSchemaRefusesWhatTheParserRefuses holds the schema to the parser for every bad
// file whose problems a schema can see; references and duplicates of values need the
// whole file, which only the parser looks at.
func TestTheSchemaRefusesWhatTheParserRefuses(t *testing.T) {
	schema := compileSchema(t)
	structural := []ProblemKind{KindUnknownKey, KindMissing, KindType, KindInvalid, KindNotInVersion}
	var checked int
	for _, tc := range badFiles {
		if !slices.Contains(structural, tc.kind) || tc.name == "empty" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			assert.Error(t, schema.Validate(asJSONValue(t, []byte(tc.file))))
		})
		checked++
	}
	assert.GreaterOrEqual(t, checked, 15)
}

func TestAnExportFollowsTheSchema(t *testing.T) {
	doc := &Document{
		Version: "beta",
		Connectors: []ExportedConnector{
			{Name: "a", DisplayName: "A", TargetURL: "https://a.example.org", Basic: &BasicSpec{Username: "u", PasswordEnv: "A_PASSWORD"}},
			{Name: "c", DisplayName: "C", TargetURL: "https://c.example.org", Certificate: &CertificateSpec{PKCS12File: "c.pfx", PasswordEnv: "C_PFX_PASSWORD"}, Thumbprints: []string{"AB"}},
		},
		UserFlows: []ExportedFlow{{ID: "B2C_1_x", Kind: "b2c", PostFederationSignup: "c"}},
	}
	schema := compileSchema(t)
	var yamlOut, jsonOut bytes.Buffer
	require.NoError(t, doc.WriteYAML(&yamlOut))
	require.NoError(t, doc.WriteJSON(&jsonOut))
	for _, out := range []*bytes.Buffer{&yamlOut, &jsonOut} {
		require.NoError(t, schema.Validate(asJSONValue(t, out.Bytes())), out.String())
		_, err := Parse("export", out.Bytes())
		require.NoError(t, err, out.String())
	}
	assert.Contains(t, yamlOut.String(), "# supply this .pfx")
	assert.True(t, json.Valid(jsonOut.Bytes()))
}
