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
	Connectors []gen.IdentityApiConnector
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
// contract, changes nothing when it refuses a request (4xx), and never lets a password
// planted in the body out in its answer or its logs.
func FuzzServeHTTP(f *testing.F) {
	var initial tenantState
	{
		var logs bytes.Buffer
		initial = stateOf(f, fuzzServer(f, &logs))
	}
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
		if planted {
			assert.NotContains(t, rec.Body.String(), secret, "response body")
			assert.NotContains(t, fmt.Sprint(rec.Header()), secret, "response headers")
			assert.NotContains(t, logs.String(), secret, "logs")
		}
	})
}
