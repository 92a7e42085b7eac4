// Package db is the only package that knows database drivers and SQL
// dialects. It opens SQLite or PostgreSQL from one DSN, runs the numbered
// migrations of the dialect, rewrites query placeholders, runs transactions
// and translates driver errors into errs kinds.
//
// Queries are written once with `?` placeholders; on PostgreSQL they are
// rewritten to `$1, $2...`. Times are passed in from Go (UTC), never now() in
// SQL, and IDs are generated in Go.
package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kindredhq/kindred/internal/errs"
)

// Dialect names the SQL engine behind a DB.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is a pair of connection pools: one for writes and one for reads. On
// SQLite the write pool has exactly one connection, so writers queue in Go
// instead of failing with SQLITE_BUSY; on PostgreSQL both are the same pool.
type DB struct {
	Dialect Dialect
	write   *sql.DB
	read    *sql.DB
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL,
// or else a SQLite file path (optionally prefixed with sqlite: or file:).
// It does not run migrations; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return &DB{Dialect: Postgres, write: pool, read: pool}, nil
}

func openSQLite(ctx context.Context, dsn string) (*DB, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	q := url.Values{}
	// busy_timeout: a reader that meets a checkpoint waits instead of failing.
	q.Add("_pragma", "busy_timeout(10000)")
	// WAL: readers never block the writer and the writer never blocks readers.
	q.Add("_pragma", "journal_mode(WAL)")
	// foreign_keys: SQLite leaves them off unless asked, per connection.
	q.Add("_pragma", "foreign_keys(1)")
	// synchronous=NORMAL is durable across application crashes in WAL mode
	// and avoids an fsync per transaction.
	q.Add("_pragma", "synchronous(NORMAL)")
	// _time_format=sqlite stores times in the format SQLite's date
	// functions read (the driver's default format they do not).
	q.Set("_time_format", "sqlite")
	// The writer gets a 64 MiB page cache so a large import's transaction
	// does not spill pages to the WAL before it commits.
	writeDSN := "file:" + path + "?" + q.Encode() + "&_pragma=cache_size(-65536)&_txlock=immediate"
	readDSN := "file:" + path + "?" + q.Encode()

	write, err := sql.Open("sqlite", writeDSN)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// One writer connection with BEGIN IMMEDIATE: writers queue in Go, and a
	// reader can never deadlock by upgrading to a writer.
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", readDSN)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read.SetMaxOpenConns(8)
	return &DB{Dialect: SQLite, write: write, read: read}, nil
}

// Close closes both pools.
func (d *DB) Close() error {
	err := d.write.Close()
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	if err := d.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Querier is what both a DB and a Tx offer for reading and writing.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// Read returns a Querier over the read pool. Use it for queries outside a
// transaction.
func (d *DB) Read() Querier { return conn{d.read, d.Dialect} }

// Write returns a Querier over the write pool, for single statements that
// need no transaction.
func (d *DB) Write() Querier { return conn{d.write, d.Dialect} }

// Tx runs fn in a write transaction: it commits if fn returns nil and rolls
// back otherwise, so a failed import leaves nothing half-written.
func (d *DB) Tx(ctx context.Context, fn func(tx Querier) error) error {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return Translate(fmt.Errorf("begin transaction: %w", err))
	}
	if err := fn(conn{tx, d.Dialect}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return Translate(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// runner is what *sql.DB and *sql.Tx both offer.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn is a Querier over a pool or a transaction: it rebinds placeholders
// for the dialect and translates driver errors.
type conn struct {
	r runner
	d Dialect
}

func (c conn) Dialect() Dialect { return c.d }
func (c conn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	r, err := c.r.ExecContext(ctx, Rebind(c.d, q), args...)
	return r, Translate(err)
}
func (c conn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r, err := c.r.QueryContext(ctx, Rebind(c.d, q), args...)
	return r, Translate(err)
}
func (c conn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return c.r.QueryRowContext(ctx, Rebind(c.d, q), args...)
}

// Rebind rewrites `?` placeholders to `$n` for PostgreSQL, leaving question
// marks inside quoted strings alone. SQLite queries pass through.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(fmt.Sprint(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Translate maps driver errors to errs kinds: a unique violation becomes
// Conflict, a foreign key violation Invalid, sql.ErrNoRows NotFound. Other
// errors pass through unchanged.
func Translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Wrap(errs.NotFound, err, "not found")
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return errs.Wrap(errs.Conflict, err, "already exists")
		case "23503":
			return errs.Wrap(errs.Invalid, err, "refers to something that does not exist")
		}
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return errs.Wrap(errs.Conflict, err, "already exists")
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return errs.Wrap(errs.Invalid, err, "refers to something that does not exist")
		}
	}
	return err
}

// InClause returns "?, ?, ?" with n placeholders, for IN lists.
func InClause(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// NewID returns a new random id with a prefix that names its kind, such as
// "prg_k3x9q2m7ab": ten base32 characters (50 random bits), lower case.
// IDs are made in Go so both engines store the same values.
func NewID(prefix string) string {
	return prefix + strings.ToLower(rand.Text()[:10])
}
