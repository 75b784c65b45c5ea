#!/usr/bin/env bash
# examples/consumer is a separate module, as a repository that consumes the contract would
# be: its committed client must be what its own pinned generator makes from the spec, and
# its tests (the documented create through the generated client, against the fake) pass.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd examples/consumer && go generate ./...)
scripts/fail-if-changed.sh examples/consumer
cd examples/consumer
go vet ./...
go test -count=1 ./...
