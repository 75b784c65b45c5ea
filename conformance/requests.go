package conformance

import (
	"maps"

	"github.com/graph-apiconnector/apiconnector/callcontract"
)

// exampleAppID stands for the extensions app's id in the custom attributes the tester sends:
// 32 hex digits, the app id without hyphens.
const exampleAppID = "d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6"

// CustomAttribute is the custom attribute the tester sends in its "custom attribute" call.
const CustomAttribute = "extension_" + exampleAppID + "_LoyaltyNumber"

// documentedClaims are the docs' example requests for each step, made strict JSON, with
// their placeholders filled in. B2C-only claims are dropped for Entra when the call is built.
var documentedClaims = map[callcontract.Step]map[string]any{
	callcontract.PostFederationSignup: {
		"email":       "johnsmith@fabrikam.onmicrosoft.com",
		"identities":  []any{map[string]any{"signInType": "federated", "issuer": "facebook.com", "issuerAssignedId": "0123456789"}},
		"displayName": "John Smith",
		"givenName":   "John",
		"surname":     "Smith",
		"client_id":   "93fd07aa-333c-409d-955d-96008fd08dd9",
		"ui_locales":  "en-US",
	},
	callcontract.PostAttributeCollection: {
		"email":         "johnsmith@fabrikam.onmicrosoft.com",
		"identities":    []any{map[string]any{"signInType": "federated", "issuer": "facebook.com", "issuerAssignedId": "0123456789"}},
		"displayName":   "John Smith",
		"givenName":     "John",
		"surname":       "Smith",
		"jobTitle":      "Supplier",
		"streetAddress": "1000 Microsoft Way",
		"city":          "Seattle",
		"postalCode":    "12345",
		"state":         "Washington",
		"country":       "United States",
		"client_id":     "93fd07aa-333c-409d-955d-96008fd08dd9",
		"ui_locales":    "en-US",
	},
	callcontract.PreTokenIssuance: {
		"email":       "johnsmith@fabrikam.onmicrosoft.com",
		"identities":  []any{map[string]any{"signInType": "federated", "issuer": "facebook.com", "issuerAssignedId": "0123456789"}},
		"displayName": "John Smith",
		"objectId":    "ab3ec3b2-a435-45e4-b93a-56a005e88bb7",
		"client_id":   "231c70e8-8424-48ac-9b5d-5623b9e4ccf3",
		"ui_locales":  "en-US",
	},
}

// allClaims is every claim of the claims schema with a value.
var allClaims = map[string]any{
	"email":         "johnsmith@fabrikam.onmicrosoft.com",
	"identities":    []any{map[string]any{"signInType": "federated", "issuer": "google.com", "issuerAssignedId": "1122334455"}},
	"displayName":   "John Smith",
	"givenName":     "John",
	"surname":       "Smith",
	"jobTitle":      "Supplier",
	"streetAddress": "1000 Microsoft Way",
	"city":          "Seattle",
	"postalCode":    "12345",
	"state":         "Washington",
	"country":       "United States",
	"objectId":      "ab3ec3b2-a435-45e4-b93a-56a005e88bb7",
	"client_id":     "93fd07aa-333c-409d-955d-96008fd08dd9",
	"ui_locales":    "en-US",
	CustomAttribute: "0012345",
}

// nonASCII are names and places outside ASCII, which the service sends as UTF-8.
var nonASCII = map[string]any{
	"displayName":   "Zoë Ångström-Núñez",
	"givenName":     "Zoë",
	"surname":       "Ångström-Núñez",
	"city":          "Zürich",
	"streetAddress": "Straße 1",
	"email":         "zoë.ångström@fabrikam.onmicrosoft.com",
}

// variant is one call the tester makes.
type variant struct {
	name   string
	claims map[string]any
}

// variants are the calls for a step and platform: the documented one and its variations,
// then the claims file when there is one.
func variants(c *callcontract.Contract, p callcontract.Platform, s callcontract.Step, file map[string]any) []variant {
	doc := documentedClaims[s]
	withCustom := maps.Clone(doc)
	withCustom[CustomAttribute] = "0012345"
	leftOut := maps.Clone(doc)
	delete(leftOut, "displayName")
	delete(leftOut, "surname")
	delete(leftOut, "identities")
	withNonASCII := maps.Clone(doc)
	maps.Copy(withNonASCII, nonASCII)
	out := []variant{
		{CheckDocumented, doc},
		{CheckMinimal, map[string]any{"email": doc["email"], "client_id": doc["client_id"]}},
		{CheckAllClaims, allClaims},
		{CheckCustomAttribute, withCustom},
		{CheckNonASCII, withNonASCII},
		{CheckOptionalLeftOut, leftOut},
	}
	if file != nil {
		out = append(out, variant{CheckClaimsFile, file})
	}
	for i := range out {
		out[i].claims = forPlatform(c, p, s, out[i].claims)
	}
	return out
}

// forPlatform adds the B2C step claim, or drops the claims only B2C sends.
func forPlatform(c *callcontract.Contract, p callcontract.Platform, s callcontract.Step, claims map[string]any) map[string]any {
	out := maps.Clone(claims)
	if !c.Platforms[p].SendsStepClaims {
		for _, name := range c.B2COnlyClaims() {
			delete(out, name)
		}
		return out
	}
	if _, ok := out["step"]; !ok {
		out["step"] = c.Steps[s].StepClaim
	}
	return out
}
