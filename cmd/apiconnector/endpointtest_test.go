package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/endpoint"
)

const endpointUser = "hook-user"

// testEndpoint is a conformant endpoint that takes endpointUser and plantedPassword.
func testEndpoint(t *testing.T) *httptest.Server {
	t.Helper()
	h, err := endpoint.New(func(context.Context, endpoint.Request) (endpoint.Response, error) {
		return endpoint.Continue(nil), nil
	}, endpoint.WithBasicAuth(endpointUser, plantedPassword))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestEndpointTest(t *testing.T) {
	good := testEndpoint(t)
	anyCaller := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprint(w, `{"version":"1.0.0","action":"Continue"}`)
	}))
	t.Cleanup(anyCaller.Close)
	claims := filepath.Join(t.TempDir(), "claims.json")
	require.NoError(t, os.WriteFile(claims, []byte(`{"email":"a@b.example","postalCode":"0150"}`), 0o600))
	notObject := filepath.Join(t.TempDir(), "list.json")
	require.NoError(t, os.WriteFile(notObject, []byte(`["a"]`), 0o600))
	l, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := "http://" + l.Addr().String()
	require.NoError(t, l.Close())

	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"conformant", []string{"--url", good.URL, "--step", "postAttributeCollection", "--claims", claims}, exitOK, ""},
		{"flags after nothing, b2c token step", []string{"--platform", "b2c", "--step", "preTokenIssuance", "--url", good.URL}, exitOK, ""},
		{"accepts any caller", []string{"--url", anyCaller.URL, "--step", "postFederationSignup"}, exitViolation, ""},
		{"unreachable", []string{"--url", closed, "--step", "postFederationSignup"}, exitUsage, "unreachable"},
		{"no url", []string{"--step", "postFederationSignup"}, exitUsage, "--url"},
		{"no step", []string{"--url", good.URL}, exitUsage, "--step"},
		{"unknown platform", []string{"--url", good.URL, "--step", "postFederationSignup", "--platform", "ciam"}, exitUsage, "--platform"},
		{"entra token step", []string{"--url", good.URL, "--step", "preTokenIssuance"}, exitUsage, "--step"},
		{"claims not an object", []string{"--url", good.URL, "--step", "postFederationSignup", "--claims", notObject}, exitUsage, "--claims"},
		{"claims file missing", []string{"--url", good.URL, "--step", "postFederationSignup", "--claims", notObject + ".none"}, exitUsage, "--claims"},
		{"password as an argument", []string{"--url", good.URL, "--step", "postFederationSignup", "--password", plantedPassword}, exitUsage, "--password-stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"endpoint", "test", "--username", endpointUser, "--password-stdin", "--json"}, tt.args...)
			code, stdout, stderr := runWithStdin(plantedPassword+"\n", args...)
			require.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stderr, tt.inStderr)
			assert.NotContains(t, stdout+stderr, plantedPassword)
			assert.NotContains(t, stdout+stderr, "Authorization")
			if code != exitUsage {
				var report struct {
					URL        string `json:"url"`
					Conformant bool   `json:"conformant"`
					Checks     []struct {
						Name       string `json:"name"`
						OK         bool   `json:"ok"`
						Violations []struct {
							Kind    string `json:"kind"`
							Pointer string `json:"pointer"`
						} `json:"violations"`
					} `json:"checks"`
				}
				require.NoError(t, json.Unmarshal([]byte(stdout), &report), stdout)
				assert.Equal(t, code == exitOK, report.Conformant)
				assert.NotEmpty(t, report.Checks)
			}
		})
	}
}

func TestEndpointTestTextAndHelp(t *testing.T) {
	good := testEndpoint(t)
	code, stdout, stderr := runWithStdin(plantedPassword, "endpoint", "test", "--url", good.URL, "--step", "postFederationSignup",
		"--username", endpointUser, "--password-stdin")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "conformant")
	assert.Contains(t, stdout, "wrong credentials refused")
	assert.NotContains(t, stdout, plantedPassword)

	code, stdout, _ = runWithStdin("", "endpoint", "test", "--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "--pkcs12-file")
	code, _, stderr = runWithStdin("", "endpoint", "probe")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "endpoint")
}
