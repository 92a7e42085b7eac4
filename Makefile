# Kindred's two commands: `go run ./cmd/kindred demo` and `make test`.
.PHONY: test deps check bench build fuzz

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

# fuzz runs each fuzz target for FUZZTIME from its committed corpus
# (testdata/fuzz); plain `go test` runs the corpus alone.
FUZZTIME ?= 1m
fuzz:
	go test -run '^$$' -fuzz '^FuzzDecodeJSON$$' -fuzztime $(FUZZTIME) ./internal/web
	go test -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZTIME) ./internal/people
	go test -run '^$$' -fuzz '^FuzzSafeNext$$' -fuzztime $(FUZZTIME) ./internal/web
