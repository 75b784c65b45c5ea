package client_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// TestStepOperationsAgainstTheFake drives the metadata operations of one user-flow step
// through a validating transport, in both versions, with bare and qualified action names.
func TestStepOperationsAgainstTheFake(t *testing.T) {
	for _, tc := range []struct {
		version   string
		kind      client.UserFlowKind
		flow      string
		qualified bool
	}{
		{"v1.0", client.B2X, "B2X_1_partner", false},
		{"v1.0", client.B2X, "B2X_1_partner", true},
		{"beta", client.B2C, "B2C_1_signup", true},
	} {
		name := tc.version + "/" + string(tc.kind)
		if tc.qualified {
			name += "/qualified"
		}
		t.Run(name, func(t *testing.T) {
			server := fake.New(fake.WithClock(func() time.Time { return e2eNow }))
			server.SeedUserFlow(fake.UserFlowKind(tc.kind), tc.flow)
			validating, err := contract.NewTransport(server.Transport())
			require.NoError(t, err)
			opts := []client.Option{client.WithHTTPClient(&http.Client{Transport: validating}), client.WithStaticToken("t"), client.WithAPIVersion(tc.version)}
			if tc.qualified {
				opts = append(opts, client.WithQualifiedActionNames())
			}
			c, err := client.New(opts...)
			require.NoError(t, err)
			ctx := t.Context()

			conn, err := c.Create(ctx, client.Connector{DisplayName: "Step API", TargetURL: "https://api.example.com/step", Auth: client.BasicAuth{Username: "u", Password: "p"}})
			require.NoError(t, err)
			n, err := c.Count(ctx, "startswith(displayName,'Step')")
			require.NoError(t, err)
			assert.Equal(t, 1, n)

			_, err = c.StepConnector(ctx, tc.kind, tc.flow, client.PostAttributeCollection)
			require.ErrorIs(t, err, client.ErrNotFound)
			require.NoError(t, c.Attach(ctx, tc.kind, tc.flow, client.PostAttributeCollection, conn.ID))

			ref, err := c.Reference(ctx, tc.kind, tc.flow, client.PostAttributeCollection)
			require.NoError(t, err)
			assert.Equal(t, conn.ID, ref)
			got, err := c.StepConnector(ctx, tc.kind, tc.flow, client.PostAttributeCollection)
			require.NoError(t, err)
			assert.Equal(t, conn.ID, got.ID)

			renamed := "Renamed"
			require.NoError(t, c.UpdateStepConnector(ctx, tc.kind, tc.flow, client.PostAttributeCollection, client.ConnectorUpdate{DisplayName: &renamed}))
			pfx := testpfx.New(t, "", e2eNow.Add(-time.Hour), e2eNow.Add(time.Hour))
			uploaded, err := c.UploadStepClientCertificate(ctx, tc.kind, tc.flow, client.PostAttributeCollection, pfx.Data, "")
			require.NoError(t, err)
			assert.Equal(t, "Renamed", uploaded.DisplayName)
			assert.IsType(t, client.ClientCertificates{}, uploaded.Auth)

			require.NoError(t, c.RemoveReference(ctx, tc.kind, tc.flow, client.PostAttributeCollection))
			_, err = c.Reference(ctx, tc.kind, tc.flow, client.PostAttributeCollection)
			require.ErrorIs(t, err, client.ErrNotFound)

			assert.Empty(t, validating.Invalid(), "exchanges that broke the contract")
			assert.Empty(t, server.ContractViolations())
			var uploads []string
			for _, ex := range validating.Exchanges() {
				if strings.Contains(ex.Path, "uploadClientCertificate") {
					uploads = append(uploads, ex.Path[strings.LastIndex(ex.Path, "/")+1:])
				}
			}
			want := "uploadClientCertificate"
			if tc.qualified {
				want = "microsoft.graph.uploadClientCertificate"
			}
			assert.Equal(t, []string{want}, uploads)
		})
	}
}

func TestStepOperationsCheckTheirInput(t *testing.T) {
	c, err := client.New(client.WithStaticToken("t"), client.WithBaseURL("https://graph.invalid"))
	require.NoError(t, err)
	ctx := t.Context()
	var ve *client.ValidationError
	_, err = c.StepConnector(ctx, client.B2X, "B2X_1_f", client.PreTokenIssuance)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "step", ve.Fields[0].Field, "preTokenIssuance is beta's")
	_, err = c.Reference(ctx, client.B2X, "B2X_1_f", client.PreTokenIssuance)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "step", ve.Fields[0].Field, "preTokenIssuance has no $ref")
	err = c.RemoveReference(ctx, client.B2C, "B2C_1_f", client.PostFederationSignup)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "kind", ve.Fields[0].Field, "b2c is beta's")
	err = c.UpdateStepConnector(ctx, client.B2X, "B2X_1_f", client.PostFederationSignup, client.ConnectorUpdate{})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "update", ve.Fields[0].Field)
}

func TestReferenceReadsTheConnectorID(t *testing.T) {
	for _, tc := range []struct {
		body, want string
		ok         bool
	}{
		{`{"@odata.id":"https://graph.microsoft.com/v1.0/identity/apiConnectors/c1"}`, "c1", true},
		{`{"@odata.id":"https://graph.microsoft.com/v1.0/identity/apiconnectors/a%20b"}`, "a b", true},
		{`{"@odata.id":"https://graph.microsoft.com/v1.0/identity/b2xUserFlows/B2X_1_f"}`, "", false},
		{`{"@odata.id":"https://graph.microsoft.com/v1.0/identity/apiConnectors/"}`, "", false},
	} {
		c, err := client.New(client.WithStaticToken("t"), client.WithHTTPClient(&http.Client{Transport: fixedBody(tc.body)}))
		require.NoError(t, err)
		id, err := c.Reference(t.Context(), client.B2X, "B2X_1_f", client.PostFederationSignup)
		if !tc.ok {
			require.Error(t, err, tc.body)
			continue
		}
		require.NoError(t, err, tc.body)
		assert.Equal(t, tc.want, id)
	}
}
