package fake

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// TestStepOperations drives every metadata operation on a bound and an unbound step, in both
// versions and both user-flow kinds, and the qualified spelling of the bound action.
func TestStepOperations(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		for _, tc := range []struct{ version, collection, flow string }{
			{"v1.0", "b2xUserFlows", "B2X_1_flow"},
			{"beta", "b2xUserFlows", "B2X_1_flow"},
			{"beta", "b2cUserFlows", "B2C_1_flow"},
		} {
			t.Run(tc.version+"/"+tc.collection, func(t *testing.T) {
				kind := B2X
				if tc.collection == "b2cUserFlows" {
					kind = B2C
				}
				h.server.SeedUserFlow(kind, tc.flow)
				id := h.createBasic(tc.version, "Step API "+tc.version+tc.collection)
				base := "/" + tc.version + "/identity/" + tc.collection + "/" + tc.flow + "/apiConnectorConfiguration"
				step := base + "/postAttributeCollection"

				requireGraphError(t, h.get(step), http.StatusNotFound, codeItemNotFound)
				requireGraphError(t, h.get(step+"/$ref"), http.StatusNotFound, codeItemNotFound)
				require.Equal(t, http.StatusNoContent, h.do(request{method: http.MethodDelete, path: step + "/$ref"}).status,
					"deleting an absent reference changes nothing")

				r := h.do(request{method: http.MethodPut, path: step + "/$ref",
					body: map[string]any{"@odata.id": h.root + "/" + tc.version + "/identity/apiConnectors/" + id}})
				require.Equal(t, http.StatusNoContent, r.status, string(r.body))

				got := h.get(step + "?$select=displayName&$expand=*")
				require.Equal(t, http.StatusOK, got.status, string(got.body))
				assert.Equal(t, id, got.str(t, "/id"))
				assert.Equal(t, "Step API "+tc.version+tc.collection, got.str(t, "/displayName"))
				assert.False(t, got.has(t, "/targetUrl"), "$select leaves targetUrl out")

				ref := h.get(step + "/$ref")
				require.Equal(t, http.StatusOK, ref.status, string(ref.body))
				assert.True(t, strings.HasSuffix(ref.str(t, "/@odata.id"), "/"+tc.version+"/identity/apiConnectors/"+id))

				r = h.do(request{method: http.MethodPatch, path: step, body: map[string]any{"displayName": "Renamed"}})
				require.Equal(t, http.StatusNoContent, r.status, string(r.body))
				assert.Equal(t, "Renamed", h.get("/"+tc.version+"/identity/apiConnectors/"+id).str(t, "/displayName"))

				now := time.Now()
				pfx := testpfx.New(t, "pw", now.Add(-time.Hour), now.Add(time.Hour))
				for _, action := range []string{"uploadClientCertificate", "microsoft.graph.uploadClientCertificate"} {
					up := h.do(request{method: http.MethodPost, path: step + "/" + action,
						body: map[string]any{"pkcs12Value": base64.StdEncoding.EncodeToString(pfx.Data), "password": "pw"}})
					require.Equal(t, http.StatusOK, up.status, string(up.body))
					assert.Equal(t, "#microsoft.graph.clientCertificateAuthentication", up.str(t, "/authenticationConfiguration/@odata.type"))
				}
				expanded := h.get(base + "?$expand=*&$select=postAttributeCollection")
				require.Equal(t, http.StatusOK, expanded.status, string(expanded.body))
				assert.Len(t, expanded.at(t, "/postAttributeCollection/authenticationConfiguration/certificateList"), 2)

				require.Equal(t, http.StatusNoContent, h.do(request{method: http.MethodDelete, path: step + "/$ref", header: map[string]string{"If-Match": "*"}}).status)
				requireGraphError(t, h.get(step), http.StatusNotFound, codeItemNotFound)
				require.Equal(t, http.StatusOK, h.get("/"+tc.version+"/identity/apiConnectors/"+id).status, "unbinding keeps the connector")
			})
		}
	})
}

func TestStepOperationsRefuseWhatTheMetadataLacks(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		base := "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration"
		cases := []struct {
			name    string
			req     request
			status  int
			code    string
			pointer string
		}{
			{"preTokenIssuance in v1.0", request{path: base + "/preTokenIssuance"}, http.StatusBadRequest, codeInvalidRequest, "/path/step"},
			{"preTokenIssuance has no $ref", request{path: "/beta/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/preTokenIssuance/$ref"},
				http.StatusBadRequest, codeInvalidRequest, "/path/step"},
			{"unknown $select", request{path: base + "/postAttributeCollection?$select=secret"}, http.StatusBadRequest, codeInvalidRequest, "/query/$select"},
			{"unknown $expand", request{path: "/v1.0/identity/apiConnectors/x?$expand=steps"}, http.StatusBadRequest, codeInvalidRequest, "/query/$expand"},
			{"repeated $select item", request{path: base + "/postAttributeCollection?$select=id,id"}, http.StatusBadRequest, codeInvalidRequest, "/query/$select"},
			{"repeated $expand item", request{path: base + "?$expand=postFederationSignup,postFederationSignup"}, http.StatusBadRequest, codeInvalidRequest, "/query/$expand"},
			{"DELETE on a step", request{method: http.MethodDelete, path: base + "/postAttributeCollection"}, http.StatusMethodNotAllowed, codeMethodNotAllowed, ""},
			{"unknown flow", request{path: "/v1.0/identity/b2xUserFlows/B2X_1_none/apiConnectorConfiguration/postFederationSignup"}, http.StatusNotFound, codeItemNotFound, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(tc.req)
				requireGraphError(t, r, tc.status, tc.code)
				if tc.pointer != "" {
					assert.Contains(t, r.errorPointers(t), tc.pointer)
				}
			})
		}
	})
}

func TestCountHonoursFilter(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.createBasic("v1.0", "Test one")
		h.createBasic("v1.0", "Test two")
		h.createBasic("v1.0", "Other")
		for _, tc := range []struct{ query, want string }{
			{"", "3"},
			{"?$filter=startswith(displayName,'Test')", "2"},
			{"?$filter=displayName eq 'none'", "0"},
		} {
			r := h.get("/beta/identity/apiConnectors/$count" + strings.ReplaceAll(tc.query, " ", "%20"))
			require.Equal(t, http.StatusOK, r.status, string(r.body))
			assert.Equal(t, tc.want, string(r.body), tc.query)
			assert.True(t, strings.HasPrefix(r.header.Get("Content-Type"), "text/plain"))
		}
		requireGraphError(t, h.get("/beta/identity/apiConnectors/$count?$top=1"), http.StatusBadRequest, codeInvalidRequest)
	})
}

// TestStepUploadKeepsSecretsOut: a refused upload through a step names the field, and
// neither the password nor the file appears in the answer, in any encoding.
func TestStepUploadKeepsSecretsOut(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.server.SeedUserFlow(B2X, "B2X_1_flow")
		id := h.createBasic("v1.0", "Secret API")
		step := "/v1.0/identity/b2xUserFlows/B2X_1_flow/apiConnectorConfiguration/postFederationSignup"
		r := h.do(request{method: http.MethodPut, path: step + "/$ref",
			body: map[string]any{"@odata.id": h.root + "/v1.0/identity/apiConnectors/" + id}})
		require.Equal(t, http.StatusNoContent, r.status, string(r.body))

		const password = "step-upload-password-Zq81"
		now := time.Now()
		pfx := testpfx.New(t, password, now.Add(-time.Hour), now.Add(time.Hour))
		value := base64.StdEncoding.EncodeToString(pfx.Data)
		up := h.do(request{method: http.MethodPost, path: step + "/microsoft.graph.uploadClientCertificate",
			body: map[string]any{"pkcs12Value": value, "password": password + "-wrong"}})
		requireGraphError(t, up, http.StatusBadRequest, codeInvalidRequest)
		assert.Contains(t, up.errorPointers(t), "/pkcs12Value")
		for _, secret := range []string{password, base64.StdEncoding.EncodeToString([]byte(password)), value[:40]} {
			assert.NotContains(t, string(up.body), secret)
		}
	})
}

// TestPreTokenIssuanceIsBetas: a seeded preTokenIssuance binding is read, expanded and
// uploaded to in beta, and v1.0, which has no such step, never shows it, even for `*`.
func TestPreTokenIssuanceIsBetas(t *testing.T) {
	seed := `{"connectors":[{"id":"pre","displayName":"Pre","targetUrl":"https://someapi.com/pre",
		"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}}],
		"userFlows":[{"kind":"b2x","id":"B2X_1_pre","apiConnectorConfiguration":{"preTokenIssuance":"pre"}}]}`
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		require.NoError(t, h.server.LoadSeed(strings.NewReader(seed)))
		beta := "/beta/identity/b2xUserFlows/B2X_1_pre/apiConnectorConfiguration"
		r := h.get(beta + "?$expand=*")
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		assert.Equal(t, "pre", r.str(t, "/preTokenIssuance/id"))
		assert.Equal(t, "pre", h.get(beta+"/preTokenIssuance").str(t, "/id"))

		v1 := h.get("/v1.0/identity/b2xUserFlows/B2X_1_pre/apiConnectorConfiguration?$expand=*")
		require.Equal(t, http.StatusOK, v1.status, string(v1.body))
		assert.False(t, v1.has(t, "/preTokenIssuance"))
	})
}
