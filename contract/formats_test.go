package contract

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/openapi"
)

func TestEveryDeclaredFormatIsEnforced(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	formats := declaredFormats(spec.doc)
	assert.Equal(t, []string{"byte", "int32", "int64", "uri"}, formats, "a new format needs a validator in formats.go")
	for _, f := range formats {
		_, isString := stringFormats[f]
		assert.True(t, isString || integerFormats[f], "format %q has no validator", f)
	}
}

func TestSpecWithUnenforcedFormatIsRefused(t *testing.T) {
	doctored := bytes.Replace(openapi.Spec, []byte("format: uri"), []byte("format: hostname"), 1)
	require.NotEqual(t, openapi.Spec, doctored)
	err := checkSpec(doctored)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hostname")
}

func TestAbsoluteURIFormat(t *testing.T) {
	for _, tc := range []struct {
		value string
		valid bool
	}{
		{"https://someapi.com/api", true},
		{"https://graph.microsoft.com/beta/$metadata#identity/apiConnectors/$entity", true},
		{"http://127.0.0.1:8080/v1.0/identity/apiConnectors/abc?$skiptoken=x%20y", true},
		{"someapi.com/api", false},
		{"/identity/apiConnectors", false},
		{"https://graph.microsoft.com/v1.0/identity/apiConnectors/{id}", false},
		{"https://example.com/<guid>", false},
		{"https://exa mple.com/", false},
		{"", false},
	} {
		err := validateAbsoluteURI(tc.value)
		assert.Equal(t, tc.valid, err == nil, "%q: %v", tc.value, err)
	}
}

func TestBase64Format(t *testing.T) {
	for _, tc := range []struct {
		value string
		valid bool
	}{
		{"TUlJSg==", true},
		{"", true},
		{"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ...kDJ04sJShkkgjL9Bm49plA", false},
		{"TUlJSg", false},
		{"TUl-Sg__", false},
	} {
		err := validateBase64(tc.value)
		assert.Equal(t, tc.valid, err == nil, "%q: %v", tc.value, err)
	}
}
