package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

const usage = `Kindred: mentoring, circles and growth for organizations.

Usage:
  kindred demo [--addr ADDR] [--data DIR] [--people N] [--seed S] [--password P] [--write-csv FILE]
      start with a generated demo organization on an embedded SQLite database
  kindred serve [--db DSN] [--addr ADDR] [--smtp URL --mail-from ADDRESS]
      run the server on SQLite (a file path) or PostgreSQL (a postgres:// URL);
      on a database without an admin it logs a one-time setup link (24 hours);
      with --smtp (smtp://user:pass@host:587, smtps://...:465) it sends the
      outbox's mail, without it mail stays in the outbox (the Outbox page)
  kindred admin create --email E --name N [--id ID] [--timezone TZ] [--db DSN]
      make an admin: the password is read from standard input, or, at a
      terminal, a one-time link to set it is printed
  kindred migrate [--db DSN]
      apply database migrations (serve also does this at start)
  kindred import people FILE.csv [--db DSN] [--demographics-authoritative]
      import an HR export, all or nothing (format: docs/formats.md)
  kindred match --people people.csv --out matches.csv --summary summary.json [...]
  kindred match --mentors mentors.csv --scores scores.csv --out matches.csv --summary summary.json [...]
      match mentees with mentors optimally, with reasons (kindred match --help)
  kindred circles --people people.csv --size K --out circles.csv --summary summary.json [...]
      form diverse circles with meeting slots and facilitators (kindred circles --help)
  kindred bench match [--mentees N] [--mentors M] [--per-mentee K] [--seed S]
      time the matching solver on a generated instance
  kindred bench circles [--people N] [--size K] [--rounds R] [--seed S] [--golfers]
      time circle formation on a generated organization

Every command takes --help. Settings can also come from the environment:
KINDRED_DB, KINDRED_ADDR, KINDRED_BASE_URL, KINDRED_LOG_LEVEL, KINDRED_TRUSTED_PROXIES.
`

// run is the whole program behind main with nothing on standard input,
// callable from tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runWithInput(ctx, args, getenv, strings.NewReader(""), stdout, stderr)
}

// runWithInput is the whole program: main calls it with the process's
// standard input, which only `kindred admin create` reads.
func runWithInput(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	log := newLogger(stderr, getenv("KINDRED_LOG_LEVEL"))
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr, log)
	case "demo":
		return cmdDemo(ctx, rest, getenv, stdout, stderr, log)
	case "admin":
		return cmdAdmin(ctx, rest, getenv, stdin, stdout, stderr, log)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, rest, getenv, stdout, stderr)
	case "match":
		return cmdMatch(ctx, rest, stdout, stderr)
	case "circles":
		return cmdCircles(ctx, rest, getenv, stdout, stderr)
	case "bench":
		return cmdBench(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("kindred "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, turning flag mistakes into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
