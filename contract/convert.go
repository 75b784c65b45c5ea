package contract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// convert turns kin-openapi's error tree into violations. Messages are built from the
// failing rule, never from the offending value, since the value may be a secret.
func (v *Validator) convert(err error) []Violation {
	if err == nil {
		return nil
	}
	var out []Violation
	var walk func(error)
	walk = func(err error) {
		var multi openapi3.MultiError
		var reqErr *openapi3filter.RequestError
		var respErr *openapi3filter.ResponseError
		var schemaErr *openapi3.SchemaError
		switch {
		case errors.As(err, &multi) && isMulti(err):
			for _, e := range multi {
				walk(e)
			}
		case errors.As(err, &reqErr):
			out = append(out, requestViolations(reqErr)...)
		case errors.As(err, &respErr):
			out = append(out, responseViolations(respErr)...)
		case errors.As(err, &schemaErr):
			out = append(out, schemaViolations(schemaErr)...)
		default:
			out = append(out, Violation{Pointer: "", Kind: KindBody, Message: "invalid: " + err.Error()})
		}
	}
	walk(err)
	return out
}

// isMulti is true when err itself is a MultiError, not merely something that contains one.
func isMulti(err error) bool {
	_, ok := err.(openapi3.MultiError) //nolint:errorlint // deliberately err's own type: a wrapper around a MultiError is converted as the wrapper
	return ok
}

func requestViolations(e *openapi3filter.RequestError) []Violation {
	switch {
	case e.Parameter != nil:
		return []Violation{{
			Pointer: "/" + e.Parameter.In + "/" + e.Parameter.Name,
			Kind:    KindParameter,
			Message: parameterMessage(e),
		}}
	case e.RequestBody == nil:
		return []Violation{{Pointer: "", Kind: KindBody, Message: "this operation takes no request body"}}
	case errors.Is(e.Err, openapi3filter.ErrInvalidRequired):
		return []Violation{{Pointer: "", Kind: KindBody, Message: "a request body is required"}}
	case strings.HasPrefix(e.Reason, "header Content-Type"):
		return []Violation{{Pointer: "/header/Content-Type", Kind: KindContentType, Message: "the Content-Type is not application/json"}}
	case isParseError(e.Err):
		return []Violation{{Pointer: "", Kind: KindBody, Message: "the request body is not valid JSON"}}
	}
	if vs := nestedSchemaViolations(e.Err); len(vs) > 0 {
		return vs
	}
	return []Violation{{Pointer: "", Kind: KindBody, Message: e.Reason}}
}

func responseViolations(e *openapi3filter.ResponseError) []Violation {
	switch {
	case e.Reason == "status is not supported":
		return []Violation{{Pointer: "/status", Kind: KindStatus, Message: "the operation does not document this status"}}
	case strings.HasPrefix(e.Reason, "response header Content-Type"):
		return []Violation{{Pointer: "/header/Content-Type", Kind: KindContentType, Message: "the Content-Type is not the documented one"}}
	case strings.HasPrefix(e.Reason, "response header "):
		name := quoted(e.Reason)
		return []Violation{{Pointer: "/header/" + name, Kind: KindHeader, Message: "the " + name + " header does not match its schema"}}
	case isParseError(e.Err):
		return []Violation{{Pointer: "", Kind: KindBody, Message: "the response body is not valid JSON"}}
	}
	if vs := nestedSchemaViolations(e.Err); len(vs) > 0 {
		return vs
	}
	return []Violation{{Pointer: "", Kind: KindBody, Message: e.Reason}}
}

func nestedSchemaViolations(err error) []Violation {
	var out []Violation
	var multi openapi3.MultiError
	var schemaErr *openapi3.SchemaError
	switch {
	case err == nil:
	case isMulti(err) && errors.As(err, &multi):
		for _, e := range multi {
			out = append(out, nestedSchemaViolations(e)...)
		}
	case errors.As(err, &schemaErr):
		out = append(out, schemaViolations(schemaErr)...)
	}
	return out
}

// schemaViolations reports a schema error at its JSON pointer. A oneOf whose discriminator
// picked one branch is reported through that branch's own errors, which say what is wrong
// far more precisely than "matches no schema".
func schemaViolations(e *openapi3.SchemaError) []Violation {
	if e.SchemaField == "oneOf" {
		if branch := oneOfBranchErrors(e.Origin); len(branch) == 1 {
			if vs := nestedSchemaViolations(branch[0]); len(vs) > 0 {
				return vs
			}
		}
	}
	pointer := jsonPointer(e.JSONPointer())
	if name, ok := unsupportedProperty(e); ok {
		// kin-openapi reports an extra property at its object; name the property itself.
		return []Violation{{Pointer: pointer + jsonPointer([]string{name}), Kind: KindAdditionalProperties,
			Message: "property is not allowed here"}}
	}
	message := e.Reason
	if e.SchemaField == "not" && e.Schema != nil && e.Schema.Not != nil && e.Schema.Not.Value != nil {
		// kin-openapi gives no reason for `not`; the excluded schema's description says it.
		message = "must not be: " + e.Schema.Not.Value.Description
	}
	return []Violation{{Pointer: pointer, Kind: Kind(e.SchemaField), Message: message}}
}

// unsupportedProperty recognises kin-openapi's error for a property that a closed object
// (additionalProperties: false) does not define, and returns the property's name.
func unsupportedProperty(e *openapi3.SchemaError) (string, bool) {
	if e.SchemaField != "properties" {
		return "", false
	}
	var name string
	if _, err := fmt.Sscanf(e.Reason, "property %q is unsupported", &name); err != nil {
		return "", false
	}
	return name, true
}

// oneOfBranchErrors digs the per-branch errors out of a oneOf failure.
func oneOfBranchErrors(origin error) openapi3.MultiError {
	var multi openapi3.MultiError
	if errors.As(origin, &multi) {
		return multi
	}
	return nil
}

func parameterMessage(e *openapi3filter.RequestError) string {
	what := "parameter " + e.Parameter.Name + " in " + e.Parameter.In
	switch {
	case errors.Is(e.Err, openapi3filter.ErrInvalidRequired):
		return what + " is required"
	case errors.Is(e.Err, openapi3filter.ErrInvalidEmptyValue):
		return what + " must not be empty"
	}
	var schemaErr *openapi3.SchemaError
	if errors.As(e.Err, &schemaErr) {
		return what + ": " + schemaErr.Reason
	}
	return what + " is invalid"
}

func isParseError(err error) bool {
	var pe *openapi3filter.ParseError
	return errors.As(err, &pe)
}

// pointerEscaper escapes a JSON pointer segment (RFC 6901); built once, since building a
// Replacer costs far more than using it and every property of every body passes here.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func jsonPointer(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(p))
	}
	return b.String()
}

// quoted returns the first double-quoted word of s.
func quoted(s string) string {
	_, after, ok := strings.Cut(s, `"`)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(after, `"`)
	return name
}
