package errs_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

// TestKindString checks the machine-readable code of every kind, which the
// JSON API sends as "code"; a kind out of range reads as internal.
func TestKindString(t *testing.T) {
	for _, tc := range []struct {
		k    errs.Kind
		want string
	}{
		{errs.Internal, "internal"},
		{errs.Invalid, "invalid"},
		{errs.NotFound, "not_found"},
		{errs.Conflict, "conflict"},
		{errs.Forbidden, "forbidden"},
		{errs.Unauthorized, "unauthorized"},
		{errs.TooMany, "too_many_requests"},
		{errs.Kind(99), "internal"},
	} {
		if got := tc.k.String(); got != tc.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tc.k), got, tc.want)
		}
	}
	var zero errs.Kind
	if zero != errs.Internal {
		t.Errorf("the zero Kind is %v, want internal, so an unclassified error is never shown", zero)
	}
}

// TestBuild checks what E, Field and Wrap build: kind, field, message,
// cause and the text of Error.
func TestBuild(t *testing.T) {
	cause := io.ErrUnexpectedEOF
	for _, tc := range []struct {
		name                 string
		err                  error
		kind                 errs.Kind
		field, message, text string
		cause                error
	}{
		{"E formats", errs.E(errs.NotFound, "no person %q", "m9"), errs.NotFound, "", `no person "m9"`, `no person "m9"`, nil},
		{"E without args", errs.E(errs.Conflict, "taken"), errs.Conflict, "", "taken", "taken", nil},
		{"Field is Invalid about a field", errs.Field("email", "%q is not an address", "x"), errs.Invalid, "email", `"x" is not an address`, `email: "x" is not an address`, nil},
		{"Wrap keeps the cause out of the message", errs.Wrap(errs.Internal, cause, "read %s", "file"), errs.Internal, "", "read file", "read file: " + cause.Error(), cause},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := errs.As(tc.err)
			if e == nil {
				t.Fatalf("As(%v) = nil", tc.err)
			}
			if e.Kind != tc.kind || e.Field != tc.field || e.Message != tc.message {
				t.Errorf("got {%v %q %q}, want {%v %q %q}", e.Kind, e.Field, e.Message, tc.kind, tc.field, tc.message)
			}
			if got := tc.err.Error(); got != tc.text {
				t.Errorf("Error() = %q, want %q", got, tc.text)
			}
			if got := errors.Unwrap(tc.err); got != tc.cause {
				t.Errorf("Unwrap() = %v, want %v", got, tc.cause)
			}
			if tc.cause != nil && !errors.Is(tc.err, tc.cause) {
				t.Errorf("errors.Is does not find the cause")
			}
		})
	}
}

// TestKindThroughWrapping checks KindOf, As and Is on errors wrapped with
// fmt.Errorf %w (once and twice), on plain errors and on nil.
func TestKindThroughWrapping(t *testing.T) {
	inner := errs.Field("name", "is required")
	once := fmt.Errorf("create person: %w", inner)
	twice := fmt.Errorf("import line 3: %w", once)
	plain := errors.New("disk full")
	for _, tc := range []struct {
		name      string
		err       error
		kind      errs.Kind
		as        error // what As must return
		isInvalid bool
	}{
		{"the error itself", inner, errs.Invalid, inner, true},
		{"wrapped once", once, errs.Invalid, inner, true},
		{"wrapped twice", twice, errs.Invalid, inner, true},
		{"a plain error is internal", plain, errs.Internal, nil, false},
		{"a plain error wrapped", fmt.Errorf("save: %w", plain), errs.Internal, nil, false},
		{"nil", nil, errs.Internal, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := errs.KindOf(tc.err); got != tc.kind {
				t.Errorf("KindOf = %v, want %v", got, tc.kind)
			}
			if got := errs.As(tc.err); (tc.as == nil) != (got == nil) || tc.as != nil && error(got) != tc.as {
				t.Errorf("As = %v, want %v", got, tc.as)
			}
			if got := errs.Is(tc.err, errs.Invalid); got != tc.isInvalid {
				t.Errorf("Is(Invalid) = %v, want %v", got, tc.isInvalid)
			}
		})
	}
	if errs.Is(nil, errs.Internal) {
		t.Error("Is(nil, Internal) = true: no error is no kind of error")
	}
	if !errs.Is(plain, errs.Internal) {
		t.Error("Is(plain, Internal) = false, want true")
	}
	// The outermost *Error decides the kind.
	outer := errs.Wrap(errs.Conflict, inner, "clash")
	if got := errs.KindOf(fmt.Errorf("x: %w", outer)); got != errs.Conflict {
		t.Errorf("KindOf(wrapped Conflict around Invalid) = %v, want conflict", got)
	}
}

// TestFields checks collecting form problems: the first problem of a field
// is kept, no problems is no error, and the FieldsError lists them in a
// stable order and reads as Invalid on its first field.
func TestFields(t *testing.T) {
	f := errs.Fields{}
	if err := f.Err(); err != nil {
		t.Fatalf("empty Fields: Err() = %v, want nil", err)
	}
	f.Add("name", "is required")
	f.Add("email", "%q is not an address", "x")
	f.Add("name", "is too long")
	if f["name"] != "is required" {
		t.Errorf(`Add kept %q for name, want the first problem "is required"`, f["name"])
	}
	err := f.Err()
	var fe *errs.FieldsError
	if !errors.As(err, &fe) || len(fe.Fields) != 2 {
		t.Fatalf("Err() = %#v, want a *FieldsError with 2 fields", err)
	}
	if want := `email: "x" is not an address; name: is required`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	wrapped := fmt.Errorf("save profile: %w", err)
	if got := errs.KindOf(wrapped); got != errs.Invalid {
		t.Errorf("KindOf(FieldsError) = %v, want invalid", got)
	}
	if e := errs.As(wrapped); e == nil || e.Field != "email" || e.Message != `"x" is not an address` {
		t.Errorf("As(FieldsError) = %+v, want the first field in order, email", e)
	}
	fe = nil
	if !errors.As(wrapped, &fe) || fe.Fields["name"] != "is required" {
		t.Errorf("errors.As does not find the FieldsError through %%w")
	}
}
