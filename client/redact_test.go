package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// Planted secrets: unique strings that must never show up outside the request bodies
// and the Authorization header.
const (
	leakPassword    = "basic-pw-LEAK-7f3a9c"
	leakPFXPassword = "pfx-pw-LEAK-51c0d2"
	leakToken       = "bearer-LEAK-8d2e4a6b"
)

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"}

// secretsOf lists the forms in which the planted secrets could leak: the strings, and the
// .pfx raw, base64 and hex (prefixes catch a truncated print).
func secretsOf(pfx []byte) []string {
	b64 := base64.StdEncoding.EncodeToString(pfx)
	hx := hex.EncodeToString(pfx)
	return []string{
		leakPassword, leakPFXPassword, leakToken,
		string(pfx[8:40]), b64[12:60], hx[16:80], strings.ToUpper(hx[16:80]),
		hex.EncodeToString([]byte(leakPassword)), hex.EncodeToString([]byte(leakToken)),
	}
}

func assertNoSecret(t *testing.T, secrets []string, where, text string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s leaks a secret (%q...)", where, s[:6])
		}
	}
}

func TestFormattingMasksSecrets(t *testing.T) {
	pfx := testpfx.Valid(t, leakPFXPassword)
	secrets := secretsOf(pfx.Data)
	g := newGraph(t, nil)
	c, err := client.New(client.WithBaseURL(g.root()), client.WithStaticToken(leakToken))
	require.NoError(t, err)

	basic := client.BasicAuth{Username: "user", Password: leakPassword}
	cert := client.PKCS12{Value: pfx.Data, Password: leakPFXPassword}
	conn := client.Connector{ID: "id", DisplayName: "name", TargetURL: "https://x.example", Auth: basic}
	certConn := client.Connector{ID: "id", DisplayName: "name", TargetURL: "https://x.example", Auth: &cert}
	update := client.ConnectorUpdate{DisplayName: ptr("n"), Auth: cert}
	unknown := client.UnknownAuth{Type: "#x", Raw: json.RawMessage(`{"@odata.type":"#x","secret":"` + leakPassword + `"}`)}
	_, verr := c.Create(context.Background(), client.Connector{DisplayName: "", TargetURL: "x", Auth: client.BasicAuth{Password: leakPassword}})
	require.Error(t, verr)

	values := map[string]any{
		"BasicAuth":             basic,
		"*BasicAuth":            &basic,
		"PKCS12":                cert,
		"*PKCS12":               &cert,
		"UnknownAuth":           unknown,
		"Connector":             conn,
		"*Connector":            &certConn,
		"ConnectorUpdate":       update,
		"*ConnectorUpdate":      &update,
		"*Client":               c,
		"Client":                *c,
		"Page":                  client.Page{Connectors: []client.Connector{conn, certConn}},
		"UserFlowConfiguration": client.UserFlowConfiguration{PostFederationSignup: &conn, PostAttributeCollection: &certConn},
		"[]Auth":                []client.Auth{basic, cert, unknown},
		"map":                   map[string]client.Connector{"a": conn},
		"ValidationError":       verr,
		"struct holding them":   struct{ A, B any }{conn, cert},
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			for _, verb := range verbs {
				assertNoSecret(t, secrets, verb, fmt.Sprintf(verb, v))
			}
			if s, ok := v.(fmt.Stringer); ok {
				assertNoSecret(t, secrets, "String", s.String())
			}
			if s, ok := v.(fmt.GoStringer); ok {
				assertNoSecret(t, secrets, "GoString", s.GoString())
			}
			if j, err := json.Marshal(v); err == nil {
				assertNoSecret(t, secrets, "JSON", string(j))
			}
			for _, h := range logHandlers() {
				slog.New(h.handler).Info("value", "v", v)
				assertNoSecret(t, secrets, h.name+" log", h.buf.String())
			}
		})
	}
}

type capturedHandler struct {
	name    string
	buf     *bytes.Buffer
	handler slog.Handler
}

func logHandlers() []capturedHandler {
	var text, js bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return []capturedHandler{
		{"text", &text, slog.NewTextHandler(&text, opts)},
		{"json", &js, slog.NewJSONHandler(&js, opts)},
	}
}

func TestFormattingStillShowsThePublicParts(t *testing.T) {
	conn := client.Connector{ID: "the-id", DisplayName: "the-name", TargetURL: "https://x.example", Auth: client.BasicAuth{Username: "the-user", Password: "pw"}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, conn)
		for _, part := range []string{"the-id", "the-name", "https://x.example", "the-user", "******"} {
			assert.Contains(t, out, part, verb)
		}
	}
	assert.Contains(t, fmt.Sprintf("%#v", conn), "client.Connector{")
	assert.Contains(t, fmt.Sprintf("%#v", conn), "client.BasicAuth{")

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("c", "conn", conn)
	var rec struct {
		Conn struct {
			ID   string `json:"id"`
			Auth struct {
				Username string `json:"username"`
				Password string `json:"password"`
			} `json:"auth"`
		} `json:"conn"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec))
	assert.Equal(t, "the-id", rec.Conn.ID)
	assert.Equal(t, "the-user", rec.Conn.Auth.Username)
	assert.Equal(t, "******", rec.Conn.Auth.Password)
}

// TestFullRunLeaksNothing runs every operation with debug logging on, against a Graph
// that sees the secrets (proving they were used), and checks that logs, errors and their
// JSON never hold them.
func TestFullRunLeaksNothing(t *testing.T) {
	pfx := testpfx.Valid(t, leakPFXPassword)
	secrets := secretsOf(pfx.Data)
	g := newGraph(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/apiConnectors"):
			writeJSON(w, http.StatusOK, `{"value":[`+basicConnectorJSON+`]}`)
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/apiConnectorConfiguration"):
			writeJSON(w, http.StatusOK, `{"postFederationSignup":`+basicConnectorJSON+`}`)
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/missing"):
			writeJSON(w, http.StatusNotFound, graphError("itemNotFound", "no such connector"))
		case r.Method == http.MethodGet:
			writeJSON(w, http.StatusOK, basicConnectorJSON)
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/uploadClientCertificate"):
			writeJSON(w, http.StatusOK, `{"id":"abc","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[]}}`)
		case r.Method == http.MethodPost && n == 0:
			writeJSON(w, http.StatusTooManyRequests, graphError("TooManyRequests", "later"), "Retry-After", "1")
		case r.Method == http.MethodPost:
			writeJSON(w, http.StatusCreated, basicConnectorJSON)
		case r.Method == http.MethodPatch && strings.HasSuffix(r.URL.Path, "/conflict"):
			writeJSON(w, http.StatusConflict, graphError("conflict", "exists"))
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clock := newRecordingClock()
	c, err := client.New(client.WithBaseURL(g.root()), client.WithStaticToken(leakToken), client.WithLogger(logger), client.WithClock(clock))
	require.NoError(t, err)

	ctx := context.Background()
	basic := client.BasicAuth{Username: "user", Password: leakPassword}
	cert := client.PKCS12{Value: pfx.Data, Password: leakPFXPassword}
	var errs []error
	record := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	_, err = c.Create(ctx, client.Connector{DisplayName: "d", TargetURL: "https://x.example", Auth: basic})
	require.NoError(t, err)
	_, err = c.Create(ctx, client.Connector{DisplayName: "d", TargetURL: "https://x.example", Auth: cert})
	require.NoError(t, err)
	require.NoError(t, c.Update(ctx, "abc", client.ConnectorUpdate{Auth: basic}))
	record(c.Update(ctx, "conflict", client.ConnectorUpdate{Auth: cert}))
	_, err = c.UploadClientCertificate(ctx, "abc", pfx.Data, pfx.Password)
	require.NoError(t, err)
	_, err = c.Get(ctx, "abc")
	require.NoError(t, err)
	_, err = c.Get(ctx, "missing")
	record(err)
	for _, err := range c.List(ctx, client.ListOptions{Top: 10}) {
		require.NoError(t, err)
	}
	require.NoError(t, c.Attach(ctx, client.B2X, "B2X_1_f", client.PostFederationSignup, "abc"))
	_, err = c.UserFlowConfiguration(ctx, client.B2X, "B2X_1_f")
	require.NoError(t, err)
	require.NoError(t, c.Detach(ctx, client.B2X, "B2X_1_f", client.PostFederationSignup))
	require.NoError(t, c.Delete(ctx, "abc"))
	_, err = c.Create(ctx, client.Connector{TargetURL: "x", Auth: client.BasicAuth{Password: leakPassword}})
	record(err)
	_, err = c.UploadClientCertificate(ctx, "abc", pfx.Data, leakPassword)
	record(err)
	record(errors.Join(client.ErrOutcomeUnknown, client.ErrNotFound))

	// The secrets were used where they belong.
	var sawToken, sawPassword, sawPFX bool
	for _, r := range g.requests() {
		sawToken = sawToken || r.Header.Get("Authorization") == "Bearer "+leakToken
		sawPassword = sawPassword || bytes.Contains(r.Body, []byte(leakPassword))
		sawPFX = sawPFX || bytes.Contains(r.Body, []byte(base64.StdEncoding.EncodeToString(pfx.Data)))
	}
	require.True(t, sawToken && sawPassword && sawPFX, "the run used every secret")

	require.Len(t, errs, 5)
	for _, err := range errs {
		assertNoSecret(t, secrets, "Error()", err.Error())
		for _, verb := range verbs {
			assertNoSecret(t, secrets, "error "+verb, fmt.Sprintf(verb, err))
		}
		var graphErr *client.Error
		if errors.As(err, &graphErr) {
			j, err := json.Marshal(graphErr)
			require.NoError(t, err)
			assertNoSecret(t, secrets, "*Error JSON", string(j))
		}
		var verr *client.ValidationError
		if errors.As(err, &verr) {
			j, err := json.Marshal(verr)
			require.NoError(t, err)
			assertNoSecret(t, secrets, "*ValidationError JSON", string(j))
		}
	}
	require.NotEmpty(t, logs.String())
	assert.Contains(t, logs.String(), "attempt=2", "the throttled create was logged")
	assertNoSecret(t, secrets, "debug log", logs.String())
	assert.NotContains(t, strings.ToLower(logs.String()), "authorization")
}
