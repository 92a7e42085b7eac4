# Kindred's two commands: `go run ./cmd/kindred demo` and `make test`.
.PHONY: test deps check bench build

build:
	go build -o kindred ./cmd/kindred

# test installs what the tests need (Debian's postgresql and chromium), starts
# one throwaway PostgreSQL cluster for the whole run, runs every test on
# SQLite and PostgreSQL plus the browser tests, and removes the cluster.
test:
	bash scripts/test.sh

# check runs the linters CI runs.
check:
	bash scripts/check.sh

bench:
	go test -run '^$$' -bench . -benchmem ./...
