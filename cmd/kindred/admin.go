package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// cmdAdmin runs `kindred admin create`: it makes an admin from the shell,
// with the password read from stdin, or, when stdin is a terminal (where
// a typed password would show), with a one-time link to set it.
func cmdAdmin(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{"usage: kindred admin create --email E --name N [--id ID] [--timezone TZ] [--db DSN]"}
	}
	fs := newFlags("admin create", stderr)
	dsn := fs.String("db", envOr(getenv, "KINDRED_DB", "./kindred.db"), "SQLite file path or postgres:// URL")
	email := fs.String("email", "", "the admin's work email (required)")
	name := fs.String("name", "", "the admin's name (required)")
	id := fs.String("id", "", "their id in the HR file, so a later import fills in the rest (default: made up)")
	tz := fs.String("timezone", "UTC", "their IANA time zone, such as Europe/Berlin")
	baseURL := fs.String("base-url", envOr(getenv, "KINDRED_BASE_URL", "http://localhost:8080"), "external address, used in the printed link")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" || strings.TrimSpace(*name) == "" {
		return usageError{"kindred admin create needs --email and --name"}
	}
	d, err := openAndMigrate(ctx, *dsn, log)
	if err != nil {
		return err
	}
	defer d.Close()
	as := auth.NewStore(d, people.NewStore(d, nil), nil)
	a := auth.NewAdmin{ID: *id, Name: *name, Email: *email, Timezone: *tz}
	if isTerminal(stdin) {
		secret, who, err := as.CreateInvitedAdmin(ctx, a)
		if err != nil {
			return adminError(err)
		}
		fmt.Fprintf(stdout, "Admin %s (id %s) created. Open this one-time link within %d days to set the password:\n%s/invite/%s\n",
			who.Name, who.PersonID, int(auth.InviteLifetime.Hours()/24), strings.TrimSuffix(*baseURL, "/"), secret)
		return nil
	}
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read the password from standard input: %w", err)
	}
	who, err := as.CreateAdmin(ctx, a, strings.TrimRight(password, "\r\n"))
	if err != nil {
		return adminError(err)
	}
	fmt.Fprintf(stdout, "Admin %s (id %s) created; they sign in with %s and the password given.\n", who.Name, who.PersonID, strings.ToLower(strings.TrimSpace(*email)))
	return nil
}

// adminFlags names the flag (or input) behind each field of a new admin.
var adminFlags = map[string]string{"id": "--id", "name": "--name", "email": "--email", "timezone": "--timezone",
	"password": "the password on standard input"}

// adminError says which flag a refused admin is about.
func adminError(err error) error {
	var fe *errs.FieldsError
	if errors.As(err, &fe) {
		var parts []string
		for _, f := range slices.Sorted(maps.Keys(fe.Fields)) {
			parts = append(parts, adminFlags[f]+": "+fe.Fields[f])
		}
		return fmt.Errorf("no admin created: %s", strings.Join(parts, "; "))
	}
	if e := errs.As(err); e != nil && e.Field != "" {
		if e.Kind == errs.Conflict && e.Field == "email" {
			return fmt.Errorf("no admin created: --email: %s by another person; give that person the admin role on their profile page, or use another email", e.Message)
		}
		return fmt.Errorf("no admin created: %s: %s", adminFlags[e.Field], e.Message)
	}
	return err
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
