package db

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFiles embed.FS

// Migration is one numbered schema change of a dialect.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migration files live in migrations/common when both engines run the same
// text, and in migrations/sqlite and migrations/postgres (one file of the
// same name in each) only when a dialect needs its own. A test compares the
// dialect files and allows only a listed set of differences.
const commonDir = "common"

// Migrations returns the numbered migrations of a dialect in order: the
// common files and the files of the dialect's own folder.
func Migrations(d Dialect) ([]Migration, error) {
	return migrationsFrom(migrationFiles, d)
}

func migrationsFrom(fsys fs.FS, d Dialect) ([]Migration, error) {
	common, err := migrationNames(fsys, commonDir)
	if err != nil {
		return nil, err
	}
	own := map[Dialect][]string{}
	for _, dd := range []Dialect{SQLite, Postgres} {
		if own[dd], err = migrationNames(fsys, string(dd)); err != nil {
			return nil, err
		}
	}
	if err := checkMigrationLayout(common, own); err != nil {
		return nil, err
	}
	var out []Migration
	for dir, names := range map[string][]string{commonDir: common, string(d): own[d]} {
		for _, name := range names {
			m, err := readMigration(fsys, dir, name)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations of %s: expected version %d, found %s", d, i+1, m.Name)
		}
	}
	return out, nil
}

// checkMigrationLayout refuses a migration that is both common and a
// dialect's own, or that only some dialects have.
func checkMigrationLayout(common []string, own map[Dialect][]string) error {
	for d, names := range own {
		for _, name := range names {
			if slices.Contains(common, name) {
				return fmt.Errorf("migration %s is in both %s/ and %s/: keep one", name, commonDir, d)
			}
			for other, theirs := range own {
				if !slices.Contains(theirs, name) {
					return fmt.Errorf("migration %s exists for %s only: add %s/%s or move it to %s/", name, d, other, name, commonDir)
				}
			}
		}
	}
	return nil
}

// migrationNames lists the .sql files of a folder below migrations; a
// missing folder has none.
func migrationNames(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, path.Join("migrations", dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read migrations of %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

func readMigration(fsys fs.FS, dir, name string) (Migration, error) {
	num, _, ok := strings.Cut(name, "_")
	v, err := strconv.Atoi(num)
	if !ok || err != nil {
		return Migration{}, fmt.Errorf("migration %s/%s: name must start with a number and _", dir, name)
	}
	body, err := fs.ReadFile(fsys, path.Join("migrations", dir, name))
	if err != nil {
		return Migration{}, fmt.Errorf("read migration %s/%s: %w", dir, name, err)
	}
	return Migration{Version: v, Name: name, SQL: string(body)}, nil
}

// migrationLockKey is the PostgreSQL advisory lock held while migrating, so
// several replicas starting at once apply each migration exactly once.
const migrationLockKey = 0x6b696e64 // "kind"

// Migrate applies the migrations that have not been applied yet, each in its
// own transaction, and returns how many it applied.
func (d *DB) Migrate(ctx context.Context) (int, error) {
	ms, err := Migrations(d.Dialect)
	if err != nil {
		return 0, err
	}
	if d.Dialect == Postgres {
		c, err := d.write.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("migrate: %w", err)
		}
		defer c.Close()
		if _, err := c.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
			return 0, fmt.Errorf("migrate: take lock: %w", err)
		}
		defer c.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey)
	}
	if _, err := d.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	rows, err := d.write.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return 0, fmt.Errorf("migrate: read versions: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return 0, fmt.Errorf("migrate: read versions: %w", err)
		}
		applied[v] = true
	}
	rows.Close()
	n := 0
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		err := d.Tx(ctx, func(tx Querier) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, time.Now().UTC())
			return err
		})
		if err != nil {
			return n, fmt.Errorf("migrate: apply %s/%s: %w", d.Dialect, m.Name, err)
		}
		n++
	}
	return n, nil
}

// Version returns the highest applied migration version.
func (d *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := d.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
