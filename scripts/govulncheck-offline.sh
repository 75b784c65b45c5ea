#!/usr/bin/env bash
# govulncheck without vuln.go.dev: for machines that reach the Go module proxy and nothing
# else. The Go vulnerability database is published as the module golang.org/x/vulndb,
# whose data/osv/<ID>.json are the OSV entries vuln.go.dev serves. This script downloads
# that module through the proxy, converts it once per version into the layout
# `govulncheck -db file:///DIR` reads (see golang.org/x/vuln/internal/client, and
# https://go.dev/security/vuln/database#api):
#
#   DIR/index/db.json        {"modified": "<time>"}
#   DIR/index/modules.json   [{"path": "<module>", "vulns": [{"id": "GO-…", "modified": "<time>"}]}]
#   DIR/ID/<ID>.json         the OSV entry
#
# and runs bin/govulncheck against it. The index leaves out each vuln's "fixed" version:
# it only lets govulncheck skip fetching entries, which it filters by their own version
# ranges anyway. The entries' "modified" times are zero in the module, so db.json takes the
# module's commit time: that is the date govulncheck reports for the database.
#
# usage: scripts/govulncheck-offline.sh [govulncheck arguments]   (default: ./...)
# env:   VULNDB_VERSION  module version of golang.org/x/vulndb (default: latest)
#        VULNDB_CACHE    where converted databases are kept
#                        (default: ${XDG_CACHE_HOME:-$HOME/.cache}/apiconnector/vulndb)
#        GOVULNCHECK     the govulncheck binary (default: bin/govulncheck, built from tools/)
# exit:  govulncheck's: 0 no reachable vulnerability, 3 some found, other codes errors.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

version=${VULNDB_VERSION:-latest}
cache=${VULNDB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apiconnector/vulndb}
govulncheck=${GOVULNCHECK:-$repo/bin/govulncheck}

if [[ ! -x $govulncheck ]]; then
	echo "building $govulncheck from tools/" >&2
	(cd tools && go build -o "$govulncheck" golang.org/x/vuln/cmd/govulncheck)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Download outside this module, so that neither go.mod nor go.sum is touched.
info=$(cd "$work" && GOFLAGS=-mod=mod GO111MODULE=on go mod download -json "golang.org/x/vulndb@$version")
field() { sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" <<<"$info" | head -n 1; }
resolved=$(field Version)
src=$(field Dir)
infoFile=$(field Info)
if [[ -z $resolved || -z $src || ! -d $src/data/osv ]]; then
	echo "golang.org/x/vulndb@$version has no data/osv directory:" >&2
	echo "$info" >&2
	exit 2
fi
modified=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$infoFile")

db=$cache/$resolved
if [[ ! -f $db/index/modules.json ]]; then
	echo "converting golang.org/x/vulndb@$resolved into $db" >&2
	cat >"$work/convert.go" <<'EOF'
// convert writes the file layout of a Go vulnerability database from a directory of OSV
// entries: convert SRC DST MODIFIED.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type entry struct {
	ID       string `json:"id"`
	Modified string `json:"modified"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
}

type vuln struct {
	ID       string `json:"id"`
	Modified string `json:"modified"`
}

type module struct {
	Path  string `json:"path"`
	Vulns []vuln `json:"vulns"`
}

func main() {
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "convert:", err)
		os.Exit(1)
	}
}

func run(src, dst, modified string) error {
	files, err := filepath.Glob(filepath.Join(src, "*.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no OSV entries in %s (%v)", src, err)
	}
	tmp := dst + ".partial"
	_ = os.RemoveAll(tmp)
	for _, d := range []string{"ID", "index"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			return err
		}
	}
	modules := map[string]*module{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var e entry
		if err := json.Unmarshal(data, &e); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if e.ID+".json" != filepath.Base(f) {
			return fmt.Errorf("%s holds entry %q", f, e.ID)
		}
		if err := os.WriteFile(filepath.Join(tmp, "ID", e.ID+".json"), data, 0o644); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, a := range e.Affected {
			path := a.Package.Name
			if path == "" || seen[path] {
				continue
			}
			seen[path] = true
			if modules[path] == nil {
				modules[path] = &module{Path: path}
			}
			modules[path].Vulns = append(modules[path].Vulns, vuln{ID: e.ID, Modified: e.Modified})
		}
	}
	list := make([]*module, 0, len(modules))
	for _, m := range modules {
		sort.Slice(m.Vulns, func(i, j int) bool { return m.Vulns[i].ID < m.Vulns[j].ID })
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	index, err := json.Marshal(list)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "index", "modules.json"), index, 0o644); err != nil {
		return err
	}
	meta, err := json.Marshal(map[string]string{"modified": strings.TrimSpace(modified)})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "index", "db.json"), meta, 0o644); err != nil {
		return err
	}
	_ = os.RemoveAll(dst)
	fmt.Fprintf(os.Stderr, "%d entries, %d modules\n", len(files), len(list))
	return os.Rename(tmp, dst)
}
EOF
	mkdir -p "$cache"
	(cd "$work" && GOFLAGS= GO111MODULE=on go run convert.go "$src/data/osv" "$db" "$modified")
fi

if [[ $# -eq 0 ]]; then
	set -- ./...
fi
echo "govulncheck with golang.org/x/vulndb@$resolved ($db)" >&2
exec "$govulncheck" -db "file://$db" "$@"
