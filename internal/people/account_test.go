package people_test

import (
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/people"
)

func TestAccounts(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		s, ctx := o.People, o.Ctx
		o.Import(goodCSV)
		if err := s.SetAccessRole(ctx, "E1", "sponsor"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPasswordHash(ctx, "E1", "hash-1"); err != nil {
			t.Fatal(err)
		}
		want := people.Account{ID: "E1", Name: "Ada Lovelace", AccessRole: "sponsor", Active: true}
		if a, err := s.Account(ctx, "E1"); err != nil || a != want {
			t.Errorf("account: %+v %v, want %+v", a, err, want)
		}
		if a, hash, err := s.Credentials(ctx, " ADA@example.com "); err != nil || a != want || hash != "hash-1" {
			t.Errorf("credentials: %+v %q %v", a, hash, err)
		}
		if _, hash, err := s.Credentials(ctx, "grace@example.com"); err != nil || hash != "" {
			t.Errorf("no password yet: %q %v", hash, err)
		}
		if _, _, err := s.Credentials(ctx, "nobody@example.com"); !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown email: %v, want NotFound", err)
		}
		if _, err := s.Account(ctx, "nobody"); !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown id: %v, want NotFound", err)
		}
		if err := s.SetAccessRole(ctx, "E2", "owner"); !errs.Is(err, errs.Invalid) {
			t.Errorf("unknown role: %v, want Invalid", err)
		}
		if err := s.SetAccessRole(ctx, "nobody", "admin"); !errs.Is(err, errs.NotFound) {
			t.Errorf("missing person: %v, want NotFound", err)
		}
	})
}
