package contract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitVersion(t *testing.T) {
	for _, tc := range []struct{ path, version, rest string }{
		{"/v1.0/identity/apiConnectors", "v1.0", "/identity/apiConnectors"},
		{"/beta/identity/apiConnectors/", "beta", "/identity/apiConnectors"},
		{"/beta", "beta", "/"},
		{"/identity/apiConnectors", "identity", "/apiConnectors"},
		{"/beta/", "beta", "/"},
		{"/beta//", "beta", "/"},
		{"/v1.0/identity/apiConnectors/x/", "v1.0", "/identity/apiConnectors/x"},
	} {
		version, rest := splitVersion(tc.path)
		assert.Equal(t, tc.version, version, tc.path)
		assert.Equal(t, tc.rest, rest, tc.path)
	}
}

func TestCanonicalPathMatchesLiteralSegmentsCaseInsensitively(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	for _, tc := range []struct{ in, want string }{
		{"/identity/apiconnectors/ABC/uploadclientcertificate", "/identity/apiConnectors/ABC/uploadClientCertificate"},
		{"/IDENTITY/APICONNECTORS", "/identity/apiConnectors"},
		{"/identity/b2xuserflows/B2X_1_x/apiconnectorconfiguration/postFederationSignup/$REF", "/identity/b2xUserFlows/B2X_1_x/apiConnectorConfiguration/postFederationSignup/$ref"},
		// Parameter values keep their case.
		{"/identity/apiConnectors/apiConnectors", "/identity/apiConnectors/apiConnectors"},
		{"/identity/nothing", "/identity/nothing"},
	} {
		assert.Equal(t, tc.want, spec.canonicalPath(tc.in), tc.in)
	}
}

func TestLoadSpecParsesOnce(t *testing.T) {
	a, err := LoadSpec()
	require.NoError(t, err)
	b, err := LoadSpec()
	require.NoError(t, err)
	assert.Same(t, a, b)
}

func TestCanonicalPathKeepsTheVersion(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	assert.Equal(t, "/beta/identity/apiConnectors/x", spec.CanonicalPath("/beta/identity/apiconnectors/x/"))
	assert.Equal(t, "/v2/identity/apiconnectors", spec.CanonicalPath("/v2/identity/apiconnectors"))
}

func TestIsJSONMediaType(t *testing.T) {
	for _, tc := range []struct {
		contentType string
		want        bool
	}{
		{"application/json", true},
		{"Application/JSON; charset=utf-8", true},
		{"application/problem+json", true},
		{" application/json ;odata.metadata=minimal", true},
		{"+json", false},
		{"text/plain", false},
		{"application/jsonx", false},
		{"application/json; charset", false},
		{"", false},
	} {
		assert.Equal(t, tc.want, isJSONMediaType(tc.contentType), tc.contentType)
	}
}
