package contract

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequiringBearerToken(t *testing.T) {
	base, err := NewValidator()
	require.NoError(t, err)
	strict := base.RequiringBearerToken()
	for _, tc := range []struct {
		name          string
		authorization []string
		wantViolation bool
	}{
		{"no header", nil, true},
		{"empty", []string{""}, true},
		{"scheme only", []string{"Bearer"}, true},
		{"scheme and spaces", []string{"Bearer   "}, true},
		{"basic", []string{"Basic dTpw"}, true},
		{"bearer", []string{"Bearer eyJ.secret-token"}, false},
		{"scheme is case-insensitive", []string{"bearer eyJ.secret-token"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://graph.microsoft.com/v1.0/identity/apiConnectors", bytes.NewReader(nil))
			require.NoError(t, err)
			if tc.authorization != nil {
				req.Header["Authorization"] = tc.authorization
			}
			assert.True(t, base.ValidateRequest(req).Valid, "the default validator requires no token")
			res := strict.ValidateRequest(req)
			if !tc.wantViolation {
				assert.True(t, res.Valid, "%v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1)
			assert.Equal(t, "/header/Authorization", res.Violations[0].Pointer)
			assert.Equal(t, KindHeader, res.Violations[0].Kind)
			assert.NotContains(t, res.Violations[0].Message, "secret-token")
		})
	}
}

func TestVersionsIsACopy(t *testing.T) {
	v := Versions()
	v[0] = "v9"
	assert.Equal(t, []string{"v1.0", "beta"}, Versions())
}
