// Package dbtest gives tests real databases: a fresh SQLite file per test,
// and a fresh database per test inside one throwaway PostgreSQL cluster per
// test process. The cluster is started from Debian's server binaries
// (initdb, pg_ctl) in a temporary directory, listening only on a private
// Unix socket, unless KINDRED_TEST_POSTGRES names a server to use instead
// (make test starts one cluster for the whole run and sets it).
//
// A missing PostgreSQL fails the test; it never skips.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
)

// EnvPostgres names the environment variable holding a PostgreSQL URL
// (of a superuser) that tests may create databases in.
const EnvPostgres = "KINDRED_TEST_POSTGRES"

var (
	clusterOnce sync.Once
	clusterURL  string
	clusterErr  error
	clusterStop func()
)

// Main runs the tests of a package and then stops the PostgreSQL cluster
// if one was started. Use it as `func TestMain(m *testing.M) { dbtest.Main(m) }`.
func Main(m *testing.M) {
	code := m.Run()
	if clusterStop != nil {
		clusterStop()
	}
	os.Exit(code)
}

// Dialects lists the engines every store test runs on.
var Dialects = []db.Dialect{db.SQLite, db.Postgres}

// Each runs fn as a parallel subtest on a fresh, migrated database of each
// dialect.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	for _, dialect := range Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, dialect))
		})
	}
}

// Open returns a fresh, migrated database of the dialect, closed (and on
// PostgreSQL dropped) when the test ends.
func Open(t testing.TB, dialect db.Dialect) *db.DB {
	t.Helper()
	dsn := DSN(t, dialect)
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return d
}

// DSN returns the DSN of a fresh, empty database of the dialect.
func DSN(t testing.TB, dialect db.Dialect) string {
	t.Helper()
	if dialect == db.SQLite {
		return filepath.Join(t.TempDir(), "kindred.db")
	}
	base, err := postgresURL()
	if err != nil {
		t.Fatalf("postgres for tests: %v", err)
	}
	name := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres for tests: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

func postgresURL() (string, error) {
	if u := os.Getenv(EnvPostgres); u != "" {
		return u, nil
	}
	clusterOnce.Do(func() {
		c, err := StartCluster(os.TempDir())
		if err != nil {
			clusterErr = err
			return
		}
		clusterURL, clusterStop = c.URL, c.Stop
	})
	return clusterURL, clusterErr
}

// Cluster is a throwaway PostgreSQL server.
type Cluster struct {
	Dir  string // data directory and socket directory live below it
	URL  string // superuser URL over the Unix socket
	Stop func() // stops the server and removes Dir
}

// StartCluster initializes and starts a PostgreSQL cluster in a new
// directory below parent. It listens on a Unix socket only (no TCP port),
// with durability settings off because the data is thrown away.
func StartCluster(parent string) (*Cluster, error) {
	bin, err := serverBinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "kindred-pg-")
	if err != nil {
		return nil, fmt.Errorf("make cluster dir: %w", err)
	}
	data := filepath.Join(dir, "data")
	sock := filepath.Join(dir, "sock")
	if err := os.Mkdir(sock, 0o700); err != nil {
		return nil, fmt.Errorf("make socket dir: %w", err)
	}
	user := "kindred"
	run := func(name string, args ...string) error { return pgRun(bin, dir, name, args...) }
	if err := run("initdb", "-D", data, "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories=%s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB", sock)
	if err := run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stop := func() { _ = StopCluster(dir) }
	u := fmt.Sprintf("postgres://%s@/postgres?host=%s&sslmode=disable", user, url.QueryEscape(sock))
	return &Cluster{Dir: dir, URL: u, Stop: stop}, nil
}

// StopCluster stops the cluster started in dir and removes dir.
func StopCluster(dir string) error {
	bin, err := serverBinDir()
	if err != nil {
		return err
	}
	err = pgRun(bin, dir, "pg_ctl", "-D", filepath.Join(dir, "data"), "-m", "immediate", "-w", "stop")
	return errors.Join(err, os.RemoveAll(dir))
}

// pgRun runs a server binary; as root it runs it as nobody, because
// PostgreSQL refuses to run as root, after giving nobody the directory.
func pgRun(bin, dir, name string, args ...string) error {
	cmd := exec.Command(filepath.Join(bin, name), args...)
	if os.Geteuid() == 0 {
		if err := chownTree(dir); err != nil {
			return err
		}
		cmd = exec.Command("setpriv", append([]string{"--reuid=nobody", "--regid=nogroup", "--clear-groups", filepath.Join(bin, name)}, args...)...)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, out)
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
