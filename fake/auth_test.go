package fake

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequestsWithoutAUsableBearerTokenGet401(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name          string
			authorization string
		}{
			{"missing", ""},
			{"basic scheme", "Basic dXNlcjpwYXNz"},
			{"bearer without token", "Bearer"},
			{"bearer with blank token", "Bearer    "},
			{"token without scheme", "eyJ0eXAi"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				header := map[string]string{"Authorization": tc.authorization} // "" removes it
				r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: basicConnector("x", "u", "p"), header: header})
				requireGraphError(t, r, http.StatusUnauthorized, codeUnauthenticated)
				assert.Empty(t, h.server.Connectors())
			})
		}
		r := h.do(request{path: "/v1.0/identity/apiConnectors", header: map[string]string{"Authorization": "bearer lower-case-scheme"}})
		assert.Equal(t, http.StatusOK, r.status, "the scheme is case-insensitive")
	})
}

func TestTokenCheckDecidesWhichTokensPass(t *testing.T) {
	check := func(token string) error {
		if token != testToken {
			return errors.New("unknown token " + token)
		}
		return nil
	}
	forEachMode(t, []Option{WithTokenCheck(check)}, func(t *testing.T, h *harness) {
		assert.Equal(t, http.StatusOK, h.get("/beta/identity/apiConnectors").status)

		r := h.do(request{path: "/beta/identity/apiConnectors", header: map[string]string{"Authorization": "Bearer revoked-token"}})
		requireGraphError(t, r, http.StatusUnauthorized, codeUnauthenticated)
		assert.NotContains(t, string(r.body), "revoked-token", "the check's error, which may quote the token, is not sent")
	})
}
