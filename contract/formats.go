package contract

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// stringFormats are the string formats the spec may declare, each with the check that
// enforces it. kin-openapi's own byte check accepts the URL-safe alphabet and any padding,
// which Graph does not, and it checks no uri at all.
var stringFormats = map[string]openapi3.StringFormatValidator{
	"uri":  openapi3.NewCallbackValidator(validateAbsoluteURI),
	"byte": openapi3.NewCallbackValidator(validateBase64),
}

// integerFormats are enforced by kin-openapi by default.
var integerFormats = map[string]bool{"int32": true, "int64": true}

func schemaValidationOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.WithStringFormatValidators(stringFormats),
		openapi3.DisableSchemaErrorDetails(),
		openapi3.MultiErrors(),
	}
}

// validateAbsoluteURI accepts an RFC 3986 absolute URI with a host. Placeholders such as
// `{id}` or `<guid>` are not URI characters, so a documented placeholder is reported.
func validateAbsoluteURI(s string) error {
	if i := strings.IndexFunc(s, func(r rune) bool { return !isURIChar(r) }); i >= 0 {
		return fmt.Errorf("character %q at offset %d is not allowed in a URI", s[i], i)
	}
	u, err := url.Parse(s)
	if err != nil {
		return errors.New("not a URI")
	}
	if u.Scheme == "" || u.Host == "" {
		return errors.New("not an absolute URI with a host")
	}
	return nil
}

func isURIChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("-._~:/?#[]@!$&'()*+,;=%", r)
}

// validateBase64 accepts standard, padded base64, as Graph decodes pkcs12Value.
func validateBase64(s string) error {
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		return errors.New("not standard padded base64")
	}
	return nil
}

// checkFormatsEnforced fails when the spec declares a format that nothing checks, so that a
// new `format:` cannot silently pass everything.
func checkFormatsEnforced(doc *openapi3.T) error {
	var unknown []string
	for _, f := range declaredFormats(doc) {
		if _, ok := stringFormats[f]; !ok && !integerFormats[f] {
			unknown = append(unknown, f)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("contract: openapi.yaml declares formats with no validator: %s", strings.Join(unknown, ", "))
	}
	return nil
}

// declaredFormats lists every format used anywhere in the document, sorted.
func declaredFormats(doc *openapi3.T) []string {
	seen := map[string]bool{}
	visited := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || visited[ref.Value] {
			return
		}
		s := ref.Value
		visited[s] = true
		if s.Format != "" {
			seen[s.Format] = true
		}
		for _, p := range s.Properties {
			walk(p)
		}
		for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf, s.AllOf} {
			for _, r := range group {
				walk(r)
			}
		}
		walk(s.Items)
		walk(s.Not)
		walk(s.AdditionalProperties.Schema)
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, h := range doc.Components.Headers {
		walk(h.Value.Schema)
	}
	for _, p := range doc.Components.Parameters {
		walk(p.Value.Schema)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				walk(p.Value.Schema)
			}
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
