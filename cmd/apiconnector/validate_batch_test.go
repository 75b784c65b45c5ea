package main

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	parser "github.com/joshdk/go-junit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// browserHAR holds four entries: a valid create and a valid list with a bearer token, a
// create without one, and a create whose response leaks the password.
const browserHAR = "../../har/testdata/browser-export.har"

// secretsInBrowserHAR are the secrets the recording holds, none of which may be printed.
var secretsInBrowserHAR = []string{"hunter2-request-secret", "hunter2-response-leak", "token-secret-value"}

func assertNoSecrets(t *testing.T, out string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, form := range []string{s, base64.StdEncoding.EncodeToString([]byte(s)), url.QueryEscape(s)} {
			assert.NotContains(t, out, form)
		}
	}
}

type batchJSON struct {
	Exchanges []struct {
		Source   string      `json:"source"`
		Request  resultJSON  `json:"request"`
		Response *resultJSON `json:"response"`
	} `json:"exchanges"`
	Summary struct {
		Exchanges, Valid, Invalid int
	} `json:"summary"`
}

type resultJSON struct {
	Valid      bool `json:"valid"`
	Violations []struct {
		Pointer, Kind string
	} `json:"violations"`
}

func TestValidateHAR(t *testing.T) {
	code, stdout, stderr := runCLI("validate", "--format", "json", browserHAR)
	assert.Equal(t, exitViolation, code, stderr)
	var report batchJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &report), stdout)
	require.Len(t, report.Exchanges, 4)
	assert.Equal(t, 4, report.Summary.Exchanges)
	assert.Equal(t, 2, report.Summary.Valid)
	assert.Equal(t, 2, report.Summary.Invalid)

	for i, ex := range report.Exchanges {
		assert.Equal(t, browserHAR+"#"+string(rune('1'+i)), ex.Source)
		require.NotNil(t, ex.Response)
	}
	assert.True(t, report.Exchanges[0].Request.Valid)
	assert.True(t, report.Exchanges[0].Response.Valid)
	assert.True(t, report.Exchanges[1].Request.Valid)

	missingToken := report.Exchanges[2].Request
	assert.False(t, missingToken.Valid)
	require.Len(t, missingToken.Violations, 1)
	assert.Equal(t, "/header/Authorization", missingToken.Violations[0].Pointer)
	assert.Equal(t, "header", missingToken.Violations[0].Kind)

	leak := report.Exchanges[3].Response
	assert.False(t, leak.Valid)
	require.NotEmpty(t, leak.Violations)
	assert.Equal(t, "/authenticationConfiguration/password", leak.Violations[0].Pointer)
	assert.Equal(t, "secret-leak", leak.Violations[0].Kind)
	assertNoSecrets(t, stdout+stderr, secretsInBrowserHAR...)
}

func TestValidateJUnit(t *testing.T) {
	dir := t.TempDir()
	exchange := filepath.Join(dir, "docs", "create", "1")
	require.NoError(t, os.MkdirAll(exchange, 0o750))
	require.NoError(t, os.WriteFile(filepath.Join(exchange, "request.http"), []byte(seedRequest), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(exchange, "response.http"), []byte(seedResponse), 0o600))
	bad := writeFile(t, "bad.http", badTargetRequest)

	code, stdout, stderr := runCLI("validate", browserHAR, filepath.Join(dir, "docs"), bad, "--format", "junit")
	assert.Equal(t, exitViolation, code, stderr)
	suites, err := parser.Ingest([]byte(stdout))
	require.NoError(t, err, stdout)
	require.Len(t, suites, 1)
	totals := suites[0].Totals
	assert.Equal(t, 6, totals.Tests)
	assert.Equal(t, 3, totals.Passed)
	assert.Equal(t, 3, totals.Failed)
	failed := map[string]string{}
	for _, test := range suites[0].Tests {
		if test.Status == parser.StatusFailed {
			var fail parser.Error
			require.ErrorAs(t, test.Error, &fail)
			failed[test.Name] = fail.Body
		}
	}
	assert.Contains(t, failed[browserHAR+"#3"], "request: /header/Authorization: header:")
	assert.Contains(t, failed[browserHAR+"#4"], "response: /authenticationConfiguration/password: secret-leak:")
	assert.Contains(t, failed[bad], "request: /targetUrl: format:")
	assertNoSecrets(t, stdout+stderr, secretsInBrowserHAR...)
}

func TestValidateDirectoryAndPairs(t *testing.T) {
	// The documented exchanges validate as one directory, without --require-auth.
	code, stdout, stderr := runCLI("validate", "--json", "../../contract/testdata/docs/v1.0/create")
	var report batchJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &report), stderr)
	require.NotEmpty(t, report.Exchanges)
	for _, ex := range report.Exchanges {
		assert.True(t, strings.HasSuffix(ex.Source, "request.http"), ex.Source)
	}
	assert.Equal(t, len(report.Exchanges), report.Summary.Valid+report.Summary.Invalid)
	if report.Summary.Invalid == 0 {
		assert.Equal(t, exitOK, code)
	}

	req := writeFile(t, "req.http", seedRequest)
	resp := writeFile(t, "resp.http", seedResponse)
	other := writeFile(t, "other.http", badTargetRequest)
	code, stdout, _ = runCLI("validate", req, resp, other)
	assert.Equal(t, exitViolation, code)
	assert.Contains(t, stdout, req+": request: valid")
	assert.Contains(t, stdout, req+": response: valid")
	assert.Contains(t, stdout, other+": request: /targetUrl: format:")
	assert.Contains(t, stdout, "2 exchanges: 1 valid, 1 invalid")
}

func TestValidateRequireAuth(t *testing.T) {
	req := writeFile(t, "req.http", seedRequest)
	code, _, _ := runCLI("validate", req)
	assert.Equal(t, exitOK, code, "the docs' examples carry no token and stay valid")

	code, stdout, _ := runCLI("validate", req, "--require-auth", "--json")
	assert.Equal(t, exitViolation, code)
	var single map[string]resultJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &single))
	require.Len(t, single["request"].Violations, 1)
	assert.Equal(t, "/header/Authorization", single["request"].Violations[0].Pointer)
	assert.Equal(t, "header", single["request"].Violations[0].Kind)

	withToken := writeFile(t, "token.http", strings.Replace(seedRequest, "Content-Type:", "Authorization: Bearer abc.def-secret-token\nContent-Type:", 1))
	code, stdout, stderr := runCLI("validate", "--require-auth", withToken)
	assert.Equal(t, exitOK, code, stdout)
	assertNoSecrets(t, stdout+stderr, "abc.def-secret-token")

	basic := writeFile(t, "basic.http", strings.Replace(seedRequest, "Content-Type:", "Authorization: Basic dTpw\nContent-Type:", 1))
	code, _, _ = runCLI("validate", "--require-auth", basic)
	assert.Equal(t, exitViolation, code, "Graph takes bearer tokens only")
}

func TestValidateFlagsAfterPathsAndHelp(t *testing.T) {
	req := writeFile(t, "req.http", seedRequest)
	resp := writeFile(t, "resp.http", leakingResponse)
	codeBefore, before, _ := runCLI("validate", "--json", req, resp)
	codeAfter, after, _ := runCLI("validate", req, resp, "--json")
	assert.Equal(t, codeBefore, codeAfter)
	assert.JSONEq(t, before, after)

	for _, args := range [][]string{{"validate", "--help"}, {"validate", req, "-h"}} {
		code, stdout, _ := runCLI(args...)
		assert.Equal(t, exitOK, code, "%v", args)
		assert.Contains(t, stdout, "--format", "%v", args)
	}
}

func TestValidateUnreadableInputNamesFileAndEntry(t *testing.T) {
	brokenHAR := writeFile(t, "broken.har", `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/identity/apiConnectors"}},{"request":{"method":"GET","url":"relative"}}]}}`)
	notJSON := writeFile(t, "notjson.har", "{\n\n  oops")
	badRequest := writeFile(t, "bad.http", "GET\n")
	lonely := writeFile(t, "lonely.http", seedResponse)
	emptyDir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{brokenHAR}, brokenHAR + "#2:"},
		{[]string{notJSON}, notJSON + ": not a HAR document: line 3"},
		{[]string{browserHAR, badRequest}, badRequest + ":1:"},
		{[]string{lonely}, lonely},
		{[]string{emptyDir}, emptyDir},
		{[]string{"--format", "xml", badRequest}, "--format"},
		{[]string{"--json", "--format", "junit", badRequest}, "--json"},
	} {
		code, stdout, stderr := runCLI(append([]string{"validate"}, tc.args...)...)
		assert.Equal(t, exitUsage, code, "%v", tc.args)
		assert.Empty(t, stdout, "nothing is reported when an input cannot be read")
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
}
