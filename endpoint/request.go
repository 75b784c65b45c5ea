package endpoint

import (
	"crypto/x509"
	"regexp"
	"strings"

	"github.com/graph-apiconnector/apiconnector/gen/call"
)

// Step is the point of the user flow that calls the endpoint.
type Step string

// The steps. Entra External ID does not say which step calls; the endpoint then reports the
// step given with WithStep, or StepUnknown.
const (
	StepUnknown             Step = ""
	PostFederationSignup    Step = "postFederationSignup"
	PostAttributeCollection Step = "postAttributeCollection"
	PreTokenIssuance        Step = "preTokenIssuance" //nolint:gosec // G101: a step name, not a credential
)

var stepOfClaim = map[call.ClaimsStep]Step{
	call.PostFederationSignup:    PostFederationSignup,
	call.PostAttributeCollection: PostAttributeCollection,
	call.PreTokenIssuance:        PreTokenIssuance,
}

// Request is one call from a user flow: the step, and the user's claims as typed values.
// A claim the flow had no value for is nil: the service does not send it.
type Request struct {
	Step   Step
	Claims call.Claims
	// Certificate is the client certificate the caller presented, when it authenticated
	// with one.
	Certificate *x509.Certificate
}

// customAttribute matches a custom attribute as the service sends it and captures its name:
// extension_<extensions-app-id>_<name>, the app id as 32 hex digits.
var customAttribute = regexp.MustCompile(`^extension_[0-9a-fA-F]{32}_([A-Za-z0-9_]+)$`)

// appIDPart is the `<extensions-app-id>_` part of a custom attribute's name.
var appIDPart = regexp.MustCompile(`^[0-9a-fA-F]{32}_`)

// Attribute returns a custom attribute by its name, given as "LoyaltyNumber",
// "extension_LoyaltyNumber" or "extension_<extensions-app-id>_LoyaltyNumber"; the app id of
// the call does not have to be known.
func (r Request) Attribute(name string) (any, bool) {
	name = appIDPart.ReplaceAllString(strings.TrimPrefix(name, "extension_"), "")
	for key, v := range r.Claims.AdditionalProperties {
		if m := customAttribute.FindStringSubmatch(key); (len(m) == 2 && m[1] == name) || key == "extension_"+name {
			return v, true
		}
	}
	return nil, false
}

// AttributeString returns a custom attribute that holds a string; ok is false when it is
// absent or not a string.
func (r Request) AttributeString(name string) (string, bool) {
	v, ok := r.Attribute(name)
	s, isString := v.(string)
	return s, ok && isString
}

// Claim returns a built-in string claim by its JSON name ("postalCode"), and whether it was
// sent.
func (r Request) Claim(name string) (string, bool) {
	v, ok := r.Claims.Get(name)
	if ok {
		s, isString := v.(string)
		return s, isString
	}
	fields := map[string]*string{
		"email": r.Claims.Email, "displayName": r.Claims.DisplayName, "givenName": r.Claims.GivenName,
		"surname": r.Claims.Surname, "jobTitle": r.Claims.JobTitle, "streetAddress": r.Claims.StreetAddress,
		"city": r.Claims.City, "postalCode": r.Claims.PostalCode, "state": r.Claims.State,
		"country": r.Claims.Country, "objectId": r.Claims.ObjectId, "client_id": r.Claims.ClientId,
		"ui_locales": r.Claims.UiLocales,
	}
	if p := fields[name]; p != nil {
		return *p, true
	}
	return "", false
}
