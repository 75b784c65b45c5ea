package contract

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// docExchange is one documented exchange under testdata/docs, named by its folder below it
// ("beta/create/2").
type docExchange struct {
	name, dir string
}

func documentedExchanges(t testing.TB) []docExchange {
	t.Helper()
	return exchangesUnder(t, "testdata/docs")
}

// exchangesUnder lists the exchanges laid out under root as testdata/docs is.
func exchangesUnder(t testing.TB, root string) []docExchange {
	t.Helper()
	reqs, err := filepath.Glob(filepath.Join(root, "*", "*", "*", "request.http"))
	require.NoError(t, err)
	require.NotEmpty(t, reqs)
	var out []docExchange
	for _, r := range reqs {
		dir := filepath.Dir(r)
		name, err := filepath.Rel(root, dir)
		require.NoError(t, err)
		out = append(out, docExchange{name: filepath.ToSlash(name), dir: dir})
	}
	return out
}

func testValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator()
	require.NoError(t, err)
	return v
}

func hasViolation(res Result, pointer string, kind Kind) bool {
	for _, v := range res.Violations {
		if v.Pointer == pointer && v.Kind == kind {
			return true
		}
	}
	return false
}
