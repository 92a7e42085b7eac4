// Package errstest holds the test helpers every store's tests use to
// check the kind and the fields of an error.
package errstest

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

// FieldsOf returns the form fields an error is about, sorted.
func FieldsOf(err error) []string {
	var fe *errs.FieldsError
	if errors.As(err, &fe) {
		return slices.Sorted(maps.Keys(fe.Fields))
	}
	if e := errs.As(err); e != nil && e.Field != "" {
		return []string{e.Field}
	}
	return nil
}

// WantErr fails t unless err has kind k and, if field is set, concerns it.
func WantErr(t testing.TB, err error, k errs.Kind, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v on %q", k, field)
	}
	if got := errs.KindOf(err); got != k {
		t.Fatalf("got %v (%v), want %v", got, err, k)
	}
	if field != "" && !slices.Contains(FieldsOf(err), field) {
		t.Fatalf("error %q is about %v, want field %q", err, FieldsOf(err), field)
	}
}
