package web

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/safetext/safetexttest"
)

// FuzzDecodeJSON sends any body to decodeJSON, into a generic value and
// into a profile patch: it never panics, every error is Invalid (a 422,
// never a 500), and what it accepts holds no NUL and no bytes that are not
// UTF-8. Seeds: testdata/fuzz/FuzzDecodeJSON.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"bio":"hi","skills_offered":["Go","R"],"capacity":2}`,
		`{"bio":"a\u0000b"}`,
		"{\"bio\":\"caf\xe9\"}",
		`{"a":{"b":[1,"x",{"c\u0000":null}]}}`,
		`{"bio":"\ud800"}`,
		`{} ]`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		targets := []func() any{
			func() any { return new(any) },
			func() any { return new(profilePatch) },
		}
		for _, target := range targets {
			v := target()
			r := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			err := decodeJSON(httptest.NewRecorder(), r, v)
			if err != nil {
				if k := errs.KindOf(err); k != errs.Invalid {
					t.Fatalf("body %q: error of kind %v, want Invalid: %v", body, k, err)
				}
				continue
			}
			if path, s, bad := safetexttest.BadString(v); bad {
				t.Fatalf("body %q accepted with %q at %s", body, s, path)
			}
			if !bytes.Equal(body, bytes.ToValidUTF8(body, nil)) || bytes.Contains(body, []byte{0}) {
				t.Fatalf("body %q is not UTF-8 text and was accepted", body)
			}
		}
	})
}
