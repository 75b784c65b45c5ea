// Package fuzzcorpus writes and checks the seed corpora of the fuzz tests, in the file
// format `go test -fuzz` reads from testdata/fuzz/<FuzzName>/: a "go test fuzz v1" line,
// then one Go literal per argument of the fuzz function.
//
// Seeds come from the documented exchanges, so a test calls Sync with the seeds it derives
// and the committed files stay in step with the docs: by default Sync fails the test when a
// seed file is missing or differs; with APICONNECTOR_WRITE_FUZZ_SEEDS=1 it writes them.
// Files the fuzzer itself adds (crashers kept as regression seeds) are left alone.
package fuzzcorpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// WriteEnv is the environment variable that makes Sync write the seed files.
const WriteEnv = "APICONNECTOR_WRITE_FUZZ_SEEDS"

// Seed is one corpus file: its name under testdata/fuzz/<FuzzName>/ and the fuzz
// arguments in order.
type Seed struct {
	Name   string
	Values []any
	// Once marks a seed that differs on every generation (a fresh key pair, say): it is
	// written when absent and never compared.
	Once bool
}

// Encode returns the corpus file of values, byte for byte as the go command writes it.
// It supports the argument types the fuzz tests use: []byte, string, bool and the
// integer types.
func Encode(values ...any) ([]byte, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("fuzzcorpus: no values")
	}
	var b bytes.Buffer
	b.WriteString("go test fuzz v1\n")
	for _, v := range values {
		switch t := v.(type) {
		case int, int8, int16, int64, uint, uint16, uint32, uint64, bool:
			fmt.Fprintf(&b, "%T(%v)\n", t, t)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", t)
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", t)
		default:
			return nil, fmt.Errorf("fuzzcorpus: unsupported type %T", v)
		}
	}
	return b.Bytes(), nil
}

// Sync checks (or, with WriteEnv=1, writes) each seed as
// testdata/fuzz/<fuzzName>/<seed.Name> relative to the package under test.
func Sync(t testing.TB, fuzzName string, seeds []Seed) {
	t.Helper()
	write := os.Getenv(WriteEnv) == "1"
	dir := filepath.Join("testdata", "fuzz", fuzzName)
	if write {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			t.Fatalf("fuzzcorpus: %v", err)
		}
	}
	names := map[string]bool{}
	for _, s := range seeds {
		if names[s.Name] {
			t.Fatalf("fuzzcorpus: %s: seed name %q repeats", fuzzName, s.Name)
		}
		names[s.Name] = true
		want, err := Encode(s.Values...)
		if err != nil {
			t.Fatalf("fuzzcorpus: %s/%s: %v", fuzzName, s.Name, err)
		}
		path := filepath.Join(dir, s.Name)
		got, err := os.ReadFile(path) //nolint:gosec // a seed file under the package's testdata, named by the test
		switch {
		case write && (err != nil || !s.Once):
			if err := os.WriteFile(path, want, 0o600); err != nil {
				t.Fatalf("fuzzcorpus: %v", err)
			}
		case write:
		case err != nil:
			t.Errorf("fuzzcorpus: seed %s is missing (%v); regenerate with %s=1 go test -run '^TestFuzzSeeds' ./...", path, err, WriteEnv)
		case !s.Once && !bytes.Equal(got, want):
			t.Errorf("fuzzcorpus: seed %s is stale; regenerate with %s=1 go test -run '^TestFuzzSeeds' ./...", path, WriteEnv)
		}
	}
}

// Exchange is one documented exchange: its folder below the docs root ("beta/create/2")
// and the bytes of its request.http and response.http.
type Exchange struct {
	Name              string
	Request, Response []byte
}

// DocExchanges reads every <version>/<operation>/<n>/ folder under root (the path of
// contract/testdata/docs relative to the package under test), in lexical order.
func DocExchanges(t testing.TB, root string) []Exchange {
	t.Helper()
	reqs, err := filepath.Glob(filepath.Join(root, "*", "*", "*", "request.http"))
	if err != nil || len(reqs) == 0 {
		t.Fatalf("fuzzcorpus: no documented exchanges under %s (%v)", root, err)
	}
	out := make([]Exchange, 0, len(reqs))
	for _, r := range reqs {
		dir := filepath.Dir(r)
		name, err := filepath.Rel(root, dir)
		if err != nil {
			t.Fatalf("fuzzcorpus: %v", err)
		}
		req, err := os.ReadFile(r) //nolint:gosec // a documented exchange under the root the test names
		if err != nil {
			t.Fatalf("fuzzcorpus: %v", err)
		}
		resp, err := os.ReadFile(filepath.Join(dir, "response.http")) //nolint:gosec // as above
		if err != nil {
			t.Fatalf("fuzzcorpus: %v", err)
		}
		out = append(out, Exchange{Name: filepath.ToSlash(name), Request: req, Response: resp})
	}
	return out
}

// SeedName turns an exchange name and a suffix into a file name: "beta/create/2" and
// "request" become "docs-beta-create-2-request".
func SeedName(exchange, suffix string) string {
	name := "docs-" + filepath.ToSlash(exchange)
	if suffix != "" {
		name += "-" + suffix
	}
	return string(bytes.ReplaceAll([]byte(name), []byte("/"), []byte("-")))
}
