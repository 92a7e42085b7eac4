package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kindredhq/kindred/internal/people"
)

func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "people" {
		return usageError{"usage: kindred import people FILE.csv [--db DSN] [--demographics-authoritative]"}
	}
	fs := newFlags("import people", stderr)
	dsn := fs.String("db", envOr(getenv, "KINDRED_DB", "./kindred.db"), "SQLite file path or postgres:// URL")
	authoritative := fs.Bool("demographics-authoritative", false, "the file is the source of truth for demographics: its demo_* values replace stored (self-reported) ones")
	// Accept the file before or after the flags.
	rest := args[1:]
	var file string
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		file, rest = rest[0], rest[1:]
	}
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	}
	if file == "" || fs.NArg() > 1 || (fs.NArg() == 1 && file != fs.Arg(0)) {
		return usageError{"usage: kindred import people FILE.csv [--db DSN] [--demographics-authoritative]"}
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	d, err := openAndMigrate(ctx, *dsn, newLogger(stderr, getenv("KINDRED_LOG_LEVEL")))
	if err != nil {
		return err
	}
	defer d.Close()
	res, err := people.NewStore(d, nil).ImportCSVWith(ctx, filepath.Base(file), f, people.ImportOptions{DemographicsAuthoritative: *authoritative})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s: %s\n", filepath.Base(file), w)
	}
	fmt.Fprintf(stdout, "imported %s: %d added, %d updated, %d unchanged\n", filepath.Base(file), res.Created, res.Updated, res.Unchanged)
	return nil
}
