#!/usr/bin/env bash
# examples/endpoint, run as its own process, passes `apiconnector endpoint test` at each step
# it can be bound to, as a user flow would call it. Entra's postAttributeCollection is the
# README's example, which `make check-readme` runs as written; this covers the others.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
go build -o bin/apiconnector ./cmd/apiconnector
go build -o bin/example-endpoint ./examples/endpoint
export APICONNECTOR_ENDPOINT_USERNAME=loyalty-flow
APICONNECTOR_ENDPOINT_PASSWORD="ci-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
export APICONNECTOR_ENDPOINT_PASSWORD

run() { # platform step port
	bin/example-endpoint --addr "127.0.0.1:$3" --step "$2" 2>/dev/null &
	local pid=$!
	for _ in $(seq 50); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null; then break; fi
		sleep 0.1
	done
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "examples/endpoint did not start on 127.0.0.1:$3 (port in use?)" >&2
		return 2
	fi
	local code=0
	printf '%s' "$APICONNECTOR_ENDPOINT_PASSWORD" | bin/apiconnector endpoint test --url "http://127.0.0.1:$3/api/loyalty" \
		--platform "$1" --step "$2" --username "$APICONNECTOR_ENDPOINT_USERNAME" --password-stdin || code=$?
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	return "$code"
}
run entra postFederationSignup 18181
run b2c preTokenIssuance 18183
echo "examples/endpoint: conformant at postFederationSignup and preTokenIssuance (postAttributeCollection: make check-readme)"
