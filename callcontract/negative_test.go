package callcontract

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/openapi"
)

var jsonHeader = http.Header{"Content-Type": []string{"application/json"}}

// TestReplyRules breaks one rule per row and asserts the violation's kind and pointer.
func TestReplyRules(t *testing.T) {
	c := testContract(t)
	const (
		cont  = `{"version":"1.0.0","action":"Continue"}`
		block = `{"version":"1.0.0","action":"ShowBlockPage","userMessage":"No."}`
		verr  = `{"version":"1.0.0","action":"ValidationError","status":400,"userMessage":"Bad postal code."}`
	)
	tests := []struct {
		name     string
		platform Platform
		step     Step
		status   int
		header   http.Header
		body     string
		pointer  string
		kind     Kind
	}{
		{"block page sent with 400", Entra, PostAttributeCollection, 400, jsonHeader, block, "/status", KindStatus},
		{"validation error sent with 200", Entra, PostAttributeCollection, 200, jsonHeader, verr, "/status", KindStatus},
		{"continue sent with 400", B2C, PostFederationSignup, 400, jsonHeader, cont, "/status", KindStatus},
		{"status outside 200 and 400", Entra, PostAttributeCollection, 500, jsonHeader, cont, "/status", KindStatus},
		{"missing version", Entra, PostAttributeCollection, 200, jsonHeader, `{"action":"Continue"}`, "/version", "required"},
		{"missing version with no action either", Entra, PostAttributeCollection, 200, jsonHeader, `{}`, "/version", "required"},
		{"preview-era version", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"0.0.1","action":"Continue"}`, "/version", "enum"},
		{"block page without userMessage", Entra, PostFederationSignup, 200, jsonHeader, `{"version":"1.0.0","action":"ShowBlockPage"}`, "/userMessage", "required"},
		{"validation error without userMessage", Entra, PostAttributeCollection, 400, jsonHeader, `{"version":"1.0.0","action":"ValidationError","status":400}`, "/userMessage", "required"},
		{"empty userMessage", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"ShowBlockPage","userMessage":""}`, "/userMessage", "minLength"},
		{"validation error without status", Entra, PostAttributeCollection, 400, jsonHeader, `{"version":"1.0.0","action":"ValidationError","userMessage":"x"}`, "/status", "required"},
		{"validation error with status 401", Entra, PostAttributeCollection, 400, jsonHeader, `{"version":"1.0.0","action":"ValidationError","status":401,"userMessage":"x"}`, "/status", "enum"},
		{"unknown action", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"Allow"}`, "/action", "enum"},
		{"missing action", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0"}`, "/action", "required"},
		{"action of the wrong case", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"continue"}`, "/action", "enum"},
		{"validation error after federation", Entra, PostFederationSignup, 400, jsonHeader, verr, "/action", KindAction},
		{"validation error before the token", B2C, PreTokenIssuance, 400, jsonHeader, verr, "/action", KindAction},
		{"block page before the token", B2C, PreTokenIssuance, 200, jsonHeader, block, "/action", KindAction},
		{"overwriting email before the token", B2C, PreTokenIssuance, 200, jsonHeader, `{"version":"1.0.0","action":"Continue","email":"a@b.example"}`, "/email", KindReadOnlyClaim},
		{"claim under a name the flow ignores", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"Continue","pers":"x"}`, "/pers", KindClaim},
		{"lastName instead of surname", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"Continue","lastName":"x"}`, "/lastName", KindClaim},
		{"built-in claim of the wrong type", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"Continue","postalCode":12345}`, "/postalCode", "type"},
		{"extra property on a block page", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"ShowBlockPage","userMessage":"x","status":200}`, "/status", KindAdditionalProperties},
		{"not JSON", Entra, PostAttributeCollection, 200, jsonHeader, `<html>Server Error</html>`, "", KindBody},
		{"trailing comma", Entra, PostAttributeCollection, 200, jsonHeader, `{"version":"1.0.0","action":"Continue",}`, "", KindBody},
		{"comment", Entra, PostAttributeCollection, 200, jsonHeader, "{\"version\":\"1.0.0\", // v\n\"action\":\"Continue\"}", "", KindBody},
		{"two values", Entra, PostAttributeCollection, 200, jsonHeader, cont + cont, "", KindBody},
		{"empty body", Entra, PostAttributeCollection, 200, jsonHeader, ``, "", KindBody},
		{"form feed before the object", Entra, PostAttributeCollection, 200, jsonHeader, "\f" + cont, "", KindBody},
		{"not an object", Entra, PostAttributeCollection, 200, jsonHeader, `["Continue"]`, "", "type"},
		{"null", Entra, PostAttributeCollection, 200, jsonHeader, `null`, "", "type"},
		{"text/plain", Entra, PostAttributeCollection, 200, http.Header{"Content-Type": []string{"text/plain"}}, cont, "/header/Content-Type", KindContentType},
		{"no content type", Entra, PostAttributeCollection, 200, http.Header{}, cont, "/header/Content-Type", KindContentType},
		{"step the platform lacks", Entra, PreTokenIssuance, 200, jsonHeader, cont, "", KindPlatform},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.CheckReply(tt.platform, tt.step, tt.status, tt.header, []byte(tt.body))
			assert.True(t, hasViolation(got.Violations, tt.pointer, tt.kind), "want %s at %q, got %v", tt.kind, tt.pointer, got.Violations)
			assert.False(t, got.Valid())
		})
	}
}

func TestValidReplies(t *testing.T) {
	c := testContract(t)
	tests := []struct {
		name   string
		step   Step
		status int
		body   string
		action Action
		claims map[string]any
	}{
		{"continue with claims", PostAttributeCollection, 200,
			`{"version":"1.0.0","action":"Continue","postalCode":"12349","extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_Loyalty":"7","extension_Tier":"gold"}`,
			Continue, map[string]any{"postalCode": "12349", "extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_Loyalty": "7", "extension_Tier": "gold"}},
		{"block page", PostFederationSignup, 200, `{"version":"1.0.0","action":"ShowBlockPage","userMessage":"No."}`, ShowBlockPage, nil},
		{"validation error with numeric status", PostAttributeCollection, 400, `{"version":"1.0.0","action":"ValidationError","status":400,"userMessage":"x"}`, ValidationError, nil},
		{"validation error with string status", PostAttributeCollection, 400, `{"version":"1.0.0","action":"ValidationError","status":"400","userMessage":"x"}`, ValidationError, nil},
		{"content type with charset", PostAttributeCollection, 200, `{"version":"1.0.0","action":"Continue"}`, Continue, map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{"Content-Type": []string{"application/json; charset=utf-8"}}
			got := c.CheckReply(B2C, tt.step, tt.status, h, []byte(tt.body))
			require.Empty(t, got.Violations)
			assert.Equal(t, tt.action, got.Action)
			assert.Equal(t, tt.claims, got.Claims)
		})
	}
}

func TestRequestRules(t *testing.T) {
	c := testContract(t)
	tests := []struct {
		name     string
		platform Platform
		step     Step
		body     string
		pointer  string
		kind     Kind
	}{
		{"B2C-only claim from Entra", Entra, PostAttributeCollection, `{"email":"a@b.example","step":"PostAttributeCollection"}`, "/step", KindPlatform},
		{"step claim of another step", B2C, PostAttributeCollection, `{"email":"a@b.example","step":"PostFederationSignup"}`, "/step", KindStep},
		{"unknown step claim", B2C, PostAttributeCollection, `{"step":"PreTokenApplicationClaims"}`, "/step", "enum"},
		{"post-federation without email", Entra, PostFederationSignup, `{"displayName":"x"}`, "/email", "required"},
		{"unknown claim", Entra, PostAttributeCollection, `{"lastName":"x"}`, "/lastName", KindClaim},
		{"custom attribute without app id", Entra, PostAttributeCollection, `{"extension_Loyalty":"x"}`, "/extension_Loyalty", KindClaim},
		{"identity with an extra property", Entra, PostAttributeCollection, `{"identities":[{"issuer":"x","foo":1}]}`, "/identities/0/foo", KindAdditionalProperties},
		{"claim of the wrong type", Entra, PostAttributeCollection, `{"givenName":7}`, "/givenName", "type"},
		{"client_id that is not a GUID", B2C, PostAttributeCollection, `{"client_id":"<guid>"}`, "/client_id", "pattern"},
		{"not JSON", Entra, PostAttributeCollection, `email=a`, "", KindBody},
		{"no-break space after the object", Entra, PostAttributeCollection, "{\"email\":\"a@b.example\"}\u00a0", "", KindBody},
		{"step the platform lacks", Entra, PreTokenIssuance, `{}`, "", KindPlatform},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.CheckRequest(tt.platform, tt.step, jsonHeader, []byte(tt.body))
			assert.True(t, hasViolation(got, tt.pointer, tt.kind), "want %s at %q, got %v", tt.kind, tt.pointer, got)
		})
	}
	ok := `{"email":"a@b.example","extension_d1e2a3f4b5c6d7e8f9a0b1c2d3e4f5a6_Loyalty":"7","step":"PostFederationSignup","client_id":"93fd07aa-333c-409d-955d-96008fd08dd9","objectId":"ab3ec3b2-a435-45e4-b93a-56a005e88bb7","ui_locales":"fr-FR"}`
	assert.Empty(t, c.CheckRequest(B2C, PostFederationSignup, jsonHeader, []byte(ok)))
}

// TestRulesComeFromTheSpec pins what the extensions say, so a change to them is deliberate.
func TestRulesComeFromTheSpec(t *testing.T) {
	c := testContract(t)
	assert.Equal(t, 20*time.Second, c.Platforms[Entra].Timeout)
	assert.Equal(t, 5*time.Second, c.Platforms[B2C].Timeout)
	assert.Equal(t, []Action{Continue}, c.Steps[PreTokenIssuance].Actions)
	assert.Equal(t, []Action{Continue, ShowBlockPage, ValidationError}, c.Steps[PostAttributeCollection].Actions)
	_, ok := c.Rule(Entra, PreTokenIssuance)
	assert.False(t, ok, "Entra has no token step")
	assert.Equal(t, []string{"client_id", "objectId", "step"}, c.B2COnlyClaims())
	assert.NotEmpty(t, c.TLS.CipherSuites)

	for _, ext := range []string{"x-connector-steps:", "x-platforms:", "x-tls:"} {
		broken := bytes.Replace(openapi.ConnectorCall, []byte(ext), []byte("x-renamed-"+ext[2:]), 1)
		_, err := parse(broken)
		assert.Error(t, err, "a spec without %s is refused", ext)
	}
}
