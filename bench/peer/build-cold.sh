#!/usr/bin/env bash
# Cold builds (empty GOCACHE) of two programs that each create one connector: one with
# msgraph-sdk-go v1.89.0, one with this module's client. Prints a Markdown table of binary
# size, build wall time and peak RSS. The SDK build takes minutes and gigabytes.
#
#	bench/peer/build-cold.sh [sdk] [client]     (default: both)
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=../coldbuild.sh
. ../coldbuild.sh
programs=("$@")
[ ${#programs[@]} -gt 0 ] || programs=(sdk client)
echo "go: $(go env GOVERSION), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
cold_build_header
for p in "${programs[@]}"; do
	case $p in
	sdk) cold_build "msgraph-sdk-go one create" ./onecall/sdk . ;;
	client) cold_build "apiconnector/client one create" ./onecall/client . ;;
	*) echo "unknown program $p (want sdk or client)" >&2; exit 2 ;;
	esac
done
