package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

func writePFX(t *testing.T, password string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "client.pfx")
	require.NoError(t, os.WriteFile(path, testpfx.Valid(t, password).Data, 0o600))
	return path
}

// TestFlagsMayFollowArgumentsAndEveryResultGoesToStdout drives the commands against serve
// with the flags after the positional arguments, in both output formats.
func TestFlagsMayFollowArgumentsAndEveryResultGoesToStdout(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(`{"connectors":[{"id":"c1","displayName":"Test API","targetUrl":"https://someapi.com/api",
		"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}},
		{"id":"c2","displayName":"Other","targetUrl":"https://someapi.com/other",
		"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}}],
		"userFlows":[{"kind":"b2x","id":"B2X_1_partner"}]}`), 0o600))
	t.Setenv(envToken, "any")
	target := []string{"--base-url", serveForTest(t, "--seed", seed)}
	runOK := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := runWithStdin("", append(args, target...)...)
		require.Equal(t, exitOK, code, "%v: %s", args, stderr)
		assert.Empty(t, stderr, "%v", args)
		return stdout
	}

	assert.Equal(t, "Test API", decodeConnector(t, runOK("get", "c1", "--output", "json")).DisplayName)
	assert.Equal(t, "Renamed", decodeConnector(t, runOK("update", "c1", "--display-name", "Renamed")).DisplayName)
	assert.Contains(t, runOK("upload-cert", "c1", "--pkcs12-file", writePFX(t, "")), "certificateList")

	table := runOK("attach", "--user-flow", "B2X_1_partner", "--step", "postAttributeCollection", "--connector", "c1", "--output", "table")
	lines := strings.Split(strings.TrimRight(table, "\n"), "\n")
	require.Len(t, lines, 3, table)
	assert.Equal(t, []string{"STEP", "CONNECTOR", "DISPLAY", "NAME"}, strings.Fields(lines[0]), "a header row, as list has")
	assert.Equal(t, []string{"postFederationSignup", "-", "-"}, strings.Fields(lines[1]))
	assert.Equal(t, []string{"postAttributeCollection", "c1", "Renamed"}, strings.Fields(lines[2]))

	var flow map[string]connectorOutput
	require.NoError(t, json.Unmarshal([]byte(runOK("detach", "--user-flow", "B2X_1_partner", "--step", "postAttributeCollection", "--output", "json")), &flow))
	assert.Empty(t, flow, "the step no longer calls a connector")
	table = runOK("detach", "--user-flow", "B2X_1_partner", "--step", "postAttributeCollection", "--output", "table")
	assert.Equal(t, []string{"STEP", "CONNECTOR", "DISPLAY", "NAME"}, strings.Fields(strings.Split(table, "\n")[0]))

	var deleted deleteOutput
	require.NoError(t, json.Unmarshal([]byte(runOK("delete", "c1", "--output", "json")), &deleted))
	assert.Equal(t, deleteOutput{ID: "c1", Deleted: true}, deleted)
	table = runOK("delete", "c2", "--output", "table")
	assert.Equal(t, [][]string{{"ID", "RESULT"}, {"c2", "deleted"}}, [][]string{
		strings.Fields(strings.Split(table, "\n")[0]), strings.Fields(strings.Split(table, "\n")[1]),
	})
	assert.Equal(t, "[]\n", runOK("list", "--output", "json"))
}
