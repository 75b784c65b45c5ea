package contract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNavigationItemsSayWhyOnlyID: an item of a user flow's navigation collections that
// models less than its CSDL entity type states why on the element, as every choice the
// sources leave open is stated.
func TestNavigationItemsSayWhyOnlyID(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	for _, flow := range []string{"b2xIdentityUserFlow", "b2cIdentityUserFlow"} {
		schema := spec.doc.Components.Schemas[flow]
		require.NotNil(t, schema, flow)
		for _, nav := range []string{"identityProviders", "languages", "userAttributeAssignments", "userFlowIdentityProviders"} {
			p := schema.Value.Properties[nav]
			require.NotNil(t, p, "%s.%s", flow, nav)
			require.Equal(t, "array", p.Value.Type.Slice()[0], "%s.%s", flow, nav)
			item := p.Value.Items.Value
			if len(item.Properties) > 1 {
				continue
			}
			assert.Contains(t, item.Properties, "id", "%s.%s", flow, nav)
			decision, _ := item.Extensions["x-decision"].(string)
			assert.NotEmpty(t, decision, "%s.%s models only id and says not why", flow, nav)
		}
	}
}
