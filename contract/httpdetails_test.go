package contract

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The validator's verdicts on HTTP details.

func compressed(t *testing.T, raw bool, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	if raw {
		fw, err := flate.NewWriter(&b, flate.DefaultCompression)
		require.NoError(t, err)
		w = fw
	} else {
		w = zlib.NewWriter(&b)
	}
	_, err := io.WriteString(w, s)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

func TestDeflateIsTheZlibFormat(t *testing.T) {
	v := testValidator(t)
	for _, tc := range []struct {
		name  string
		raw   bool
		valid bool
	}{{"zlib", false, true}, {"raw deflate", true, false}} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, negBeta+negConnectors, bytes.NewReader(compressed(t, tc.raw, negCreateBasic)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Content-Encoding", "deflate")
			res := v.ValidateRequest(req)
			if tc.valid {
				assert.True(t, res.Valid, "%+v", res.Violations)
				return
			}
			assert.True(t, hasViolation(res, "/header/Content-Encoding", KindHeader), "%+v", res.Violations)
		})
	}
}

func TestPathSegments(t *testing.T) {
	v := testValidator(t)
	for _, tc := range []struct {
		path  string
		valid bool
	}{
		{"/v1.0/identity/apiConnectors", true},
		{"/v1.0/identity/apiConnectors/", true},
		{"/v1.0/identity/apiconnectors", true},
		{"/v1.0/identity/apiConnectors/abc", true},
		{"/v1.0/identity/apiConnectors//", false},
		{"/v1.0//identity/apiConnectors", false},
		{"//v1.0/identity/apiConnectors", false},
		{"/v1.0/identity/./apiConnectors", false},
		{"/v1.0/identity/x/../apiConnectors", false},
		{"/v1.0/identity/%2e/apiConnectors", false},
		{"/v1.0/identity/apiConnectors/%2E%2e", false},
		{"/v1.0/identity/apiConnectors/.", false},
		{"/v1.0/identity/apiConnectors/%2e%2e/abc", false},
		{"/v1.0/identity/apiConnector%C5%BF", false}, // ſ is not s
		{"/v1.0/identity/apiConnectors/abc%2Fdef", true},
	} {
		t.Run(tc.path, func(t *testing.T) {
			req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "https://graph.microsoft.com"+tc.path, nil)
			res := v.ValidateRequest(req)
			if tc.valid {
				assert.True(t, res.Valid, "%+v", res.Violations)
				return
			}
			assert.True(t, hasViolation(res, "/path", KindRoute), "%+v", res.Violations)
		})
	}
}

func TestSystemQueryOptionGivenTwice(t *testing.T) {
	v := testValidator(t)
	for query, pointer := range map[string]string{
		"$top=1&$top=2":                  "/query/$top",
		"$select=id&$SELECT=displayName": "/query/$SELECT",
		"%24filter=a&$filter=b":          "/query/$filter",
	} {
		t.Run(query, func(t *testing.T) {
			req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, negV1+negConnectors+"?"+query, nil)
			res := v.ValidateRequest(req)
			assert.True(t, hasViolation(res, pointer, KindParameter), "%+v", res.Violations)
		})
	}
}

func TestContentLengthIsDigitsAndAgrees(t *testing.T) {
	body := []byte(`{"id":"1"}`)
	for _, tc := range []struct {
		values []string
		valid  bool
	}{
		{[]string{"10"}, true},
		{[]string{"10", "10"}, true},
		{[]string{"10, 10"}, true},
		{[]string{"+10"}, false},
		{[]string{"-10"}, false},
		{[]string{"1e1"}, false},
		{[]string{"0x0a"}, false},
		{[]string{""}, false},
		{[]string{"10", "11"}, false},
		{[]string{"10, 11"}, false},
	} {
		vs := contentLengthViolations(http.Header{"Content-Length": tc.values}, body)
		assert.Equal(t, tc.valid, vs == nil, "%q", tc.values)
	}
}

func TestNextLinkStaysOnTheServiceRoot(t *testing.T) {
	v := testValidator(t)
	page := func(link string) string {
		return `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors","value":[],"@odata.nextLink":"` + link + `"}`
	}
	cases := []struct {
		request, link string
		valid         bool
	}{
		{negV1, "https://graph.microsoft.com/v1.0/identity/apiConnectors?$skiptoken=x", true},
		{negLoopback, "http://127.0.0.1:8080/v1.0/identity/apiConnectors?$skiptoken=x", true},
		{negV1, "https://evil.example/v1.0/identity/apiConnectors?$skiptoken=x", false},
		{negV1, "http://graph.microsoft.com/v1.0/identity/apiConnectors?$skiptoken=x", false},
		{negV1, "https://graph.microsoft.com/beta/identity/apiConnectors?$skiptoken=x", false},
		{negV1, "https://user@graph.microsoft.com/v1.0/identity/apiConnectors", false},
		{negV1, "/v1.0/identity/apiConnectors?$skiptoken=x", false},
		{negLoopback, "http://127.0.0.1:9090/v1.0/identity/apiConnectors", false},
		{negV1, "https://graph.microsoft.com/v1.0/identity/../users", false},
	}
	for _, tc := range cases {
		t.Run(tc.link, func(t *testing.T) {
			c := negCase{side: "response", method: http.MethodGet, url: tc.request + negConnectors, status: http.StatusOK, respBody: page(tc.link)}
			res := c.validate(v)
			if tc.valid {
				assert.False(t, hasViolation(res, "/@odata.nextLink", KindFormat), "%+v", res.Violations)
				return
			}
			assert.True(t, hasViolation(res, "/@odata.nextLink", KindFormat), "%+v", res.Violations)
		})
	}
}

func TestReferenceBodiesNameAConnectorOfTheServiceRoot(t *testing.T) {
	v := testValidator(t)
	for ref, valid := range map[string]bool{
		"https://graph.microsoft.com/v1.0/identity/apiConnectors/abc":      true,
		"https://graph.microsoft.com/beta/identity/apiConnectors/abc":      false,
		"https://evil.example/v1.0/identity/apiConnectors/abc":             false,
		"https://graph.microsoft.com/v1.0/users/abc":                       false,
		"https://graph.microsoft.com/v1.0/identity/apiConnectors/abc?x=1":  false,
		"https://graph.microsoft.com/v1.0/identity/apiConnectors/abc#frag": false,
		"javascript:alert(1)": false,
	} {
		t.Run(ref, func(t *testing.T) {
			c := negCase{side: "request", method: http.MethodPut, url: negV1 + "/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration/postFederationSignup/$ref",
				body: `{"@odata.id":"` + ref + `"}`}
			res := c.validate(v)
			assert.Equal(t, valid, !hasViolation(res, "/@odata.id", KindFormat), "%+v", res.Violations)
		})
	}
}
