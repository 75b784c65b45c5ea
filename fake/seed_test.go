package fake

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

const validSeed = `{
  "connectors": [
    {"id": "seeded-1", "displayName": "Seeded", "targetUrl": "https://api.example.com/seeded",
     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "u"}},
    {"displayName": "Generated id", "targetUrl": "https://api.example.com/generated",
     "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "v", "password": "dropped"}}
  ],
  "userFlows": [{"kind": "b2x", "id": "B2X_1_x"}, {"kind": "b2c", "id": "B2C_1_y"}]
}`

func TestLoadSeed(t *testing.T) {
	forEachMode(t, []Option{WithIDGenerator(func() string { return "generated" })}, func(t *testing.T, h *harness) {
		require.NoError(t, h.server.LoadSeed(strings.NewReader(validSeed)))

		connectors := h.server.Connectors()
		require.Len(t, connectors, 2)
		assert.Equal(t, []string{"seeded-1", "generated"}, []string{connectors[0].ID, connectors[1].ID})
		r := h.get("/v1.0/identity/apiConnectors/generated")
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, "v", r.str(t, "/authenticationConfiguration/username"))
		assert.Equal(t, secret.Mask, r.str(t, "/authenticationConfiguration/password"))

		assert.Equal(t, http.StatusOK, h.get("/v1.0/identity/b2xUserFlows/B2X_1_x/apiConnectorConfiguration").status)
		assert.Equal(t, http.StatusOK, h.get("/beta/identity/b2cUserFlows/B2C_1_y/apiConnectorConfiguration").status)
	})
}

func TestLoadSeedWithACertificate(t *testing.T) {
	pfx := testpfx.Valid(t, "seed-pass")
	seed := `{"connectors":[{"id":"cert","displayName":"Cert","targetUrl":"https://api.example.com",
		"authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate",
		"pkcs12Value":"` + base64.StdEncoding.EncodeToString(pfx.Data) + `","password":"seed-pass"}}]}`
	s := New()
	require.NoError(t, s.LoadSeed(strings.NewReader(seed)))
	certs, err := s.Connectors()[0].AuthenticationConfiguration.AsClientCertificateAuthentication()
	require.NoError(t, err)
	require.Len(t, *certs.CertificateList, 1)
	assert.Equal(t, pfx.Thumbprint, *(*certs.CertificateList)[0].Thumbprint)
}

func TestLoadSeedNamesTheBadFieldAndLoadsNothing(t *testing.T) {
	basic := `"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}`
	good := `{"displayName":"Good","targetUrl":"https://api.example.com",` + basic + `}`
	cases := []struct {
		name  string
		seed  string
		field string
	}{
		{"missing displayName", `{"connectors":[` + good + `,{"targetUrl":"https://x.example.com",` + basic + `}]}`, "connectors[1].displayName"},
		{"relative targetUrl", `{"connectors":[{"displayName":"x","targetUrl":"/x",` + basic + `}]}`, "connectors[0].targetUrl"},
		{"missing authentication", `{"connectors":[{"displayName":"x","targetUrl":"https://x.example.com"}]}`, "connectors[0].authenticationConfiguration"},
		{"unknown authentication type", `{"connectors":[{"displayName":"x","targetUrl":"https://x.example.com",
			"authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication"}}]}`, "connectors[0].authenticationConfiguration.@odata.type"},
		{"basic without username", `{"connectors":[{"displayName":"x","targetUrl":"https://x.example.com",
			"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication"}}]}`, "connectors[0].authenticationConfiguration.username"},
		{"unreadable PFX", `{"connectors":[{"displayName":"x","targetUrl":"https://x.example.com",
			"authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":"AAAA","password":""}}]}`, "connectors[0].authenticationConfiguration.pkcs12Value"},
		{"repeated id", `{"connectors":[{"id":"a","displayName":"x","targetUrl":"https://x.example.com",` + basic + `},
			{"id":"a","displayName":"y","targetUrl":"https://y.example.com",` + basic + `}]}`, "connectors[1].id"},
		{"id already stored", `{"connectors":[` + good + `,{"id":"existing","displayName":"x","targetUrl":"https://x.example.com",` + basic + `}]}`, "connectors[1].id"},
		{"unknown kind", `{"connectors":[` + good + `],"userFlows":[{"kind":"b2z","id":"x"}]}`, "userFlows[0].kind"},
		{"flow without id", `{"userFlows":[{"kind":"b2x"}]}`, "userFlows[0].id"},
		{"repeated flow", `{"userFlows":[{"kind":"b2x","id":"B2X_1_a"},{"kind":"b2x","id":"B2X_1_a"}]}`, "userFlows[1].id"},
		{"flow already stored", `{"connectors":[` + good + `],"userFlows":[{"kind":"b2c","id":"B2C_1_existing"}]}`, "userFlows[0].id"},
		{"binding of an unknown step", `{"connectors":[` + good + `],"userFlows":[{"kind":"b2x","id":"B2X_1_a",
			"apiConnectorConfiguration":{"postSignIn":"existing"}}]}`, "userFlows[0].apiConnectorConfiguration.postSignIn"},
		{"binding to no connector", `{"connectors":[` + good + `],"userFlows":[{"kind":"b2x","id":"B2X_1_a",
			"apiConnectorConfiguration":{"postFederationSignup":"missing"}}]}`, "userFlows[0].apiConnectorConfiguration.postFederationSignup"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := New()
			require.NoError(t, s.LoadSeed(strings.NewReader(`{"connectors":[{"id":"existing","displayName":"E","targetUrl":"https://e.example.com",`+basic+`}]}`)))
			s.SeedUserFlow(B2C, "B2C_1_existing")

			err := s.LoadSeed(strings.NewReader(tc.seed))
			var se *seedError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.field, se.field)
			assert.Len(t, s.Connectors(), 1, "nothing was loaded")
			_, flowErr := s.store.boundConnectors(userFlowKey{kind: B2X, id: "B2X_1_a"})
			assert.ErrorIs(t, flowErr, errUserFlowNotFound)
		})
	}
}

func TestLoadSeedRejectsMalformedJSON(t *testing.T) {
	for _, seed := range []string{
		`{"connectors": [}`,
		`{"connectors": [], "extra": true}`,
		`{"connectors": [{"displayName": "x", "colour": "blue"}]}`,
		`{} {}`,
		``,
	} {
		t.Run(seed, func(t *testing.T) {
			s := New()
			require.Error(t, s.LoadSeed(strings.NewReader(seed)))
			assert.Empty(t, s.Connectors())
		})
	}
}

func TestLoadSeedBindsStepsToSeededAndStoredConnectors(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		require.NoError(t, h.server.LoadSeed(strings.NewReader(`{"connectors":[{"id":"stored","displayName":"Stored",
			"targetUrl":"https://api.example.com/stored","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}}]}`)))
		require.NoError(t, h.server.LoadSeed(strings.NewReader(`{
		  "connectors": [{"id": "seeded", "displayName": "Seeded", "targetUrl": "https://api.example.com/seeded",
		    "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "v"}}],
		  "userFlows": [{"kind": "b2x", "id": "B2X_1_bound",
		    "apiConnectorConfiguration": {"postFederationSignup": "stored", "postAttributeCollection": "seeded"}}]
		}`)))

		r := h.get("/v1.0/identity/b2xUserFlows/B2X_1_bound/apiConnectorConfiguration?$expand=postFederationSignup,postAttributeCollection")
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		assert.Equal(t, "stored", r.str(t, "/postFederationSignup/id"))
		assert.Equal(t, "seeded", r.str(t, "/postAttributeCollection/id"))
		assert.Equal(t, secret.Mask, r.str(t, "/postAttributeCollection/authenticationConfiguration/password"))
	})
}
