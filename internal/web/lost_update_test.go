package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// profileFields are twelve profile fields, each with a valid new value for
// m2, as JSON.
var profileFields = map[string]string{
	"bio": `"Learning Rust"`, "skills_offered": `["Writing"]`, "skills_wanted": `["Rust"]`, "interests": `["Chess"]`,
	"languages": `["French"]`, "timezone": `"Europe/Paris"`, "work_hours": `"08:00-16:00"`, "capacity": `3`,
	"mentoring_role": `"both"`, "learning_style": `"visual"`, "communication_style": `"direct"`, "accessibility_needs": `"Captions"`,
}

// apiSend is apiDo for goroutines other than the test's: it returns the
// error instead of failing the test, and takes extra headers; it answers the
// status, the body and the ETag.
func (o *org) apiSend(who, method, path, body string, header map[string]string) (int, string, string, error) {
	req, err := http.NewRequest(method, o.ts.URL+path, strings.NewReader(body))
	if err != nil {
		return 0, "", "", err
	}
	req.Header.Set("Authorization", "Bearer "+o.tokens[who])
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("ETag"), err
}

// personFields reads m2 through the API as m2: each field as compact JSON,
// and the ETag.
func personFields(t *testing.T, o *org) (map[string]string, string) {
	t.Helper()
	return fieldsOf(t, o, "m2", "/api/v1/people/m2")
}

// fieldsOf reads an object through the API as who: each field as compact
// JSON, and the ETag.
func fieldsOf(t *testing.T, o *org, who, path string) (map[string]string, string) {
	t.Helper()
	code, body, tag, err := o.apiSend(who, "GET", path, "", nil)
	if err != nil || code != 200 {
		t.Fatalf("GET %s: %d %s %v", path, code, body, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range raw {
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			t.Fatal(err)
		}
		out[k] = b.String()
	}
	return out, tag
}

// formVersion returns the value of the hidden version field of page.
func formVersion(t *testing.T, page string) string {
	t.Helper()
	const mark = `name="version" value="`
	_, v, ok := strings.Cut(page, mark)
	if !ok {
		t.Fatalf("no version field in the page:\n%s", page)
	}
	v, _, _ = strings.Cut(v, `"`)
	return v
}

// patchAtOnce sends one PATCH per field to path as who, all at once, and
// then checks that every field confirmed is stored.
func patchAtOnce(t *testing.T, o *org, who, path string, fields map[string]string) {
	t.Helper()
	var wg sync.WaitGroup
	failures := make(chan string, len(fields))
	for field, value := range fields {
		wg.Go(func() {
			code, body, _, err := o.apiSend(who, "PATCH", path, fmt.Sprintf(`{%q:%s}`, field, value), nil)
			if err != nil || code != 200 {
				failures <- fmt.Sprintf("PATCH %s: %d %s %v", field, code, body, err)
			}
		})
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	got, _ := fieldsOf(t, o, who, path)
	for field, want := range fields {
		if got[field] != want {
			t.Errorf("%s = %s after every PATCH was confirmed, want %s", field, got[field], want)
		}
	}
}

// Finding 4 of issue 10: twelve clients patching different fields of one
// person at once each keep their field; none undoes another.
func TestConcurrentProfilePatchesKeepEveryField(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		patchAtOnce(t, o, "m2", "/api/v1/people/m2", profileFields)
	})
}

// A PATCH with a stale If-Match gets 412 with a JSON error and changes
// nothing; a current one is applied and answers the new ETag.
func TestProfilePatchIfMatch(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		_, tag := personFields(t, o)
		if tag == "" {
			t.Fatal("GET /api/v1/people/m2 sent no ETag")
		}
		code, body, next, err := o.apiSend("m2", "PATCH", "/api/v1/people/m2", `{"bio":"First"}`, map[string]string{"If-Match": tag})
		if err != nil || code != 200 || next == "" || next == tag {
			t.Fatalf("PATCH with the current ETag: %d %s, ETag %q (was %q), %v", code, body, next, tag, err)
		}
		before, _ := personFields(t, o)
		code, body, _, err = o.apiSend("m2", "PATCH", "/api/v1/people/m2", `{"bio":"Second","capacity":4}`, map[string]string{"If-Match": tag})
		if err != nil || code != http.StatusPreconditionFailed || !strings.Contains(body, `"stale"`) || !strings.Contains(body, "changed by someone else") {
			t.Fatalf("PATCH with a stale ETag: %d %s %v, want 412 with a stale error", code, body, err)
		}
		after, _ := personFields(t, o)
		if after["bio"] != `"First"` || after["capacity"] != before["capacity"] {
			t.Errorf("a stale PATCH changed the profile: bio %s capacity %s", after["bio"], after["capacity"])
		}
	})
}

// A profile form sent with a version that is no longer stored re-renders
// with a clear message and the stored values, and saves nothing.
func TestStaleProfileFormSavesNothing(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		code, page := o.get("m2", "/people/m2/edit")
		if code != 200 {
			t.Fatalf("edit form: %d", code)
		}
		version := formVersion(t, page)
		if code, body, _, err := o.apiSend("m2", "PATCH", "/api/v1/people/m2", `{"bio":"Saved elsewhere"}`, nil); err != nil || code != 200 {
			t.Fatalf("PATCH: %d %s %v", code, body, err)
		}
		form := url.Values{"version": {version}, "bio": {"From the old form"}, "role": {"mentee"}, "capacity": {"1"},
			"timezone": {"Asia/Kathmandu"}, "work_hours": {"09:00-17:00"}}
		code, page = o.post("m2", "/people/m2/edit", form)
		if code != http.StatusConflict || !strings.Contains(page, "changed by someone else meanwhile") || !strings.Contains(page, "Saved elsewhere") {
			t.Fatalf("stale form: %d, want 409 with the message and the stored bio:\n%s", code, page)
		}
		if got, _ := personFields(t, o); got["bio"] != `"Saved elsewhere"` {
			t.Errorf("a stale form saved bio %s", got["bio"])
		}
		form.Set("version", formVersion(t, page))
		if code, _ := o.post("m2", "/people/m2/edit", form); code != http.StatusSeeOther {
			t.Errorf("the form sent again with the version it was re-rendered with: %d, want 303", code)
		}
	})
}
