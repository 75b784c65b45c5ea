package fake

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

func TestCreateB2xUserFlow(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name   string
			id     string
			wantID string
		}{
			{"prefix added", "Partner", "B2X_1_Partner"},
			{"prefix kept", "B2X_1_Kept", "B2X_1_Kept"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				body := map[string]any{"id": tc.id, "userFlowType": "signUpOrSignIn", "userFlowTypeVersion": 1}
				r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/b2xUserFlows", body: body})
				require.Equal(t, http.StatusCreated, r.status, string(r.body))
				assert.Equal(t, h.root+"/v1.0/identity/b2xUserFlows/"+tc.wantID, r.header.Get("Location"))
				assert.Equal(t, h.root+"/v1.0/$metadata#identity/b2xUserFlows/$entity", r.str(t, "/@odata.context"))
				assert.Equal(t, tc.wantID, r.str(t, "/id"))
				assert.Equal(t, "signUpOrSignIn", r.str(t, "/userFlowType"))
				assert.Equal(t, map[string]any{}, r.at(t, "/apiConnectorConfiguration"))

				again := h.do(request{method: http.MethodPost, path: "/v1.0/identity/b2xUserFlows", body: body})
				requireGraphError(t, again, http.StatusConflict, codeNameAlreadyExists)
			})
		}
	})
}

func TestCreateB2xUserFlowBindsTheConnectorsItNames(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("beta", "Bound at creation")
		ref := map[string]any{"@odata.id": h.root + "/beta/identity/apiConnectors/" + id}
		body := map[string]any{"id": "WithConnector", "userFlowType": "signUpOrSignIn", "userFlowTypeVersion": 1,
			"apiConnectorConfiguration": map[string]any{"postAttributeCollection": ref}}
		r := h.do(request{method: http.MethodPost, path: "/beta/identity/b2xUserFlows", body: body})
		require.Equal(t, http.StatusCreated, r.status, string(r.body))
		assert.Equal(t, map[string]any{}, r.at(t, "/apiConnectorConfiguration"), "Graph answers {} here")

		config := h.get("/beta/identity/b2xUserFlows/B2X_1_WithConnector/apiConnectorConfiguration?$expand=postAttributeCollection")
		require.Equal(t, http.StatusOK, config.status, string(config.body))
		assert.Equal(t, id, config.str(t, "/postAttributeCollection/id"))
	})
}

func TestCreateB2xUserFlowWithABadReferenceCreatesNothing(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name string
			ref  string
		}{
			{"not a connector URL", "https://graph.microsoft.com/v1.0/identity/b2xUserFlows/x"},
			{"no such connector", "https://graph.microsoft.com/v1.0/identity/apiConnectors/missing"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				body := map[string]any{"id": "Broken", "userFlowType": "signUpOrSignIn", "userFlowTypeVersion": 1,
					"apiConnectorConfiguration": map[string]any{"postFederationSignup": map[string]any{"@odata.id": tc.ref}}}
				r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/b2xUserFlows", body: body})
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Equal(t, []string{"/apiConnectorConfiguration/postFederationSignup/@odata.id"}, r.errorPointers(t))
				requireGraphError(t, h.get("/v1.0/identity/b2xUserFlows/B2X_1_Broken/apiConnectorConfiguration"), http.StatusNotFound, codeItemNotFound)
			})
		}
	})
}

func TestBindExpandAndUnbindUserFlowSteps(t *testing.T) {
	flows := []struct {
		kind    UserFlowKind
		version string
		id      string
	}{
		{B2X, "v1.0", "B2X_1_signup"},
		{B2X, "beta", "B2X_1_signup"},
		{B2C, "beta", "B2C_1_signup"},
	}
	for _, flow := range flows {
		t.Run(string(flow.kind)+"-"+flow.version, func(t *testing.T) {
			forEachMode(t, nil, func(t *testing.T, h *harness) {
				h.server.SeedUserFlow(flow.kind, flow.id)
				base := "/" + flow.version + "/identity/" + flow.kind.collection() + "/" + flow.id + "/apiConnectorConfiguration"
				federation := h.createBasic(flow.version, "Federation")
				attributes := h.createBasic(flow.version, "Attributes")

				for step, id := range map[string]string{"postFederationSignup": federation, "postAttributeCollection": attributes} {
					r := h.do(request{method: http.MethodPut, path: base + "/" + step + "/$ref",
						body: map[string]any{"@odata.id": "https://graph.microsoft.com/" + flow.version + "/identity/apiConnectors/" + id}})
					require.Equal(t, http.StatusNoContent, r.status, string(r.body))
					assert.Empty(t, r.body)
				}

				plain := h.get(base)
				require.Equal(t, http.StatusOK, plain.status, string(plain.body))
				assert.Equal(t, map[string]any{"@odata.context": h.root + "/" + flow.version + "/$metadata#identity/" +
					flow.kind.collection() + "('" + flow.id + "')/apiConnectorConfiguration"}, plain.doc(t))

				expanded := h.get(base + "?$expand=postFederationSignup,postAttributeCollection")
				require.Equal(t, http.StatusOK, expanded.status, string(expanded.body))
				assert.Equal(t, h.root+"/"+flow.version+"/$metadata#identity/"+flow.kind.collection()+"('"+flow.id+
					"')/apiConnectorConfiguration(postFederationSignup(),postAttributeCollection())", expanded.str(t, "/@odata.context"))
				assert.Equal(t, federation, expanded.str(t, "/postFederationSignup/id"))
				assert.Equal(t, attributes, expanded.str(t, "/postAttributeCollection/id"))
				assert.Equal(t, secret.Mask, expanded.str(t, "/postAttributeCollection/authenticationConfiguration/password"))

				onlyOne := h.get(base + "?$expand=postAttributeCollection")
				assert.False(t, onlyOne.has(t, "/postFederationSignup"))
				assert.True(t, onlyOne.has(t, "/postAttributeCollection"))

				r := h.do(request{method: http.MethodPut, path: base + "/postAttributeCollection/$ref", body: "{ }"})
				require.Equal(t, http.StatusNoContent, r.status, string(r.body))
				afterUnbind := h.get(base + "?$expand=postFederationSignup,postAttributeCollection")
				assert.True(t, afterUnbind.has(t, "/postFederationSignup"))
				assert.False(t, afterUnbind.has(t, "/postAttributeCollection"))
			})
		})
	}
}

func TestDeletingAConnectorUnbindsIt(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		id := h.createBasic("v1.0", "Doomed")
		base := "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration"
		r := h.do(request{method: http.MethodPut, path: base + "/postFederationSignup/$ref",
			body: map[string]any{"@odata.id": h.root + "/v1.0/identity/apiConnectors/" + id}})
		require.Equal(t, http.StatusNoContent, r.status, string(r.body))

		require.Equal(t, http.StatusNoContent, h.do(request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors/" + id}).status)
		config := h.get(base + "?$expand=postFederationSignup")
		require.Equal(t, http.StatusOK, config.status)
		assert.False(t, config.has(t, "/postFederationSignup"))
	})
}

func TestUserFlowBindingErrors(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		id := h.createBasic("v1.0", "Exists")
		connectorURL := "https://graph.microsoft.com/v1.0/identity/apiConnectors/"
		cases := []struct {
			name     string
			req      request
			status   int
			code     string
			pointers []string
		}{
			{"unknown flow on get", request{path: "/v1.0/identity/b2xUserFlows/B2X_1_none/apiConnectorConfiguration"},
				http.StatusNotFound, codeItemNotFound, nil},
			{"unknown flow on put", request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_none/apiConnectorConfiguration/postFederationSignup/$ref",
				body: map[string]any{"@odata.id": connectorURL + id}}, http.StatusNotFound, codeItemNotFound, nil},
			{"unknown connector", request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup/$ref",
				body: map[string]any{"@odata.id": connectorURL + "missing"}}, http.StatusBadRequest, codeInvalidRequest, []string{"/@odata.id"}},
			{"not a connector URL", request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup/$ref",
				body: map[string]any{"@odata.id": "https://graph.microsoft.com/v1.0/identity/b2xUserFlows/B2X_1_flow"}}, http.StatusBadRequest, codeInvalidRequest, []string{"/@odata.id"}},
			{"not a URL", request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup/$ref",
				body: map[string]any{"@odata.id": "{id}"}}, http.StatusBadRequest, codeInvalidRequest, []string{"/@odata.id"}},
			{"unknown step", request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/preTokenIssuance/$ref",
				body: map[string]any{"@odata.id": connectorURL + id}}, http.StatusBadRequest, codeInvalidRequest, []string{"/path/step"}},
			{"unknown expand", request{path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration?$expand=preTokenIssuance"},
				http.StatusBadRequest, codeInvalidRequest, []string{"/query/$expand"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(tc.req)
				requireGraphError(t, r, tc.status, tc.code)
				if tc.pointers != nil {
					assert.Equal(t, tc.pointers, r.errorPointers(t))
				}
			})
		}
		config := h.get("/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration?$expand=postFederationSignup")
		assert.False(t, config.has(t, "/postFederationSignup"), "no failed request bound anything")
	})
}

func TestConnectorReferenceNamesAConnectorOfTheServiceRoot(t *testing.T) {
	graph := &exchange{baseURL: "https://graph.microsoft.com/v1.0"}
	loopback := &exchange{baseURL: "http://127.0.0.1:1234/beta"}
	cases := []struct {
		ex     *exchange
		ref    string
		id     string
		wantOK bool
	}{
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectors/abc", "abc", true},
		{graph, "https://graph.microsoft.us/v1.0/identity/apiconnectors/abc", "abc", true},
		{loopback, "http://127.0.0.1:1234/beta/identity/apiConnectors/a%20b", "a b", true},
		{loopback, "http://localhost:1234/beta/identity/apiConnectors/x", "x", true},
		{graph, "https://graph.microsoft.com/v1/identity/apiConnectors/abc", "", false},
		{graph, "https://graph.microsoft.com/beta/identity/apiConnectors/abc", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectors/abc/", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectors/", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectors/%2e%2e", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/b2xUserFlows/abc", "", false},
		{graph, "https://graph.microsoft.com/v1.0/users/abc", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectorſ/abc", "", false},
		{graph, "http://graph.microsoft.com/v1.0/identity/apiConnectors/abc", "", false},
		{graph, "https://evil.example/v1.0/identity/apiConnectors/abc", "", false},
		{graph, "https://graph.microsoft.com:8443/v1.0/identity/apiConnectors/abc", "", false},
		{graph, "https://user@graph.microsoft.com/v1.0/identity/apiConnectors/abc", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectors/abc?x=1", "", false},
		{graph, "https://graph.microsoft.com/v1.0/identity/apiConnectors/abc#f", "", false},
		{graph, "javascript:alert(1)", "", false},
		{graph, "/v1.0/identity/apiConnectors/abc", "", false},
		{graph, "http://127.0.0.1:1234/v1.0/identity/apiConnectors/abc", "", false},
		{loopback, "http://127.0.0.1:9999/beta/identity/apiConnectors/abc", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.ref, func(t *testing.T) {
			id, err := connectorReference(tc.ex, tc.ref)
			if !tc.wantOK {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.id, id)
		})
	}
}

func TestSeedUserFlowIsIdempotentAndRejectsUnknownKinds(t *testing.T) {
	s := New()
	s.SeedUserFlow(B2C, "B2C_1_x")
	s.SeedUserFlow(B2C, "B2C_1_x")
	_, err := s.store.boundConnectors(userFlowKey{kind: B2C, id: "B2C_1_x"})
	require.NoError(t, err)
	assert.Panics(t, func() { s.SeedUserFlow("b2z", "x") })
}
