package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/people"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func noEnv(string) string { return "" }

func TestImportCommandAllOrNothing(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			dsn := dbtest.DSN(t, dialect)
			dir := t.TempDir()
			good := filepath.Join(dir, "people.csv")
			bad := filepath.Join(dir, "bad.csv")
			body := "id,name,email,level,function,location,timezone,manager_id\n" +
				"E1,Ada Lovelace,ada@example.com,9,Engineering,London,Europe/London,\n" +
				"E2,Alan Turing,alan@example.com,4,Data,Kathmandu,Asia/Kathmandu,E1\n"
			os.WriteFile(good, []byte(body), 0o644)
			os.WriteFile(bad, []byte(strings.Replace(body, "E1\n", "E9\n", 1)), 0o644)
			ctx := context.Background()
			var out, errOut bytes.Buffer
			err := run(ctx, []string{"import", "people", bad, "--db", dsn}, noEnv, &out, &errOut)
			if err == nil || !strings.Contains(err.Error(), `bad.csv: line 3, column 8 (manager_id): manager "E9"`) || exitCode(err) != 1 {
				t.Fatalf("bad file: %v", err)
			}
			for i, want := range []string{"2 added, 0 updated, 0 unchanged", "0 added, 0 updated, 2 unchanged"} {
				out.Reset()
				if err := run(ctx, []string{"import", "people", good, "--db", dsn}, noEnv, &out, &errOut); err != nil {
					t.Fatalf("import %d: %v", i, err)
				}
				if !strings.Contains(out.String(), want) {
					t.Fatalf("import %d said %q, want %q", i, out.String(), want)
				}
			}
			if err := run(ctx, []string{"import", "people"}, noEnv, &out, &errOut); exitCode(err) != 2 {
				t.Fatalf("no file: %v (exit %d), want a usage error", err, exitCode(err))
			}
			if err := run(ctx, []string{"import", "people", filepath.Join(dir, "missing.csv"), "--db", dsn}, noEnv, &out, &errOut); err == nil || !strings.Contains(err.Error(), "missing.csv") {
				t.Fatalf("missing file: %v", err)
			}
		})
	}
}

func TestMigrateCommand(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "k.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--db", dsn}, noEnv, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	all, _ := db.Migrations(db.SQLite)
	if !strings.Contains(out.String(), "sqlite schema is at version "+strconv.Itoa(len(all))) {
		t.Fatalf("migrate said %q", out.String())
	}
	if err := run(context.Background(), []string{"frobnicate"}, noEnv, io.Discard, io.Discard); exitCode(err) != 2 {
		t.Fatalf("unknown command: %v", err)
	}
}

// TestReplicasShareSessions runs two serve processes on one PostgreSQL
// database: a session started on one is honoured by the other, and signing
// out on the second ends it on the first. Nothing shared lives in memory.
func TestReplicasShareSessions(t *testing.T) {
	dsn := dbtest.DSN(t, db.Postgres)
	a, _ := startKindred(t, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
	b, _ := startKindred(t, "serve", "--db", dsn, "--addr", "127.0.0.1:0")

	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	csv := filepath.Join(t.TempDir(), "p.csv")
	os.WriteFile(csv, []byte("id,name,email,level,function,location,timezone\nE1,Ada Lovelace,ada@example.com,9,Engineering,London,Europe/London\n"), 0o644)
	if err := run(ctx, []string{"import", "people", csv, "--db", dsn}, noEnv, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := auth.NewStore(d, people.NewStore(d, nil), nil).SetPassword(ctx, "E1", "replica-password"); err != nil {
		t.Fatal(err)
	}

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(a+"/signin", url.Values{"email": {"ada@example.com"}, "password": {"replica-password"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on replica A: %d", resp.StatusCode)
	}
	ua, _ := url.Parse(a)
	cookies := jar.Cookies(ua)
	if len(cookies) != 1 {
		t.Fatalf("cookies after sign in: %v", cookies)
	}
	session := cookies[0]
	// Send A's cookie to B, as a load balancer would send the next request.
	send := func(method, base, path string) int {
		req, _ := http.NewRequest(method, base+path, nil)
		req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := send("GET", b, "/api/v1/me"); code != 200 {
		t.Fatalf("replica B does not know A's session: %d", code)
	}
	if code := send("POST", b, "/signout"); code != http.StatusSeeOther {
		t.Fatalf("sign out on B: %d", code)
	}
	if code := send("GET", a, "/api/v1/me"); code != 401 {
		t.Fatalf("after signing out on B, A still accepts the session: %d", code)
	}
}

func TestServeRefusesAnUnusableMailSetting(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--smtp", "http://mail.example.com"}, nil, "scheme must be smtp:// or smtps://"},
		{[]string{"--smtp", "smtp://mail.example.com:99999"}, nil, `port "99999"`},
		{[]string{"--smtp", "smtp://u:p@mail.example.com:587"}, nil, "--mail-from"},
		{nil, map[string]string{"KINDRED_SMTP_URL": "smtp://mail.example.com", "KINDRED_MAIL_FROM": "not an address"}, "--mail-from"},
	} {
		getenv := func(k string) string { return tc.env[k] }
		args := append([]string{"serve", "--db", t.TempDir() + "/k.db", "--addr", "127.0.0.1:0"}, tc.args...)
		err := run(context.Background(), args, getenv, io.Discard, io.Discard)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v: %v (exit %d), want a usage error saying %q", tc.args, tc.env, err, exitCode(err), tc.want)
		}
		if err != nil && strings.Contains(err.Error(), ":p@") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}

// TestImportCommandListsEveryProblemAtOnce runs `kindred import people` on
// issue 9's 4-row file (internal/people/testdata/waves.csv): on an empty
// database it has 15 problems (the 16th is an email of a stored person),
// and one run lists them all, in line order, including the unknown manager
// and the manager cycle found only across rows.
func TestImportCommandListsEveryProblemAtOnce(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"import", "people", "../../internal/people/testdata/waves.csv", "--db", dbtest.DSN(t, dialect)}, noEnv, &out, &errOut)
			if err == nil || exitCode(err) != 1 {
				t.Fatalf("want a rejected file, got %v", err)
			}
			msg := err.Error()
			if n := strings.Count(msg, "waves.csv: line "); n != 15 {
				t.Fatalf("%d problems listed, want 15:\n%s", n, msg)
			}
			last := 0
			for _, want := range []string{
				`waves.csv: line 2, column 2 (name): is required`,
				`waves.csv: line 2, column 8 (manager_id): manager "E9" is neither in this file nor among the people already imported`,
				`waves.csv: line 2, column 9 (hire_date): 2020-02-30: February 2020 has 29 days`,
				`waves.csv: line 3, column 8 (manager_id): manager cycle: E3 reports to E4 reports to E3`,
				`waves.csv: line 3, column 9 (hire_date): 0000-01-01 is out of range`,
				`waves.csv: line 4, column 9 (hire_date): 2019-13-01: there is no month 13`,
				`waves.csv: line 5, column 3 (email): email "alan@example.com" is also on line 4`,
				"nothing was imported",
			} {
				i := strings.Index(msg, want)
				if i < last {
					t.Errorf("missing or out of order: %s\n%s", want, msg)
					continue
				}
				last = i
			}
		})
	}
}

// TestAdminCreate makes admins from the shell on both engines: with a
// password on standard input, or with a printed one-time link when there
// is none; bad input and a taken email are refused with what is wrong.
func TestAdminCreate(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			dsn := dbtest.DSN(t, dialect)
			ctx := context.Background()
			admin := func(stdin *os.File, input string, args ...string) (string, error) {
				var out, errOut bytes.Buffer
				args = append([]string{"admin", "create", "--db", dsn}, args...)
				var in io.Reader = strings.NewReader(input)
				if stdin != nil {
					in = stdin
				}
				err := runWithInput(ctx, args, noEnv, in, &out, &errOut)
				return out.String(), err
			}
			out, err := admin(nil, "ann-long-password\n", "--email", "Ann@Example.com", "--name", "Ann Admin", "--id", "E1")
			if err != nil || !strings.Contains(out, "Admin Ann Admin (id E1) created") {
				t.Fatalf("with a password: %v %q", err, out)
			}
			_, err = admin(nil, "another-long-password\n", "--email", "ann@example.com", "--name", "Ann Again")
			if err == nil || !strings.Contains(err.Error(), `--email: email "ann@example.com" is taken by another person`) {
				t.Errorf("taken email: %v", err)
			}
			_, err = admin(nil, "short\n", "--email", "bo@example.com", "--name", "Bo")
			if err == nil || !strings.Contains(err.Error(), "the password on standard input: must be at least 12 characters") {
				t.Errorf("short password: %v", err)
			}
			_, err = admin(nil, "bo-long-password\n", "--email", "bo@example.com", "--name", "Bo", "--timezone", "Mars/Olympus")
			if err == nil || !strings.Contains(err.Error(), `--timezone: "Mars/Olympus" is not a known IANA time zone`) {
				t.Errorf("bad time zone: %v", err)
			}
			if _, err := admin(nil, "", "--name", "No Email"); exitCode(err) != 2 {
				t.Errorf("no --email: %v (exit %d), want a usage error", err, exitCode(err))
			}
			if _, err := admin(nil, "", "delete"); exitCode(err) != 2 {
				t.Errorf("unknown subcommand: %v, want a usage error", err)
			}
			// Nothing to read a password from (a character device, as a
			// terminal is): a one-time link is printed instead.
			null, err := os.Open(os.DevNull)
			if err != nil {
				t.Fatal(err)
			}
			defer null.Close()
			out, err = admin(null, "", "--email", "cy@example.com", "--name", "Cy Admin", "--base-url", "https://kindred.example.com/")
			if err != nil || !strings.Contains(out, "https://kindred.example.com/invite/inv_") {
				t.Errorf("without a password: %v %q", err, out)
			}
		})
	}
}
