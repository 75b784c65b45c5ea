#!/usr/bin/env bash
# Cold builds (empty GOCACHE each) of two programs that create one connector: bench/consumer/client
# (this module's client) and bench/consumer/raw (net/http and encoding/json), plus raw with
# azcore linked in (-tags azcorefloor), the floor the client's azcore dependency sets.
# Prints binary size (also stripped, -ldflags=-s -w), build wall time and peak RSS, checks
# client <= SIZE_RATIO_MAX x raw (default 1.05), and that the client program depends on no
# OpenAPI, YAML or router package. Exits 1 when a check fails.
#
#	bench/build-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=coldbuild.sh
. bench/coldbuild.sh
max=${SIZE_RATIO_MAX:-1.05}
heavy='getkin/kin-openapi|yaml|gorilla/mux'
status=0

echo "go: $(go env GOVERSION), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
cold_build_header
cold_build "raw (net/http + encoding/json)" ./bench/consumer/raw .
raw=$COLD_SIZE
cold_build "client" ./bench/consumer/client .
client=$COLD_SIZE
COLD_TAGS=azcorefloor cold_build "raw + azcore linked, unused" ./bench/consumer/raw .
floor=$COLD_SIZE

stripped() {
	local tmp
	tmp=$(mktemp -d)
	go build -ldflags='-s -w' "${@:2}" -o "$tmp/bin" "$1"
	stat -c %s "$tmp/bin"
	rm -rf "$tmp"
}
raw_s=$(stripped ./bench/consumer/raw)
client_s=$(stripped ./bench/consumer/client)
floor_s=$(stripped ./bench/consumer/raw -tags azcorefloor)

ratio() { echo "scale=3; $1 / $2" | bc -l; }
echo
echo "| ratio to raw | default build | stripped (-s -w) |"
echo "|---|---:|---:|"
echo "| client | $(ratio "$client" "$raw")x | $(ratio "$client_s" "$raw_s")x |"
echo "| raw + azcore (floor) | $(ratio "$floor" "$raw")x | $(ratio "$floor_s" "$raw_s")x |"
echo
if [ "$(echo "$client <= $max * $raw" | bc -l)" = 1 ]; then
	echo "size: PASS (client $(ratio "$client" "$raw")x raw, target <= ${max}x)"
else
	echo "size: FAIL (client $(ratio "$client" "$raw")x raw, target <= ${max}x; azcore alone makes it $(ratio "$floor" "$raw")x)"
	status=1
fi

if go list -deps ./bench/consumer/client | grep -E "$heavy"; then
	echo "deps: FAIL: the client program depends on the packages above"
	status=1
else
	echo "deps: PASS (no package matching $heavy in go list -deps ./bench/consumer/client)"
fi
exit $status
