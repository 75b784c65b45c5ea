package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

const (
	fuzzCLIPassword = "fuzz-cli-pw-Bv83kQ1z"
	fuzzCLIToken    = "fuzz-cli-token-Ww52pX0r"
	fuzzCLIMarker   = "@@SECRET@@"
)

// FuzzCLIOutput: whatever the endpoint answers a create, with the password read from
// standard input or the token from APICONNECTOR_TOKEN planted in any spelling, neither
// appears on the command's stdout or stderr.
func FuzzCLIOutput(f *testing.F) {
	var mu sync.Mutex
	var status int
	var answer []byte
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(answer)
	}))
	f.Cleanup(endpoint.Close)
	f.Setenv(envToken, fuzzCLIToken)

	var spellings []string
	for _, s := range []string{fuzzCLIPassword, fuzzCLIToken} {
		var escaped strings.Builder
		for _, r := range s {
			fmt.Fprintf(&escaped, `\u%04x`, r)
		}
		spellings = append(append(spellings, secret.TextForms(s)...), escaped.String())
	}
	f.Add(400, []byte(`{"error":{"code":"@@SECRET@@","message":"password @@SECRET@@"}}`), uint8(0))
	f.Add(201, []byte(`{"id":"a","displayName":"@@SECRET@@","targetUrl":"https://a.example","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"@@SECRET@@","password":"@@SECRET@@"}}`), uint8(3))
	f.Add(201, []byte(`{"id":"a","authenticationConfiguration":{"@odata.type":"#x","v":"@@SECRET@@"}}`), uint8(6))
	f.Add(500, []byte(`@@SECRET@@`), uint8(7))
	f.Fuzz(func(t *testing.T, code int, body []byte, form uint8) {
		switch {
		case code < 200 || code > 599 || (code >= 300 && code < 400):
			code = http.StatusBadRequest
		case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
			// Retried after real waits; the client's own fuzz target covers them.
			code = http.StatusInternalServerError
		}
		planted := bytes.ReplaceAll(body, []byte(fuzzCLIMarker), []byte(spellings[int(form)%len(spellings)]))
		mu.Lock()
		status, answer = code, planted
		mu.Unlock()
		_, stdout, stderr := runWithStdin(fuzzCLIPassword+"\n", "create", "--base-url", endpoint.URL, "--verbose",
			"--display-name", "d", "--target-url", "https://a.example", "--username", "u", "--password-stdin")
		for _, s := range spellings {
			require.NotContains(t, stdout+stderr, s)
		}
	})
}
