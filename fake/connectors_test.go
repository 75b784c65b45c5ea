package fake

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

func TestCreateAnswers201WithLocationContextAndMaskedPassword(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		for _, version := range []string{"v1.0", "beta"} {
			t.Run(version, func(t *testing.T) {
				r := h.do(request{method: http.MethodPost, path: "/" + version + "/identity/apiConnectors",
					body: basicConnector("Test API", "alice", "s3cret")})
				require.Equal(t, http.StatusCreated, r.status, string(r.body))
				id := r.str(t, "/id")
				assert.Regexp(t, uuidPattern, id)
				assert.Equal(t, h.root+"/"+version+"/identity/apiConnectors/"+id, r.header.Get("Location"))
				assert.Equal(t, h.root+"/"+version+"/$metadata#identity/apiConnectors/$entity", r.str(t, "/@odata.context"))
				assert.Equal(t, "Test API", r.str(t, "/displayName"))
				assert.Equal(t, "https://api.example.com/Test-API", r.str(t, "/targetUrl"))
				assert.Equal(t, "#microsoft.graph.basicAuthentication", r.str(t, "/authenticationConfiguration/@odata.type"))
				assert.Equal(t, "alice", r.str(t, "/authenticationConfiguration/username"))
				assert.Equal(t, secret.Mask, r.str(t, "/authenticationConfiguration/password"))
			})
		}
	})
}

func TestCreateUsesTheIDGeneratorAndRefusesATakenID(t *testing.T) {
	forEachMode(t, []Option{WithIDGenerator(func() string { return "fixed-id" })}, func(t *testing.T, h *harness) {
		assert.Equal(t, "fixed-id", h.createBasic("v1.0", "One"))
		r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors", body: basicConnector("Two", "u", "p")})
		requireGraphError(t, r, http.StatusConflict, codeNameAlreadyExists)
		assert.Len(t, h.server.Connectors(), 1)
	})
}

func TestGetAnswersTheConnectorOr404(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("beta", "Readable")

		r := h.get("/beta/identity/apiConnectors/" + id)
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, h.root+"/beta/$metadata#identity/apiConnectors/$entity", r.str(t, "/@odata.context"))
		assert.Equal(t, id, r.str(t, "/id"))
		assert.Equal(t, secret.Mask, r.str(t, "/authenticationConfiguration/password"))

		requireGraphError(t, h.get("/beta/identity/apiConnectors/missing"), http.StatusNotFound, codeItemNotFound)
	})
}

func TestGetWithSelectReturnsOnlySelectedPropertiesAndID(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("v1.0", "Selective")
		r := h.get("/v1.0/identity/apiConnectors/" + id + "?$select=displayName,targetUrl")
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		assert.Equal(t, h.root+"/v1.0/$metadata#identity/apiConnectors(displayName,targetUrl)/$entity", r.str(t, "/@odata.context"))
		assert.Equal(t, id, r.str(t, "/id"))
		assert.True(t, r.has(t, "/displayName"))
		assert.True(t, r.has(t, "/targetUrl"))
		assert.False(t, r.has(t, "/authenticationConfiguration"))
	})
}

func TestUpdate(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		cases := []struct {
			name  string
			patch map[string]any
			check func(t *testing.T, c gen.IdentityAPIConnector)
		}{
			{"display name only", map[string]any{"displayName": "Renamed"}, func(t *testing.T, c gen.IdentityAPIConnector) {
				assert.Equal(t, "Renamed", *c.DisplayName)
				assert.Equal(t, "https://api.example.com/Original", *c.TargetURL)
			}},
			{"target url only", map[string]any{"targetUrl": "https://other.example.com/hook"}, func(t *testing.T, c gen.IdentityAPIConnector) {
				assert.Equal(t, "Original", *c.DisplayName)
				assert.Equal(t, "https://other.example.com/hook", *c.TargetURL)
			}},
			{"basic authentication replaced", map[string]any{"authenticationConfiguration": basicConnector("", "bob", "n3w")["authenticationConfiguration"]},
				func(t *testing.T, c gen.IdentityAPIConnector) {
					basic, err := c.AuthenticationConfiguration.AsBasicAuthenticationMasked()
					require.NoError(t, err)
					assert.Equal(t, "bob", *basic.Username)
					assert.Equal(t, secret.Mask, *basic.Password)
				}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				id := h.createBasic("v1.0", "Original")
				r := h.do(request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + id, body: tc.patch})
				require.Equal(t, http.StatusNoContent, r.status, string(r.body))
				assert.Empty(t, r.body)
				tc.check(t, connectorByID(t, h.server, id))
			})
		}

		r := h.do(request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/missing", body: map[string]any{"displayName": "x"}})
		requireGraphError(t, r, http.StatusNotFound, codeItemNotFound)
	})
}

func TestDeleteRemovesTheConnector(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		keep := h.createBasic("v1.0", "Keep")
		gone := h.createBasic("v1.0", "Gone")

		r := h.do(request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors/" + gone})
		require.Equal(t, http.StatusNoContent, r.status, string(r.body))
		assert.Empty(t, r.body)

		requireGraphError(t, h.get("/v1.0/identity/apiConnectors/"+gone), http.StatusNotFound, codeItemNotFound)
		requireGraphError(t, h.do(request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors/" + gone}), http.StatusNotFound, codeItemNotFound)
		require.Len(t, h.server.Connectors(), 1)
		assert.Equal(t, keep, h.server.Connectors()[0].ID)
	})
}

func TestListAnswersConnectorsInCreationOrder(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		first := h.createBasic("beta", "First")
		second := h.createBasic("beta", "Second")

		r := h.get("/beta/identity/apiConnectors")
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, h.root+"/beta/$metadata#identity/apiConnectors", r.str(t, "/@odata.context"))
		assert.Equal(t, first, r.str(t, "/value/0/id"))
		assert.Equal(t, second, r.str(t, "/value/1/id"))
		assert.Equal(t, secret.Mask, r.str(t, "/value/1/authenticationConfiguration/password"))
		assert.False(t, r.has(t, "/@odata.nextLink"))
	})
}

func TestListOfNoConnectorsHasAnEmptyValue(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		r := h.get("/v1.0/identity/apiConnectors")
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, []any{}, r.at(t, "/value"))
	})
}

func TestConnectorsIsAMaskedSnapshotInCreationOrder(t *testing.T) {
	h := newHarness(t, modes[1])
	s := h.server
	a := h.createBasic("v1.0", "A")
	b := h.createBasic("v1.0", "B")

	snapshot := s.Connectors()
	require.Len(t, snapshot, 2)
	assert.Equal(t, []string{a, b}, []string{snapshot[0].ID, snapshot[1].ID})
	assert.Nil(t, snapshot[0].OdataContext)
	basic, err := snapshot[0].AuthenticationConfiguration.AsBasicAuthenticationMasked()
	require.NoError(t, err)
	assert.Equal(t, secret.Mask, *basic.Password)

	h.do(request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors/" + a})
	assert.Len(t, snapshot, 2, "a snapshot does not change with the store")
	assert.Len(t, s.Connectors(), 1)
}

// connectorByID finds a connector in the server's snapshot.
func connectorByID(t *testing.T, s *Server, id string) gen.IdentityAPIConnector {
	t.Helper()
	for _, c := range s.Connectors() {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no connector %s", id)
	return gen.IdentityAPIConnector{}
}
