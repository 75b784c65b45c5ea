#!/usr/bin/env bash
# make bench-peer: builds `apiconnector serve` and bench/peer (minutes the first time: the
# SDK), starts serve on a loopback port, and creates the same connector N times with
# msgraph-sdk-go and N times with this module's client, alternating in rounds.
#
#	bench/peer/run.sh [-n 2000] [-rounds 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
addr=${PEER_ADDR:-127.0.0.1:18081}
mkdir -p bin
go build -o bin/apiconnector ./cmd/apiconnector
(cd bench/peer && go build -o ../../bin/peer .)
bin/apiconnector serve --addr "$addr" >/dev/null &
pid=$!
trap 'kill -INT $pid; wait $pid || true' EXIT
for _ in $(seq 50); do
	if (echo >"/dev/tcp/${addr%:*}/${addr##*:}") 2>/dev/null; then break; fi
	sleep 0.1
done
bin/peer "$@" "http://$addr"
