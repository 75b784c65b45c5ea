package contract

import "fmt"

// Kind says what rule a violation broke. Schema violations use the JSON Schema keyword that
// failed (required, type, format, enum, pattern, additionalProperties, oneOf, discriminator,
// minLength, minProperties, ...); the others are listed below. Kinds are stable; messages are
// for people and may change.
type Kind string

// Kinds that are not a schema keyword.
const (
	KindRoute        Kind = "route"         // no operation has this path
	KindMethod       Kind = "method"        // the path exists, the method does not
	KindVersion      Kind = "version"       // unknown version, or the operation is not in it
	KindStatus       Kind = "status"        // the operation does not document this status
	KindContentType  Kind = "content-type"  // the body's media type is not the documented one
	KindBody         Kind = "body"          // a required body is missing or is not JSON
	KindParameter    Kind = "parameter"     // a path, query or header parameter is invalid
	KindHeader       Kind = "header"        // a header contradicts the message (Content-Length)
	KindSecretLeak   Kind = "secret-leak"   // a response carries a secret, such as a real password, or repeats one of the request
	KindDuplicateKey Kind = "duplicate-key" // an object repeats a property name
	KindNumberRange  Kind = "number-range"  // a number no 64-bit float holds, such as 1e400

	// KindFormat is the schema keyword, named here because the validator also reports an
	// @odata.id that names no connector of the request's service root under it.
	KindFormat Kind = "format"

	// KindAdditionalProperties is the schema keyword, named here because kin-openapi reports
	// it under "properties".
	KindAdditionalProperties Kind = "additionalProperties"
)

// Violation is one way an exchange breaks the contract. Pointer is a JSON pointer into the
// body ("/authenticationConfiguration/password"), or names the part of the message outside
// it: "/path", "/method", "/status", "/query/$top", "/header/Content-Type". It never carries
// the value of a secret field.
type Violation struct {
	Pointer string `json:"pointer"`
	Kind    Kind   `json:"kind"`
	Message string `json:"message"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s: %s", v.Pointer, v.Kind, v.Message)
}

// Result is the verdict on one message.
type Result struct {
	Valid      bool        `json:"valid"`
	Violations []Violation `json:"violations"`
}

func newResult(vs []Violation) Result {
	if vs == nil {
		vs = []Violation{}
	}
	return Result{Valid: len(vs) == 0, Violations: vs}
}
