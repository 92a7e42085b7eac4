// Package errs defines Kindred's error kinds. Domain packages return errors
// that carry a Kind and a message that is safe to show a person; the web
// layer maps the kind to an HTTP status and logs only internal errors.
package errs

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds of error. Internal is the zero value so that an unclassified
// error is never shown to a person.
const (
	Internal     Kind = iota // a bug or an outage: logged, shown as a generic message
	Invalid                  // the input is wrong: the message says what and where
	NotFound                 // the object does not exist or the viewer may not know it does
	Conflict                 // the input clashes with stored data (duplicate email...)
	Forbidden                // the viewer is known but may not do this
	Unauthorized             // the viewer must sign in
	TooMany                  // rate limited
	Stale                    // the change was made against a version that is no longer stored
)

// String returns the machine-readable code of the kind, used in JSON errors.
func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not_found"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	case Unauthorized:
		return "unauthorized"
	case TooMany:
		return "too_many_requests"
	case Stale:
		return "stale"
	default:
		return "internal"
	}
}

// Error is an error with a kind, a safe message and, for input errors, the
// field it concerns. Err, if set, is the underlying cause (not shown).
type Error struct {
	Kind    Kind
	Field   string
	Message string
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// E builds an error of kind k with a formatted message.
func E(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Field builds an Invalid error about one input field.
func Field(field, format string, args ...any) error {
	return &Error{Kind: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches kind k and a safe message to a cause.
func Wrap(k Kind, err error, format string, args ...any) error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...), Err: err}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// As returns the first *Error in err's chain, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Is reports whether err has kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// Fields collects several field errors of one form, so a page can show
// every problem at once.
type Fields map[string]string

// Add records a problem with field, keeping the first one.
func (f Fields) Add(field, format string, args ...any) {
	if _, ok := f[field]; !ok {
		f[field] = fmt.Sprintf(format, args...)
	}
}

// Required adds a problem on field unless v is set and at most limit
// characters long.
func (f Fields) Required(field, v string, limit int) {
	if v == "" {
		f.Add(field, "is required")
		return
	}
	f.Optional(field, v, limit)
}

// Optional adds a problem on field if v is longer than limit characters
// (counted as characters, not bytes).
func (f Fields) Optional(field, v string, limit int) {
	if utf8.RuneCountInString(v) > limit {
		f.Add(field, "is longer than %d characters", limit)
	}
}

// Err returns nil when there are no problems, or a *FieldsError.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &FieldsError{Fields: f}
}

// FieldsError is an Invalid error about several fields of one form.
type FieldsError struct{ Fields Fields }

// Error implements error; fields are listed in a stable order.
func (e *FieldsError) Error() string {
	keys := sortedKeys(e.Fields)
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += "; "
		}
		s += k + ": " + e.Fields[k]
	}
	return s
}

// Unwrap lets KindOf see an Invalid error with the first field.
func (e *FieldsError) Unwrap() error {
	keys := sortedKeys(e.Fields)
	return &Error{Kind: Invalid, Field: keys[0], Message: e.Fields[keys[0]]}
}

func sortedKeys(m Fields) []string { return slices.Sorted(maps.Keys(m)) }
