package reconcile

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

func TestExportReadsBackAFileThatPlansNoChange(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, pfx := issueSetup(h)
	_, err := h.apply(path)
	require.NoError(t, err)

	doc, err := Export(context.Background(), h.c, client.VersionV1, []FlowRef{{Kind: client.B2X, ID: "B2X_1_partner"}})
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, doc.WriteYAML(&out))
	assert.Contains(t, out.String(), pfx.Thumbprint, "the thumbprints the tenant has are shown")
	assertNoSecretIn(t, out.String())

	// The export names a variable per password and a .pfx per certificate; supplied, its
	// plan is empty.
	h.writeFile("approval-check.pfx", string(pfx.Data))
	h.vars["LOYALTY_CHECK_PASSWORD"] = plantedSecret
	h.vars["APPROVAL_CHECK_PFX_PASSWORD"] = plantedSecret
	exported := h.writeFile("exported.yaml", out.String())
	f, err := Parse(exported, out.Bytes())
	require.NoError(t, err, out.String())
	assert.Equal(t, []string{"loyalty-check", "approval-check"}, []string{f.Connectors[0].Name, f.Connectors[1].Name})
	assert.Equal(t, map[client.Step]string{client.PostAttributeCollection: "loyalty-check", client.PostFederationSignup: "approval-check"}, f.UserFlows[0].Steps)
	assert.Empty(t, h.plan(exported, Options{Prune: true}).Changes)

	var js bytes.Buffer
	require.NoError(t, doc.WriteJSON(&js))
	_, err = Parse("exported.json", js.Bytes())
	require.NoError(t, err, js.String())
	assertNoSecretIn(t, js.String())
}

func TestExportMakesDistinctLocalNames(t *testing.T) {
	taken := map[string]bool{}
	var got []string
	for _, name := range []string{"Loyalty check", "loyalty-check", "Loyalty  check!", "42 checks", "***"} {
		got = append(got, uniqueName(localName(name), taken))
	}
	assert.Equal(t, []string{"loyalty-check", "loyalty-check-2", "loyalty-check-3", "connector-42-checks", "connector"}, got)
	for _, name := range got {
		assert.Regexp(t, localNamePattern, name)
	}
}
