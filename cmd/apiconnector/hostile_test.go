package main

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The CLI against a hostile endpoint: whatever the other side echoes, no secret the
// process read leaves on stdout or stderr.

func TestSecretFlagValuesAreNeverQuoted(t *testing.T) {
	const value = "flag-value-Sd81nq-secret"
	for _, args := range [][]string{
		{"create", "--fake", "--display-name", "x", "--target-url", "https://a.example", "--username", "u", "--password-stdin=" + value},
		{"create", "--fake", "--display-name", "x", "--target-url", "https://a.example", "--pkcs12-file", "x.pfx", "--pkcs12-password-stdin=" + value},
		{"upload-cert", "abc", "--fake", "--pkcs12-file", "x.pfx", "---pkcs12-password-stdin=" + value},
		{"update", "abc", "--fake", "-password-stdin=" + value},
	} {
		t.Run(args[len(args)-1][:8], func(t *testing.T) {
			code, stdout, stderr := runWithStdin("", args...)
			assert.Equal(t, exitUsage, code)
			assert.NotContains(t, stdout+stderr, value)
			assert.Contains(t, stderr, "--"+strings.TrimLeft(strings.SplitN(args[len(args)-1], "=", 2)[0], "-"), "the error names the flag")
		})
	}
}

func TestOutputNeverRepeatsASecretTheEndpointEchoes(t *testing.T) {
	const password = "cli-echoed-pw-Xc91mZ"
	const token = "cli-token-Lk20vR8q"
	forms := []string{password, url.QueryEscape(password), base64.StdEncoding.EncodeToString([]byte(password)), token}
	echo := strings.Join(forms, " | ")
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", password)
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusBadRequest)
			body, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "bad " + password, "message": "rejected " + echo}})
			_, _ = w.Write(body)
			return
		}
		body, _ := json.Marshal(map[string]any{
			"id": "abc", "displayName": echo, "targetUrl": "https://api.example.com/" + url.PathEscape(password),
			"authenticationConfiguration": map[string]any{"@odata.type": "#microsoft.graph.basicAuthentication", "username": token, "password": password},
		})
		_, _ = w.Write(body)
	}))
	t.Cleanup(endpoint.Close)
	t.Setenv(envToken, token)

	code, stdout, stderr := runWithStdin(password+"\n", "create", "--base-url", endpoint.URL, "--verbose",
		"--display-name", "x", "--target-url", "https://a.example", "--username", "u", "--password-stdin")
	assert.Equal(t, exitGraphError, code, stderr)
	for _, f := range forms {
		require.NotContains(t, stdout+stderr, f)
	}

	t.Setenv(envPassword, password)
	for _, args := range [][]string{{"get", "abc"}, {"get", "abc", "--output", "table"}} {
		// The password is known to the process from the environment, though get itself
		// does not send it.
		_, stdout, stderr := runWithStdin("", append(args, "--base-url", endpoint.URL, "--verbose")...)
		for _, f := range forms {
			require.NotContains(t, stdout+stderr, f, "%v", args)
		}
	}
}

func TestServeHasReadTimeouts(t *testing.T) {
	s := newHTTPServer(http.NotFoundHandler())
	assert.Positive(t, s.ReadHeaderTimeout)
	assert.Positive(t, s.ReadTimeout, "a slow body cannot hold a connection")
	assert.Positive(t, s.IdleTimeout)
	assert.Positive(t, s.MaxHeaderBytes)
}

func TestBaseURLWithoutATokenNeedsTrustHost(t *testing.T) {
	t.Setenv(envToken, "")
	require.NoError(t, os.Unsetenv(envToken))
	code, stdout, stderr := runWithStdin("", "get", "abc", "--base-url", "https://proxy.example")
	assert.NotEqual(t, exitOK, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "--trust-host")
	assert.Contains(t, stderr, envToken)

	for _, tc := range []struct {
		baseURL, trustHost string
		ok                 bool
		flag               string
	}{
		{"https://proxy.example", "proxy.example", true, ""},
		{"http://127.0.0.1:8080", "127.0.0.1", true, ""},
		{"https://proxy.example", "other.example", false, "--trust-host"},
		{"https://proxy.example", "https://proxy.example", false, "--trust-host"},
		{"https://proxy.example", "", false, ""},
	} {
		_, err := newClient(commonFlags{baseURL: tc.baseURL, cloud: "global", apiVersion: "v1.0", trustHost: tc.trustHost}, io.Discard)
		if tc.ok {
			require.NoError(t, err, "%+v", tc)
			continue
		}
		require.Error(t, err, "%+v", tc)
		var flagErr *flagValueError
		if tc.flag != "" {
			require.ErrorAs(t, err, &flagErr, "%+v", tc)
			assert.Equal(t, tc.flag, flagErr.flag)
		} else {
			require.ErrorIs(t, err, errNoTokenSource)
		}
	}
}
