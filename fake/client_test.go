package fake

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// The generated client must understand everything the fake answers, typed.
func TestGeneratedClientRoundTrip(t *testing.T) {
	forEachMode(t, []Option{WithPageSize(1)}, func(t *testing.T, h *harness) {
		ctx := t.Context()
		c, err := gen.NewClientWithResponses(h.root+"/beta", gen.WithHTTPClient(h.client),
			gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
				req.Header.Set("Authorization", "Bearer "+testToken)
				return nil
			}))
		require.NoError(t, err)

		var auth gen.APIAuthenticationConfigurationRequest
		require.NoError(t, auth.FromBasicAuthentication(gen.BasicAuthentication{Username: "typed", Password: "typed-pw"}))
		var ids []string
		for _, name := range []string{"Typed 1", "Typed 2"} {
			created, err := c.CreateAPIConnectorWithResponse(ctx, gen.IdentityAPIConnectorCreate{
				DisplayName: name, TargetURL: "https://api.example.com/typed", AuthenticationConfiguration: auth})
			require.NoError(t, err)
			require.NotNil(t, created.JSON201, "status %d: %s", created.StatusCode(), created.Body)
			ids = append(ids, created.JSON201.ID)
			masked, err := created.JSON201.AuthenticationConfiguration.AsBasicAuthenticationMasked()
			require.NoError(t, err)
			assert.Equal(t, secret.Mask, *masked.Password)
		}

		page, err := c.ListAPIConnectorsWithResponse(ctx, &gen.ListAPIConnectorsParams{Select: &gen.Select{"displayName"}})
		require.NoError(t, err)
		require.NotNil(t, page.JSON200)
		require.Len(t, page.JSON200.Value, 1)
		assert.Equal(t, ids[0], page.JSON200.Value[0].ID)
		assert.Nil(t, page.JSON200.Value[0].AuthenticationConfiguration)
		require.NotNil(t, page.JSON200.OdataNextLink)

		missing, err := c.GetAPIConnectorWithResponse(ctx, "missing", nil)
		require.NoError(t, err)
		require.NotNil(t, missing.JSON404)
		assert.Equal(t, codeItemNotFound, missing.JSON404.Error.Code)

		deleted, err := c.DeleteAPIConnectorWithResponse(ctx, ids[1])
		require.NoError(t, err)
		assert.Equal(t, http.StatusNoContent, deleted.StatusCode())
	})
}
