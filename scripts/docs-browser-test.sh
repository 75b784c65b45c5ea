#!/usr/bin/env bash
# Renders the API reference (docs/index.html, from `make docs`) in headless Chromium with no
# network beyond loopback, and checks that what a reader needs is on the page: the create
# operation, each authentication variant with its @odata.type, the masked password of the
# example response, and the Graph error envelope. Leaves docs/screenshot.png for CI to keep.
#
#   scripts/docs-browser-test.sh [DOCS_DIR]
#
# Installs Debian's chromium when it is missing (root, apt); it never passes without a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
docs_dir="${1:-docs}"
page="$docs_dir/index.html"
if [ ! -f "$page" ]; then
	echo "docs-browser-test: $page is missing; build it with make docs" >&2
	exit 1
fi

chromium_bin=/usr/bin/chromium
if [ ! -x "$chromium_bin" ]; then
	echo "docs-browser-test: installing Debian's chromium"
	if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || [ ! -x "$chromium_bin" ]; then
		echo "docs-browser-test: FAILED: chromium is not installed and could not be installed with apt-get" >&2
		exit 1
	fi
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

node scripts/serve-dir.mjs "$docs_dir" >"$work/port" &
server_pid=$!
for _ in $(seq 50); do
	[ -s "$work/port" ] && break
	sleep 0.1
done
port="$(head -n1 "$work/port")"
if [ -z "$port" ]; then
	echo "docs-browser-test: FAILED: the file server did not start" >&2
	exit 1
fi
base="http://127.0.0.1:$port/index.html"

# One Chromium run, headless, in a new profile, with the network shut to everything but
# loopback twice over: no host name resolves except 127.0.0.1, and anything proxied goes to a
# closed loopback port (Chromium never proxies loopback). Its net log is checked afterwards.
run_chromium() {
	local name="$1"
	shift
	if ! "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$work/profile-XXXX")" \
		--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" --proxy-server="http://127.0.0.1:9" \
		--log-net-log="$work/$name.netlog.json" \
		--virtual-time-budget=15000 --window-size=1400,2400 "$@" 2>"$work/$name.stderr"; then
		echo "FAIL $name: chromium failed:" >&2
		tail -n 20 "$work/$name.stderr" >&2
		return 1
	fi
}

# check_network NAME: nothing in run NAME went beyond loopback.
check_network() {
	local verdict
	if verdict="$(node scripts/netlog-loopback-only.mjs "$work/$1.netlog.json" 2>&1)"; then
		echo "ok   $1: $verdict"
		passed=$((passed + 1))
	else
		echo "FAIL $1: ${verdict//$'\n'/; }"
		failed=$((failed + 1))
	fi
}

passed=0
failed=0
# expect NAME ROUTE TEXT...: the page at ROUTE (a Redoc hash route, which selects a tab or a
# oneOf variant the way a reader's click would) shows each TEXT to a reader. Spaces are
# ignored, since markup between tokens (as in a highlighted JSON sample) reads as space.
expect() {
	local name="$1" route="$2"
	shift 2
	run_chromium "$name" --dump-dom "$base$route" >"$work/$name.html"
	check_network "$name"
	node scripts/visible-text.mjs "$work/$name.html" | tr -d ' ' >"$work/$name.txt"
	for text in "$@"; do
		if grep -qF -- "${text// /}" "$work/$name.txt"; then
			echo "ok   $name: $text"
			passed=$((passed + 1))
		else
			echo "FAIL $name: $text is not on the rendered page"
			failed=$((failed + 1))
		fi
	done
}

# Self-contained: no script, style sheet or frame is loaded from elsewhere.
if grep -qiE '<(script|iframe)[^>]+src=|<link[^>]+href="?(https?:)?//' "$page"; then
	echo "FAIL static: $page loads a script, style sheet or frame from elsewhere"
	failed=$((failed + 1))
else
	echo "ok   static: $page loads no script, style sheet or frame from elsewhere"
	passed=$((passed + 1))
fi

op="#/api-connectors/createapiconnector"
anchor="#api-connectors/createapiconnector"
expect create "$op" \
	"Create an API connector" "#microsoft.graph.basicAuthentication" '"password": "******"'
expect pkcs12-request "$op$anchor/t=request&path=authenticationconfiguration&d=1/pkcs12value" \
	"#microsoft.graph.pkcs12Certificate" "pkcs12Value"
expect certificate-response "$op$anchor/t=response&c=201&path=authenticationconfiguration&d=1/certificatelist" \
	"#microsoft.graph.clientCertificateAuthentication" "certificateList"
expect error-envelope "$op$anchor/response&c=400/body" \
	"(odataErrorMain)" "innerError" "(odataInnerError)"

screenshot="$(cd "$docs_dir" && pwd)/screenshot.png"
rm -f "$screenshot"
run_chromium screenshot --screenshot="$screenshot" "$base$op" >/dev/null
check_network screenshot
if [ -s "$screenshot" ]; then
	echo "ok   screenshot: $docs_dir/screenshot.png"
	passed=$((passed + 1))
else
	echo "FAIL screenshot: $screenshot was not written"
	failed=$((failed + 1))
fi

echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
