// Command modproxy lays out a file-based Go module proxy (GOPROXY=file://DIR) holding one
// version of a module made from a directory, so that `go run MODULE/cmd@VERSION` and
// `go install` can be tried exactly as another repository would run them, before the
// version is published. scripts/check-go-run.sh uses it.
//
//	go run ./internal/modproxy -src DIR -module github.com/graph-apiconnector/apiconnector -version v0.0.0-ci.1 -out PROXYDIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	src := flag.String("src", ".", "the module's directory")
	path := flag.String("module", "", "the module path")
	version := flag.String("version", "", "the version to serve, e.g. v0.0.0-ci.1")
	out := flag.String("out", "", "the proxy directory to write")
	flag.Parse()
	if err := run(*src, *path, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(src, path, version, out string) error {
	if path == "" || version == "" || out == "" {
		return fmt.Errorf("-module, -version and -out are required")
	}
	m := module.Version{Path: path, Version: version}
	if err := module.Check(m.Path, m.Version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(m.Path)
	if err != nil {
		return err
	}
	dir := filepath.Join(out, escaped, "@v")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(src, "go.mod")) //nolint:gosec // G304: the module the caller names
	if err != nil {
		return err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{m.Version, time.Now().UTC()})
	if err != nil {
		return err
	}
	zf, err := os.Create(filepath.Join(dir, m.Version+".zip")) //nolint:gosec // G304: inside the proxy directory the caller names
	if err != nil {
		return err
	}
	if err := zip.CreateFromDir(zf, m, src); err != nil {
		_ = zf.Close()
		return err
	}
	if err := zf.Close(); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"list":              []byte(m.Version + "\n"),
		m.Version + ".info": info,
		m.Version + ".mod":  mod,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}
