package db_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/errs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// recorded lists the migrations that released code applied and recorded in
// schema_migrations, with the SHA-256 of the text it ran (the same on both
// engines). Applied migrations never change: add new ones at the end.
var recorded = []struct {
	version int
	name    string
	sha256  string
}{
	{1, "0001_people.sql", "8c95e4bd32c321d894f9b5f4f6981dc71f6fa2636bbce6bb12f609c1ae7fd330"},
	{2, "0002_programs.sql", "acf4d6761a1bfa6ecf1735827fd17d972f419e28aed96ebfedcc1ab4f2949ab3"},
	{3, "0003_invites.sql", "0d71c952764f703b046056b79de472511b216f341b14abb83c1af52cc90458e0"},
	{4, "0004_directory_indexes.sql", "06a4f27e94d24870f55d949652af766d54e5f7be775024d42a81520f939dde05"},
	{5, "0005_read_indexes.sql", "2821a44f6c74a54b44ac29d3f0cd3cb46fca843b3d1a24d5404e81dab2564b68"},
	{6, "0006_mentorships.sql", "d7abb95ecdb823d6b8d71af8a195372d06c364d9c7d094ba4688b033768240be"},
	{7, "0007_formations.sql", "91d843e751df37a9aa3922103050e5bb11b0813dbca15c9de350ff1fb3ce4c0a"},
	{8, "0008_archive.sql", "9a65b914521ccaccc9f987508cab0f9b22ba68e77c0c3d0570cde38b4bc48c17"},
	{9, "0009_accounts.sql", "7af352b906d124ee3954fec54f29dbb099bc13b6414141aeffd455ffe120b4a4"},
	{10, "0010_matching_rules.sql", "34918bc14bf63bef5a88439dd5768ecc6cafaec4d5b992c972ba09598098cc3f"},
	{11, "0011_mail.sql", "7ecd8642332f619c5d6af7b069f57ae03f07a7e9d547c399931cd3aa2e67806a"},
	{12, "0012_demographics_source.sql", "fa050c887304639cb9d9c5e1f9dee66c513ad5bff42282edfd0b1495ae011709"},
}

func TestAppliedMigrationsAreUnchanged(t *testing.T) {
	for _, d := range dbtest.Dialects {
		ms, err := db.Migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) < len(recorded) {
			t.Fatalf("%s: %d migrations, want at least %d", d, len(ms), len(recorded))
		}
		for i, r := range recorded {
			m := ms[i]
			sum := sha256.Sum256([]byte(m.SQL))
			if m.Version != r.version || m.Name != r.name || hex.EncodeToString(sum[:]) != r.sha256 {
				t.Errorf("%s migration %d: %d %s changed; applied migrations must stay as recorded (%d %s)", d, i+1, m.Version, m.Name, r.version, r.name)
			}
		}
	}
}

// TestExistingDatabasesSeeNothingNew builds a database the way released code
// did (its schema table and recorded rows) and checks that Migrate finds
// nothing to apply and that a fresh database records the same names.
func TestExistingDatabasesSeeNothingNew(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			old, err := db.Open(ctx, dbtest.DSN(t, dialect))
			if err != nil {
				t.Fatal(err)
			}
			defer old.Close()
			if _, err := old.Write().ExecContext(ctx, `CREATE TABLE schema_migrations (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
				t.Fatal(err)
			}
			ms, _ := db.Migrations(dialect)
			for i, r := range recorded {
				if _, err := old.Write().ExecContext(ctx, ms[i].SQL); err != nil {
					t.Fatalf("apply %s: %v", r.name, err)
				}
				if _, err := old.Write().ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
					r.version, r.name, time.Now().UTC()); err != nil {
					t.Fatal(err)
				}
			}
			n, err := old.Migrate(ctx)
			if err != nil || n != len(ms)-len(recorded) {
				t.Fatalf("migrating a released database applied %d, err %v; want %d", n, err, len(ms)-len(recorded))
			}
			if v, err := old.Version(ctx); err != nil || v != len(ms) {
				t.Fatalf("version %d, err %v; want %d", v, err, len(ms))
			}

			fresh := dbtest.Open(t, dialect)
			rows, err := fresh.Read().QueryContext(ctx, "SELECT version, name FROM schema_migrations ORDER BY version")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			i := 0
			for ; rows.Next(); i++ {
				var v int
				var name string
				if err := rows.Scan(&v, &name); err != nil {
					t.Fatal(err)
				}
				if i < len(recorded) && (v != recorded[i].version || name != recorded[i].name) {
					t.Errorf("fresh database recorded %d %s, released code recorded %d %s", v, name, recorded[i].version, recorded[i].name)
				}
			}
			if i != len(ms) {
				t.Fatalf("fresh database recorded %d migrations, want %d", i, len(ms))
			}
		})
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

func TestUTCClock(t *testing.T) {
	paris := time.FixedZone("Paris", 3600)
	at := time.Date(2026, 3, 1, 13, 30, 0, 0, paris)
	got := db.UTCClock(func() time.Time { return at })()
	if !got.Equal(at) || got.Location() != time.UTC {
		t.Fatalf("got %v, want %v in UTC", got, at)
	}
	if now := db.UTCClock(nil)(); now.Location() != time.UTC || time.Since(now) > time.Minute {
		t.Fatalf("default clock read %v", now)
	}
}

func TestQueryHelpers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		for _, name := range []string{"B", "A", "C"} {
			if _, err := d.Write().ExecContext(ctx, `INSERT INTO programs (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, "p"+name, name, now, now); err != nil {
				t.Fatal(err)
			}
		}
		scanName := func(r db.Scanner) (s string, err error) { return s, r.Scan(&s) }
		got, err := db.QueryAll(ctx, d.Read(), scanName, "SELECT name FROM programs WHERE name <> ? ORDER BY name", "B")
		if err != nil || strings.Join(got, ",") != "A,C" {
			t.Fatalf("query all: %q %v, want A,C", got, err)
		}
		if got, err := db.QueryAll(ctx, d.Read(), scanName, "SELECT name FROM programs WHERE name = ?", "none"); err != nil || got != nil {
			t.Fatalf("no rows: %q %v", got, err)
		}
		if _, err := db.QueryAll(ctx, d.Read(), scanName, "SELECT name, id FROM programs"); err == nil {
			t.Fatal("a scan error was not returned")
		}
		stop := errors.New("stop")
		seen := 0
		err = db.EachRow(ctx, d.Read(), func(db.Scanner) error { seen++; return stop }, "SELECT name FROM programs")
		if !errors.Is(err, stop) || seen != 1 {
			t.Fatalf("each row: %v after %d rows, want stop after 1", err, seen)
		}
		if err := db.EachRow(ctx, d.Read(), func(db.Scanner) error { return nil }, "SELECT nope FROM programs"); err == nil {
			t.Fatal("a query error was not returned")
		}

		rename := func(id string) error {
			res, err := d.Write().ExecContext(ctx, "UPDATE programs SET name = ? WHERE id = ?", "Z"+id, id)
			return db.RequireChange(res, err, errs.NotFound, "no such program")
		}
		if err := rename("pA"); err != nil {
			t.Fatalf("a changed row: %v", err)
		}
		if err := rename("none"); !errs.Is(err, errs.NotFound) || err.Error() != "no such program" {
			t.Fatalf("no row changed: %v, want NotFound", err)
		}
		res, err := d.Write().ExecContext(ctx, "UPDATE programs SET nope = 1")
		if err := db.RequireChange(res, err, errs.NotFound, "no such program"); err == nil || errs.Is(err, errs.NotFound) {
			t.Fatalf("an exec error: %v, want it as it is", err)
		}
	})
}
