package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/safetext/safetexttest"
)

// apiErrorOf reads the JSON error of an API answer.
func apiErrorOf(t *testing.T, body string) apiErrorBody {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not a JSON error: %v: %s", err, body)
	}
	return e.Error
}

// TestTextThatCannotBeStoredIsRefused sends a NUL byte, and bytes that are
// not UTF-8, everywhere issue 10 found a 500 on PostgreSQL (SQLite stored
// them): each answers 422 naming the field, or the file's line and column,
// and nothing is stored.
func TestTextThatCannotBeStoredIsRefused(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		apiCases := []struct {
			name, method, path, body, field string
		}{
			{"profile PATCH with a NUL", "PATCH", "/api/v1/people/m2", `{"bio":"hi\u0000there"}`, "bio"},
			{"profile PATCH, NUL in a list", "PATCH", "/api/v1/people/m2", `{"skills_offered":["Go","R\u0000"]}`, "skills_offered[1]"},
			{"profile PATCH not UTF-8", "PATCH", "/api/v1/people/m2", "{\"bio\":\"caf\xe9\"}", "bio"},
			{"program create with a NUL", "POST", "/api/v1/programs", `{"name":"Spring\u0000","engagements":["one_on_one"]}`, "name"},
			{"program create not UTF-8", "POST", "/api/v1/programs", "{\"name\":\"Spring \xff\xfe\",\"engagements\":[\"one_on_one\"]}", "name"},
			{"directory search with a NUL", "GET", "/api/v1/people?q=%00", "", "q"},
			{"directory search not UTF-8", "GET", "/api/v1/people?q=%C3", "", "q"},
			{"a person's id with a NUL", "GET", "/api/v1/people/m2%00", "", ""},
			{"a program's id not UTF-8", "GET", "/api/v1/programs/%FF", "", ""},
		}
		for _, c := range apiCases {
			who := "admin"
			if c.method == "PATCH" {
				who = "m2"
			}
			code, body := o.apiDo(who, c.method, c.path, c.body)
			if code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422: %s", c.name, code, body)
				continue
			}
			if e := apiErrorOf(t, body); e.Field != c.field || (!strings.Contains(e.Message, "NUL") && !strings.Contains(e.Message, "UTF-8")) {
				t.Errorf("%s: field %q message %q, want the field %q named", c.name, e.Field, e.Message, c.field)
			}
		}
		if _, body := o.apiDo("m2", "GET", "/api/v1/people/m2", ""); strings.Contains(body, "there") || strings.Contains(body, `"R`) {
			t.Errorf("a refused PATCH was stored: %s", body)
		}
		if _, body := o.apiDo("admin", "GET", "/api/v1/programs", ""); strings.Contains(body, "Spring") {
			t.Errorf("a refused program was stored: %s", body)
		}

		// Anonymous sign-in with a NUL in the email.
		code, page := o.post("anon", "/signin", url.Values{"email": {"a\x00@x"}, "password": {"whatever-it-is"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "email: holds a NUL byte") {
			t.Errorf("sign-in: %d, want 422 naming the email: %s", code, page)
		}

		// A page form: a program named with a NUL, on the page.
		code, page = o.post("admin", "/programs", charterForm("Autumn\x00", "one_on_one"))
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "name: holds a NUL byte") {
			t.Errorf("program form: %d, want 422 naming the name: %s", code, page)
		}

		// An import whose cell holds a NUL: a problem at its line and
		// column, alone (PostgreSQL answered a raw SQLSTATE 22021) or with
		// the file's other problems, and nothing imported.
		head := "id,name,email,level,function,location,timezone\n"
		nul := "n1,Nia\x00 New,nia@example.com,3,Sales,Oslo,Europe/Oslo\n"
		alone := o.importProblems(head + nul)
		if m := alone[[2]int{2, 2}]; len(alone) != 1 || !strings.Contains(m, "NUL byte") {
			t.Errorf("import: want one problem at line 2, column 2 about the NUL, got %v", alone)
		}
		all := o.importProblems(head + nul +
			"n2,Noor New,noor@example.com,eleven,Sales,Oslo,Europe/Oslo\n" +
			"n3,Ned New,ned@example.com,3,Sa\xffles,Oslo,Europe/Oslo\n")
		for at, want := range map[[2]int]string{{2, 2}: "NUL byte", {3, 4}: "eleven", {4, 5}: "not valid UTF-8"} {
			if !strings.Contains(all[at], want) {
				t.Errorf("import: line %d, column %d says %q, want %q; all: %v", at[0], at[1], all[at], want, all)
			}
		}
		for _, id := range []string{"n1", "n2", "n3"} {
			if code, _ := o.apiDo("admin", "GET", "/api/v1/people/"+id, ""); code != http.StatusNotFound {
				t.Errorf("a refused import stored %s", id)
			}
		}
	})
}

// importProblems uploads a people CSV through the API as the admin, wants
// 422, and returns its problems' messages by line and column.
func (o *org) importProblems(csv string) map[[2]int]string {
	o.t.Helper()
	body, ct := multipartFile(o.t, "new.csv", []byte(csv))
	resp := o.apiUpload(o.t, "admin", body, ct)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out importErrorJSON
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != http.StatusUnprocessableEntity {
		o.t.Fatalf("import: %d, want 422 with problems: %s", resp.StatusCode, raw)
	}
	got := map[[2]int]string{}
	for _, p := range out.Error.Problems {
		got[[2]int{p.Line, p.Column}] = p.Message
	}
	return got
}

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
