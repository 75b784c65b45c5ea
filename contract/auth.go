package contract

import (
	"net/http"
	"strings"
)

// RequiringBearerToken returns a validator like v for which a request without an
// `Authorization: Bearer …` header is a violation of kind header. The docs' examples carry
// no token, so v's default is not to require one; recorded traffic always had one to send,
// and a client that sends none (as one pointed at an http URL may) is broken.
func (v *Validator) RequiringBearerToken() *Validator {
	out := *v
	out.requireBearer = true
	return &out
}

// bearerViolations reports a missing or empty bearer token. The value itself is a secret and
// never appears in what is reported.
func bearerViolations(h http.Header) []Violation {
	scheme, token, _ := strings.Cut(strings.TrimSpace(h.Get("Authorization")), " ")
	if strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(token) != "" {
		return nil
	}
	return []Violation{{Pointer: "/header/Authorization", Kind: KindHeader,
		Message: "the request carries no Authorization: Bearer token"}}
}
