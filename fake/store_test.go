package fake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/gen"
)

func TestStorePage(t *testing.T) {
	st := newStore()
	for _, id := range []string{"a", "b", "c", "d"} {
		_, err := st.addConnector(connectorRecord{id: id, displayName: id})
		require.NoError(t, err)
	}
	all := func(connectorRecord) bool { return true }
	notB := func(c connectorRecord) bool { return c.id != "b" }
	ids := func(cs []connectorRecord) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.id)
		}
		return out
	}
	cases := []struct {
		name     string
		after    uint64
		size     int
		match    func(connectorRecord) bool
		want     []string
		wantMore bool
	}{
		{"first page", 0, 2, all, []string{"a", "b"}, true},
		{"after the second", 2, 2, all, []string{"c", "d"}, false},
		{"filtered", 0, 2, notB, []string{"a", "c"}, true},
		{"exactly the rest", 1, 3, all, []string{"b", "c", "d"}, false},
		{"past the end", 4, 2, all, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page, more := st.page(tc.after, tc.size, tc.match)
			assert.Equal(t, tc.want, ids(page))
			assert.Equal(t, tc.wantMore, more)
		})
	}
}

func TestStoreHandsOutCopies(t *testing.T) {
	st := newStore()
	_, err := st.addConnector(connectorRecord{id: "a", auth: authRecord{kind: authCertificates, certificates: []certificate{{thumbprint: "1"}}}})
	require.NoError(t, err)
	got, ok := st.connector("a")
	require.True(t, ok)
	got.auth.certificates[0].thumbprint = "changed"

	again, _ := st.connector("a")
	assert.Equal(t, "1", again.auth.certificates[0].thumbprint)
}

func TestStoreUserFlows(t *testing.T) {
	st := newStore()
	key := userFlowKey{kind: B2X, id: "B2X_1_f"}
	_, err := st.addConnector(connectorRecord{id: "c"})
	require.NoError(t, err)

	require.ErrorIs(t, st.bind(key, gen.PostFederationSignup, "c"), errUserFlowNotFound)
	var missing *missingBindingError
	require.ErrorAs(t, st.createUserFlow(key, map[gen.UserFlowAPIConnectorStep]string{gen.PostAttributeCollection: "none"}), &missing)
	assert.Equal(t, gen.PostAttributeCollection, missing.step)

	require.NoError(t, st.createUserFlow(key, map[gen.UserFlowAPIConnectorStep]string{gen.PostAttributeCollection: "c"}))
	require.ErrorIs(t, st.createUserFlow(key, nil), errUserFlowExists)
	require.ErrorIs(t, st.bind(key, gen.PostFederationSignup, "none"), errConnectorNotFound)
	require.NoError(t, st.bind(key, gen.PostFederationSignup, "c"))

	bound, err := st.boundConnectors(key)
	require.NoError(t, err)
	assert.Len(t, bound, 2)

	require.True(t, st.deleteConnector("c"))
	bound, err = st.boundConnectors(key)
	require.NoError(t, err)
	assert.Empty(t, bound, "deleting a connector unbinds every step")
	assert.False(t, st.deleteConnector("c"))
}
