package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeSimulationFiles writes a seed whose flow binds two connectors to the targets, and a
// claims file.
func writeSimulationFiles(t *testing.T, firstURL, secondURL string) (seed, claims string) {
	t.Helper()
	dir := t.TempDir()
	seed = filepath.Join(dir, "seed.json")
	require.NoError(t, os.WriteFile(seed, fmt.Appendf(nil, `{
	  "connectors": [
	    {"id": "c-fed", "displayName": "Partner check", "targetUrl": %q,
	     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": %q}},
	    {"id": "c-create", "displayName": "Loyalty", "targetUrl": %q,
	     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": %q}}],
	  "userFlows": [{"kind": "b2x", "id": "B2X_1_partners",
	    "apiConnectorConfiguration": {"postFederationSignup": "c-fed", "postAttributeCollection": "c-create"}}]
	}`, firstURL, endpointUser, secondURL, endpointUser), 0o600))
	claims = filepath.Join(dir, "claims.json")
	require.NoError(t, os.WriteFile(claims, []byte(`{"email":"a@b.example","postalCode":"0150"}`), 0o600))
	return seed, claims
}

func TestSimulate(t *testing.T) {
	good := testEndpoint(t)
	blockAt400 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprint(w, `{"version":"1.0.0","action":"ShowBlockPage","userMessage":"No."}`)
	}))
	t.Cleanup(blockAt400.Close)
	seed, claims := writeSimulationFiles(t, good.URL, good.URL)
	brokenSeed, _ := writeSimulationFiles(t, good.URL, blockAt400.URL)
	creds := fmt.Sprintf(`{"c-fed":{"password":%q},"c-create":{"password":%q}}`, plantedPassword, plantedPassword)
	base := []string{"simulate", "--fake", "--user-flow", "B2X_1_partners", "--claims", claims, "--credentials", "-"}

	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		inStderr string
	}{
		{"two conformant steps", append(base, "--seed", seed, "--json"), creds, exitOK, ""},
		{"text output", append(base, "--seed", seed), creds, exitOK, ""},
		{"a block page at 400", append(base, "--seed", brokenSeed, "--json"), creds, exitViolation, ""},
		{"no entry for a connector", append(base, "--seed", seed), fmt.Sprintf(`{"c-fed":{"password":%q}}`, plantedPassword), exitUsage, "--credentials"},
		{"unknown field in the credentials", append(base, "--seed", seed), fmt.Sprintf(`{"c-fed":{"pasword":%q}}`, plantedPassword), exitUsage, "--credentials"},
		{"credentials not JSON", append(base, "--seed", seed), plantedPassword, exitUsage, "--credentials"},
		{"unknown flow", []string{"simulate", "--fake", "--seed", seed, "--user-flow", "B2X_1_none", "--claims", claims, "--credentials", "-"}, creds, exitGraphError, "404"},
		{"no user flow", []string{"simulate", "--fake", "--claims", claims, "--credentials", "-"}, creds, exitUsage, "--user-flow"},
		{"no claims", []string{"simulate", "--fake", "--user-flow", "x", "--credentials", "-"}, creds, exitUsage, "--claims"},
		{"seed without fake", []string{"simulate", "--seed", seed, "--user-flow", "x", "--claims", claims, "--credentials", "-"}, creds, exitUsage, "--seed"},
		{"bad kind", append(base, "--kind", "ciam"), creds, exitUsage, "--kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runWithStdin(tt.stdin, tt.args...)
			require.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stderr, tt.inStderr)
			assert.NotContains(t, stdout+stderr, plantedPassword)
			if slices.Contains(tt.args, "--json") && code != exitUsage {
				var out struct {
					Outcome string         `json:"outcome"`
					Claims  map[string]any `json:"claims"`
					Calls   []struct {
						Step        string `json:"step"`
						ConnectorID string `json:"connectorId"`
						Status      int    `json:"status"`
						Conformant  bool   `json:"conformant"`
					} `json:"calls"`
				}
				require.NoError(t, json.Unmarshal([]byte(stdout), &out), stdout)
				require.Len(t, out.Calls, 2)
				assert.Equal(t, "postFederationSignup", out.Calls[0].Step)
				assert.Equal(t, "c-create", out.Calls[1].ConnectorID)
				assert.Equal(t, code == exitOK, out.Calls[1].Conformant)
				assert.Equal(t, "0150", out.Claims["postalCode"])
			}
		})
	}

	code, stdout, _ := runWithStdin("", "simulate", "--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "--credentials")
}
