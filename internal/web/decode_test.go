package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

// TestDecodeChoice checks the one-field yes-or-no bodies: the answer, and
// the messages of decodeJSON for the field missing, of the wrong type, or
// beside another field.
func TestDecodeChoice(t *testing.T) {
	for _, tc := range []struct {
		body, field, msg string
		want             bool
	}{
		{body: `{"approve":true}`, want: true},
		{body: `{"approve":false}`, want: false},
		{body: `{}`, field: "approve", msg: "is required: say yes or no"},
		{body: `{"approve":"yes"}`, field: "approve", msg: "must be a JSON bool, not string"},
		{body: `{"approve":true,"reason":"x"}`, field: "reason", msg: "is not a field of this object"},
	} {
		r := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(tc.body))
		r.Header.Set("Content-Type", "application/json")
		got, err := decodeChoice(httptest.NewRecorder(), r, "approve", "is required: say yes or no")
		if tc.msg == "" {
			if err != nil || got != tc.want {
				t.Errorf("%s: got %v, %v; want %v", tc.body, got, err, tc.want)
			}
			continue
		}
		e := errs.As(err)
		if e == nil || e.Kind != errs.Invalid || e.Field != tc.field || e.Message != tc.msg {
			t.Errorf("%s: got error %+v, want Invalid on %q: %q", tc.body, e, tc.field, tc.msg)
		}
	}
}
