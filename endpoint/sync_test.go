package endpoint

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/callcontract"
)

// TestRulesMatchTheSpec keeps the endpoint's copies of the rules equal to what
// connector-call.yaml states, since endpoint/ must not parse the spec at run time.
func TestRulesMatchTheSpec(t *testing.T) {
	c, err := callcontract.Load()
	require.NoError(t, err)
	assert.Equal(t, c.ReplyClaimPattern(), replyClaim.String())
	assert.Equal(t, c.BuiltInReplyClaims(), slices.Sorted(slices.Values(builtInReplyClaims)))
	require.Len(t, allowedActions, len(c.Steps))
	for step, rule := range c.Steps {
		var want []string
		for _, a := range rule.Actions {
			want = append(want, string(a))
		}
		assert.Equal(t, want, allowedActions[Step(step)], step)
		assert.Equal(t, rule.ReadOnlyClaims, readOnlyClaims[Step(step)], step)
	}
}
