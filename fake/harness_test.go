package fake

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testToken is the bearer token the harness sends; the fake accepts any by default.
const testToken = "test-token"

// mode is one way of reaching the fake: over a socket or in process.
type mode struct {
	name  string
	start func(t *testing.T, s *Server) (root string, client *http.Client)
}

var modes = []mode{
	{name: "httptest", start: func(t *testing.T, s *Server) (string, *http.Client) {
		ts := httptest.NewServer(s)
		t.Cleanup(ts.Close)
		return ts.URL, ts.Client()
	}},
	{name: "transport", start: func(_ *testing.T, s *Server) (string, *http.Client) {
		return "https://graph.microsoft.com", &http.Client{Transport: s.Transport()}
	}},
}

// harness sends requests to one fake and checks, when the test ends, that the fake never
// had to refuse one of its own responses.
type harness struct {
	t      *testing.T
	server *Server
	client *http.Client
	root   string // scheme://host, without version
}

// forEachMode runs test against a fresh fake reached over httptest and over Transport.
func forEachMode(t *testing.T, opts []Option, test func(t *testing.T, h *harness)) {
	t.Helper()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			test(t, newHarness(t, m, opts...))
		})
	}
}

func newHarness(t *testing.T, m mode, opts ...Option) *harness {
	t.Helper()
	s := New(opts...)
	root, client := m.start(t, s)
	t.Cleanup(func() { assert.Empty(t, s.ContractViolations(), "the fake refused its own responses") })
	return &harness{t: t, server: s, client: client, root: root}
}

// reply is a response read whole.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// request describes a request; the zero value is an authenticated GET with no body.
type request struct {
	method  string
	path    string            // from the version on, e.g. /v1.0/identity/apiConnectors
	body    any               // string or []byte sent as is, anything else as JSON
	header  map[string]string // added or, with "", removed
	context context.Context
}

// send sends req. It reports failures as errors, so that goroutines can use it.
func (h *harness) send(req request) (reply, error) {
	var body io.Reader
	switch b := req.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return reply{}, err
		}
		body = bytes.NewReader(data)
	}
	ctx := req.context
	if ctx == nil {
		ctx = context.Background()
	}
	method := req.method
	if method == "" {
		method = http.MethodGet
	}
	target := req.path
	if !strings.HasPrefix(target, "http") {
		target = h.root + req.path
	}
	httpReq, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return reply{}, err
	}
	httpReq.Header.Set("Authorization", "Bearer "+testToken)
	if body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	for name, value := range req.header {
		if value == "" {
			httpReq.Header.Del(name)
		} else {
			httpReq.Header.Set(name, value)
		}
	}
	resp, err := h.client.Do(httpReq)
	if err != nil {
		return reply{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, err
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// do sends req and fails the test when no response comes back.
func (h *harness) do(req request) reply {
	h.t.Helper()
	r, err := h.send(req)
	require.NoError(h.t, err)
	return r
}

func (h *harness) get(path string) reply { return h.do(request{path: path}) }

// createBasic creates a connector with basic authentication and returns its id.
func (h *harness) createBasic(version, name string) string {
	h.t.Helper()
	r := h.do(request{method: http.MethodPost, path: "/" + version + "/identity/apiConnectors", body: basicConnector(name, "user", "pa55word")})
	require.Equal(h.t, http.StatusCreated, r.status, string(r.body))
	return r.str(h.t, "/id")
}

func basicConnector(name, username, password string) map[string]any {
	return map[string]any{
		"displayName": name,
		"targetUrl":   "https://api.example.com/" + strings.ReplaceAll(name, " ", "-"),
		"authenticationConfiguration": map[string]any{
			"@odata.type": "#microsoft.graph.basicAuthentication",
			"username":    username,
			"password":    password,
		},
	}
}

func pkcs12Config(pfx []byte, password string) map[string]any {
	return map[string]any{
		"@odata.type": "#microsoft.graph.pkcs12Certificate",
		"pkcs12Value": base64.StdEncoding.EncodeToString(pfx),
		"password":    password,
	}
}

// doc decodes the body as JSON.
func (r reply) doc(t *testing.T) any {
	t.Helper()
	var doc any
	require.NoError(t, json.Unmarshal(r.body, &doc), "body: %s", r.body)
	return doc
}

// at returns the value at a JSON pointer of the body.
func (r reply) at(t *testing.T, pointer string) any {
	t.Helper()
	v, ok := lookup(r.doc(t), pointer)
	require.True(t, ok, "no %s in %s", pointer, r.body)
	return v
}

func (r reply) str(t *testing.T, pointer string) string {
	t.Helper()
	s, ok := r.at(t, pointer).(string)
	require.True(t, ok, "%s is not a string in %s", pointer, r.body)
	return s
}

func (r reply) has(t *testing.T, pointer string) bool {
	t.Helper()
	_, ok := lookup(r.doc(t), pointer)
	return ok
}

// errorCode is the Graph error code of an error response.
func (r reply) errorCode(t *testing.T) string { return r.str(t, "/error/code") }

// errorPointers are the JSON pointers an invalidRequest message names: the message is
// "<pointer>: <text>; <pointer>: <text>", and only the pointers are contractual.
func (r reply) errorPointers(t *testing.T) []string {
	t.Helper()
	var pointers []string
	for _, part := range strings.Split(r.str(t, "/error/message"), "; ") {
		pointer, _, ok := strings.Cut(part, ": ")
		require.True(t, ok, "message part %q names no pointer", part)
		pointers = append(pointers, pointer)
	}
	return pointers
}

func lookup(doc any, pointer string) (any, bool) {
	if pointer == "" {
		return doc, true
	}
	for _, token := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		switch node := doc.(type) {
		case map[string]any:
			v, ok := node[token]
			if !ok {
				return nil, false
			}
			doc = v
		case []any:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			doc = node[i]
		default:
			return nil, false
		}
	}
	return doc, true
}

// requireGraphError checks the status, the code and that the envelope has the ids.
func requireGraphError(t *testing.T, r reply, status int, code string) {
	t.Helper()
	require.Equal(t, status, r.status, "body: %s", r.body)
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Equal(t, code, r.errorCode(t))
	assert.Equal(t, r.header.Get("request-id"), r.str(t, "/error/innerError/request-id"))
}
