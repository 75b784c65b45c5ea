package callcontract

import (
	"errors"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/contract"
)

// Violation is one way a call or an answer breaks the contract; the same type the Graph
// contract reports. Pointer is a JSON pointer into the body, or names the part outside it:
// "/status" (the HTTP status), "/header/Content-Type", "/url", "/tls", "/time".
type Violation = contract.Violation

// Kind says which rule a violation broke. Schema violations use the JSON Schema keyword
// (required, enum, type, oneOf, minLength, additionalProperties); the others are below.
type Kind = contract.Kind

// Kinds of the call contract that are not schema keywords. They are stable.
const (
	KindStatus      Kind = contract.KindStatus      // the HTTP status does not match the action
	KindContentType Kind = contract.KindContentType // not application/json
	KindBody        Kind = contract.KindBody        // not strict JSON, or empty
	// KindAdditionalProperties is the schema keyword: a property a closed object lacks.
	KindAdditionalProperties Kind = contract.KindAdditionalProperties
	KindAction               Kind = "action"          // the step does not allow this action
	KindClaim                Kind = "claim"           // a claim name the user flow does not send or read
	KindReadOnlyClaim        Kind = "read-only-claim" // a claim the step cannot overwrite
	KindPlatform             Kind = "platform"        // a claim or step the platform does not have
	KindStep                 Kind = "step"            // the step claim names another step
	KindTimeout              Kind = "timeout"         // no answer within the platform's budget
	KindTLS                  Kind = "tls"             // TLS version or cipher suite not allowed
	KindScheme               Kind = "scheme"          // an http target that is not loopback
	KindAuth                 Kind = "auth"            // wrong credentials were accepted
	KindUnreachable          Kind = "unreachable"     // no HTTP answer at all
)

// schemaViolations converts kin-openapi's errors into violations. Messages come from the
// rule, never the value, so a claim's value is never repeated.
func schemaViolations(err error, prefix string) []Violation {
	var out []Violation
	var walk func(error)
	walk = func(err error) {
		var multi openapi3.MultiError
		var se *openapi3.SchemaError
		switch {
		case err == nil:
		case errors.As(err, &multi):
			for _, e := range multi {
				walk(e)
			}
		case errors.As(err, &se):
			if se.SchemaField == "oneOf" || se.SchemaField == "anyOf" {
				var branches openapi3.MultiError
				if errors.As(se.Origin, &branches) && len(branches) == 1 {
					walk(branches[0])
					return
				}
			}
			pointer := prefix + pointerOf(se.JSONPointer())
			kind := Kind(se.SchemaField)
			if name, ok := unsupportedProperty(se); ok {
				pointer += pointerOf([]string{name})
				kind = KindAdditionalProperties
			}
			if !hasViolation(out, pointer, kind) { // both branches of a oneOf fail alike
				out = append(out, Violation{Pointer: pointer, Kind: kind, Message: se.Reason})
			}
		default:
			out = append(out, Violation{Pointer: prefix, Kind: KindBody, Message: "invalid"})
		}
	}
	walk(err)
	return out
}

func unsupportedProperty(e *openapi3.SchemaError) (string, bool) {
	if e.SchemaField != "properties" && e.SchemaField != "additionalProperties" {
		return "", false
	}
	_, after, ok := strings.Cut(e.Reason, `property "`)
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(after, `"`)
	return name, ok
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func pointerOf(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(p))
	}
	return b.String()
}

// Pointer is the JSON pointer of a top-level property.
func Pointer(name string) string { return pointerOf([]string{name}) }

func hasViolation(vs []Violation, pointer string, kind Kind) bool {
	for _, v := range vs {
		if v.Pointer == pointer && v.Kind == kind {
			return true
		}
	}
	return false
}
