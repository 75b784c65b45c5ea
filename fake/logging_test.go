package fake

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// syncBuffer is a log sink the server's goroutines can write to while the test reads it.
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

func TestSecretsNeverReachLogsResponsesOrTheStore(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			unique := strings.ReplaceAll(newUUID(), "-", "")
			basicPassword := "basic-pw-" + unique
			newBasicPassword := "new-basic-pw-" + unique
			pfxPassword := "pfx-pw-" + unique
			wrongPFXPassword := "wrong-pfx-pw-" + unique
			token := "token-" + unique
			pfx := testpfx.Valid(t, pfxPassword)
			pfxBase64 := base64.StdEncoding.EncodeToString(pfx.Data)
			secrets := []string{basicPassword, newBasicPassword, pfxPassword, wrongPFXPassword, token, pfxBase64, string(pfx.Data)}

			logs := &syncBuffer{}
			logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			check := func(tok string) error {
				if tok == token {
					return nil
				}
				return errors.New("rejected " + tok)
			}
			h := newHarness(t, m, WithLogger(logger), WithTokenCheck(check))
			h.server.SeedUserFlow(B2X, "B2X_1_flow")

			var responses []string
			send := func(req request) reply {
				t.Helper()
				req.header = mergeHeaders(map[string]string{"Authorization": "Bearer " + token}, req.header)
				r := h.do(req)
				responses = append(responses, fmt.Sprint(r.header)+string(r.body))
				return r
			}

			created := send(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: basicConnector("Secretive", "user", basicPassword)})
			require.Equal(t, http.StatusCreated, created.status, string(created.body))
			id := created.str(t, "/id")
			withCert := basicConnector("Certified", "user", "")
			withCert["authenticationConfiguration"] = pkcs12Config(pfx.Data, pfxPassword)
			require.Equal(t, http.StatusCreated, send(request{method: http.MethodPost, path: "/beta/identity/apiConnectors", body: withCert}).status)

			steps := []struct {
				req    request
				status int
			}{
				{request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + id,
					body: map[string]any{"authenticationConfiguration": basicConnector("", "user2", newBasicPassword)["authenticationConfiguration"]}}, http.StatusNoContent},
				{request{path: "/v1.0/identity/apiConnectors/" + id}, http.StatusOK},
				{request{path: "/v1.0/identity/apiConnectors"}, http.StatusOK},
				{request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup/$ref",
					body: map[string]any{"@odata.id": "https://graph.microsoft.com/v1.0/identity/apiConnectors/" + id}}, http.StatusNoContent},
				{request{path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration?$expand=postFederationSignup"}, http.StatusOK},
				{request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/" + id + "/uploadClientCertificate",
					body: map[string]any{"pkcs12Value": pfxBase64, "password": pfxPassword}}, http.StatusOK},
				{request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/" + id + "/uploadClientCertificate",
					body: map[string]any{"pkcs12Value": pfxBase64, "password": wrongPFXPassword}}, http.StatusBadRequest},
				{request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + id,
					body: map[string]any{"authenticationConfiguration": pkcs12Config(pfx.Data, wrongPFXPassword)}}, http.StatusBadRequest},
				// Invalid requests carrying secrets: violation messages must not quote them.
				{request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: map[string]any{"displayName": 1, "targetUrl": basicPassword,
					"authenticationConfiguration": map[string]any{"@odata.type": "#microsoft.graph.basicAuthentication", "username": "u", "password": basicPassword, "extra": pfxPassword}}}, http.StatusBadRequest},
				{request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/" + id + "/uploadClientCertificate",
					body: map[string]any{"pkcs12Value": pfxBase64 + "!", "password": 5}}, http.StatusBadRequest},
				{request{path: "/v1.0/identity/apiConnectors", header: map[string]string{"Authorization": "Bearer other-" + token}}, http.StatusUnauthorized},
				{request{path: "/v1.0/identity/apiConnectors", header: map[string]string{"Authorization": "Basic " + token}}, http.StatusUnauthorized},
			}
			for i, step := range steps {
				r := send(step.req)
				assert.Equal(t, step.status, r.status, "step %d: %s", i, r.body)
			}
			h.server.DropNext(1, DropAfterProcessing)
			_, err := h.send(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors",
				body: basicConnector("Dropped", "user", basicPassword), header: map[string]string{"Authorization": "Bearer " + token}})
			require.Error(t, err)

			logged := logs.String()
			stored := fmt.Sprintf("%#v", h.server.store.allConnectors())
			for _, secret := range secrets {
				assert.NotContains(t, logged, secret, "log")
				assert.NotContains(t, stored, secret, "store")
				for i, body := range responses {
					assert.NotContains(t, body, secret, "response %d", i)
				}
			}
			assertLogLines(t, logged)
		})
	}
}

// assertLogLines checks that every request was logged with its method, path, status and
// request-id, and nothing else of the request.
func assertLogLines(t *testing.T, logged string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(logged), "\n")
	require.NotEmpty(t, lines)
	for _, line := range lines {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), line)
		if entry["msg"] != "fake: request" {
			continue
		}
		assert.Contains(t, []any{"GET", "POST", "PATCH", "PUT", "DELETE"}, entry["method"])
		assert.True(t, strings.HasPrefix(entry["path"].(string), "/"), line)
		assert.NotContains(t, entry["path"], "?", "no query string")
		assert.Regexp(t, uuidPattern, entry["request-id"])
		assert.Contains(t, entry, "status")
	}
}
