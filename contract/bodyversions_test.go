package contract

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBetaOnlyStepInResponseBody: a v1.0 response that carries beta's preTokenIssuance is
// a violation at the member, as the parameter check reports the step in a v1.0 path; beta
// answers it freely.
func TestBetaOnlyStepInResponseBody(t *testing.T) {
	v := testValidator(t)
	const flow = "https://graph.microsoft.com/%s/identity/b2xUserFlows/B2X_1_f"
	for _, tc := range []struct {
		name, version, method, path, reqBody string
		status                               int
		body, pointer                        string
	}{
		{"config in v1.0", "v1.0", http.MethodGet, "/apiConnectorConfiguration?$expand=*", "", http.StatusOK,
			`{"postFederationSignup":{"id":"c1"},"preTokenIssuance":{"id":"c2","displayName":"pre"}}`, "/preTokenIssuance"},
		{"config in v1.0, null step", "v1.0", http.MethodGet, "/apiConnectorConfiguration", "", http.StatusOK,
			`{"preTokenIssuance":null}`, "/preTokenIssuance"},
		{"config in beta", "beta", http.MethodGet, "/apiConnectorConfiguration?$expand=*", "", http.StatusOK,
			`{"preTokenIssuance":{"id":"c2"}}`, ""},
		{"created flow in v1.0", "v1.0", http.MethodPost, "", `{"id":"f","userFlowType":"signUpOrSignIn","userFlowTypeVersion":1}`, http.StatusCreated,
			`{"id":"B2X_1_f","userFlowType":"signUpOrSignIn","userFlowTypeVersion":1,"apiConnectorConfiguration":{"preTokenIssuance":null}}`,
			"/apiConnectorConfiguration/preTokenIssuance"},
		{"created flow in beta", "beta", http.MethodPost, "", `{"id":"f","userFlowType":"signUpOrSignIn","userFlowTypeVersion":1}`, http.StatusCreated,
			`{"id":"B2X_1_f","userFlowType":"signUpOrSignIn","userFlowTypeVersion":1,"apiConnectorConfiguration":{"preTokenIssuance":null}}`, ""},
		{"a connector's own properties in v1.0", "v1.0", http.MethodGet, "/apiConnectorConfiguration/postFederationSignup", "", http.StatusOK,
			`{"id":"c1","displayName":"preTokenIssuance"}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := strings.Replace(flow, "%s", tc.version, 1)
			if tc.method == http.MethodPost {
				base = strings.TrimSuffix(base, "/B2X_1_f")
			}
			req, err := http.NewRequestWithContext(t.Context(), tc.method, base+tc.path, strings.NewReader(tc.reqBody))
			require.NoError(t, err)
			if tc.reqBody != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			require.True(t, v.ValidateRequest(req).Valid)
			resp := &http.Response{StatusCode: tc.status, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(strings.NewReader(tc.body))}
			res := v.ValidateResponse(req, resp)
			if tc.pointer == "" {
				assert.True(t, res.Valid, "%+v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1, "%+v", res.Violations)
			assert.Equal(t, Violation{Pointer: tc.pointer, Kind: KindAdditionalProperties,
				Message: "the property preTokenIssuance does not exist in v1.0"}, res.Violations[0])
		})
	}
}

// TestValueVersionsInBodies covers what the spec does not use yet: an enum value in a body,
// through items and a oneOf, and a request body.
func TestValueVersionsInBodies(t *testing.T) {
	step := openapi3.NewStringSchema().WithEnum("a", "b")
	step.Extensions = map[string]any{valueVersionsExtension: map[string]any{"b": []any{"beta"}}}
	object := openapi3.NewObjectSchema().WithProperty("steps", openapi3.NewArraySchema().WithItems(step))
	schema := &openapi3.Schema{OneOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("", object)}}
	body := openapi3.NewRequestBody().WithJSONSchema(schema)
	input := &openapi3filter.RequestValidationInput{Route: &routers.Route{Operation: &openapi3.Operation{
		RequestBody: &openapi3.RequestBodyRef{Value: body},
	}}}
	header := http.Header{"Content-Type": {"application/json"}}
	raw := []byte(`{"steps":["a","b","b"]}`)

	assert.Equal(t, []Violation{
		{Pointer: "/steps/1", Kind: "enum", Message: "the value b does not exist in v1.0"},
		{Pointer: "/steps/2", Kind: "enum", Message: "the value b does not exist in v1.0"},
	}, requestValueVersionViolations(input, header, raw, "v1.0"))
	assert.Empty(t, requestValueVersionViolations(input, header, raw, "beta"))
	assert.Empty(t, requestValueVersionViolations(input, http.Header{"Content-Type": {"text/plain"}}, raw, "v1.0"), "only JSON is read")
	assert.Empty(t, requestValueVersionViolations(input, header, []byte(`{"steps":`), "v1.0"), "invalid JSON is left to the other checks")
}

// TestValueVersionsNameWhatTheSchemaDefines: every x-graph-value-versions entry names a
// value of its enum or a property of its object, in versions the spec serves, so a typo
// cannot silently mark nothing.
func TestValueVersionsNameWhatTheSchemaDefines(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	marked := 0
	visited := map[*openapi3.Schema]bool{}
	var walk func(name string, ref *openapi3.SchemaRef)
	walk = func(name string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || visited[ref.Value] {
			return
		}
		s := ref.Value
		visited[s] = true
		for value, vs := range valueVersions(s) {
			marked++
			_, isProperty := s.Properties[value]
			assert.True(t, isProperty || slices.Contains(s.Enum, any(value)), "%s: %s is neither an enum value nor a property", name, value)
			for _, version := range vs {
				assert.Contains(t, versions, version, "%s: %s", name, value)
			}
		}
		for p, child := range s.Properties {
			walk(name+"."+p, child)
		}
		for _, child := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf, openapi3.SchemaRefs{s.Items}) {
			walk(name, child)
		}
	}
	for name, ref := range spec.doc.Components.Schemas {
		walk(name, ref)
	}
	for name, p := range spec.doc.Components.Parameters {
		if p.Value != nil {
			walk(name, p.Value.Schema)
		}
	}
	assert.GreaterOrEqual(t, marked, 4, "the step enums and the two apiConnectorConfiguration objects")
}
