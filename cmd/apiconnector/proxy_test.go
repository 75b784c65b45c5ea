package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/har"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

const (
	proxyToken    = "eyJ0eXAiOiJKV1Qi.proxy-token-secret"
	proxyPassword = "proxy-password-secret"
	pfxPassword   = "pfx-password-secret"
)

// startProxy runs `apiconnector proxy` in process until stop is called, and returns its root
// URL. stop returns the exit code and what it printed.
func startProxy(t *testing.T, args ...string) (root string, stop func() (int, string, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	var stderr, rest syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runProxy(ctx, append([]string{"--listen", "127.0.0.1:0"}, args...), strings.NewReader(""), stdoutW, &stderr)
		_ = stdoutW.Close()
	}()
	lines := bufio.NewScanner(stdoutR)
	require.True(t, lines.Scan(), "proxy prints its base URLs; stderr: %s", stderr.String())
	v1 := strings.TrimPrefix(lines.Text(), "v1.0: ")
	require.True(t, lines.Scan())
	copied := make(chan struct{})
	go func() { _, _ = io.Copy(&rest, stdoutR); close(copied) }()
	stopped := false
	stop = func() (int, string, string) {
		stopped = true
		cancel()
		select {
		case code := <-done:
			<-copied
			return code, rest.String(), stderr.String()
		case <-time.After(40 * time.Second):
			t.Fatal("proxy did not stop")
			return 0, "", ""
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return strings.TrimSuffix(v1, "/v1.0"), stop
}

func send(t *testing.T, method, url, token, body string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	_, err = io.Copy(io.Discard, resp.Body)
	require.NoError(t, err)
	return resp.StatusCode
}

func TestProxyAgainstServe(t *testing.T) {
	upstream := serveForTest(t)
	recording := filepath.Join(t.TempDir(), "traffic.har")
	root, stop := startProxy(t, "--upstream", upstream, "--record", recording)

	pfx := testpfx.Valid(t, pfxPassword)
	pfxValue := base64.StdEncoding.EncodeToString(pfx.Data)
	connectors := root + "/v1.0/identity/apiConnectors"
	assert.Equal(t, http.StatusCreated, send(t, http.MethodPost, connectors, proxyToken,
		`{"displayName":"Test API","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"`+proxyPassword+`"}}`))
	assert.Equal(t, http.StatusCreated, send(t, http.MethodPost, connectors, proxyToken,
		`{"displayName":"Cert API","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":"`+pfxValue+`","password":"`+pfxPassword+`"}}`))
	assert.Equal(t, http.StatusOK, send(t, http.MethodGet, connectors, proxyToken, ""))
	assert.Equal(t, http.StatusUnauthorized, send(t, http.MethodGet, connectors, "", ""), "the proxy forwards what it reports")

	code, stdout, stderr := stop()
	assert.Equal(t, exitOK, code, "without --fail-on-violation a violation does not fail: %s", stderr)
	assert.Contains(t, stdout, "4 exchanges: 3 valid, 1 invalid")
	assert.Contains(t, stderr, "kind=header", "the missing token is logged as it happens")

	data, err := os.ReadFile(recording)
	require.NoError(t, err)
	require.True(t, json.Valid(data), "the recording is complete after shutdown")
	secrets := []string{proxyToken, proxyPassword, pfxPassword, pfxValue, pfxValue[:64]}
	assertNoSecrets(t, string(data)+stdout+stderr, secrets...)

	exchanges, err := har.ReadFile(recording)
	require.NoError(t, err)
	require.Len(t, exchanges, 4)
	for _, ex := range exchanges[:3] {
		assert.Equal(t, "Bearer ******", ex.Request.Header.Get("Authorization"))
		assert.True(t, strings.HasPrefix(ex.Request.URL.String(), upstream+"/v1.0/"), ex.Request.URL.String())
	}
	body, err := io.ReadAll(exchanges[0].Request.Body)
	require.NoError(t, err)
	assert.Contains(t, string(body), `"password":"******"`)

	// The masked recording still holds to the contract, except for the request that had no token.
	code, out, _ := runCLI("validate", "--json", recording)
	assert.Equal(t, exitViolation, code)
	var report batchJSON
	require.NoError(t, json.Unmarshal([]byte(out), &report))
	assert.Equal(t, 4, report.Summary.Exchanges)
	assert.Equal(t, 1, report.Summary.Invalid)
	assert.False(t, report.Exchanges[3].Request.Valid)
}

func TestProxyFailOnViolation(t *testing.T) {
	upstream := serveForTest(t)
	root, stop := startProxy(t, "--upstream", upstream, "--fail-on-violation")
	assert.Equal(t, http.StatusOK, send(t, http.MethodGet, root+"/v1.0/identity/apiConnectors", proxyToken, ""))
	code, stdout, _ := stop()
	assert.Equal(t, exitOK, code, "every exchange was valid")
	assert.Contains(t, stdout, "1 exchanges: 1 valid, 0 invalid")

	root, stop = startProxy(t, "--upstream", upstream, "--fail-on-violation")
	assert.Equal(t, http.StatusUnauthorized, send(t, http.MethodGet, root+"/v1.0/identity/apiConnectors", "", ""))
	code, _, _ = stop()
	assert.Equal(t, exitViolation, code)
}

func TestProxyUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"proxy"}, "--upstream"},
		{[]string{"proxy", "--upstream", "ftp://x"}, "--upstream"},
		{[]string{"proxy", "--upstream", "http://graph.microsoft.com"}, "--upstream"},
		{[]string{"proxy", "--upstream", "https://graph.microsoft.com?x=1"}, "--upstream"},
		{[]string{"proxy", "--upstream", "https://graph.microsoft.com", "--listen", "0.0.0.0:0"}, "--listen"},
		{[]string{"proxy", "--upstream", "https://graph.microsoft.com", "--listen", "127.0.0.1:0", "--record", filepath.Join(t.TempDir(), "no", "such", "dir.har")}, "--record"},
		{[]string{"proxy", "--upstream", "https://graph.microsoft.com", "extra"}, "extra"},
	} {
		code, _, stderr := runCLI(tc.args...)
		assert.Equal(t, exitUsage, code, "%v", tc.args)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
	code, stdout, _ := runCLI("proxy", "--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "--fail-on-violation")
}

// TestProxyHelperProcess is the proxy as its own process, for the signal test; it does
// nothing in a normal run.
func TestProxyHelperProcess(t *testing.T) {
	if os.Getenv("APICONNECTOR_PROXY_HELPER") != "1" {
		t.Skip("runs only as the proxy process of TestProxyFinishesInFlightExchangesOnSignal")
	}
	args := strings.Split(os.Getenv("APICONNECTOR_PROXY_ARGS"), "\x1f")
	os.Exit(run(append([]string{"proxy"}, args...), os.Stdin, os.Stdout, os.Stderr))
}

func TestProxyFinishesInFlightExchangesOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			arrived := make(chan struct{}, 1)
			release := make(chan struct{})
			upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				arrived <- struct{}{}
				<-release
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors","value":[]}`)
			}))
			defer upstream.Close()
			recording := filepath.Join(t.TempDir(), "traffic.har")

			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestProxyHelperProcess$")
			cmd.Env = append(os.Environ(), "APICONNECTOR_PROXY_HELPER=1",
				"APICONNECTOR_PROXY_ARGS="+strings.Join([]string{"--listen", "127.0.0.1:0", "--upstream", upstream.URL, "--record", recording}, "\x1f"))
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr syncBuffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			lines := bufio.NewScanner(stdout)
			require.True(t, lines.Scan(), stderr.String())
			base := strings.TrimPrefix(lines.Text(), "v1.0: ")

			status := make(chan int, 1)
			go func() {
				req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, base+"/identity/apiConnectors", http.NoBody)
				if err != nil {
					status <- 0
					return
				}
				req.Header.Set("Authorization", "Bearer "+proxyToken)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					status <- 0
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				status <- resp.StatusCode
			}()
			<-arrived
			require.NoError(t, cmd.Process.Signal(sig))
			time.Sleep(200 * time.Millisecond) // the signal is handled while the exchange is in flight
			close(release)

			assert.Equal(t, http.StatusOK, <-status, "the exchange in flight is finished, not cut")
			var summary strings.Builder
			for lines.Scan() {
				summary.WriteString(lines.Text() + "\n")
			}
			require.NoError(t, cmd.Wait(), stderr.String())
			assert.Contains(t, summary.String(), "1 exchanges: 1 valid, 0 invalid")
			exchanges, err := har.ReadFile(recording)
			require.NoError(t, err)
			require.Len(t, exchanges, 1)
			assertNoSecrets(t, stderr.String(), proxyToken)
		})
	}
}
