package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db/dbtest"
)

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
