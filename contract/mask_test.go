package contract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaskSecrets(t *testing.T) {
	v, err := NewValidator()
	require.NoError(t, err)
	for _, tc := range []struct {
		name        string
		body        string
		want        string
		wantSecrets []string
		wantOK      bool
	}{
		{"empty", "", "", nil, true},
		{"not JSON", "password=hunter2", "", nil, false},
		{"trailing data", `{"a":1} {"b":2}`, "", nil, false},
		{"basic", `{"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"hunter2"}}`,
			`{"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","password":"******","username":"u"}}`, []string{"hunter2"}, true},
		{"pkcs12 stays base64", `{"authenticationConfiguration":{"pkcs12Value":"AAEC","password":""}}`,
			`{"authenticationConfiguration":{"password":"******","pkcs12Value":"KioqKioq"}}`, []string{"AAEC"}, true},
		{"already masked", `{"password":"******"}`, `{"password":"******"}`, nil, true},
		{"nested in arrays and unknown properties", `{"value":[{"x":{"password":"p1"}},{"password":"p2"}],"n":1.50}`,
			`{"n":1.50,"value":[{"x":{"password":"******"}},{"password":"******"}]}`, []string{"p1", "p2"}, true},
		{"names folded and escaped", `{"PASSWORD":"p1","pa\u017fsword":"p2","\u0070assword":"p3","PKCS12VALUE":"AAEC"}`,
			`{"PASSWORD":"******","PKCS12VALUE":"KioqKioq","password":"******","paſsword":"******"}`, []string{"p1", "p2", "p3", "AAEC"}, true},
		{"duplicate keys keep none of their values", `{"password":"first","password":"second"}`, `{"password":"******"}`, []string{"second"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, secrets, ok := v.MaskSecrets([]byte(tc.body))
			assert.Equal(t, tc.wantOK, ok)
			if !tc.wantOK {
				return
			}
			assert.Equal(t, tc.want, string(got))
			assert.ElementsMatch(t, tc.wantSecrets, secrets)
			assert.NotContains(t, string(got), "first")
		})
	}
}
