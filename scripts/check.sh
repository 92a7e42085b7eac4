#!/usr/bin/env bash
# The linters: gofmt, go vet and staticcheck (installed from the Go module
# proxy at a pinned version when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
sc=$(go env GOPATH)/bin/staticcheck
if [ ! -x "$sc" ]; then
  echo "installing staticcheck ..."
  (cd /tmp && go install honnef.co/go/tools/cmd/staticcheck@v0.8.2)
fi
"$sc" ./...
