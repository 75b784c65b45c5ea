package contract

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMetadataOperationsRoute pins how the metadata operations are addressed: bound actions
// bare or namespace-qualified, beta-only step values, $count, and $select/$expand on single
// reads.
func TestMetadataOperationsRoute(t *testing.T) {
	v := testValidator(t)
	const flow = "https://graph.microsoft.com/%s/identity/b2xUserFlows/B2X_1_f/apiConnectorConfiguration"
	upload := `{"pkcs12Value":"AAAA","password":""}`
	cases := []struct {
		name, method, url, body string
		pointer                 string // "" when valid
		kind                    Kind
	}{
		{"connector upload, bare", "POST", "https://graph.microsoft.com/v1.0/identity/apiConnectors/c1/uploadClientCertificate", upload, "", ""},
		{"connector upload, qualified", "POST", "https://graph.microsoft.com/v1.0/identity/apiConnectors/c1/microsoft.graph.uploadClientCertificate", upload, "", ""},
		{"connector upload, qualified in another case", "POST", "https://graph.microsoft.com/beta/identity/apiConnectors/c1/Microsoft.Graph.UploadClientCertificate", upload, "", ""},
		{"another namespace", "POST", "https://graph.microsoft.com/v1.0/identity/apiConnectors/c1/other.uploadClientCertificate", upload, "/path", KindRoute},
		{"step upload, qualified", "POST", strings.Replace(flow, "%s", "v1.0", 1) + "/postAttributeCollection/microsoft.graph.uploadClientCertificate", upload, "", ""},
		{"preTokenIssuance upload in beta", "POST", strings.Replace(flow, "%s", "beta", 1) + "/preTokenIssuance/microsoft.graph.uploadClientCertificate", upload, "", ""},
		{"preTokenIssuance in v1.0", "GET", strings.Replace(flow, "%s", "v1.0", 1) + "/preTokenIssuance", "", "/path/step", KindParameter},
		{"preTokenIssuance expanded in beta", "GET", strings.Replace(flow, "%s", "beta", 1) + "?$expand=preTokenIssuance", "", "", ""},
		{"preTokenIssuance expanded in v1.0", "GET", strings.Replace(flow, "%s", "v1.0", 1) + "?$expand=postFederationSignup,preTokenIssuance", "", "/query/$expand", KindParameter},
		{"preTokenIssuance has no $ref", "DELETE", strings.Replace(flow, "%s", "beta", 1) + "/preTokenIssuance/$ref", "", "/path/step", KindParameter},
		{"step get with $select and $expand", "GET", strings.Replace(flow, "%s", "v1.0", 1) + "/postFederationSignup?$select=id,displayName&$expand=*", "", "", ""},
		{"step get, unknown $select", "GET", strings.Replace(flow, "%s", "v1.0", 1) + "/postFederationSignup?$select=password", "", "/query/$select", KindParameter},
		{"connector get, unknown $expand", "GET", "https://graph.microsoft.com/v1.0/identity/apiConnectors/c1?$expand=steps", "", "/query/$expand", KindParameter},
		{"count with $filter", "GET", "https://graph.microsoft.com/v1.0/identity/apiConnectors/$count?$filter=displayName%20eq%20'x'", "", "", ""},
		{"step delete", "DELETE", strings.Replace(flow, "%s", "v1.0", 1) + "/postFederationSignup", "", "/method", KindMethod},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req, err := http.NewRequestWithContext(t.Context(), tc.method, tc.url, body)
			require.NoError(t, err)
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			res := v.ValidateRequest(req)
			if tc.pointer == "" {
				assert.True(t, res.Valid, "%+v", res.Violations)
				return
			}
			assert.True(t, hasViolation(res, tc.pointer, tc.kind), "%+v", res.Violations)
		})
	}
}

func TestCountResponseIsAPlainInteger(t *testing.T) {
	v := testValidator(t)
	for _, tc := range []struct {
		body  string
		valid bool
	}{{"3", true}, {"0", true}, {"-1", false}, {"three", false}, {`{"count":3}`, false}} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://graph.microsoft.com/beta/identity/apiConnectors/$count", nil)
		require.NoError(t, err)
		resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
			Body: io.NopCloser(strings.NewReader(tc.body))}
		assert.Equal(t, tc.valid, v.ValidateResponse(req, resp).Valid, tc.body)
	}
}

// TestResponseNullabilityFollowsTheCSDL: a property without Nullable="false" may be null in
// a response; one with it, or the key, may not.
func TestResponseNullabilityFollowsTheCSDL(t *testing.T) {
	v := testValidator(t)
	cases := []struct {
		name, body string
		valid      bool
	}{
		{"nullable properties null", `{"id":"c1","displayName":null,"targetUrl":null,"authenticationConfiguration":null}`, true},
		{"masked basic with nulls", `{"id":"c1","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":null,"password":null}}`, true},
		{"null certificate list and thumbprint", `{"id":"c1","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"thumbprint":null,"notBefore":1,"notAfter":2,"isActive":true}]}}`, true},
		{"null id", `{"id":null}`, false},
		{"null isActive", `{"id":"c1","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"notBefore":1,"notAfter":2,"isActive":null}]}}`, false},
		{"null notAfter", `{"id":"c1","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"notBefore":1,"notAfter":null,"isActive":true}]}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://graph.microsoft.com/v1.0/identity/apiConnectors/c1", nil)
			require.NoError(t, err)
			resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(strings.NewReader(tc.body))}
			res := v.ValidateResponse(req, resp)
			assert.Equal(t, tc.valid, res.Valid, "%+v", res.Violations)
		})
	}
}

// TestUserFlowResponsesCarryTheCSDLProperties: a b2xIdentityUserFlow with every property and
// navigation property the CSDL lists validates, and userFlowType takes only its values.
func TestUserFlowResponsesCarryTheCSDLProperties(t *testing.T) {
	v := testValidator(t)
	for _, tc := range []struct {
		userFlowType string
		valid        bool
	}{{"signUpOrSignIn", true}, {"passwordReset", true}, {"unknownFutureValue", true}, {"signUpAndWander", false}} {
		body := `{"id":"B2X_1_f","userFlowType":"` + tc.userFlowType + `","userFlowTypeVersion":1,"apiConnectorConfiguration":null,` +
			`"identityProviders":[{"id":"Google-OAUTH"}],"languages":[],"userAttributeAssignments":[{"id":"city"}],"userFlowIdentityProviders":[]}`
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://graph.microsoft.com/beta/identity/b2xUserFlows",
			strings.NewReader(`{"id":"f","userFlowType":"signUpOrSignIn","userFlowTypeVersion":1}`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		resp := &http.Response{StatusCode: http.StatusCreated, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body))}
		res := v.ValidateResponse(req, resp)
		assert.Equal(t, tc.valid, res.Valid, "%s: %+v", tc.userFlowType, res.Violations)
	}
}

func TestExpandedStepMayBeNull(t *testing.T) {
	v := testValidator(t)
	for _, tc := range []struct {
		body  string
		valid bool
	}{
		{`{"postFederationSignup":null,"postAttributeCollection":{"id":"c1"}}`, true},
		{`{"postAttributeCollection":{"displayName":"no id"}}`, false},
	} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://graph.microsoft.com/v1.0/identity/b2xUserFlows/B2X_1_f/apiConnectorConfiguration?$expand=*", nil)
		require.NoError(t, err)
		resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(tc.body))}
		res := v.ValidateResponse(req, resp)
		assert.Equal(t, tc.valid, res.Valid, "%s: %+v", tc.body, res.Violations)
	}
}
