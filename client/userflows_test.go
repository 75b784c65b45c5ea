package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

func TestAttachAndDetachRequestShape(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		call     func(context.Context, *client.Client) error
		wantPath string
		wantBody func(root string) string
	}{
		{
			name:    "attach b2x",
			version: "v1.0",
			call: func(ctx context.Context, c *client.Client) error {
				return c.Attach(ctx, client.B2X, "B2X_1_partner", client.PostFederationSignup, "conn-1")
			},
			wantPath: "/v1.0/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration/postFederationSignup/$ref",
			wantBody: func(root string) string {
				return `{"@odata.id":"` + root + `/v1.0/identity/apiConnectors/conn-1"}`
			},
		},
		{
			name:    "attach b2x on beta",
			version: "beta",
			call: func(ctx context.Context, c *client.Client) error {
				return c.Attach(ctx, client.B2X, "B2X_1_partner", client.PostAttributeCollection, "conn-2")
			},
			wantPath: "/beta/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration/postAttributeCollection/$ref",
			wantBody: func(root string) string {
				return `{"@odata.id":"` + root + `/beta/identity/apiConnectors/conn-2"}`
			},
		},
		{
			name:    "attach b2c on beta",
			version: "beta",
			call: func(ctx context.Context, c *client.Client) error {
				return c.Attach(ctx, client.B2C, "B2C_1_signup", client.PostFederationSignup, "conn-3")
			},
			wantPath: "/beta/identity/b2cUserFlows/B2C_1_signup/apiConnectorConfiguration/postFederationSignup/$ref",
			wantBody: func(root string) string {
				return `{"@odata.id":"` + root + `/beta/identity/apiConnectors/conn-3"}`
			},
		},
		{
			name:    "detach b2x",
			version: "v1.0",
			call: func(ctx context.Context, c *client.Client) error {
				return c.Detach(ctx, client.B2X, "B2X_1_partner", client.PostAttributeCollection)
			},
			wantPath: "/v1.0/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration/postAttributeCollection/$ref",
			wantBody: func(string) string { return `{}` },
		},
		{
			name:    "detach b2c on beta",
			version: "beta",
			call: func(ctx context.Context, c *client.Client) error {
				return c.Detach(ctx, client.B2C, "B2C_1_signup", client.PostFederationSignup)
			},
			wantPath: "/beta/identity/b2cUserFlows/B2C_1_signup/apiConnectorConfiguration/postFederationSignup/$ref",
			wantBody: func(string) string { return `{}` },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusNoContent) })
			c, _ := newClient(t, g, client.WithAPIVersion(tt.version))

			require.NoError(t, tt.call(context.Background(), c))
			reqs := g.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPut, reqs[0].Method)
			assert.Equal(t, basePath+tt.wantPath, reqs[0].Path)
			assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
			assert.Equal(t, "Bearer "+testToken, reqs[0].Header.Get("Authorization"))
			requireJSON(t, tt.wantBody(g.root()), reqs[0].Body)
		})
	}
}

func TestAttachReferencesTheCloudHost(t *testing.T) {
	var body []byte
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body = readAll(t, r)
		return cannedResponse(r, http.StatusNoContent, ""), nil
	})
	c, err := client.New(client.WithCloud(client.CloudUSGovL4), client.WithStaticToken("t"), client.WithHTTPClient(&http.Client{Transport: rt}))
	require.NoError(t, err)

	require.NoError(t, c.Attach(context.Background(), client.B2X, "B2X_1_f", client.PostFederationSignup, "abc"))
	requireJSON(t, `{"@odata.id":"https://graph.microsoft.us/v1.0/identity/apiConnectors/abc"}`, body)
}

func TestUserFlowConfiguration(t *testing.T) {
	tests := []struct {
		name     string
		kind     client.UserFlowKind
		version  string
		response string
		wantPath string
		// wantExpand is every step the version has: beta adds preTokenIssuance.
		wantExpand string
		want       client.UserFlowConfiguration
	}{
		{
			name:    "b2x both steps",
			kind:    client.B2X,
			version: "v1.0",
			response: `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/b2xUserFlows('B2X_1_f')/apiConnectorConfiguration(postFederationSignup(),postAttributeCollection())",
				"postFederationSignup":{"@odata.type":"#microsoft.graph.identityApiConnector","id":"g1","displayName":"one","targetUrl":"https://one.example",
					"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u1","password":"******"}},
				"postAttributeCollection":{"id":"g2","displayName":"two","targetUrl":"https://two.example",
					"authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[]}}}`,
			wantPath:   "/v1.0/identity/b2xUserFlows/B2X_1_f/apiConnectorConfiguration",
			wantExpand: "postFederationSignup,postAttributeCollection",
			want: client.UserFlowConfiguration{
				PostFederationSignup:    &client.Connector{ID: "g1", DisplayName: "one", TargetURL: "https://one.example", Auth: client.BasicAuth{Username: "u1", Password: "******"}},
				PostAttributeCollection: &client.Connector{ID: "g2", DisplayName: "two", TargetURL: "https://two.example", Auth: client.ClientCertificates{Certificates: []client.CertificateInfo{}}},
			},
		},
		{
			name:       "b2c, one step, beta",
			kind:       client.B2C,
			version:    "beta",
			response:   `{"postAttributeCollection":{"id":"g2"},"preTokenIssuance":{"id":"g3"}}`,
			wantPath:   "/beta/identity/b2cUserFlows/B2X_1_f/apiConnectorConfiguration",
			wantExpand: "postFederationSignup,postAttributeCollection,preTokenIssuance",
			want:       client.UserFlowConfiguration{PostAttributeCollection: &client.Connector{ID: "g2"}, PreTokenIssuance: &client.Connector{ID: "g3"}},
		},
		{
			name:       "nothing attached",
			kind:       client.B2X,
			version:    "beta",
			response:   `{}`,
			wantPath:   "/beta/identity/b2xUserFlows/B2X_1_f/apiConnectorConfiguration",
			wantExpand: "postFederationSignup,postAttributeCollection,preTokenIssuance",
			want:       client.UserFlowConfiguration{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, tt.response) })
			c, _ := newClient(t, g, client.WithAPIVersion(tt.version))

			got, err := c.UserFlowConfiguration(context.Background(), tt.kind, "B2X_1_f")
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)

			reqs := g.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodGet, reqs[0].Method)
			assert.Equal(t, basePath+tt.wantPath, reqs[0].Path)
			assert.Equal(t, []string{tt.wantExpand}, reqs[0].Query["$expand"])
		})
	}
}

func TestUserFlowNotFound(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusNotFound, graphError("ResourceNotFound", "no such flow"))
	})
	c, _ := newClient(t, g)

	err := c.Detach(context.Background(), client.B2X, "B2X_1_missing", client.PostFederationSignup)
	assert.ErrorIs(t, err, client.ErrNotFound)
}
