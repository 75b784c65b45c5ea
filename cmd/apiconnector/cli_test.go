package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// plantedPassword is a secret no output may ever contain.
const plantedPassword = "planted-Pa55word-7c1e"

func runWithStdin(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func decodeConnector(t *testing.T, stdout string) connectorOutput {
	t.Helper()
	var c struct {
		connectorOutput
		AuthenticationConfiguration map[string]any `json:"authenticationConfiguration"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &c), stdout)
	c.connectorOutput.AuthenticationConfiguration = c.AuthenticationConfiguration
	return c.connectorOutput
}

// TestMainJobCreatesTheSeedConnectorAgainstTheFake is the README's main-job command.
func TestMainJobCreatesTheSeedConnectorAgainstTheFake(t *testing.T) {
	code, stdout, stderr := runWithStdin(plantedPassword+"\n", "create", "--fake",
		"--display-name", "Test API", "--target-url", "https://someapi.com/api",
		"--username", "<USERNAME>", "--password-stdin")
	require.Equal(t, exitOK, code, stderr)
	c := decodeConnector(t, stdout)
	assert.NotEmpty(t, c.ID)
	assert.Equal(t, "Test API", c.DisplayName)
	assert.Equal(t, "https://someapi.com/api", c.TargetURL)
	assert.Equal(t, map[string]any{
		"@odata.type": "#microsoft.graph.basicAuthentication",
		"username":    "<USERNAME>",
		"password":    "******",
	}, c.AuthenticationConfiguration)
	assert.NotContains(t, stdout+stderr, plantedPassword)
}

func TestCreateTakesThePasswordFromTheEnvironment(t *testing.T) {
	t.Setenv(envPassword, plantedPassword)
	code, stdout, stderr := runWithStdin("", "create", "--fake", "--output", "table",
		"--display-name", "Env API", "--target-url", "https://someapi.com/api", "--username", "u")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "basic (u)")
	assert.NotContains(t, stdout+stderr, plantedPassword)
}

func TestSecretsAreRefusedAsArguments(t *testing.T) {
	for _, args := range [][]string{
		{"create", "--fake", "--display-name", "x", "--target-url", "https://a.example", "--username", "u", "--password", plantedPassword},
		{"create", "--fake", "--password=" + plantedPassword},
		{"update", "id", "--pkcs12-password", plantedPassword},
		{"list", "--token", plantedPassword},
	} {
		code, stdout, stderr := runWithStdin("", args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.Contains(t, stderr, "not accepted as arguments")
		assert.NotContains(t, stdout+stderr, plantedPassword)
	}
}

func TestCreateBadInputExitsTwoAndSendsNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"no authentication", "", []string{"--display-name", "x", "--target-url", "https://a.example"}},
		{"basic without a password", "", []string{"--display-name", "x", "--target-url", "https://a.example", "--username", "u"}},
		{"both kinds", "p", []string{"--display-name", "x", "--target-url", "https://a.example", "--username", "u", "--password-stdin", "--pkcs12-file", "x.pfx"}},
		{"relative target", "p", []string{"--display-name", "x", "--target-url", "/api", "--username", "u", "--password-stdin"}},
		{"no display name", "p", []string{"--target-url", "https://a.example", "--username", "u", "--password-stdin"}},
		{"missing pfx file", "", []string{"--display-name", "x", "--target-url", "https://a.example", "--pkcs12-file", filepath.Join(t.TempDir(), "none.pfx")}},
		{"bad output", "p", []string{"--output", "yaml", "--display-name", "x", "--target-url", "https://a.example", "--username", "u", "--password-stdin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runWithStdin(tc.stdin, append([]string{"create", "--fake"}, tc.args...)...)
			assert.Equal(t, exitUsage, code, "stdout %s stderr %s", stdout, stderr)
			assert.Empty(t, stdout)
			assert.NotEmpty(t, stderr)
		})
	}
}

func TestCreateWithCertificate(t *testing.T) {
	pfx := testpfx.Valid(t, plantedPassword)
	path := filepath.Join(t.TempDir(), "client.pfx")
	require.NoError(t, os.WriteFile(path, pfx.Data, 0o600))

	code, stdout, stderr := runWithStdin(plantedPassword, "create", "--fake", "--display-name", "Cert API",
		"--target-url", "https://someotherapi.com/api", "--pkcs12-file", path, "--pkcs12-password-stdin")
	require.Equal(t, exitOK, code, stderr)
	c := decodeConnector(t, stdout)
	auth := c.AuthenticationConfiguration.(map[string]any)
	assert.Equal(t, "#microsoft.graph.clientCertificateAuthentication", auth["@odata.type"])
	list := auth["certificateList"].([]any)
	require.Len(t, list, 1)
	assert.Equal(t, pfx.Thumbprint, list[0].(map[string]any)["thumbprint"])
	assert.NotContains(t, stdout+stderr, plantedPassword)

	code, stdout, stderr = runWithStdin("wrong", "create", "--fake", "--display-name", "Cert API",
		"--target-url", "https://someotherapi.com/api", "--pkcs12-file", path, "--pkcs12-password-stdin")
	assert.Equal(t, exitUsage, code, "a PFX that does not open with its password is refused before sending")
	assert.Empty(t, stdout)
	assert.NotContains(t, stderr, plantedPassword)
}

func TestGraphErrorsPrintCodeAndRequestID(t *testing.T) {
	code, stdout, stderr := runWithStdin("", "get", "--fake", "no-such-id")
	assert.Equal(t, exitGraphError, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "404")
	assert.Contains(t, stderr, "itemNotFound")
	assert.Regexp(t, `request-id [0-9a-f-]{36}`, stderr)
}

// serveForTest runs `apiconnector serve` on a free loopback port until the test ends and
// returns its root URL.
func serveForTest(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), stdoutW, &stderr)
		_ = stdoutW.Close()
	}()
	lines := bufio.NewScanner(stdoutR)
	require.True(t, lines.Scan(), "serve prints its base URLs; stderr: %s", stderr.String())
	v1 := strings.TrimPrefix(lines.Text(), "v1.0: ")
	require.True(t, lines.Scan())
	assert.True(t, strings.HasPrefix(lines.Text(), "beta: http://127.0.0.1:"))
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			assert.Equal(t, exitOK, code, "serve shuts down cleanly: %s", stderr.String())
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return strings.TrimSuffix(v1, "/v1.0")
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestEveryCommandAgainstServe drives each subcommand over loopback HTTP against serve.
func TestEveryCommandAgainstServe(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(`{"userFlows":[{"kind":"b2x","id":"B2X_1_partner"},{"kind":"b2c","id":"B2C_1_signup"}]}`), 0o600))
	root := serveForTest(t, "--seed", seed)
	t.Setenv(envToken, "any-token")
	target := []string{"--base-url", root}

	code, stdout, stderr := runWithStdin(plantedPassword, append([]string{"create", "--display-name", "Test API",
		"--target-url", "https://someapi.com/api", "--username", "u", "--password-stdin"}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	id := decodeConnector(t, stdout).ID

	code, stdout, stderr = runWithStdin("", append([]string{"get", id}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "Test API", decodeConnector(t, stdout).DisplayName)

	code, stdout, stderr = runWithStdin("", append([]string{"update", id, "--display-name", "Renamed"}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "Renamed", decodeConnector(t, stdout).DisplayName)

	pfx := testpfx.Valid(t, "")
	pfxPath := filepath.Join(t.TempDir(), "c.pfx")
	require.NoError(t, os.WriteFile(pfxPath, pfx.Data, 0o600))
	code, stdout, stderr = runWithStdin("", append([]string{"upload-cert", id, "--pkcs12-file", pfxPath}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, pfx.Thumbprint)

	code, stdout, stderr = runWithStdin("", append([]string{"list", "--filter", "startswith(displayName,'Ren')"}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	var listed []connectorOutput
	require.NoError(t, json.Unmarshal([]byte(stdout), &listed))
	require.Len(t, listed, 1)
	assert.Equal(t, id, listed[0].ID)

	code, stdout, stderr = runWithStdin("", append([]string{"attach", "--user-flow", "B2X_1_partner", "--step", "postAttributeCollection", "--connector", id}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, id)

	code, stdout, stderr = runWithStdin("", append([]string{"attach", "--kind", "b2c", "--api-version", "beta", "--user-flow", "B2C_1_signup", "--step", "postFederationSignup", "--connector", id}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, id)

	code, stdout, stderr = runWithStdin("", append([]string{"detach", "--user-flow", "B2X_1_partner", "--step", "postAttributeCollection"}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stdout, id)

	code, _, stderr = runWithStdin("", append([]string{"delete", id}, target...)...)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = runWithStdin("", append([]string{"get", id}, target...)...)
	assert.Equal(t, exitGraphError, code)
	assert.Contains(t, stderr, "itemNotFound")
}

func TestVerboseLogsCarryNoSecrets(t *testing.T) {
	code, stdout, stderr := runWithStdin(plantedPassword, "create", "--fake", "--verbose",
		"--display-name", "Test API", "--target-url", "https://someapi.com/api", "--username", "u", "--password-stdin")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "POST", "debug logs show the method")
	assert.NotContains(t, stdout+stderr, plantedPassword)
	assert.NotContains(t, stderr, "fake-token")
	assert.NotContains(t, stderr, "Bearer")
}

func TestServeRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--page-size", "0"},
		{"serve", "extra"},
		{"serve", "--seed", filepath.Join(t.TempDir(), "missing.json")},
		{"serve", "--addr", "256.0.0.1:1"},
	} {
		code, _, stderr := runWithStdin("", args...)
		assert.Equal(t, exitUsage, code, "%v: %s", args, stderr)
	}
}
