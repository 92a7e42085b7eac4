package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/demo"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

// defaultDemoPassword is the demo accounts' password unless --password
// says otherwise; the demo is for trying Kindred, never for real data.
const defaultDemoPassword = "kindred-demo"

func cmdDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlags("demo", stderr)
	addr := fs.String("addr", envOr(getenv, "KINDRED_ADDR", "localhost:8080"), "address to listen on")
	data := fs.String("data", "", "directory for the demo's SQLite database (default: a new temporary directory)")
	n := fs.Int("people", 300, "people in the generated organization (10 to 100000)")
	seed := fs.Uint64("seed", 1, "the organization generated: the same seed gives the same organization")
	password := fs.String("password", defaultDemoPassword, "password of the four demo accounts (at least 12 characters)")
	csvOut := fs.String("write-csv", "", "write the generated organization as an HR export to this file and exit (to try `kindred import`)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < demo.MinPeople || *n > demo.MaxPeople {
		return usageError{fmt.Sprintf("--people must be from %d to %d", demo.MinPeople, demo.MaxPeople)}
	}
	if *csvOut != "" {
		return writeDemoCSV(*csvOut, demo.Generate(demo.Options{People: *n, Seed: *seed}), stdout)
	}
	if err := auth.ValidatePassword(*password); err != nil {
		return usageError{"--password " + err.Error()}
	}
	dir := *data
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "kindred-demo-"); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	d, err := openAndMigrate(ctx, filepath.Join(dir, "kindred.db"), log)
	if err != nil {
		return err
	}
	defer d.Close()
	start := time.Now()
	org := demo.Generate(demo.Options{People: *n, Seed: *seed})
	seeded, err := seedDemo(ctx, d, org, *password, time.Now())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if seeded {
		log.Info("demo organization created", "people", len(org.People), "seed", *seed, "took", time.Since(start).Round(time.Millisecond))
	} else {
		log.Info("demo organization reused", "data", dir)
	}
	return serve(ctx, d, *addr, "", mailConfig{}, nil, stdout, log, func(url string) {
		fmt.Fprintf(stdout, "Demo organization: %d people (seed %d), data in %s\n", len(org.People), *seed, dir)
		fmt.Fprintf(stdout, "Sign in at %s/signin with password %q as:\n", url, *password)
		fmt.Fprintf(stdout, "  program manager (admin)  %s\n", demo.AdminEmail)
		fmt.Fprintf(stdout, "  sponsor                  %s\n", demo.SponsorEmail)
		fmt.Fprintf(stdout, "  mentor                   %s\n", demo.MentorEmail)
		fmt.Fprintf(stdout, "  mentee                   %s\n", demo.MenteeEmail)
	})
}

// writeDemoCSV writes org in the import format.
func writeDemoCSV(path string, org demo.Org, stdout io.Writer) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := demo.WriteCSV(f, org); err != nil {
		f.Close()
		return fmt.Errorf("demo: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("demo: write %s: %w", path, err)
	}
	fmt.Fprintf(stdout, "wrote %d people to %s\n", len(org.People), path)
	return nil
}

// seedDemo stores the organization, gives the four demo accounts their
// roles and password, and sets up programs, cycles and enrollments. A
// database that already has people is left as it is (reported false).
func seedDemo(ctx context.Context, d *db.DB, org demo.Org, password string, now time.Time) (bool, error) {
	ps := people.NewStore(d, nil)
	count, err := ps.Count(ctx)
	if err != nil {
		return false, err
	}
	if count > 0 {
		return false, nil
	}
	f := &people.File{Name: "demo organization", Columns: map[string]bool{}}
	for _, c := range append(people.RequiredColumns, people.OptionalColumns...) {
		f.Columns[c] = true
	}
	f.Rows = make([]people.Row, len(org.People))
	for i, p := range org.People {
		f.Rows[i] = people.Row{Line: i + 2, Person: p, Demographics: org.Demographics[p.ID]}
	}
	if _, err := ps.Import(ctx, f); err != nil {
		return false, fmt.Errorf("store demo people: %w", err)
	}
	as := auth.NewStore(d, ps, nil)
	for id, role := range map[string]string{org.Accounts.Admin: person.RoleAdmin, org.Accounts.Sponsor: person.RoleSponsor,
		org.Accounts.Mentor: person.RoleMember, org.Accounts.Mentee: person.RoleMember} {
		if err := as.SetAccessRole(ctx, id, role); err != nil {
			return false, err
		}
		if err := as.SetPassword(ctx, id, password); err != nil {
			return false, err
		}
	}
	if err := seedPrograms(ctx, d, org, now); err != nil {
		return false, err
	}
	return true, nil
}
