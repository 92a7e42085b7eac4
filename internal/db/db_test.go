package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/errs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrationsInStep(t *testing.T) {
	lite, err := db.Migrations(db.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := db.Migrations(db.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: sqlite %q, postgres %q", i+1, lite[i].Name, pg[i].Name)
		}
	}
}

func TestMigrateIsIdempotentAndTranslatesErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		n, err := d.Migrate(ctx)
		if err != nil || n != 0 {
			t.Fatalf("second migrate applied %d, err %v; want 0, nil", n, err)
		}
		v, err := d.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := db.Migrations(d.Dialect)
		if v != len(all) {
			t.Fatalf("version %d, want %d", v, len(all))
		}
		now := time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC)
		insert := `INSERT INTO people (id, name, email, level, function, location, timezone, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		if _, err := d.Write().ExecContext(ctx, insert, "p1", "Ada", "ada@example.com", 3, "Eng", "Paris", "Europe/Paris", now, now); err != nil {
			t.Fatal(err)
		}
		_, err = d.Write().ExecContext(ctx, insert, "p2", "Ada 2", "ada@example.com", 3, "Eng", "Paris", "Europe/Paris", now, now)
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("duplicate email: got %v, want a Conflict", err)
		}
		var got time.Time
		var fac bool
		if err := d.Read().QueryRowContext(ctx, "SELECT created_at, facilitator FROM people WHERE id = ?", "p1").Scan(&got, &fac); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(now) || fac {
			t.Fatalf("read back %v %v, want %v false", got, fac, now)
		}
		err = d.Read().QueryRowContext(ctx, "SELECT name FROM people WHERE id = ?", "nobody").Scan(new(string))
		if !errs.Is(db.Translate(err), errs.NotFound) {
			t.Fatalf("missing row: got %v, want NotFound", err)
		}
	})
}

func TestTxRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		err := d.Tx(ctx, func(tx db.Querier) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO programs (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, "x", "X", now, now)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO programs (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, "y", "X", now, now)
			return err
		})
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("got %v, want Conflict", err)
		}
		var n int
		if err := d.Read().QueryRowContext(ctx, "SELECT COUNT(*) FROM programs").Scan(&n); err != nil || n != 0 {
			t.Fatalf("after rollback: %d programs, err %v", n, err)
		}
	})
}

func TestRebind(t *testing.T) {
	got := db.Rebind(db.Postgres, "SELECT '?', a FROM t WHERE a = ? AND b IN (?, ?)")
	want := "SELECT '?', a FROM t WHERE a = $1 AND b IN ($2, $3)"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if db.Rebind(db.SQLite, "a = ?") != "a = ?" {
		t.Fatal("sqlite query changed")
	}
}
