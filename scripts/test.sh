#!/usr/bin/env bash
# The whole test suite, from a fresh machine: install PostgreSQL and
# Chromium from Debian if missing, start one throwaway PostgreSQL cluster
# on a private Unix socket, run every test, then remove the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages) ..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# One cluster for every package's tests; each test makes its own database.
pgurl=$(go run ./internal/db/dbtest/cmd/pgcluster start)
dir=${pgurl##*dir=}
export KINDRED_TEST_POSTGRES=${pgurl%%&dir=*}
trap 'go run ./internal/db/dbtest/cmd/pgcluster stop "$dir" >/dev/null 2>&1 || true' EXIT
export KINDRED_CHROMIUM=${KINDRED_CHROMIUM:-/usr/bin/chromium}

bash scripts/check.sh
go test -count=1 -timeout 20m "$@" ./...
