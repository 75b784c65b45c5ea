#!/usr/bin/env bash
# The README's ways of getting the command into another repository, run from a scratch
# module outside this one, as that repository's CI would run them:
#   1. go run github.com/graph-apiconnector/apiconnector/cmd/apiconnector@VERSION validate ...
#      with VERSION served from a file-based module proxy made from this commit, since it is
#      not published yet (everything else comes from the ordinary proxy);
#   2. the same module required in the scratch go.mod, a replace standing in for the
#      published version, run with go run MODULE/cmd/apiconnector (a replace cannot apply to
#      the @VERSION form, which ignores the current module).
#   3. go install MODULE/cmd/apiconnector@VERSION, from the same file proxy.
# Each validates a HAR recording and an .http exchange and checks the exit codes and the
# JUnit counts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module=github.com/graph-apiconnector/apiconnector
version="v0.0.0-ci.$(date +%s)"
work=$(mktemp -d)
modcache=$(go env GOMODCACHE)
cleanup() {
	# A throwaway version must not linger in the module cache.
	chmod -R u+w "$modcache/$module@$version" 2>/dev/null || true
	rm -rf "$modcache/$module@$version" "$modcache/cache/download/$module/@v/$version".* "$work"
}
trap cleanup EXIT

mkdir -p "$work/src" "$work/scratch"
git -C "$root" archive HEAD | tar -x -C "$work/src"
(cd "$root" && go run ./internal/modproxy -src "$work/src" -module "$module" -version "$version" -out "$work/proxy")

cd "$work/scratch"
cp "$root/har/testdata/browser-export.har" traffic.har
cp "$root/contract/testdata/docs/beta/create/1/request.http" request.http
cp "$root/contract/testdata/docs/beta/create/1/response.http" response.http
go mod init example.com/their-service >/dev/null 2>&1

# expect CODE FILE COMMAND...: run COMMAND with stdout to FILE and require exit CODE.
expect() {
	local want=$1 out=$2; shift 2
	local code=0
	"$@" >"$out" 2>"$out.err" || code=$?
	if [ "$code" != "$want" ]; then
		echo "check-go-run: '$*' exited $code, want $want" >&2
		cat "$out" "$out.err" >&2
		exit 1
	fi
}

# junit_counts FILE: the testsuite's tests and failures attributes, as "tests failures".
junit_counts() {
	sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)" failures="\([0-9]*\)".*/\1 \2/p' "$1" | head -1
}

# check HOW UNREADABLE COMMAND...: the three outcomes through COMMAND. go run turns every
# non-zero exit into 1 and prints the program's own as "exit status N", so UNREADABLE is the
# code expected for unreadable input: 2 from the command itself, 1 through go run.
check() {
	local how=$1 unreadable=$2; shift 2
	expect 0 pair.txt "$@" validate request.http response.http
	grep -qx 'request: valid' pair.txt && grep -qx 'response: valid' pair.txt
	expect 1 junit.xml "$@" validate --format junit traffic.har
	[ "$(junit_counts junit.xml)" = "4 2" ] || { echo "check-go-run: $how: JUnit counts $(junit_counts junit.xml), want 4 tests, 2 failures" >&2; cat junit.xml >&2; exit 1; }
	expect "$unreadable" missing.txt "$@" validate no-such.har
	grep -q 'no-such.har' missing.txt.err
	if [ "$unreadable" = 1 ]; then grep -qx 'exit status 2' missing.txt.err; fi
	echo "check-go-run: $how: ok"
}

# 1. The @VERSION form, against the version served from the file proxy.
export GOPROXY="file://$work/proxy,$(go env GOPROXY)"
export GONOSUMDB="$module" GOFLAGS=-mod=mod
check "go run $module/cmd/apiconnector@$version" 1 go run "$module/cmd/apiconnector@$version"

# The go install form, whose binary keeps the command's own exit codes.
GOBIN="$work/bin" go install "$module/cmd/apiconnector@$version"
check "go install $module/cmd/apiconnector@$version" 2 "$work/bin/apiconnector"

# 2. Required in the scratch module, with a replace standing in for the published version.
go mod edit -require="$module@$version" -replace="$module=$work/src"
go mod edit -tool="$module/cmd/apiconnector"
go mod tidy >/dev/null 2>&1
check "go run $module/cmd/apiconnector (replace)" 1 go run "$module/cmd/apiconnector"
