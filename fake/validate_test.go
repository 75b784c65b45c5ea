package fake

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInvalidRequestsAreRefusedAndChangeNothing(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("v1.0", "Untouched")
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		before := h.server.Connectors()
		create := "/v1.0/identity/apiConnectors"
		item := "/v1.0/identity/apiConnectors/" + id
		withAuth := func(auth map[string]any) map[string]any {
			body := basicConnector("x", "u", "p")
			body["authenticationConfiguration"] = auth
			return body
		}
		without := func(property string) map[string]any {
			body := basicConnector("x", "u", "p")
			delete(body, property)
			return body
		}
		cases := []struct {
			name     string
			req      request
			pointers []string
		}{
			{"create without displayName", request{method: http.MethodPost, path: create, body: without("displayName")}, []string{"/displayName"}},
			{"create without authentication", request{method: http.MethodPost, path: create, body: without("authenticationConfiguration")}, []string{"/authenticationConfiguration"}},
			{"create with an empty displayName", request{method: http.MethodPost, path: create, body: basicConnector("", "u", "p")}, []string{"/displayName"}},
			{"create with a relative targetUrl", request{method: http.MethodPost, path: create,
				body: map[string]any{"displayName": "x", "targetUrl": "/relative", "authenticationConfiguration": basicConnector("x", "u", "p")["authenticationConfiguration"]}},
				[]string{"/targetUrl"}},
			{"create with an unknown property", request{method: http.MethodPost, path: create, body: func() map[string]any {
				b := basicConnector("x", "u", "p")
				b["colour"] = "blue"
				return b
			}()}, []string{"/colour"}},
			{"create with @odata.type lacking #", request{method: http.MethodPost, path: create,
				body: withAuth(map[string]any{"@odata.type": "microsoft.graph.basicAuthentication", "username": "u", "password": "p"})},
				[]string{"/authenticationConfiguration"}},
			{"create with basic authentication lacking password", request{method: http.MethodPost, path: create,
				body: withAuth(map[string]any{"@odata.type": "#microsoft.graph.basicAuthentication", "username": "u"})},
				[]string{"/authenticationConfiguration/password"}},
			{"create with the response-side type", request{method: http.MethodPost, path: create,
				body: withAuth(map[string]any{"@odata.type": "#microsoft.graph.clientCertificateAuthentication"})},
				[]string{"/authenticationConfiguration"}},
			{"create with pkcs12Value not base64", request{method: http.MethodPost, path: create,
				body: withAuth(map[string]any{"@odata.type": "#microsoft.graph.pkcs12Certificate", "pkcs12Value": "abc...def", "password": ""})},
				[]string{"/authenticationConfiguration/pkcs12Value"}},
			{"create with a body that is not JSON", request{method: http.MethodPost, path: create, body: "{not json"}, []string{""}},
			{"create with trailing data", request{method: http.MethodPost, path: create, body: `{"displayName":"x"} {}`}, []string{""}},
			{"create with no body", request{method: http.MethodPost, path: create}, []string{""}},
			{"create as text/plain", request{method: http.MethodPost, path: create, body: `{}`,
				header: map[string]string{"Content-Type": "text/plain"}}, []string{"/header/Content-Type"}},
			{"update with {}", request{method: http.MethodPatch, path: item, body: "{}"}, []string{""}},
			{"update with @odata.type only", request{method: http.MethodPatch, path: item,
				body: map[string]any{"@odata.type": "#microsoft.graph.identityApiConnector"}}, []string{""}},
			{"update with a number for displayName", request{method: http.MethodPatch, path: item, body: map[string]any{"displayName": 5}}, []string{"/displayName"}},
			{"upload without password", request{method: http.MethodPost, path: item + "/uploadClientCertificate",
				body: map[string]any{"pkcs12Value": "AAAA"}}, []string{"/password"}},
			{"get with a body", request{path: item, body: "{}"}, []string{""}},
			{"$top of 0", request{path: create + "?$top=0"}, []string{"/query/$top"}},
			{"$top over 999", request{path: create + "?$top=1000"}, []string{"/query/$top"}},
			{"$top not a number", request{path: create + "?$top=ten"}, []string{"/query/$top"}},
			{"$select of an unknown property", request{path: create + "?$select=password"}, []string{"/query/$select"}},
			{"empty $filter", request{path: create + "?$filter="}, []string{"/query/$filter"}},
			{"reference to a non-URL", request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup/$ref",
				body: map[string]any{"@odata.id": 5}}, []string{"/@odata.id"}},
			{"user flow of an unsupported type", request{method: http.MethodPost, path: "/v1.0/identity/b2xUserFlows",
				body: map[string]any{"id": "x", "userFlowType": "signIn", "userFlowTypeVersion": 1}}, []string{"/userFlowType"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(tc.req)
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Contains(t, r.errorPointers(t), tc.pointers[0])
				assert.Equal(t, before, h.server.Connectors())
			})
		}
		flow := h.get("/v1.0/identity/b2xUserFlows/B2X_1_x/apiConnectorConfiguration")
		assert.Equal(t, http.StatusNotFound, flow.status, "no user flow was created")
	})
}

func TestUnsupportedQueryOptionsAreRefused(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("beta", "Queried")
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		before := h.server.Connectors()
		list := "/beta/identity/apiConnectors"
		item := list + "/" + id
		config := "/beta/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration"
		cases := []struct {
			name    string
			req     request
			pointer string
		}{
			{"list $orderby", request{path: list + "?$orderby=displayName"}, "/query/$orderby"},
			{"list $count", request{path: list + "?$count=true"}, "/query/$count"},
			{"list $expand", request{path: list + "?$expand=authenticationConfiguration"}, "/query/$expand"},
			{"list $search", request{path: list + `?$search="x"`}, "/query/$search"},
			{"list $skip", request{path: list + "?$skip=1"}, "/query/$skip"},
			{"list top without $", request{path: list + "?top=1"}, "/query/top"},
			{"list $top twice", request{path: list + "?$top=1&$top=2"}, "/query/$top"},
			{"get $filter", request{path: item + "?$filter=" + "displayName%20eq%20'x'"}, "/query/$filter"},
			{"get $top", request{path: item + "?$top=1"}, "/query/$top"},
			{"get $expand", request{path: item + "?$expand=x"}, "/query/$expand"},
			{"configuration $top", request{path: config + "?$top=1"}, "/query/$top"},
			{"create $select", request{method: http.MethodPost, path: list + "?$select=id", body: basicConnector("x", "u", "p")}, "/query/$select"},
			{"update $filter", request{method: http.MethodPatch, path: item + "?$filter=x", body: map[string]any{"displayName": "changed"}}, "/query/$filter"},
			{"delete $top", request{method: http.MethodDelete, path: item + "?$top=1"}, "/query/$top"},
			{"upload $select", request{method: http.MethodPost, path: item + "/uploadClientCertificate?$select=id",
				body: map[string]any{"pkcs12Value": "AAAA", "password": ""}}, "/query/$select"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(tc.req)
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Contains(t, r.errorPointers(t), tc.pointer)
				assert.Equal(t, before, h.server.Connectors())
			})
		}
	})
}

func TestBodiesOverOneMebibyteAreRefused(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		// A body of exactly size bytes: the displayName pads a fixed connector.
		bodyOf := func(size int) []byte {
			body := func(name string) []byte {
				data, err := json.Marshal(map[string]any{"displayName": name, "targetUrl": "https://api.example.com",
					"authenticationConfiguration": basicConnector("", "u", "p")["authenticationConfiguration"]})
				require.NoError(t, err)
				return data
			}
			data := body(strings.Repeat("x", size-len(body(""))))
			require.Len(t, data, size)
			return data
		}

		r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: bodyOf(maxRequestBody + 1)})
		requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
		assert.Empty(t, h.server.Connectors())

		r = h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: bodyOf(maxRequestBody)})
		assert.Equal(t, http.StatusCreated, r.status, "a body of exactly the limit is read")
	})
}

func TestResponsesThatBreakTheSpecAreReplacedAndRecorded(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			// Built without newHarness: this test is the one that expects a violation.
			s := New()
			root, client := m.start(t, s)
			h := &harness{t: t, server: s, client: client, root: root}

			s.ThrottleNext(1, "in a while") // not a Retry-After the spec allows
			r := h.get("/v1.0/identity/apiConnectors")
			requireGraphError(t, r, http.StatusInternalServerError, codeGeneralException)
			assert.Empty(t, r.header.Get("Retry-After"), "the refused response is not sent")

			violations := s.ContractViolations()
			require.Len(t, violations, 1)
			assert.Contains(t, violations[0], "/header/Retry-After")

			assert.Equal(t, http.StatusOK, h.get("/v1.0/identity/apiConnectors").status)
			assert.Len(t, s.ContractViolations(), 1)
		})
	}
}
