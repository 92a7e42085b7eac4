package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
)

// statuses are the HTTP statuses of the error kinds; any other kind
// (Internal) is a 500.
var statuses = map[errs.Kind]int{
	errs.Invalid:      http.StatusUnprocessableEntity,
	errs.NotFound:     http.StatusNotFound,
	errs.Conflict:     http.StatusConflict,
	errs.Forbidden:    http.StatusForbidden,
	errs.Unauthorized: http.StatusUnauthorized,
	errs.TooMany:      http.StatusTooManyRequests,
	errs.Stale:        http.StatusPreconditionFailed,
}

// status maps an error kind to its HTTP status.
func status(k errs.Kind) int {
	if code, ok := statuses[k]; ok {
		return code
	}
	return http.StatusInternalServerError
}

// isAPI reports whether the request wants JSON errors.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// apiError is the JSON shape of every API error.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Field   string            `json:"field,omitempty"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// fail is the one error function: it maps the error's kind to a status,
// answers JSON under /api and a page elsewhere, and logs internal errors
// only (their details are never shown).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	kind := errs.KindOf(err)
	body := apiErrorBody{Code: kind.String()}
	var fe *errs.FieldsError
	switch {
	case kind == errs.Internal:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		body.Message = "Something went wrong on our side; it has been logged."
	case errors.As(err, &fe):
		body.Message = "Some fields need attention."
		body.Fields = fe.Fields
		for f := range fe.Fields {
			if body.Field == "" || f < body.Field {
				body.Field = f
			}
		}
	default:
		e := errs.As(err)
		body.Message, body.Field = e.Message, e.Field
	}
	code := status(kind)
	if isAPI(r) {
		if err := writeJSON(w, code, apiError{Error: body}); err != nil {
			s.log.Error("write error", "path", r.URL.Path, "err", err)
			http.Error(w, `{"error":{"code":"internal","message":"encoding failed"}}`, http.StatusInternalServerError)
		}
		return
	}
	if kind == errs.Unauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/signin?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	msg := body.Message
	if body.Field != "" && body.Fields == nil {
		msg = body.Field + ": " + msg
	}
	if err := s.render(w, r, code, "error", map[string]any{"Title": http.StatusText(code), "Status": code, "Message": msg}); err != nil {
		s.log.Error("render error page", "path", r.URL.Path, "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
	}
}

// writeJSON encodes v and only then writes it with the status, so an
// encoding error is returned before anything is written.
func writeJSON(w http.ResponseWriter, code int, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode JSON answer: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(append(b, '\n'))
	return nil
}

// decodeChoice reads a body that is one required yes-or-no field,
// {"<field>": true} or false, with decodeJSON's checks (no other field, no
// other type). A body without it is an Invalid error on field saying need.
func decodeChoice(w http.ResponseWriter, r *http.Request, field, need string) (bool, error) {
	// A struct of one *bool field named field, so that decodeJSON refuses
	// unknown fields and wrong types with its own messages.
	typ := reflect.StructOf([]reflect.StructField{{Name: "Choice", Type: reflect.TypeFor[*bool](),
		Tag: reflect.StructTag(`json:"` + field + `"`)}})
	in := reflect.New(typ)
	if err := decodeJSON(w, r, in.Interface()); err != nil {
		return false, err
	}
	choice, _ := in.Elem().Field(0).Interface().(*bool)
	if choice == nil {
		return false, errs.Field(field, "%s", need)
	}
	return *choice, nil
}

// maxJSONBody bounds API request bodies.
const maxJSONBody = 1 << 20

// decodeJSON reads a JSON object into v, refusing unknown fields, trailing
// data, oversized bodies and text that cannot be stored (a NUL or bytes
// that are not UTF-8, see jsonTextProblem) with an Invalid error that names
// the problem and, where it can, the field.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return errs.E(errs.Invalid, "send the body as application/json")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return errs.E(errs.Invalid, "the body is larger than %d bytes", maxJSONBody)
		}
		return errs.E(errs.Invalid, "the body could not be read: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return errs.E(errs.Invalid, "the body is not valid JSON (at byte %d)", se.Offset)
		case errors.As(err, &te):
			return errs.Field(te.Field, "must be a JSON %s, not %s", te.Type.String(), te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return errs.Field(f, "is not a field of this object")
		case err.Error() == "EOF":
			return errs.E(errs.Invalid, "the body is empty; send a JSON object")
		default:
			return errs.E(errs.Invalid, "the body could not be read as JSON: %v", err)
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		// More would miss a stray "]" or "}" after the object.
		return errs.E(errs.Invalid, "the body has data after the JSON object")
	}
	return jsonTextProblem(body)
}
