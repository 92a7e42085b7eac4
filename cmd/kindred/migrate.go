package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kindredhq/kindred/internal/db"
)

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", stderr)
	dsn := fs.String("db", envOr(getenv, "KINDRED_DB", "./kindred.db"), "SQLite file path or postgres:// URL")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	d, err := db.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := d.Migrate(ctx)
	if err != nil {
		return err
	}
	v, err := d.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "applied %d migrations; %s schema is at version %d\n", n, d.Dialect, v)
	return nil
}
