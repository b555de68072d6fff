#!/usr/bin/env bash
# The whole test suite: what the README's test command and CI (.ci/run) run.
# It installs what it needs on a fresh Debian machine with Go.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== go vet"
go vet ./...
echo "== go test"
go test -count=1 ./...
