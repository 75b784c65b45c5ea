package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// secServe runs `serve` with args until the test ends; it returns the v1.0 base URL line's
// root and what serve wrote to stderr so far.
func secServe(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- runServe(ctx, args, strings.NewReader(""), stdoutW, stderr)
		_ = stdoutW.Close()
	}()
	lines := bufio.NewScanner(stdoutR)
	if !lines.Scan() {
		// serve ended without listening; its stderr says why.
		cancel()
		<-done
		return "", stderr
	}
	root := strings.TrimSuffix(strings.TrimPrefix(lines.Text(), "v1.0: "), "/v1.0")
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			assert.Equal(t, exitOK, code, "serve stops when its context ends: %s", stderr.String())
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop when its context ended")
		}
	})
	return root, stderr
}

func TestServeBindsToLoopbackByDefault(t *testing.T) {
	root, stderr := secServe(t)
	if root == "" {
		// The default port is taken on this machine (another serve, say); nothing to observe.
		t.Skipf("serve could not listen on its default address: %s", stderr.String())
	}
	u, err := url.Parse(root)
	require.NoError(t, err)
	ip := net.ParseIP(u.Hostname())
	require.NotNil(t, ip, "serve prints an IP address: %s", root)
	assert.True(t, ip.IsLoopback(), "default address %s", root)
	assert.NotContains(t, stderr.String(), "warning")
}

func TestServeWarnsWhenNotOnLoopback(t *testing.T) {
	tests := []struct {
		addr     string
		loopback bool
	}{
		{"0.0.0.0:0", false},
		{"127.0.0.1:0", true},
		{"localhost:0", true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			root, stderr := secServe(t, "--addr", tt.addr)
			require.NotEmpty(t, root, "serve listens: %s", stderr.String())
			u, err := url.Parse(root)
			require.NoError(t, err)
			assert.Equal(t, tt.loopback, net.ParseIP(u.Hostname()).IsLoopback(), root)
			if tt.loopback {
				assert.NotContains(t, stderr.String(), "warning")
			} else {
				assert.Contains(t, stderr.String(), "warning")
			}
		})
	}
}

// secretsOnDisk lists the files under dirs that contain any of secrets.
func secretsOnDisk(t *testing.T, secrets []string, dirs ...string) []string {
	t.Helper()
	var found []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
					found = append(found, path)
				}
			}
			return nil
		})
		require.NoError(t, err)
	}
	return found
}

// TestCLIWritesNoSecretToDisk runs the commands that take secrets, against the in-process
// fake and against serve, from a fresh HOME and working directory, then reads every file
// in both: none may hold a password, the .pfx (as base64) or the token.
func TestCLIWritesNoSecretToDisk(t *testing.T) {
	const (
		basicPassword    = "disk-basic-pw-8c2f4a"
		envBasicPassword = "disk-env-pw-19d3b7"
		newPassword      = "disk-new-pw-e41a06"
		pfxPassword      = "disk-pfx-pw-5f77c9"
		token            = "disk-token-a93e12"
		wrongPassword    = "disk-wrong-pw-0b6d3e"
		missingID        = "00000000-0000-0000-0000-000000000000"
		displayName      = "Disk API"
		targetURL        = "https://someapi.com/api"
	)
	home, work, inputs := t.TempDir(), t.TempDir(), t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(home, "tmp"), 0o700))
	t.Setenv("HOME", home)
	t.Setenv("TMPDIR", filepath.Join(home, "tmp"))
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"} {
		t.Setenv(v, "")
	}
	// Unset, and restored when the test ends.
	for _, v := range []string{envPassword, envPKCS12Password, envToken} {
		t.Setenv(v, "")
		require.NoError(t, os.Unsetenv(v))
	}
	t.Chdir(work)

	pfx := testpfx.Valid(t, pfxPassword)
	pfxPath := filepath.Join(inputs, "client.pfx")
	require.NoError(t, os.WriteFile(pfxPath, pfx.Data, 0o600))
	secrets := []string{basicPassword, envBasicPassword, newPassword, pfxPassword, token, wrongPassword, base64.StdEncoding.EncodeToString(pfx.Data)}

	root, _ := secServe(t, "--addr", "127.0.0.1:0")
	require.NotEmpty(t, root)

	var outputs strings.Builder
	runCmd := func(stdin string, env map[string]string, wantCode int, args ...string) string {
		t.Helper()
		for k, v := range env {
			t.Setenv(k, v)
		}
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(stdin), &out, &errOut)
		for k := range env {
			require.NoError(t, os.Unsetenv(k))
		}
		assert.Equal(t, wantCode, code, "%v: %s", args, errOut.String())
		outputs.WriteString(out.String() + errOut.String())
		return out.String()
	}
	basic := []string{"--display-name", displayName, "--target-url", targetURL, "--username", "u"}
	withPFX := []string{"--display-name", displayName, "--target-url", targetURL, "--pkcs12-file", pfxPath}

	// In-process fake: every secret-taking path, including the ones that fail at Graph.
	for _, verbose := range [][]string{nil, {"--verbose"}} {
		fakeArgs := append([]string{"--fake"}, verbose...)
		runCmd(basicPassword, nil, exitOK, append(append([]string{"create"}, fakeArgs...), append(basic, "--password-stdin")...)...)
		runCmd("", map[string]string{envPassword: envBasicPassword}, exitOK, append(append([]string{"create"}, fakeArgs...), basic...)...)
		runCmd(pfxPassword, nil, exitOK, append(append([]string{"create"}, fakeArgs...), append(withPFX, "--pkcs12-password-stdin")...)...)
		runCmd(wrongPassword, nil, exitUsage, append(append([]string{"create"}, fakeArgs...), append(withPFX, "--pkcs12-password-stdin")...)...)
		runCmd(newPassword, nil, exitGraphError, append([]string{"update", missingID, "--username", "u", "--password-stdin"}, fakeArgs...)...)
		runCmd(pfxPassword, nil, exitGraphError, append([]string{"update", missingID, "--pkcs12-file", pfxPath, "--pkcs12-password-stdin"}, fakeArgs...)...)
		runCmd(pfxPassword, nil, exitGraphError, append([]string{"upload-cert", missingID, "--pkcs12-file", pfxPath, "--pkcs12-password-stdin"}, fakeArgs...)...)
		runCmd("", map[string]string{envPKCS12Password: pfxPassword}, exitGraphError, append([]string{"upload-cert", missingID, "--pkcs12-file", pfxPath}, fakeArgs...)...)
	}

	// serve over loopback HTTP: the same commands succeed against one tenant.
	target := []string{"--base-url", root}
	tokenEnv := map[string]string{envToken: token}
	created := runCmd(basicPassword, tokenEnv, exitOK, append(append([]string{"create"}, target...), append(basic, "--password-stdin", "--verbose")...)...)
	var conn connectorOutput
	require.NoError(t, json.Unmarshal([]byte(created), &conn), created)
	runCmd(newPassword, tokenEnv, exitOK, append([]string{"update", conn.ID, "--username", "u2", "--password-stdin", "--verbose"}, target...)...)
	runCmd(pfxPassword, tokenEnv, exitOK, append([]string{"update", conn.ID, "--pkcs12-file", pfxPath, "--pkcs12-password-stdin"}, target...)...)
	runCmd(pfxPassword, tokenEnv, exitOK, append([]string{"upload-cert", conn.ID, "--pkcs12-file", pfxPath, "--pkcs12-password-stdin", "--verbose"}, target...)...)
	runCmd("", tokenEnv, exitOK, append([]string{"get", conn.ID, "--output", "table"}, target...)...)
	runCmd("", tokenEnv, exitOK, append([]string{"list", "--verbose"}, target...)...)

	assert.Empty(t, secretsOnDisk(t, secrets, home, work), "files holding a secret")
	for _, s := range secrets {
		assert.NotContains(t, outputs.String(), s, "stdout or stderr")
	}
}
