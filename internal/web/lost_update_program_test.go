package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/kindredhq/kindred/internal/programs"
)

// charterFields are nine charter fields, each with a valid new value, as
// JSON.
var charterFields = map[string]string{
	"name": `"Grow further"`, "purpose": `"Grow leaders"`, "outcomes": `"Two promotions"`, "cadence": `"weekly"`,
	"session_minutes": `45`, "decision_rights": `"The sponsor decides"`, "code_of_conduct": `"Be kind."`,
	"facilitation_method": `"case_clinic"`, "engagements": `["one_on_one","circles"]`,
}

// charterProgram creates a program for the charter tests and returns its
// API path.
func charterProgram(t *testing.T, o *org) string {
	t.Helper()
	p, err := o.srv.programs.CreateProgram(context.Background(), programs.Program{Name: "Grow", CodeOfConduct: "Show up.",
		Engagements: []string{programs.EngagementOneOnOne}, CreatedBy: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	return "/api/v1/programs/" + p.ID
}

// charterOf reads a program through the API as the admin: each field as
// compact JSON, and the ETag.
func charterOf(t *testing.T, o *org, path string) (map[string]string, string) {
	t.Helper()
	code, body, tag, err := o.apiSend("admin", "GET", path, "", nil)
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

// Finding 4 of issue 10, for program charters: admins patching different
// charter fields at once each keep their field.
func TestConcurrentCharterPatchesKeepEveryField(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		path := charterProgram(t, o)
		var wg sync.WaitGroup
		failures := make(chan string, len(charterFields))
		for field, value := range charterFields {
			wg.Go(func() {
				code, body, _, err := o.apiSend("admin", "PATCH", path, fmt.Sprintf(`{%q:%s}`, field, value), nil)
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
		got, _ := charterOf(t, o, path)
		for field, want := range charterFields {
			if got[field] != want {
				t.Errorf("%s = %s after every PATCH was confirmed, want %s", field, got[field], want)
			}
		}
	})
}

// A charter PATCH with a stale If-Match gets 412 and changes nothing; a
// charter form sent with a stale version gets 409, the message and the
// stored charter, and changes nothing.
func TestStaleCharterChangesNothing(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		path := charterProgram(t, o)
		_, tag := charterOf(t, o, path)
		code, page := o.get("admin", strings.TrimPrefix(path, "/api/v1")+"/edit")
		const mark = `name="version" value="`
		i := strings.Index(page, mark)
		if code != 200 || i < 0 || tag == "" {
			t.Fatalf("edit form: %d, version field at %d, ETag %q", code, i, tag)
		}
		version := page[i+len(mark):]
		version = version[:strings.IndexByte(version, '"')]
		if code, body, _, err := o.apiSend("admin", "PATCH", path, `{"purpose":"Changed first"}`, map[string]string{"If-Match": tag}); err != nil || code != 200 {
			t.Fatalf("PATCH with the current ETag: %d %s %v", code, body, err)
		}
		code, body, _, err := o.apiSend("admin", "PATCH", path, `{"purpose":"Changed late","cadence":"weekly"}`, map[string]string{"If-Match": tag})
		if err != nil || code != http.StatusPreconditionFailed || !strings.Contains(body, "changed by someone else") {
			t.Fatalf("PATCH with a stale ETag: %d %s %v, want 412", code, body, err)
		}
		form := url.Values{"version": {version}, "name": {"Grow"}, "purpose": {"From the old form"}, "cadence": {"monthly"},
			"session_minutes": {"60"}, "code_of_conduct": {"Show up."}, "facilitation_method": {"open_discussion"}, "engagements": {"one_on_one"}}
		code, page = o.post("admin", strings.TrimPrefix(path, "/api/v1")+"/edit", form)
		if code != http.StatusConflict || !strings.Contains(page, "changed by someone else meanwhile") || !strings.Contains(page, "Changed first") {
			t.Fatalf("stale charter form: %d, want 409 with the message and the stored purpose:\n%s", code, page)
		}
		if got, _ := charterOf(t, o, path); got["purpose"] != `"Changed first"` || got["cadence"] != `"monthly"` {
			t.Errorf("a stale change was stored: purpose %s, cadence %s", got["purpose"], got["cadence"])
		}
	})
}

// The same for cycles: a name and both dates patched at once are all kept,
// and a PATCH with a stale If-Match gets 412 and changes nothing.
func TestCyclePatchesKeepEveryFieldAndRefuseStale(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		prog := charterProgram(t, o)
		c, err := o.srv.programs.CreateCycle(context.Background(), programs.Cycle{ProgramID: strings.TrimPrefix(prog, "/api/v1/programs/"),
			Name: "Winter", StartsOn: "2027-01-01", EndsOn: "2027-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		path := prog + "/cycles/" + c.ID
		_, tag := charterOf(t, o, path)
		fields := map[string]string{"name": `"Spring"`, "starts_on": `"2027-02-01"`, "ends_on": `"2027-06-30"`}
		var wg sync.WaitGroup
		failures := make(chan string, len(fields))
		for field, value := range fields {
			wg.Go(func() {
				code, body, _, err := o.apiSend("admin", "PATCH", path, fmt.Sprintf(`{%q:%s}`, field, value), nil)
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
		got, _ := charterOf(t, o, path)
		for field, want := range fields {
			if got[field] != want {
				t.Errorf("%s = %s after every PATCH was confirmed, want %s", field, got[field], want)
			}
		}
		code, body, _, err := o.apiSend("admin", "PATCH", path, `{"name":"Late"}`, map[string]string{"If-Match": tag})
		if err != nil || code != http.StatusPreconditionFailed || !strings.Contains(body, "changed by someone else") {
			t.Fatalf("PATCH with a stale ETag: %d %s %v, want 412", code, body, err)
		}
		if got, _ := charterOf(t, o, path); got["name"] != `"Spring"` {
			t.Errorf("a stale PATCH renamed the cycle to %s", got["name"])
		}
	})
}

// A cycle form sent with a stale version gets 409, the message and the
// stored name, and changes nothing.
func TestStaleCycleFormChangesNothing(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		prog := charterProgram(t, o)
		c, err := o.srv.programs.CreateCycle(context.Background(), programs.Cycle{ProgramID: strings.TrimPrefix(prog, "/api/v1/programs/"),
			Name: "Winter", StartsOn: "2027-01-01", EndsOn: "2027-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		page := strings.TrimPrefix(prog, "/api/v1") + "/cycles/" + c.ID
		code, body := o.get("admin", page)
		const mark = `name="version" value="`
		i := strings.Index(body, mark)
		if code != 200 || i < 0 {
			t.Fatalf("cycle page: %d, no version field", code)
		}
		version := body[i+len(mark):]
		version = version[:strings.IndexByte(version, '"')]
		if code, body, _, err := o.apiSend("admin", "PATCH", "/api/v1"+page, `{"name":"Renamed first"}`, nil); err != nil || code != 200 {
			t.Fatalf("PATCH: %d %s %v", code, body, err)
		}
		code, body = o.post("admin", page+"/edit", url.Values{"version": {version}, "name": {"Late"}, "starts_on": {"2027-01-01"}, "ends_on": {"2027-03-31"}})
		if code != http.StatusConflict || !strings.Contains(body, "changed by someone else meanwhile") || !strings.Contains(body, "Renamed first") {
			t.Fatalf("stale cycle form: %d, want 409 with the message and the stored name:\n%s", code, body)
		}
		if got, _ := charterOf(t, o, "/api/v1"+page); got["name"] != `"Renamed first"` {
			t.Errorf("a stale cycle form renamed the cycle to %s", got["name"])
		}
	})
}
