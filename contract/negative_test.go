package contract

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hosts the validator must treat alike: Graph itself and the fake on loopback.
const (
	negBeta     = "https://graph.microsoft.com/beta"
	negV1       = "https://graph.microsoft.com/v1.0"
	negLoopback = "http://127.0.0.1:8080/v1.0"
)

const (
	negConnectors = "/identity/apiConnectors"
	negConnector  = "/identity/apiConnectors/45715bb8-13f9-4bf6-927f-ef96c102d394"
	negUpload     = negConnector + "/uploadClientCertificate"
	negB2xConfig  = "/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration"
	negB2cConfig  = "/identity/b2cUserFlows/B2C_1_signup/apiConnectorConfiguration"
	negB2xRef     = negB2xConfig + "/postFederationSignup/$ref"
)

// negPfx is real standard base64 (with padding and the '+' and '/' characters) of bytes that
// stand in for a .pfx file; the validator checks the encoding, not the certificate.
var negPfx = base64.StdEncoding.EncodeToString([]byte{0x30, 0x82, 0x0a, 0xfb, 0xfe, 0xff, 0x3e, 0x3f, 0x01, 0x02})

var (
	negCreateBasic = `{
		"displayName": "Test API",
		"targetUrl": "https://someapi.com/api",
		"authenticationConfiguration": {
			"@odata.type": "#microsoft.graph.basicAuthentication",
			"username": "MyUsername",
			"password": "MyPassword"
		}
	}`
	negCreatePkcs12 = `{
		"displayName": "Test API",
		"targetUrl": "https://someotherapi.com/api",
		"authenticationConfiguration": {
			"@odata.type": "#microsoft.graph.pkcs12Certificate",
			"pkcs12Value": "` + negPfx + `",
			"password": ""
		}
	}`
	negUploadBody = `{"pkcs12Value": "` + negPfx + `", "password": "secret"}`
	negRespBasic  = `{
		"@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/apiConnectors/$entity",
		"id": "45715bb8-13f9-4bf6-927f-ef96c102d394",
		"displayName": "Test API",
		"targetUrl": "https://someapi.com/api",
		"authenticationConfiguration": {
			"@odata.type": "#microsoft.graph.basicAuthentication",
			"username": "MyUsername",
			"password": "******"
		}
	}`
	negRespCert = `{
		"@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/apiConnectors/$entity",
		"id": "45715bb8-13f9-4bf6-927f-ef96c102d394",
		"displayName": "Test API",
		"targetUrl": "https://someotherapi.com/api",
		"authenticationConfiguration": {
			"@odata.type": "#microsoft.graph.clientCertificateAuthentication",
			"certificateList": [{
				"thumbprint": "0EB255CC895477798BA8B596D3F2AF2A4AB14B68",
				"notAfter": 1666350522,
				"notBefore": 1508670522,
				"isActive": true
			}]
		}
	}`
	negRespList = `{
		"@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/apiConnectors",
		"value": [` + negRespBasic + `]
	}`
	negRespError = `{
		"error": {
			"code": "TooManyRequests",
			"message": "Please retry again later.",
			"innerError": {"code": "429", "date": "2020-08-18T12:51:51", "request-id": "94fb3b52-452a-4535-a601-69e0a90e3aa2", "status": "429"}
		}
	}`
	negRespConfig = `{
		"@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/b2xUserFlows('B2X_1_partner')/apiConnectorConfiguration(postFederationSignup(),postAttributeCollection())",
		"postFederationSignup": ` + negRespBasic + `,
		"postAttributeCollection": ` + negRespCert + `
	}`
)

// negMutate returns base with fn applied to its decoded object.
func negMutate(base string, fn func(m map[string]any)) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		panic(err)
	}
	fn(m)
	out, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(out)
}

// negObj walks m down the given keys (an integer-like key indexes an array) to an object.
func negObj(m map[string]any, keys ...string) map[string]any {
	var node any = m
	for _, k := range keys {
		switch n := node.(type) {
		case map[string]any:
			node = n[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil {
				panic(err)
			}
			node = n[i]
		}
	}
	return node.(map[string]any)
}

func negAuth(m map[string]any) map[string]any { return negObj(m, "authenticationConfiguration") }

// negCase is one exchange and its expected verdict. Request fields are always used (a
// response is checked against the operation its request addressed); status and the resp*
// fields only for side "response".
type negCase struct {
	name   string
	side   string // "request" or "response"
	method string
	url    string
	body   string
	ctype  string            // request Content-Type; "application/json" when empty and body is set
	header map[string]string // more request headers

	status     int
	respBody   string
	respCType  string // "application/json" when empty and respBody is set
	respHeader map[string]string

	valid   bool   // a positive control: no violations at all
	pointer string // else: some violation has exactly this pointer ...
	kind    Kind   // ... and this kind
}

func (c negCase) request() *http.Request {
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req := httptest.NewRequestWithContext(context.Background(), c.method, c.url, body)
	if c.body != "" {
		ct := c.ctype
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	return req
}

// response builds the case's response around an in-memory body.
//
//bodyclose:handled
func (c negCase) response() *http.Response {
	h := http.Header{}
	if c.respBody != "" {
		ct := c.respCType
		if ct == "" {
			ct = "application/json"
		}
		h.Set("Content-Type", ct)
	}
	for k, v := range c.respHeader {
		h.Set(k, v)
	}
	body := io.ReadCloser(http.NoBody)
	if c.respBody != "" {
		body = io.NopCloser(strings.NewReader(c.respBody))
	}
	return &http.Response{StatusCode: c.status, Header: h, Body: body}
}

func (c negCase) validate(v *Validator) Result {
	req := c.request()
	if c.side == "response" {
		return v.ValidateResponse(req, c.response())
	}
	return v.ValidateRequest(req)
}

func negCases() []negCase {
	post := func(name, url, body, pointer string, kind Kind) negCase {
		return negCase{name: name, side: "request", method: http.MethodPost, url: url, body: body, pointer: pointer, kind: kind}
	}
	create := func(name, body, pointer string, kind Kind) negCase {
		return post(name, negBeta+negConnectors, body, pointer, kind)
	}
	patch := func(name, body, pointer string, kind Kind) negCase {
		return negCase{name: name, side: "request", method: http.MethodPatch, url: negBeta + negConnector, body: body, pointer: pointer, kind: kind}
	}
	get := func(name, url, pointer string, kind Kind) negCase {
		return negCase{name: name, side: "request", method: http.MethodGet, url: url, pointer: pointer, kind: kind}
	}
	// resp checks a response to a valid request.
	resp := func(name, method, url, reqBody string, status int, body, pointer string, kind Kind) negCase {
		return negCase{name: name, side: "response", method: method, url: url, body: reqBody,
			status: status, respBody: body, pointer: pointer, kind: kind}
	}
	createResp := func(name string, status int, body, pointer string, kind Kind) negCase {
		return resp(name, http.MethodPost, negBeta+negConnectors, negCreateBasic, status, body, pointer, kind)
	}
	ok := func(c negCase) negCase { c.valid = true; return c }

	return []negCase{
		// ---- positive controls ----
		ok(create("valid basic create", negCreateBasic, "", "")),
		ok(create("valid pkcs12 create with empty password", negCreatePkcs12, "", "")),
		ok(create("create with top-level @odata.type as the SDKs send", negMutate(negCreateBasic, func(m map[string]any) {
			m["@odata.type"] = "#microsoft.graph.identityApiConnector"
		}), "", "")),
		ok(post("create on lower-case apiconnectors path", negBeta+"/identity/apiconnectors", negCreateBasic, "", "")),
		ok(post("create on loopback v1.0", negLoopback+negConnectors, negCreatePkcs12, "", "")),
		ok(get("list with trailing slash", negBeta+negConnectors+"/", "", "")),
		ok(get("list with $top, $select and $filter", negV1+negConnectors+"?$top=5&$select=id,displayName&$filter=displayName%20eq%20'Test'", "", "")),
		ok(get("b2x config with $expand of both steps", negBeta+negB2xConfig+"?$expand=postFederationSignup,postAttributeCollection", "", "")),
		ok(negCase{name: "detach with {} $ref body", side: "request", method: http.MethodPut, url: negBeta + negB2xRef, body: `{}`}),
		ok(negCase{name: "attach with @odata.id", side: "request", method: http.MethodPut, url: negLoopback + negB2xRef,
			body: `{"@odata.id": "https://graph.microsoft.com/v1.0/identity/apiConnectors/45715bb8-13f9-4bf6-927f-ef96c102d394"}`}),
		ok(patch("update a subset", `{"displayName": "New name"}`, "", "")),
		ok(post("upload on v1.0", negV1+negUpload, negUploadBody, "", "")),
		ok(createResp("create response with masked password", 201, negRespBasic, "", "")),
		ok(resp("upload response with certificate list", http.MethodPost, negBeta+negUpload, negUploadBody, 200, negRespCert, "", "")),
		ok(resp("list page with @odata.nextLink", http.MethodGet, negV1+negConnectors, "", 200, negMutate(negRespList, func(m map[string]any) {
			m["@odata.nextLink"] = "https://graph.microsoft.com/v1.0/identity/apiConnectors?$skiptoken=X%274453707402000100000017%27"
		}), "", "")),
		ok(negCase{name: "429 with Graph envelope and fractional Retry-After", side: "response", method: http.MethodGet, url: negBeta + negConnectors,
			status: 429, respBody: negRespError, respHeader: map[string]string{"Retry-After": "2.128"}}),
		ok(negCase{name: "503 with HTTP-date Retry-After", side: "response", method: http.MethodGet, url: negLoopback + negConnector,
			status: 503, respBody: negRespError, respHeader: map[string]string{"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}}),
		ok(resp("expanded b2x config response", http.MethodGet, negBeta+negB2xConfig+"?$expand=postFederationSignup,postAttributeCollection", "", 200, negRespConfig, "", "")),
		ok(negCase{name: "create with a charset in Content-Type", side: "request", method: http.MethodPost, url: negV1 + negConnectors,
			body: negCreateBasic, ctype: "application/json; charset=utf-8"}),
		ok(negCase{name: "put on a b2c $ref in beta with upper-case $REF", side: "request", method: http.MethodPut,
			url: negBeta + negB2cConfig + "/postAttributeCollection/$REF", body: `{}`}),
		ok(negCase{name: "response with Graph's full OData Content-Type", side: "response", method: http.MethodGet, url: negBeta + negConnector,
			status: 200, respBody: negRespBasic, respCType: "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"}),
		ok(resp("get response without the password", http.MethodGet, negLoopback+negConnector, "", 200, negMutate(negRespBasic, func(m map[string]any) {
			delete(negAuth(m), "password")
		}), "", "")),
		ok(resp("delete 204 without body", http.MethodDelete, negBeta+negConnector, "", 204, "", "", "")),

		// ---- required fields ----
		create("create without displayName", negMutate(negCreateBasic, func(m map[string]any) { delete(m, "displayName") }),
			"/displayName", "required"),
		create("create without targetUrl", negMutate(negCreateBasic, func(m map[string]any) { delete(m, "targetUrl") }),
			"/targetUrl", "required"),
		create("create without authenticationConfiguration", negMutate(negCreateBasic, func(m map[string]any) { delete(m, "authenticationConfiguration") }),
			"/authenticationConfiguration", "required"),
		create("basic without username", negMutate(negCreateBasic, func(m map[string]any) { delete(negAuth(m), "username") }),
			"/authenticationConfiguration/username", "required"),
		create("basic without password", negMutate(negCreateBasic, func(m map[string]any) { delete(negAuth(m), "password") }),
			"/authenticationConfiguration/password", "required"),
		create("pkcs12 without pkcs12Value", negMutate(negCreatePkcs12, func(m map[string]any) { delete(negAuth(m), "pkcs12Value") }),
			"/authenticationConfiguration/pkcs12Value", "required"),
		create("pkcs12 without password", negMutate(negCreatePkcs12, func(m map[string]any) { delete(negAuth(m), "password") }),
			"/authenticationConfiguration/password", "required"),
		post("upload without pkcs12Value", negBeta+negUpload, negMutate(negUploadBody, func(m map[string]any) { delete(m, "pkcs12Value") }),
			"/pkcs12Value", "required"),
		post("upload without password", negLoopback+negUpload, negMutate(negUploadBody, func(m map[string]any) { delete(m, "password") }),
			"/password", "required"),
		createResp("create response without id", 201, negMutate(negRespBasic, func(m map[string]any) { delete(m, "id") }),
			"/id", "required"),
		createResp("error envelope without code", 400, negMutate(negRespError, func(m map[string]any) { delete(negObj(m, "error"), "code") }),
			"/error/code", "required"),
		createResp("error envelope without message", 500, negMutate(negRespError, func(m map[string]any) { delete(negObj(m, "error"), "message") }),
			"/error/message", "required"),
		createResp("error response without envelope", 403, `{"code": "Forbidden", "message": "no"}`, "/error", "required"),
		resp("list response without value", http.MethodGet, negBeta+negConnectors, "", 200, `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/apiConnectors"}`,
			"/value", "required"),
		post("b2x create without userFlowType", negBeta+"/identity/b2xUserFlows", `{"id": "partner", "userFlowTypeVersion": 1}`,
			"/userFlowType", "required"),

		// ---- wrong JSON types ----
		create("displayName is a number", negMutate(negCreateBasic, func(m map[string]any) { m["displayName"] = 42 }),
			"/displayName", "type"),
		create("targetUrl is a number", negMutate(negCreateBasic, func(m map[string]any) { m["targetUrl"] = 8080 }),
			"/targetUrl", "type"),
		create("username is a bool", negMutate(negCreateBasic, func(m map[string]any) { negAuth(m)["username"] = true }),
			"/authenticationConfiguration/username", "type"),
		create("body is an array", `[`+negCreateBasic+`]`, "", "type"),
		resp("certificate notAfter is a string", http.MethodPost, negBeta+negUpload, negUploadBody, 200, negMutate(negRespCert, func(m map[string]any) {
			negObj(m, "authenticationConfiguration", "certificateList", "0")["notAfter"] = "2022-10-21T11:08:42Z"
		}), "/authenticationConfiguration/certificateList/0/notAfter", "type"),
		resp("list value is an object", http.MethodGet, negBeta+negConnectors, "", 200, `{"value": {}}`, "/value", "type"),

		// ---- the authenticationConfiguration union ----
		create("unknown @odata.type", negMutate(negCreateBasic, func(m map[string]any) { negAuth(m)["@odata.type"] = "#microsoft.graph.foo" }),
			"/authenticationConfiguration", "discriminator"),
		create("missing @odata.type", negMutate(negCreateBasic, func(m map[string]any) { delete(negAuth(m), "@odata.type") }),
			"/authenticationConfiguration", "discriminator"),
		create("abstract base @odata.type", negMutate(negCreateBasic, func(m map[string]any) {
			negAuth(m)["@odata.type"] = "#microsoft.graph.apiAuthenticationConfigurationBase"
		}), "/authenticationConfiguration", "discriminator"),
		patch("response-only variant in a request", negMutate(`{"authenticationConfiguration": {}}`, func(m map[string]any) {
			negAuth(m)["@odata.type"] = "#microsoft.graph.clientCertificateAuthentication"
			negAuth(m)["certificateList"] = []any{}
		}), "/authenticationConfiguration", "discriminator"),
		createResp("request-only variant in a response", 201, negMutate(negRespBasic, func(m map[string]any) {
			m["authenticationConfiguration"] = map[string]any{"@odata.type": "#microsoft.graph.pkcs12Certificate"}
		}), "/authenticationConfiguration", "discriminator"),
		create("basic carrying pkcs12Value", negMutate(negCreateBasic, func(m map[string]any) { negAuth(m)["pkcs12Value"] = negPfx }),
			"/authenticationConfiguration/pkcs12Value", KindAdditionalProperties),
		create("pkcs12 carrying username", negMutate(negCreatePkcs12, func(m map[string]any) { negAuth(m)["username"] = "MyUsername" }),
			"/authenticationConfiguration/username", KindAdditionalProperties),
		// The union has no type of its own, so a value that is not an object fails its oneOf
		// at the property's pointer.
		create("null authenticationConfiguration", negMutate(negCreateBasic, func(m map[string]any) { m["authenticationConfiguration"] = nil }),
			"/authenticationConfiguration", "oneOf"),
		create("authenticationConfiguration is a string", negMutate(negCreateBasic, func(m map[string]any) { m["authenticationConfiguration"] = "basic" }),
			"/authenticationConfiguration", "oneOf"),

		// ---- secrets in responses ----
		createResp("unmasked password in create response", 201, negMutate(negRespBasic, func(m map[string]any) { negAuth(m)["password"] = "MyPassword" }),
			"/authenticationConfiguration/password", KindSecretLeak),
		resp("unmasked password in list response", http.MethodGet, negLoopback+negConnectors, "", 200, negMutate(negRespList, func(m map[string]any) {
			negAuth(negObj(m, "value", "0"))["password"] = "MyPassword"
		}), "/value/0/authenticationConfiguration/password", KindSecretLeak),
		resp("pkcs12Value under an unknown response property", http.MethodPost, negBeta+negUpload, negUploadBody, 200, negMutate(negRespCert, func(m map[string]any) {
			m["lastUpload"] = map[string]any{"pkcs12Value": negPfx}
		}), "/lastUpload/pkcs12Value", KindSecretLeak),
		resp("unmasked password in an expanded step", http.MethodGet, negBeta+negB2xConfig+"?$expand=postFederationSignup", "", 200, negMutate(negRespConfig, func(m map[string]any) {
			negAuth(negObj(m, "postFederationSignup"))["password"] = "MyPassword"
		}), "/postFederationSignup/authenticationConfiguration/password", KindSecretLeak),

		// ---- formats and lengths ----
		create("pkcs12Value is not base64", negMutate(negCreatePkcs12, func(m map[string]any) { negAuth(m)["pkcs12Value"] = "MIIKAQIBAzCCC...ZXJ0" }),
			"/authenticationConfiguration/pkcs12Value", "format"),
		create("pkcs12Value is URL-safe base64", negMutate(negCreatePkcs12, func(m map[string]any) {
			negAuth(m)["pkcs12Value"] = base64.URLEncoding.EncodeToString([]byte{0xfb, 0xfe, 0xff, 0x3e, 0x3f})
		}), "/authenticationConfiguration/pkcs12Value", "format"),
		post("upload pkcs12Value is URL-safe base64", negBeta+negUpload, negMutate(negUploadBody, func(m map[string]any) { m["pkcs12Value"] = "-_-_" }),
			"/pkcs12Value", "format"),
		post("upload pkcs12Value is empty", negBeta+negUpload, negMutate(negUploadBody, func(m map[string]any) { m["pkcs12Value"] = "" }),
			"/pkcs12Value", "minLength"),
		create("targetUrl is not a URI", negMutate(negCreateBasic, func(m map[string]any) { m["targetUrl"] = "some api" }),
			"/targetUrl", "format"),
		create("targetUrl is relative", negMutate(negCreateBasic, func(m map[string]any) { m["targetUrl"] = "/api/endpoint" }),
			"/targetUrl", "format"),
		patch("update targetUrl has a placeholder", `{"targetUrl": "https://{host}/api"}`, "/targetUrl", "format"),
		create("displayName is empty", negMutate(negCreateBasic, func(m map[string]any) { m["displayName"] = "" }),
			"/displayName", "minLength"),
		create("top-level @odata.type of another entity", negMutate(negCreateBasic, func(m map[string]any) { m["@odata.type"] = "#microsoft.graph.user" }),
			"/@odata.type", "enum"),
		{name: "$ref @odata.id is relative", side: "request", method: http.MethodPut, url: negBeta + negB2xRef,
			body: `{"@odata.id": "/identity/apiConnectors/45715bb8"}`, pointer: "/@odata.id", kind: "format"},
		createResp("response id is empty", 201, negMutate(negRespBasic, func(m map[string]any) { m["id"] = "" }), "/id", "minLength"),
		resp("certificate thumbprint is not hex", http.MethodPost, negBeta+negUpload, negUploadBody, 200, negMutate(negRespCert, func(m map[string]any) {
			negObj(m, "authenticationConfiguration", "certificateList", "0")["thumbprint"] = "not-a-thumbprint"
		}), "/authenticationConfiguration/certificateList/0/thumbprint", "pattern"),
		resp("relative @odata.nextLink", http.MethodGet, negBeta+negConnectors, "", 200, negMutate(negRespList, func(m map[string]any) {
			m["@odata.nextLink"] = "/beta/identity/apiConnectors?$skiptoken=abc"
		}), "/@odata.nextLink", "format"),

		// ---- bodies and content types ----
		create("empty create body", "", "", KindBody),
		create("non-JSON create body", `displayName=Test+API`, "", KindBody),
		{name: "create as text/plain", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negCreateBasic, ctype: "text/plain", pointer: "/header/Content-Type", kind: KindContentType},
		{name: "request Content-Length does not match the body", side: "request", method: http.MethodPost, url: negV1 + negConnectors,
			body: negCreateBasic, header: map[string]string{"Content-Length": "12"}, pointer: "/header/Content-Length", kind: KindHeader},
		{name: "response with text/html Content-Type", side: "response", method: http.MethodGet, url: negBeta + negConnector,
			status: 200, respBody: negRespBasic, respCType: "text/html", pointer: "/header/Content-Type", kind: KindContentType},
		resp("response body is not JSON", http.MethodGet, negBeta+negConnector, "", 200, `<html>oops</html>`, "", KindBody),
		{name: "response Content-Length does not match the body", side: "response", method: http.MethodGet, url: negBeta + negConnector,
			status: 200, respBody: negRespBasic, respHeader: map[string]string{"Content-Length": "3"}, pointer: "/header/Content-Length", kind: KindHeader},

		// ---- routes, methods, versions, statuses ----
		get("unknown path", negBeta+"/identity/apiConnectorz", "/path", KindRoute),
		get("unknown path on loopback", negLoopback+"/identity/apiConnectors/x/y/z", "/path", KindRoute),
		{name: "PUT on the collection", side: "request", method: http.MethodPut, url: negBeta + negConnectors, body: negCreateBasic,
			pointer: "/method", kind: KindMethod},
		{name: "DELETE on uploadClientCertificate", side: "request", method: http.MethodDelete, url: negV1 + negUpload,
			pointer: "/method", kind: KindMethod},
		get("b2cUserFlows under v1.0", negV1+negB2cConfig, "/path", KindVersion),
		get("b2cUserFlows under v1.0 on loopback", negLoopback+negB2cConfig, "/path", KindVersion),
		get("unknown version v2.0", "https://graph.microsoft.com/v2.0"+negConnectors, "/path", KindVersion),
		createResp("418 on create", 418, negRespError, "/status", KindStatus),
		resp("200 on delete", http.MethodDelete, negBeta+negConnector, "", 200, negRespBasic, "/status", KindStatus),
		resp("response to an unknown path", http.MethodGet, negBeta+"/identity/apiConnectorz", "", 200, negRespList, "/path", KindRoute),

		// ---- update and unknown properties ----
		patch("update with {}", `{}`, "", "not"),
		patch("update with only @odata.type", `{"@odata.type": "#microsoft.graph.identityApiConnector"}`, "", "not"),
		create("unknown property in create", negMutate(negCreateBasic, func(m map[string]any) { m["description"] = "x" }),
			"/description", KindAdditionalProperties),
		patch("unknown property in update", `{"displayName": "x", "isEnabled": true}`, "/isEnabled", KindAdditionalProperties),
		post("unknown property in upload", negBeta+negUpload, negMutate(negUploadBody, func(m map[string]any) { m["thumbprint"] = "abc" }),
			"/thumbprint", KindAdditionalProperties),
		post("@odata.type in upload", negV1+negUpload, negMutate(negUploadBody, func(m map[string]any) { m["@odata.type"] = "#microsoft.graph.pkcs12Certificate" }),
			"/@odata.type", KindAdditionalProperties),
		{name: "unknown property in a $ref body", side: "request", method: http.MethodPut, url: negBeta + negB2xRef,
			body: `{"@odata.id": "https://graph.microsoft.com/beta/identity/apiConnectors/1", "id": "1"}`, pointer: "/id", kind: KindAdditionalProperties},
		post("unknown property in a b2x binding", negBeta+"/identity/b2xUserFlows",
			`{"id": "partner", "userFlowType": "signUpOrSignIn", "userFlowTypeVersion": 1, "apiConnectorConfiguration": {"preTokenIssuance": {}}}`,
			"/apiConnectorConfiguration/preTokenIssuance", KindAdditionalProperties),

		// ---- parameters and headers ----
		get("$top=0", negBeta+negConnectors+"?$top=0", "/query/$top", KindParameter),
		get("$top=abc", negBeta+negConnectors+"?$top=abc", "/query/$top", KindParameter),
		get("$top=1000", negV1+negConnectors+"?$top=1000", "/query/$top", KindParameter),
		get("$select=foo", negBeta+negConnector+"?$select=foo", "/query/$select", KindParameter),
		get("$expand=foo", negBeta+negB2xConfig+"?$expand=foo", "/query/$expand", KindParameter),
		{name: "unknown step in a $ref path", side: "request", method: http.MethodPut,
			url: negBeta + negB2xConfig + "/preTokenIssuance/$ref", body: `{}`, pointer: "/path/step", kind: KindParameter},
		{name: "429 with Retry-After: soon", side: "response", method: http.MethodGet, url: negBeta + negConnectors,
			status: 429, respBody: negRespError, respHeader: map[string]string{"Retry-After": "soon"}, pointer: "/header/Retry-After", kind: KindHeader},
		// ---- more of the same rules, elsewhere in the spec ----
		create("two wrong types and a missing field", `{"displayName": 1, "targetUrl": 2}`, "/authenticationConfiguration", "required"),
		create("basic password is a number", negMutate(negCreateBasic, func(m map[string]any) { negAuth(m)["password"] = 5 }),
			"/authenticationConfiguration/password", "type"),
		create("pkcs12Value without padding", negMutate(negCreatePkcs12, func(m map[string]any) { negAuth(m)["pkcs12Value"] = "QUJDRA" }),
			"/authenticationConfiguration/pkcs12Value", "format"),
		create("targetUrl without a host", negMutate(negCreateBasic, func(m map[string]any) { m["targetUrl"] = "mailto:api@contoso.com" }),
			"/targetUrl", "format"),
		post("b2x create with a non-object identity provider", negBeta+"/identity/b2xUserFlows",
			`{"id": "partner", "userFlowType": "signUpOrSignIn", "userFlowTypeVersion": 1, "identityProviders": [1]}`,
			"/identityProviders/0", "type"),
		post("b2x create binding a relative connector URL", negV1+"/identity/b2xUserFlows",
			`{"id": "partner", "userFlowType": "signUpOrSignIn", "userFlowTypeVersion": 1, "apiConnectorConfiguration": {"postFederationSignup": {"@odata.id": "/identity/apiConnectors/1"}}}`,
			"/apiConnectorConfiguration/postFederationSignup/@odata.id", "format"),
		post("b2x create with an unknown flow type", negBeta+"/identity/b2xUserFlows",
			`{"id": "partner", "userFlowType": "signIn", "userFlowTypeVersion": 1}`, "/userFlowType", "enum"),
		{name: "b2c $ref under v1.0", side: "request", method: http.MethodPut,
			url: negV1 + negB2cConfig + "/postFederationSignup/$ref", body: `{}`, pointer: "/path", kind: KindVersion},
		get("version root only", negV1, "/path", KindRoute),
		{name: "HEAD is no method of the list", side: "request", method: http.MethodHead, url: negBeta + negConnectors,
			pointer: "/method", kind: KindMethod},
		get("empty $select", negBeta+negConnectors+"?$select=", "/query/$select", KindParameter),
		get("empty $filter", negBeta+negConnectors+"?$filter=", "/query/$filter", KindParameter),
		get("empty $skiptoken", negBeta+negConnectors+"?$skiptoken=", "/query/$skiptoken", KindParameter),
		get("fractional $top", negLoopback+negConnectors+"?$top=5.5", "/query/$top", KindParameter),
		{name: "GET with a body", side: "request", method: http.MethodGet, url: negBeta + negConnectors, body: `{"$top": 1}`,
			pointer: "", kind: KindBody},
		{name: "Location header is not a URI", side: "response", method: http.MethodPost, url: negBeta + negConnectors, body: negCreateBasic,
			status: 201, respBody: negRespBasic, respHeader: map[string]string{"Location": "identity/apiConnectors/{id}"},
			pointer: "/header/Location", kind: KindHeader},
		resp("@odata.context is not a URI", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespBasic, func(m map[string]any) {
			m["@odata.context"] = "$metadata#identity/apiConnectors/$entity"
		}), "/@odata.context", "format"),
		resp("certificate notBefore is fractional", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespCert, func(m map[string]any) {
			negObj(m, "authenticationConfiguration", "certificateList", "0")["notBefore"] = 1.5
		}), "/authenticationConfiguration/certificateList/0/notBefore", "type"),
		resp("certificate isActive is a string", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespCert, func(m map[string]any) {
			negObj(m, "authenticationConfiguration", "certificateList", "0")["isActive"] = "true"
		}), "/authenticationConfiguration/certificateList/0/isActive", "type"),
		resp("empty password in a response is no mask", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespBasic, func(m map[string]any) {
			negAuth(m)["password"] = ""
		}), "/authenticationConfiguration/password", "pattern"),
		resp("response union without @odata.type", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespBasic, func(m map[string]any) {
			delete(negAuth(m), "@odata.type")
		}), "/authenticationConfiguration", "discriminator"),
		resp("password leaked in the certificate variant", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespCert, func(m map[string]any) {
			negAuth(m)["password"] = "MyPassword"
		}), "/authenticationConfiguration/password", KindSecretLeak),
		resp("password leaked in an error envelope", http.MethodGet, negBeta+negConnector, "", 400, negMutate(negRespError, func(m map[string]any) {
			negObj(m, "error", "innerError")["password"] = "MyPassword"
		}), "/error/innerError/password", KindSecretLeak),
		resp("password leaked under a key that needs escaping", http.MethodGet, negBeta+negConnector, "", 200, negMutate(negRespBasic, func(m map[string]any) {
			m["a/b~c"] = map[string]any{"password": "MyPassword"}
		}), "/a~1b~0c/password", KindSecretLeak),
		{name: "password leaked in a 204 body", side: "response", method: http.MethodPatch, url: negBeta + negConnector,
			body: `{"displayName": "x"}`, status: 204, respBody: `{"password": "MyPassword"}`, pointer: "/password", kind: KindSecretLeak},
		{name: "200 without a body", side: "response", method: http.MethodGet, url: negBeta + negConnector,
			status: 200, respHeader: map[string]string{"Content-Type": "application/json"}, pointer: "", kind: KindBody},
		{name: "response without Content-Type", side: "response", method: http.MethodGet, url: negBeta + negConnector,
			status: 200, respBody: negRespBasic, respHeader: map[string]string{"Content-Type": ""}, pointer: "/header/Content-Type", kind: KindContentType},
		{name: "503 with Retry-After: soon", side: "response", method: http.MethodDelete, url: negV1 + negConnector,
			status: 503, respBody: negRespError, respHeader: map[string]string{"Retry-After": "soon"}, pointer: "/header/Retry-After", kind: KindHeader},
	}
}

func TestNegativeCases(t *testing.T) {
	v := testValidator(t)
	cases := negCases()
	var negatives, positives int
	names := map[string]bool{}
	for _, c := range cases {
		require.False(t, names[c.name], "duplicate case name %q", c.name)
		names[c.name] = true
		require.Contains(t, []string{"request", "response"}, c.side, c.name)
		if c.valid {
			positives++
		} else {
			negatives++
			require.NotEmpty(t, c.kind, "%s: a negative case names its kind", c.name)
		}
	}
	require.GreaterOrEqual(t, negatives, 50)
	require.GreaterOrEqual(t, positives, 5)
	t.Logf("%d negative and %d positive cases", negatives, positives)

	for _, c := range cases {
		t.Run(c.side+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			res := c.validate(v)
			if c.valid {
				assert.True(t, res.Valid, "violations: %v", res.Violations)
				assert.Empty(t, res.Violations)
				return
			}
			assert.False(t, res.Valid)
			found := false
			for _, got := range res.Violations {
				if got.Pointer == c.pointer && got.Kind == c.kind {
					found = true
				}
			}
			assert.True(t, found, "want a %q violation at %q; got %v", c.kind, c.pointer, res.Violations)
		})
	}
}

// TestNegativeValidatorKeepsBodies checks that validation puts the bodies back for the caller.
func TestNegativeValidatorKeepsBodies(t *testing.T) {
	v := testValidator(t)
	c := negCase{side: "response", method: http.MethodPost, url: negBeta + negConnectors, body: negCreateBasic,
		status: 201, respBody: negRespBasic}
	req, rsp := c.request(), c.response()
	v.ValidateResponse(req, rsp)
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.Equal(t, negCreateBasic, string(got))
	got, err = io.ReadAll(rsp.Body)
	require.NoError(t, err)
	assert.Equal(t, negRespBasic, string(got))
}

func TestViolationsNeverContainSecrets(t *testing.T) {
	const password = "planted-Secret-9f3c"
	pfx := base64.StdEncoding.EncodeToString([]byte("planted-pfx-7d1e-" + password))
	plantedCreate := negMutate(negCreateBasic, func(m map[string]any) { negAuth(m)["password"] = password })
	plantedPkcs12 := negMutate(negCreatePkcs12, func(m map[string]any) {
		negAuth(m)["pkcs12Value"] = pfx
		negAuth(m)["password"] = password
	})
	plantedResp := negMutate(negRespBasic, func(m map[string]any) { negAuth(m)["password"] = password })

	cases := []negCase{
		{name: "basic with a numeric username", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negMutate(plantedCreate, func(m map[string]any) { negAuth(m)["username"] = 1 })},
		{name: "basic carrying the planted pkcs12Value", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negMutate(plantedCreate, func(m map[string]any) { negAuth(m)["pkcs12Value"] = pfx })},
		{name: "pkcs12 with the planted password as its type", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negMutate(plantedPkcs12, func(m map[string]any) { negAuth(m)["@odata.type"] = password })},
		{name: "pkcs12 with a numeric password", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negMutate(plantedPkcs12, func(m map[string]any) { negAuth(m)["password"] = 7 })},
		{name: "pkcs12 value not base64", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negMutate(plantedPkcs12, func(m map[string]any) { negAuth(m)["pkcs12Value"] = password + "!" })},
		{name: "upload with an unknown property holding the planted password", side: "request", method: http.MethodPost, url: negV1 + negUpload,
			body: `{"pkcs12Value": "` + pfx + `", "password": "` + password + `", "passphrase": "` + password + `"}`},
		{name: "planted password in targetUrl and displayName", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: negMutate(plantedCreate, func(m map[string]any) { m["targetUrl"] = password; m["displayName"] = 5 })},
		{name: "text/plain create", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: plantedPkcs12, ctype: "text/plain"},
		{name: "truncated create", side: "request", method: http.MethodPost, url: negBeta + negConnectors,
			body: plantedPkcs12[:len(plantedPkcs12)-3]},
		{name: "create response leaking the password", side: "response", method: http.MethodPost, url: negBeta + negConnectors,
			body: plantedCreate, status: 201, respBody: plantedResp},
		{name: "list response leaking both secrets", side: "response", method: http.MethodGet, url: negBeta + negConnectors,
			status: 200, respBody: `{"value": [` + negMutate(plantedResp, func(m map[string]any) {
				m["extra"] = map[string]any{"pkcs12Value": pfx, "password": password}
			}) + `]}`},
		{name: "response echoing the pkcs12 request variant", side: "response", method: http.MethodPost, url: negBeta + negConnectors,
			body: plantedPkcs12, status: 201, respBody: negMutate(negRespBasic, func(m map[string]any) {
				m["authenticationConfiguration"] = map[string]any{"@odata.type": "#microsoft.graph.pkcs12Certificate", "pkcs12Value": pfx, "password": password}
			})},
		{name: "response with a non-string secret and wrong type", side: "response", method: http.MethodGet, url: negBeta + negConnector,
			status: 200, respBody: negMutate(plantedResp, func(m map[string]any) { m["id"] = 9; negAuth(m)["username"] = password })},
		{name: "undocumented status leaking", side: "response", method: http.MethodPost, url: negBeta + negConnectors,
			body: plantedCreate, status: 418, respBody: plantedResp},
	}

	v := testValidator(t)
	for _, c := range cases {
		t.Run(c.side+"/"+c.name, func(t *testing.T) {
			res := c.validate(v)
			require.False(t, res.Valid, "each case is invalid")
			encoded, err := json.Marshal(res)
			require.NoError(t, err)
			texts := []string{fmt.Sprintf("%v", res), fmt.Sprintf("%+v", res), string(encoded)}
			for _, got := range res.Violations {
				texts = append(texts, got.Pointer, got.Message, got.String())
			}
			for _, text := range texts {
				for _, secret := range []string{password, pfx} {
					assert.NotContains(t, text, secret)
				}
			}
		})
	}
}
