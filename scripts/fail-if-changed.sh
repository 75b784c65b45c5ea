#!/usr/bin/env bash
# Fails when git sees any change under the given paths: run right after a generator, it
# catches committed output that is stale against its source.
#
#   scripts/fail-if-changed.sh examples/consumer reference/typescript
set -euo pipefail
if [ "$#" -eq 0 ]; then
	echo "usage: $0 PATH..." >&2
	exit 2
fi
changes="$(git status --porcelain -- "$@")"
if [ -n "$changes" ]; then
	echo "$changes"
	git --no-pager diff --stat -- "$@"
	echo "generated files under $* are uncommitted or differ from what their generator makes: regenerate and commit them" >&2
	exit 1
fi
echo "$* up to date"
