package contract

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// The secret-leak check sees what any reader of the bytes would see.

const leakPassword = "leaked-Pw-71Hq9z"

func TestSecretNamesAreTheSpecsXSecret(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	assert.Equal(t, secretPropertyNames(spec.doc), secret.Names())
}

// leakResponse is a create's response with auth as its authenticationConfiguration's
// members (after @odata.type) and more as further top-level members.
func leakResponse(auth, more string) string {
	return `{"@odata.context":"https://graph.microsoft.com/beta/$metadata#identity/apiConnectors/$entity",` +
		`"id":"45715bb8-13f9-4bf6-927f-ef96c102d394","displayName":"Test API","targetUrl":"https://someapi.com/api",` +
		`"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"MyUsername"` + auth + `}` + more + `}`
}

func TestSecretLeakSeesOddlyDecodingBodies(t *testing.T) {
	createReq := strings.Replace(negCreateBasic, `"MyPassword"`, `"`+leakPassword+`"`, 1)
	cases := []struct {
		name     string
		respBody string
		header   map[string]string
		pointer  string
		kind     Kind
	}{
		{"duplicate password, the real one first", leakResponse(`,"password":"`+leakPassword+`","password":"******"`, ""), nil, "/authenticationConfiguration/password", KindSecretLeak},
		{"duplicate password is a violation in itself", leakResponse(`,"password":"******","password":"******"`, ""), nil, "/authenticationConfiguration/password", KindDuplicateKey},
		{"upper-case name", leakResponse(`,"PASSWORD":"x-real-one"`, ""), nil, "/authenticationConfiguration/PASSWORD", KindSecretLeak},
		{"long s, as encoding/json folds it", leakResponse(`,"paſsword":"x-real-one"`, ""), nil, "/authenticationConfiguration/paſsword", KindSecretLeak},
		{"escaped name", leakResponse(`,"pass\u0077ord":"x-real-one"`, ""), nil, "/authenticationConfiguration/password", KindSecretLeak},
		{"escaped long s", leakResponse(`,"pa\u017fsword":"x-real-one"`, ""), nil, "/authenticationConfiguration/paſsword", KindSecretLeak},
		{"deep inside arrays of unknown properties", leakResponse("", `,"extra":[{"a":[{"pkcs12Value":"MIIK"}]}]`), nil, "/extra/0/a/0/pkcs12Value", KindSecretLeak},
		{"number as a password", leakResponse(`,"password":12345678`, ""), nil, "/authenticationConfiguration/password", KindSecretLeak},
		{"number out of range anywhere", leakResponse(`,"password":"******"`, `,"n":1e400`), nil, "/n", KindNumberRange},
		{"number out of range hides nothing", leakResponse(`,"password":"x-real-one"`, `,"n":-1e999`), nil, "/authenticationConfiguration/password", KindSecretLeak},
		{"body that is not JSON", `{"authenticationConfiguration":{"password":"x-real-one"`, nil, "", KindSecretLeak},
		{"echo in an unknown property", leakResponse(`,"password":"******"`, `,"note":"was `+leakPassword+`"`), nil, "/note", KindSecretLeak},
		{"echo escaped", leakResponse(`,"password":"******"`, `,"note":"\u006ceaked-Pw-71Hq9z"`), nil, "/note", KindSecretLeak},
		{"echo base64-encoded", leakResponse(`,"password":"******"`, `,"note":"`+base64.StdEncoding.EncodeToString([]byte(leakPassword))+`"`), nil, "/note", KindSecretLeak},
		{"echo as a key", leakResponse(`,"password":"******"`, `,"`+leakPassword+`":true`), nil, "/" + secret.Mask, KindSecretLeak},
		{"echo in a body that is not JSON", `{"note":"was ` + leakPassword + `"`, nil, "", KindSecretLeak},
		{"echo in a header", leakResponse(`,"password":"******"`, ""), map[string]string{"X-Debug": "pw=" + url.QueryEscape(leakPassword)}, "/header/X-Debug", KindSecretLeak},
	}
	v := testValidator(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := negCase{side: "response", method: http.MethodPost, url: negBeta + negConnectors, body: createReq,
				status: http.StatusCreated, respBody: tc.respBody, respHeader: tc.header}
			res := c.validate(v)
			assert.True(t, hasViolation(res, tc.pointer, tc.kind), "%+v", res.Violations)
			for _, vi := range res.Violations {
				assert.NotContains(t, vi.Message+vi.Pointer, leakPassword)
				assert.NotContains(t, vi.Message+vi.Pointer, "x-real-one")
			}
		})
	}
}

func TestEchoOfAnErrorMessageIsALeak(t *testing.T) {
	v := testValidator(t)
	createReq := strings.Replace(negCreateBasic, `"MyPassword"`, `"`+leakPassword+`"`, 1)
	c := negCase{side: "response", method: http.MethodPost, url: negBeta + negConnectors, body: createReq, status: http.StatusBadRequest,
		respBody: `{"error":{"code":"invalidRequest","message":"password '` + leakPassword + `' does not meet complexity"}}`}
	res := c.validate(v)
	assert.True(t, hasViolation(res, "/error/message", KindSecretLeak), "%+v", res.Violations)
}

func TestDuplicateKeysInARequestAreViolations(t *testing.T) {
	v := testValidator(t)
	for name, body := range map[string]string{
		"top level": `{"displayName":"a","displayName":"b","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}`,
		"nested":    `{"displayName":"a","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p","password":"q"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			res := v.ValidateRequest(negCase{method: http.MethodPost, url: negBeta + negConnectors, body: body}.request())
			require.False(t, res.Valid)
			found := false
			for _, vi := range res.Violations {
				found = found || vi.Kind == KindDuplicateKey
			}
			assert.True(t, found, "%+v", res.Violations)
		})
	}
}

// A response with no secret at all is valid, and redacting costs nothing then.
func TestCleanExchangeHasNoLeak(t *testing.T) {
	v := testValidator(t)
	createReq := strings.Replace(negCreateBasic, `"MyPassword"`, `"`+leakPassword+`"`, 1)
	c := negCase{side: "response", method: http.MethodPost, url: negBeta + negConnectors, body: createReq,
		status: http.StatusCreated, respBody: negRespBasic}
	res := c.validate(v)
	assert.True(t, res.Valid, "%+v", res.Violations)
}

// A request whose targetUrl happens to contain its password is answered with that same
// targetUrl: the response repeats what the request showed, which is no leak.
func TestRepeatingThePlainValuesOfTheRequestIsNoLeak(t *testing.T) {
	v := testValidator(t)
	createReq := strings.Replace(negCreateBasic, `"MyPassword"`, `"someapi"`, 1)
	c := negCase{side: "response", method: http.MethodPost, url: negBeta + negConnectors, body: createReq,
		status: http.StatusCreated, respBody: negRespBasic}
	res := c.validate(v)
	assert.True(t, res.Valid, "%+v", res.Violations)
	c.respBody = strings.Replace(negRespBasic, `"Test API"`, `"Test someapi"`, 1)
	assert.True(t, hasViolation(c.validate(v), "/displayName", KindSecretLeak), "a string the request did not hold")
}

func TestContainsStringIsBytesContains(t *testing.T) {
	for _, b := range []string{"", "a", "abc", "xxabcxx", "ababab", "aab", "password******"} {
		for _, s := range []string{"", "a", "ab", "abc", "bab", "ba", "******", "x"} {
			assert.Equal(t, strings.Contains(b, s), containsString([]byte(b), s), "%q in %q", s, b)
		}
	}
}
