#!/usr/bin/env bash
# The instructions one `apiconnector validate` process executes on the seed exchange
# (beta/create/1), counted by callgrind with GOMAXPROCS=1 so the count does not depend on
# scheduling. Exits 1 when the count is over the target, 2 when valgrind is missing.
set -euo pipefail

TARGET=${STARTUP_TARGET:-40000000}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind >/dev/null || { echo "startup: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -trimpath -o "$work/apiconnector" ./cmd/apiconnector)
seed="$root/contract/testdata/docs/beta/create/1"
GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
	"$work/apiconnector" validate "$seed/request.http" "$seed/response.http" >"$work/stdout" 2>"$work/valgrind"
grep -q '^request: valid$' "$work/stdout" && grep -q '^response: valid$' "$work/stdout" || {
	echo "startup: the seed exchange did not validate:" >&2; cat "$work/stdout" "$work/valgrind" >&2; exit 1; }
count=$(sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' "$work/valgrind" | tr -d ,)
[ -n "$count" ] || { echo "startup: no instruction count in valgrind's output" >&2; cat "$work/valgrind" >&2; exit 2; }

verdict=PASS
[ "$count" -le "$TARGET" ] || verdict=FAIL
printf '| startup: validate the seed exchange (callgrind, GOMAXPROCS=1) | %d M instructions | target <= %d M | %s |\n' \
	$((count / 1000000)) $((TARGET / 1000000)) "$verdict"
echo "startup instructions: $count"
[ "$verdict" = PASS ]
