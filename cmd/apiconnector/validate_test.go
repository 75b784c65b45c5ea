package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	seedRequest = `POST https://graph.microsoft.com/beta/identity/apiConnectors
Content-Type: application/json

{"displayName":"Test API","targetUrl":"https://someapi.com/api",
 "authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"<USERNAME>","password":"<PASSWORD>"}}
`
	seedResponse = `HTTP/1.1 201 Created
Content-Type: application/json

{"@odata.context":"https://graph.microsoft.com/beta/$metadata#identity/apiConnectors/$entity","id":"guid",
 "displayName":"Test API","targetUrl":"https://someapi.com/api",
 "authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"<USERNAME>","password":"******"}}
`
	leakingResponse = `HTTP/1.1 201 Created
Content-Type: application/json

{"id":"guid","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"hunter2-planted"}}
`
	badTargetRequest = `POST https://graph.microsoft.com/v1.0/identity/apiConnectors
Content-Type: application/json

{"displayName":"Test API","targetUrl":"not a url",
 "authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}
`
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, bytes.NewReader(nil), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidateExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		files      []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"valid exchange", []string{seedRequest, seedResponse}, exitOK, []string{"request: valid", "response: valid"}, ""},
		{"valid request alone", []string{seedRequest}, exitOK, []string{"request: valid"}, ""},
		{"request violation", []string{badTargetRequest}, exitViolation, []string{"request: /targetUrl: format:"}, ""},
		{"response leaks a password", []string{seedRequest, leakingResponse}, exitViolation, []string{"request: valid", "response: /authenticationConfiguration/password: secret-leak:"}, ""},
		{"unreadable request names file and line", []string{"GET\n"}, exitUsage, nil, "file0.http:1:"},
		{"unreadable response names file and line", []string{seedRequest, "HTTP/1.1 2x1 Created\n"}, exitUsage, nil, "file1.http:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var args []string
			for i, content := range tc.files {
				path := filepath.Join(dir, "file"+string(rune('0'+i))+".http")
				require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
				args = append(args, path)
			}
			code, stdout, stderr := runCLI(append([]string{"validate"}, args...)...)
			assert.Equal(t, tc.wantCode, code, "stdout: %s\nstderr: %s", stdout, stderr)
			for _, want := range tc.wantStdout {
				assert.Contains(t, stdout, want)
			}
			if tc.wantStderr != "" {
				assert.Contains(t, stderr, tc.wantStderr)
			}
			assert.NotContains(t, stdout+stderr, "hunter2-planted")
		})
	}
}

func TestValidateJSON(t *testing.T) {
	req := writeFile(t, "req.http", seedRequest)
	resp := writeFile(t, "resp.http", leakingResponse)

	code, stdout, _ := runCLI("validate", "--json", req, resp)
	assert.Equal(t, exitViolation, code)
	var report map[string]struct {
		Valid      bool `json:"valid"`
		Violations []struct {
			Pointer, Kind, Message string
		} `json:"violations"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	require.Contains(t, report, "request")
	require.Contains(t, report, "response")
	assert.True(t, report["request"].Valid)
	assert.NotNil(t, report["request"].Violations, "violations is an array, never null")
	assert.False(t, report["response"].Valid)
	require.Len(t, report["response"].Violations, 1)
	assert.Equal(t, "/authenticationConfiguration/password", report["response"].Violations[0].Pointer)
	assert.Equal(t, "secret-leak", report["response"].Violations[0].Kind)
	assert.NotContains(t, stdout, "hunter2-planted")

	code, stdout, _ = runCLI("validate", "--json", req)
	assert.Equal(t, exitOK, code)
	var requestOnly map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(stdout), &requestOnly))
	assert.Contains(t, requestOnly, "request")
	assert.NotContains(t, requestOnly, "response", "the response key is present only when a response file is given")
}

func TestValidateUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"validate"},
		{"validate", "a", "b", "c"},
		{"validate", "--nope", "a"},
		{"validate", filepath.Join(t.TempDir(), "missing.http")},
		{"frobnicate"},
		{},
	} {
		code, _, stderr := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
}
