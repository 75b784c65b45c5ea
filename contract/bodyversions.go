package contract

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Version-limited values in bodies. x-graph-value-versions names, on an enum schema, the
// values, and on an object schema, the properties, that exist only in some versions. One
// schema serves both versions, so kin-openapi accepts a beta-only member in a v1.0 body;
// these checks report it as the schema of that version would: a property it lacks as
// additionalProperties and a value outside its enum as enum, at the member's pointer, just
// as the parameter check reports its values where kin-openapi reports a parameter.

// requestValueVersionViolations checks the JSON body of a routed request.
func requestValueVersionViolations(input *openapi3filter.RequestValidationInput, header http.Header, body []byte, version string) []Violation {
	rb := input.Route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return nil
	}
	return bodyValueVersionViolations(rb.Value.Content, header, body, nil, version)
}

// responseValueVersionViolations checks the JSON body of a response to a routed request.
// scan is the body's scan, whose value is read again only when the scan did not decode it.
func responseValueVersionViolations(input *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte, scan *bodyScan, version string) []Violation {
	resp := input.Route.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return nil
	}
	return bodyValueVersionViolations(resp.Value.Content, header, body, scan, version)
}

// bodyValueVersionViolations reads body's value from scan when it holds one (see
// decodeonce.go); scan may be nil.
func bodyValueVersionViolations(content openapi3.Content, header http.Header, body []byte, scan *bodyScan, version string) []Violation {
	if len(body) == 0 || !isJSONMediaType(header.Get("Content-Type")) {
		return nil
	}
	media := content.Get("application/json")
	if media == nil || media.Schema == nil || !marksValueVersions(media.Schema.Value) {
		return nil
	}
	// Decoded only when the schema marks a value somewhere: most bodies are never read here.
	// A body that is not JSON is reported by the other checks.
	var value any
	if scan != nil && scan.decoded {
		value = scan.value
	} else {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if dec.Decode(&value) != nil {
			return nil
		}
	}
	var out []Violation
	walkValueVersions(media.Schema.Value, value, "", version, &out)
	return out
}

// walkValueVersions reports the version-limited members and values of value under schema,
// following properties, items, additionalProperties and every branch of allOf, oneOf and
// anyOf: a branch the value does not match cannot mark a name it does not define.
func walkValueVersions(schema *openapi3.Schema, value any, pointer, version string, out *[]Violation) {
	if schema == nil || !marksValueVersions(schema) {
		return
	}
	for _, group := range [][]*openapi3.SchemaRef{schema.AllOf, schema.OneOf, schema.AnyOf} {
		for _, branch := range group {
			if branch != nil {
				walkValueVersions(branch.Value, value, pointer, version, out)
			}
		}
	}
	marks := valueVersions(schema)
	switch v := value.(type) {
	case map[string]any:
		names := make([]string, 0, len(v))
		for name := range v {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			at := pointer + jsonPointer([]string{name})
			if versions, ok := marks[name]; ok && !slices.Contains(versions, version) {
				*out = appendNew(*out, Violation{Pointer: at, Kind: KindAdditionalProperties,
					Message: "the property " + name + " does not exist in " + version})
			}
			if p, ok := schema.Properties[name]; ok && p != nil {
				walkValueVersions(p.Value, v[name], at, version, out)
			} else if ap := schema.AdditionalProperties.Schema; ap != nil {
				walkValueVersions(ap.Value, v[name], at, version, out)
			}
		}
	case []any:
		if schema.Items == nil {
			return
		}
		for i, item := range v {
			walkValueVersions(schema.Items.Value, item, pointer+"/"+strconv.Itoa(i), version, out)
		}
	case string:
		if versions, ok := marks[v]; ok && !slices.Contains(versions, version) {
			*out = appendNew(*out, Violation{Pointer: pointer, Kind: "enum",
				Message: "the value " + v + " does not exist in " + version})
		}
	}
}

// markedSchemas caches, per schema, whether it or a schema below it carries
// x-graph-value-versions. Schemas are built once per process and never change.
var markedSchemas sync.Map // *openapi3.Schema -> bool

// marksValueVersions reports whether schema or any schema it leads to carries
// x-graph-value-versions.
func marksValueVersions(schema *openapi3.Schema) bool {
	if schema == nil {
		return false
	}
	if known, ok := markedSchemas.Load(schema); ok {
		return known.(bool)
	}
	marked := searchValueVersions(schema, map[*openapi3.Schema]bool{})
	markedSchemas.Store(schema, marked)
	return marked
}

func searchValueVersions(schema *openapi3.Schema, visiting map[*openapi3.Schema]bool) bool {
	if schema == nil || visiting[schema] {
		return false
	}
	if known, ok := markedSchemas.Load(schema); ok {
		return known.(bool)
	}
	if len(valueVersions(schema)) > 0 {
		return true
	}
	visiting[schema] = true
	refs := slices.Concat(schema.AllOf, schema.OneOf, schema.AnyOf, []*openapi3.SchemaRef{schema.Items, schema.AdditionalProperties.Schema})
	for _, p := range schema.Properties {
		refs = append(refs, p)
	}
	for _, ref := range refs {
		if ref != nil && searchValueVersions(ref.Value, visiting) {
			return true
		}
	}
	return false
}
