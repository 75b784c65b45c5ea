package fake_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/fuzzcorpus"
	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// The tenant every fuzzed request meets: the documented exchanges' connector ids (real
// ones and the docs' placeholders) and user flows, so that documented requests reach the
// handlers rather than a 404.
const fuzzTenant = `{
  "connectors": [
    {"id": "370eeb68-dfd3-4a47-8160-8824c2358321", "displayName": "Test API", "targetUrl": "https://someapi.com/api",
     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "MyUsername"}},
    {"id": "be1f769b-9b13-437e-b540-79a905c4932c", "displayName": "Other API", "targetUrl": "https://otherapi.com/api",
     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "other"}},
    {"id": "{id}", "displayName": "Placeholder", "targetUrl": "https://someapi.com/placeholder",
     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "p"}},
    {"id": "{identityApiConnectorId}", "displayName": "Placeholder 2", "targetUrl": "https://someapi.com/placeholder2",
     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "p2"}}
  ],
  "userFlows": [{"kind": "b2x", "id": "B2X_1_testuserflow"}, {"kind": "b2c", "id": "B2C_1_testuserflow"}]
}`

// fuzzNow is the fake's clock, so that isActive and dates are the same on every run.
var fuzzNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// fuzzPFXPassword opens the .pfx in the upload seeds.
const fuzzPFXPassword = "fuzz-pfx-password"

// TestFuzzSeedsServeHTTP keeps testdata/fuzz/FuzzServeHTTP in step with the documented
// requests, and adds a create and an upload with a real .pfx (written once: a fresh key
// differs on every run).
func TestFuzzSeedsServeHTTP(t *testing.T) {
	var seeds []fuzzcorpus.Seed
	exchanges := fuzzcorpus.DocExchanges(t, "../contract/testdata/docs")
	for i := range exchanges {
		exchanges[i].Name = fuzzcorpus.SeedName(exchanges[i].Name, "")
	}
	for _, ex := range fuzzcorpus.DocExchanges(t, "../contract/testdata/metadata") {
		ex.Name = "metadata-" + strings.ReplaceAll(ex.Name, "/", "-")
		exchanges = append(exchanges, ex)
	}
	for i, ex := range exchanges {
		req, err := contract.ParseRequest(bytes.NewReader(ex.Request), ex.Name)
		require.NoError(t, err)
		body, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		seeds = append(seeds, fuzzcorpus.Seed{Name: ex.Name, Values: []any{
			req.Method, req.URL.RequestURI(), fuzzHeaderLines(req.Header), body, true, uint64(2 * i),
		}})
	}
	pfx := testpfx.New(t, fuzzPFXPassword, fuzzNow.Add(-time.Hour), fuzzNow.AddDate(1, 0, 0))
	value := base64.StdEncoding.EncodeToString(pfx.Data)
	upload := fmt.Sprintf(`{"pkcs12Value":%q,"password":%q}`, value, fuzzPFXPassword)
	create := fmt.Sprintf(`{"displayName":"Cert API","targetUrl":"https://someapi.com/cert","authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":%q,"password":%q}}`, value, fuzzPFXPassword)
	jsonHeader := "Content-Type: application/json\n"
	seeds = append(seeds,
		// An odd seed plants no password, so these keep the .pfx and its password.
		fuzzcorpus.Seed{Name: "pfx-upload", Once: true, Values: []any{
			http.MethodPost, "/v1.0/identity/apiConnectors/370eeb68-dfd3-4a47-8160-8824c2358321/uploadClientCertificate", jsonHeader, []byte(upload), true, uint64(1)}},
		fuzzcorpus.Seed{Name: "pfx-create", Once: true, Values: []any{
			http.MethodPost, "/beta/identity/apiConnectors", jsonHeader, []byte(create), true, uint64(1)}},
	)
	fuzzcorpus.Sync(t, "FuzzServeHTTP", seeds)
}

func fuzzHeaderLines(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	return b.String()
}

// fuzzSecret derives a high-entropy password of 8 to 44 characters from seed.
func fuzzSecret(seed uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	sum := sha256.Sum256(b[:])
	return base64.StdEncoding.EncodeToString(sum[:6+int(seed%27)])
}

// plantFuzzSecret sets every password and pkcs12Value in a JSON body to secret; a body
// that is not JSON, or has neither, comes back as it is.
func plantFuzzSecret(body []byte, secret string) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil || dec.More() {
		return body, false
	}
	planted := false
	var walk func(any)
	walk = func(node any) {
		switch n := node.(type) {
		case map[string]any:
			for k, child := range n {
				if k == "password" || k == "pkcs12Value" {
					n[k] = secret
					planted = true
					continue
				}
				walk(child)
			}
		case []any:
			for _, child := range n {
				walk(child)
			}
		}
	}
	walk(doc)
	if !planted {
		return body, false
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return body, false
	}
	return out, true
}

// rawRequest is the request as it arrives on the wire. Content-Length is added unless the
// fuzzed headers frame the body themselves.
func rawRequest(method, target, headers string, body []byte, withToken bool) []byte {
	var b bytes.Buffer
	b.WriteString(method + " " + target + " HTTP/1.1\r\nHost: graph.microsoft.com\r\n")
	if withToken {
		b.WriteString("Authorization: Bearer fuzz-token\r\n")
	}
	framed := false
	for line := range strings.SplitSeq(headers, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		name, _, _ := strings.Cut(line, ":")
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") || strings.EqualFold(strings.TrimSpace(name), "Transfer-Encoding") {
			framed = true
		}
		b.WriteString(line + "\r\n")
	}
	if !framed {
		b.WriteString("Content-Length: " + strconv.Itoa(len(body)) + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// fuzzServer returns a fake holding fuzzTenant, with a fixed clock and ids, logging to logs.
func fuzzServer(t testing.TB, logs io.Writer) *fake.Server {
	n := 0
	s := fake.New(
		fake.WithClock(func() time.Time { return fuzzNow }),
		fake.WithIDGenerator(func() string { n++; return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }),
		fake.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	)
	require.NoError(t, s.LoadSeed(strings.NewReader(fuzzTenant)))
	return s
}

// tenantState is what a request may change: the connectors as Graph renders them and the
// documented user flows' connector bindings.
type tenantState struct {
	Connectors []gen.IdentityAPIConnector
	Flows      []string
}

var flowConfigurations = []string{
	"/beta/identity/b2xUserFlows/B2X_1_testuserflow/apiConnectorConfiguration?$expand=postFederationSignup,postAttributeCollection",
	"/beta/identity/b2cUserFlows/B2C_1_testuserflow/apiConnectorConfiguration?$expand=postFederationSignup,postAttributeCollection",
}

func stateOf(t testing.TB, s *fake.Server) tenantState {
	state := tenantState{Connectors: s.Connectors()}
	for _, target := range flowConfigurations {
		req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, target, nil)
		req.Header.Set("Authorization", "Bearer fuzz-token")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		state.Flows = append(state.Flows, rec.Body.String())
	}
	return state
}

// FuzzServeHTTP: the fake's handler, fed any request a server could read off the wire,
// never answers 5xx without an injected fault, never sends a response that breaks the
// contract, changes nothing when it refuses a request (4xx), stores what it accepts as
// the validator read it, and never lets a password planted in the body out in its answer
// or its logs.
func FuzzServeHTTP(f *testing.F) {
	var initial tenantState
	{
		var logs bytes.Buffer
		initial = stateOf(f, fuzzServer(f, &logs))
	}
	// Bodies whose names encoding/json would match although the validator does not.
	const connector = "/v1.0/identity/apiConnectors/370eeb68-dfd3-4a47-8160-8824c2358321"
	f.Add(http.MethodPatch, connector, "Content-Type: application/json\n", []byte(`{"DisplayName":"changed"}`), true, uint64(1))
	f.Add(http.MethodPatch, connector, "Content-Type: application/json\n", []byte(`{"displayName":"kept","displayName":"changed"}`), true, uint64(1))
	f.Add(http.MethodPatch, connector, "Content-Type: application/json\n", []byte(`{"targetUrl":"https://a.example","TargetUrl":"https://b.example"}`), true, uint64(1))
	f.Add(http.MethodPost, "/v1.0/identity/b2xUserFlows", "Content-Type: application/json\n",
		[]byte(`{"id":"partner","ID":"","userFlowType":"signUpOrSignIn","userFlowTypeVersion":1}`), true, uint64(1))
	f.Fuzz(func(t *testing.T, method, target, headers string, body []byte, withToken bool, seed uint64) {
		secret, planted := fuzzSecret(seed), false
		if seed%2 == 0 {
			body, planted = plantFuzzSecret(body, secret)
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(rawRequest(method, target, headers, body, withToken))))
		if err != nil {
			return // net/http refuses it with 400 before any handler runs
		}
		req.RemoteAddr = "192.0.2.1:40000"

		var logs bytes.Buffer
		s := fuzzServer(t, &logs)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)

		assert.Less(t, rec.Code, 500, "no fault was injected; body %s", rec.Body)
		assert.Empty(t, s.ContractViolations())
		if rec.Code >= 400 {
			var envelope gen.OdataError
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &envelope), "an error answers with Graph's envelope")
			assert.NotEmpty(t, envelope.Error.Code)
			assert.Equal(t, initial, stateOf(t, s), "a refused request changes nothing")
		}
		if rec.Code < 300 {
			assertStoredAsValidated(t, s, req, body, rec, initial)
		}
		if planted {
			assert.NotContains(t, rec.Body.String(), secret, "response body")
			assert.NotContains(t, fmt.Sprint(rec.Header()), secret, "response headers")
			assert.NotContains(t, logs.String(), secret, "logs")
		}
	})
}

// assertStoredAsValidated holds what an accepted create or update stored to the body as
// the validator reads it: names exactly as written, each once.
func assertStoredAsValidated(t *testing.T, s *fake.Server, req *http.Request, wire []byte, rec *httptest.ResponseRecorder, before tenantState) {
	t.Helper()
	body, err := contract.DecodeBody(req.Header, wire)
	if err != nil || len(body) == 0 {
		return
	}
	exact := map[string]string{}
	repeated := false
	if jsonwalk.Walk(body, func(m *jsonwalk.Member) {
		repeated = repeated || m.Duplicate
		if m.Kind == jsonwalk.String {
			exact[m.Pointer()] = m.Value
		}
	}) != nil {
		return
	}
	require.False(t, repeated, "a body that repeats a name is never accepted: readers disagree on it")
	after := stateOf(t, s)
	path := strings.ToLower(strings.TrimSuffix(req.URL.Path, "/"))
	if req.Method == http.MethodPost && strings.HasSuffix(path, "/identity/b2xuserflows") {
		var created struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &created))
		want := exact["/id"]
		if !strings.HasPrefix(want, "B2X_1_") {
			want = "B2X_1_" + want
		}
		assert.Equal(t, want, created.ID, "the user flow stored is the one validated")
		return
	}
	var stored, previous *gen.IdentityAPIConnector
	switch {
	case req.Method == http.MethodPost && strings.HasSuffix(path, "/identity/apiconnectors"):
		if len(after.Connectors) != len(before.Connectors)+1 {
			t.Fatalf("an accepted create stored %d connectors", len(after.Connectors)-len(before.Connectors))
		}
		stored = &after.Connectors[len(after.Connectors)-1]
	case req.Method == http.MethodPatch && strings.Contains(path, "/identity/apiconnectors/"):
		id, err := url.PathUnescape(req.URL.EscapedPath()[strings.LastIndex(req.URL.EscapedPath(), "/")+1:])
		require.NoError(t, err)
		for i := range after.Connectors {
			if after.Connectors[i].ID == id {
				stored, previous = &after.Connectors[i], &before.Connectors[i]
			}
		}
	}
	if stored == nil {
		return
	}
	fields := map[string][2]*string{"/displayName": {stored.DisplayName, nil}, "/targetUrl": {stored.TargetURL, nil}}
	if previous != nil {
		fields = map[string][2]*string{"/displayName": {stored.DisplayName, previous.DisplayName}, "/targetUrl": {stored.TargetURL, previous.TargetURL}}
	}
	for pointer, got := range fields {
		want, ok := exact[pointer]
		switch {
		case ok:
			require.NotNil(t, got[0], pointer)
			assert.Equal(t, want, *got[0], "stored %s as validated", pointer)
		case got[1] != nil:
			// Not in the body as the validator read it: an update leaves it as it was.
			assert.Equal(t, *got[1], *got[0], "%s unchanged by a body without it", pointer)
		}
	}
	if username, ok := exact["/authenticationConfiguration/username"]; ok && stored.AuthenticationConfiguration != nil {
		basic, err := stored.AuthenticationConfiguration.AsBasicAuthenticationMasked()
		require.NoError(t, err)
		require.NotNil(t, basic.Username)
		assert.Equal(t, username, *basic.Username, "stored username as validated")
	}
}
