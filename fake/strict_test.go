package fake

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fake accepts exactly what the contract accepts, and stores exactly what the
// validator saw.

func TestBodiesThatDecodeOtherwiseThanValidatedAreRefused(t *testing.T) {
	flow := `"userFlowType":"signUpOrSignIn","userFlowTypeVersion":1`
	basic := `"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"`
	cases := []struct {
		name, path, body, pointer string
	}{
		{"upper-case id beside the id", "/v1.0/identity/b2xUserFlows", `{"id":"partner","ID":"",` + flow + `}`, "/ID"},
		{"upper-case userFlowType", "/v1.0/identity/b2xUserFlows", `{"id":"partner",` + flow + `,"UserFlowType":"other"}`, "/UserFlowType"},
		{"upper-case apiConnectorConfiguration", "/v1.0/identity/b2xUserFlows",
			`{"id":"partner",` + flow + `,"ApiConnectorConfiguration":{"postFederationSignup":{"@odata.id":"https://evil.example/x"}}}`, "/ApiConnectorConfiguration"},
		{"long s in a name", "/v1.0/identity/b2xUserFlows", `{"id":"partner","userFlowType":"signUpOrSignIn","uſerFlowTypeVersion":1,"userFlowTypeVersion":1}`, "/uſerFlowTypeVersion"},
		{"undocumented userFlowType", "/v1.0/identity/b2xUserFlows", `{"id":"partner","userFlowType":"signIn","userFlowTypeVersion":1}`, "/userFlowType"},
		{"undocumented property", "/v1.0/identity/b2xUserFlows", `{"id":"partner",` + flow + `,"languages":[]}`, "/languages"},
		{"repeated id", "/v1.0/identity/b2xUserFlows", `{"id":"partner","id":"",` + flow + `}`, "/id"},
		{"repeated displayName", "/v1.0/identity/apiConnectors",
			`{"displayName":"a","displayName":"b","targetUrl":"https://a.example","authenticationConfiguration":{` + basic + `}}`, "/displayName"},
		{"nested case variant", "/v1.0/identity/apiConnectors",
			`{"displayName":"a","targetUrl":"https://a.example","authenticationConfiguration":{` + basic + `,"Username":"v"}}`, "/authenticationConfiguration/Username"},
	}
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(request{method: http.MethodPost, path: tc.path, body: tc.body})
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Contains(t, r.errorPointers(t), tc.pointer)
			})
		}
		assert.Empty(t, h.server.Connectors(), "nothing was stored")
		assert.Equal(t, http.StatusNotFound, h.get("/v1.0/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration").status)
		assert.Equal(t, http.StatusNotFound, h.get("/v1.0/identity/b2xUserFlows/B2X_1_/apiConnectorConfiguration").status)
	})
}

func TestReferencesMustNameAConnectorOfTheServiceRoot(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("v1.0", "Bound")
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		put := "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup/$ref"
		for name, ref := range map[string]string{
			"another host":    "https://evil.example/v1.0/identity/apiConnectors/" + id,
			"another scheme":  "ftp://graph.microsoft.com/v1.0/identity/apiConnectors/" + id,
			"http Graph":      "http://graph.microsoft.com/v1.0/identity/apiConnectors/" + id,
			"another entity":  "https://graph.microsoft.com/v1.0/users/" + id,
			"another version": "https://graph.microsoft.com/beta/identity/apiConnectors/" + id,
			"javascript":      "javascript:alert(1)",
			"query":           "https://graph.microsoft.com/v1.0/identity/apiConnectors/" + id + "?x=1",
			"fragment":        "https://graph.microsoft.com/v1.0/identity/apiConnectors/" + id + "#x",
			"dot segment":     "https://graph.microsoft.com/v1.0/identity/apiConnectors/%2e%2e",
			"no such":         "https://graph.microsoft.com/v1.0/identity/apiConnectors/missing",
		} {
			t.Run(name, func(t *testing.T) {
				r := h.do(request{method: http.MethodPut, path: put, body: map[string]any{"@odata.id": ref}})
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Equal(t, []string{"/@odata.id"}, r.errorPointers(t))
			})
		}
		config := h.get("/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration?$expand=postFederationSignup")
		assert.False(t, config.has(t, "/postFederationSignup"), "nothing was bound")
		good := h.do(request{method: http.MethodPut, path: put, body: map[string]any{"@odata.id": "https://graph.microsoft.com/v1.0/identity/apiConnectors/" + id}})
		assert.Equal(t, http.StatusNoContent, good.status, string(good.body))
	})
}

// rawExchange sends one HTTP/1.1 request as written to addr and returns the response,
// whose body is closed when the test ends.
//
//bodyclose:handled
func rawExchange(t *testing.T, addr, request string) *http.Response {
	t.Helper()
	conn, err := (&net.Dialer{}).DialContext(t.Context(), "tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	_, err = io.WriteString(conn, request)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

func TestLinksAreBuiltFromTheServedAddressNeverFromTheRequest(t *testing.T) {
	s := New(WithPageSize(1))
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	for range 2 {
		require.NoError(t, s.LoadSeed(strings.NewReader(`{"connectors":[{"displayName":"d","targetUrl":"https://a.example","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}}]}`)))
	}
	addr := strings.TrimPrefix(ts.URL, "http://")
	for name, head := range map[string]string{
		"hostile Host":         "GET /v1.0/identity/apiConnectors HTTP/1.1\r\nHost: evil.example\r\n",
		"absolute-form target": "GET http://evil.example/v1.0/identity/apiConnectors HTTP/1.1\r\nHost: evil.example\r\n",
		"Host with a path":     "GET /v1.0/identity/apiConnectors HTTP/1.1\r\nHost: 127.0.0.1:1@evil.example\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			resp := rawExchange(t, addr, head+"Authorization: Bearer t\r\nConnection: close\r\n\r\n")
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			if resp.StatusCode != http.StatusOK {
				// Go's server refuses some malformed Host values itself (see the README).
				assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
				assert.NotContains(t, string(body), "evil.example")
				return
			}
			r := reply{status: resp.StatusCode, header: resp.Header, body: body}
			assert.True(t, strings.HasPrefix(r.str(t, "/@odata.context"), ts.URL+"/v1.0/"), r.str(t, "/@odata.context"))
			assert.True(t, strings.HasPrefix(r.str(t, "/@odata.nextLink"), ts.URL+"/v1.0/"), r.str(t, "/@odata.nextLink"))
			assert.NotContains(t, string(body), "evil.example")
		})
	}
}

// A body that never finishes arriving ends in an answer or a closed connection, not a
// connection held open for as long as the client likes.
func TestSlowBodyIsCut(t *testing.T) {
	ts := httptest.NewServer(New(WithBodyTimeout(50 * time.Millisecond)))
	t.Cleanup(ts.Close)
	conn, err := (&net.Dialer{}).DialContext(t.Context(), "tcp", strings.TrimPrefix(ts.URL, "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	_, err = io.WriteString(conn, "POST /v1.0/identity/apiConnectors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"+
		"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"displayName\":")
	require.NoError(t, err)
	// The guard only keeps a broken fake from hanging the suite; the server ends the
	// exchange long before it.
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(time.Minute)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err == nil {
		defer func() { _ = resp.Body.Close() }()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "the body could not be read")
		return
	}
	var netErr net.Error
	require.False(t, errors.As(err, &netErr) && netErr.Timeout(), "the client's guard, not the server, ended the wait")
}
