package reconcile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

// FuzzParse holds Parse to its promises on any input: it never panics, a refusal is a
// *FileError whose every problem has a kind and a line inside the file, and a file it
// takes has a valid version, unique displayNames and only references that resolve.
func FuzzParse(f *testing.F) {
	paths, err := filepath.Glob("../examples/declarative/*.*")
	require.NoError(f, err)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		require.NoError(f, err)
		f.Add(data)
	}
	for _, tc := range badFiles {
		f.Add([]byte(tc.file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yaml", data)
		if err != nil {
			assert.Nil(t, file)
			fe, ok := err.(*FileError) //nolint:errorlint // Parse returns the type itself
			require.True(t, ok, "%T", err)
			require.NotEmpty(t, fe.Problems)
			// YAML breaks lines at \n, \r\n and a lone \r alike.
			lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) +
				bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r")) + 1
			for _, p := range fe.Problems {
				assert.NotEmpty(t, p.Kind)
				assert.GreaterOrEqual(t, p.Line, 1)
				assert.LessOrEqual(t, p.Line, lines+1)
			}
			return
		}
		assert.Contains(t, []string{client.VersionV1, client.VersionBeta}, file.Version)
		seen := map[string]bool{}
		for _, c := range file.Connectors {
			assert.False(t, seen[c.DisplayName], "duplicate displayName %q", c.DisplayName)
			seen[c.DisplayName] = true
			assert.NotEqual(t, c.Basic == nil, c.Certificate == nil, "exactly one kind of auth")
		}
		for _, uf := range file.UserFlows {
			for _, name := range uf.Steps {
				_, ok := file.connector(name)
				assert.True(t, ok, "step names %q", name)
			}
			if file.Version == client.VersionV1 {
				assert.Equal(t, client.B2X, uf.Kind)
			}
		}
	})
}
