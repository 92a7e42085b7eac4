package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
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

// winterCycle creates a program with a cycle for the cycle tests and
// returns the cycle's API path.
func winterCycle(t *testing.T, o *org) string {
	t.Helper()
	prog := charterProgram(t, o)
	c, err := o.srv.programs.CreateCycle(context.Background(), programs.Cycle{ProgramID: strings.TrimPrefix(prog, "/api/v1/programs/"),
		Name: "Winter", StartsOn: "2027-01-01", EndsOn: "2027-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	return prog + "/cycles/" + c.ID
}

// charterOf reads a program or a cycle through the API as the admin: each
// field as compact JSON, and the ETag.
func charterOf(t *testing.T, o *org, path string) (map[string]string, string) {
	t.Helper()
	return fieldsOf(t, o, "admin", path)
}

// Finding 4 of issue 10, for program charters: admins patching different
// charter fields at once each keep their field.
func TestConcurrentCharterPatchesKeepEveryField(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		patchAtOnce(t, o, "admin", charterProgram(t, o), charterFields)
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
		if code != 200 || tag == "" {
			t.Fatalf("edit form: %d, ETag %q", code, tag)
		}
		version := formVersion(t, page)
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
		path := winterCycle(t, o)
		_, tag := charterOf(t, o, path)
		patchAtOnce(t, o, "admin", path, map[string]string{"name": `"Spring"`, "starts_on": `"2027-02-01"`, "ends_on": `"2027-06-30"`})
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
		page := strings.TrimPrefix(winterCycle(t, o), "/api/v1")
		code, body := o.get("admin", page)
		if code != 200 {
			t.Fatalf("cycle page: %d", code)
		}
		version := formVersion(t, body)
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
