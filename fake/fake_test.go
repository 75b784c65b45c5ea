package fake

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/gen"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestEveryResponseCarriesRequestIDAndEchoesClientRequestID(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name   string
			req    request
			status int
		}{
			{"success", request{path: "/v1.0/identity/apiConnectors"}, http.StatusOK},
			{"not found", request{path: "/v1.0/identity/apiConnectors/missing"}, http.StatusNotFound},
			{"unauthenticated", request{path: "/beta/identity/apiConnectors", header: map[string]string{"Authorization": ""}}, http.StatusUnauthorized},
			{"unknown path", request{path: "/v1.0/identity/nothing"}, http.StatusBadRequest},
		}
		seen := map[string]bool{}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				tc.req.header = mergeHeaders(tc.req.header, map[string]string{"client-request-id": "client-" + tc.name})
				r := h.do(tc.req)
				require.Equal(t, tc.status, r.status, string(r.body))
				id := r.header.Get("request-id")
				assert.Regexp(t, uuidPattern, id)
				assert.False(t, seen[id], "request-id reused")
				seen[id] = true
				assert.Equal(t, "client-"+tc.name, r.header.Get("client-request-id"))
				if r.status >= 400 {
					assert.Equal(t, "client-"+tc.name, r.str(t, "/error/innerError/client-request-id"))
				}
			})
		}
	})
}

func mergeHeaders(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func TestPathsMatchCaseInsensitivelyAndWithATrailingSlash(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("v1.0", "Cased")
		for _, path := range []string{
			"/v1.0/identity/apiConnectors/",
			"/v1.0/IDENTITY/apiconnectors",
			"/beta/identity/ApiConnectors/",
		} {
			r := h.get(path)
			assert.Equal(t, http.StatusOK, r.status, path)
		}
		r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiconnectors/" + id + "/uploadclientcertificate",
			body: map[string]any{"pkcs12Value": "AAAA", "password": ""}})
		// Routed to uploadClientCertificate: the PFX, not the path, is what is wrong.
		requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
		assert.Equal(t, []string{"/pkcs12Value"}, r.errorPointers(t))
	})
}

func TestUnroutableRequests(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name   string
			req    request
			status int
			code   string
			allow  string
		}{
			{"unknown path", request{path: "/v1.0/identity/widgets"}, http.StatusBadRequest, codeBadRequest, ""},
			{"unknown version", request{path: "/v2.0/identity/apiConnectors"}, http.StatusBadRequest, codeBadRequest, ""},
			{"no version", request{path: "/identity/apiConnectors"}, http.StatusBadRequest, codeBadRequest, ""},
			{"dot segment", request{path: "/v1.0/identity/apiConnectors/."}, http.StatusBadRequest, codeBadRequest, ""},
			{"b2c in v1.0", request{path: "/v1.0/identity/b2cUserFlows/B2C_1_x/apiConnectorConfiguration"}, http.StatusBadRequest, codeBadRequest, ""},
			{"method on collection", request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors"}, http.StatusMethodNotAllowed, codeMethodNotAllowed, "GET, POST"},
			{"method on item", request{method: http.MethodPut, path: "/beta/identity/apiConnectors/x", body: "{}"}, http.StatusMethodNotAllowed, codeMethodNotAllowed, "GET, PATCH, DELETE"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(tc.req)
				requireGraphError(t, r, tc.status, tc.code)
				assert.Equal(t, tc.allow, r.header.Get("Allow"))
			})
		}
		assert.Empty(t, h.server.Connectors())
	})
}

func TestOptionsDefaults(t *testing.T) {
	s := New(WithPageSize(0), WithLogger(nil), WithClock(nil), WithIDGenerator(nil))
	assert.Equal(t, defaultPageSize, s.listPageSize, "a page size below 1 is ignored")
	assert.NotNil(t, s.logger)
	assert.NotNil(t, s.clock)
	assert.Regexp(t, uuidPattern, s.newID())
	assert.Equal(t, 7, New(WithPageSize(7)).listPageSize)
}

func TestRequestsCountsEveryAttempt(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.ThrottleNext(1, "1")
		h.get("/v1.0/identity/apiConnectors")
		h.get("/v1.0/identity/apiConnectors")
		h.do(request{path: "/v1.0/identity/apiConnectors", header: map[string]string{"Authorization": ""}})
		assert.Equal(t, 3, h.server.Requests())
	})
}

func TestStrictMethodsWorkWithoutHTTP(t *testing.T) {
	// The strict interface can be driven directly; links then use Graph's global root.
	s := strictServer{New(WithIDGenerator(func() string { return "direct" }))}
	var auth gen.APIAuthenticationConfigurationRequest
	require.NoError(t, auth.FromBasicAuthentication(gen.BasicAuthentication{Username: "u", Password: "p"}))
	resp, err := s.CreateAPIConnector(t.Context(), gen.CreateAPIConnectorRequestObject{Body: &gen.IdentityAPIConnectorCreate{
		DisplayName: "Direct", TargetURL: "https://api.example.com", AuthenticationConfiguration: auth,
	}})
	require.NoError(t, err)
	created, ok := resp.(gen.CreateAPIConnector201JSONResponse)
	require.True(t, ok, "%T", resp)
	assert.Equal(t, "https://graph.microsoft.com/v1.0/identity/apiConnectors/direct", *created.Headers.Location)
	assert.Equal(t, "direct", created.Body.ID)

	_, err = s.GetAPIConnector(t.Context(), gen.GetAPIConnectorRequestObject{IdentityAPIConnectorID: "missing"})
	var ge *graphError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, http.StatusNotFound, ge.status)
}
