package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/programs"
)

// TestHousekeepingRoutesAccess is the route × role table of editing and
// archiving cycles and programs: admins only; a cycle of another program
// is 404. Archiving is idempotent, so every admin row may run again.
func TestHousekeepingRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		P, Q, U, D := "/programs/"+w.P.ID, "/programs/"+w.Q.ID, w.U.ID, w.D.ID
		aP, aQ := "/api/v1"+P, "/api/v1"+Q
		adminPost := map[string]int{"anon": 303, "admin": 303, "*": 403}
		apiAdmin := map[string]int{"anon": 401, "admin": 200, "*": 403}
		same := url.Values{"name": {"Q1 2027"}, "starts_on": {"2027-01-01"}, "ends_on": {"2027-03-31"}}
		runAccessTable(t, o, []accessCase{
			{method: "POST", path: P + "/cycles/" + U + "/edit", form: same, want: adminPost},
			{method: "POST", path: Q + "/cycles/" + U + "/edit", form: same, want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "POST", path: P + "/cycles/" + U + "/edit", form: url.Values{"name": {"Q1 2027"}, "starts_on": {"1900-01-01"}, "ends_on": {"9999-12-31"}},
				want: map[string]int{"anon": 303, "admin": 422, "*": 403}},
			{method: "PATCH", path: aP + "/cycles/" + U, json: `{"name":"Q1 2027"}`, want: apiAdmin},
			{method: "PATCH", path: aQ + "/cycles/" + U, json: `{"name":"Q1 2027"}`, want: map[string]int{"anon": 401, "admin": 404, "*": 403}},
			{method: "PATCH", path: aP + "/cycles/" + U, json: `{"ends_on":"9999-12-31"}`, want: map[string]int{"anon": 401, "admin": 422, "*": 403}},
			{method: "POST", path: Q + "/cycles/" + D + "/archive", form: url.Values{"archived": {"yes"}}, want: adminPost},
			{method: "POST", path: P + "/cycles/" + D + "/archive", form: url.Values{"archived": {"yes"}}, want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "POST", path: aQ + "/cycles/" + D + "/archive", json: `{"archived":true}`, want: apiAdmin},
			{method: "POST", path: aQ + "/cycles/" + D + "/archive", json: `{}`, want: map[string]int{"anon": 401, "admin": 422, "*": 403}},
			{method: "POST", path: Q + "/archive", form: url.Values{"archived": {"yes"}}, want: adminPost},
			{method: "POST", path: "/programs/nope/archive", form: url.Values{"archived": {"yes"}}, want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "POST", path: aQ + "/archive", json: `{"archived":true}`, want: apiAdmin},
			{method: "POST", path: "/api/v1/programs/nope/archive", json: `{"archived":true}`, want: map[string]int{"anon": 401, "admin": 404, "*": 403}},
		})
	})
}

// TestCycleRulesAndArchiving is issue 9's "cycle rules are weak" and
// "no way to edit a cycle's dates or archive a program or cycle": absurd
// dates are refused with a reason, a cycle's name and dates change, an
// ended or archived cycle takes no enrollment and its page offers none,
// and an archived program is read-only and not among those people can join.
func TestCycleRulesAndArchiving(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		P := "/programs/" + w.P.ID
		cyc := P + "/cycles/" + w.U.ID

		// 1900-01-01 to 9999-12-31: refused, on the form and through the API.
		code, _, body := o.submit("admin", P+"/cycles", url.Values{"name": {"Forever"}, "starts_on": {"1900-01-01"}, "ends_on": {"9999-12-31"}})
		if code != 422 || !strings.Contains(body, "1900-01-01 is more than 10 years from today") || !strings.Contains(body, "9999-12-31 is more than 10 years from today") {
			t.Fatalf("a cycle from 1900 to 9999: %d", code)
		}
		code, _, body = o.submit("admin", cyc+"/edit", url.Values{"name": {"Q1 2027"}, "starts_on": {"2027-02-30"}, "ends_on": {"2027-01-01"}})
		if code != 422 || !strings.Contains(body, "2027-02-30: February 2027 has 28 days") || !strings.Contains(body, "The cycle was not saved") {
			t.Fatalf("editing to a day that does not exist: %d", code)
		}
		var e struct {
			Error struct{ Code, Field, Message string }
		}
		if code := o.apiJSON("admin", "PATCH", "/api/v1"+cyc, `{"starts_on":"2027-04-01"}`, &e); code != 422 || e.Error.Field != "ends_on" {
			t.Fatalf("API: start after end: %d %+v", code, e)
		}

		// Editing the name and dates.
		code, loc, _ := o.submit("admin", cyc+"/edit", url.Values{"name": {"Early 2027"}, "starts_on": {"2027-01-04"}, "ends_on": {"2027-04-30"}})
		if code != 303 || loc != cyc {
			t.Fatalf("edit: %d %s", code, loc)
		}
		if _, body = o.get("admin", cyc); !strings.Contains(body, "Early 2027") || !strings.Contains(body, "saved") {
			t.Fatalf("the edit did not show")
		}
		var c cycleJSON
		if code := o.apiJSON("admin", "PATCH", "/api/v1"+cyc, `{"ends_on":"2027-05-31"}`, &c); code != 200 || c.EndsOn != "2027-05-31" || c.Name != "Early 2027" {
			t.Fatalf("API edit: %d %+v", code, c)
		}

		// An ended cycle: the admin is offered no enrollment, and is refused one.
		ended := P + "/cycles/" + w.X.ID
		if _, body = o.get("admin", ended); strings.Contains(body, `action="`+ended+`/enroll"`) || !strings.Contains(body, "it takes no more enrollments") {
			t.Errorf("an ended cycle's page offers enrollment")
		}
		if code, _, _ = o.submit("admin", ended+"/enroll", url.Values{"person_id": {"m1"}, "role": {"mentee"}}); code != 409 {
			t.Errorf("enrolling into an ended cycle: %d, want 409", code)
		}
		// Nor does it offer a matching run or a circle formation the store would refuse.
		if _, body = o.get("admin", ended+"/matching"); strings.Contains(body, `action="`+ended+`/matching/run"`) || !strings.Contains(body, "Matching is closed") {
			t.Errorf("an ended cycle's matching page offers a run")
		}
		if _, body = o.get("admin", ended+"/circles"); strings.Contains(body, `action="`+ended+`/circles/form"`) || !strings.Contains(body, "Forming circles is closed") {
			t.Errorf("an ended cycle's circles page offers a formation")
		}

		// Archiving a cycle: read-only, no applications, no enrollment.
		if code, _, _ = o.submit("admin", cyc+"/archive", url.Values{"archived": {"yes"}}); code != 303 {
			t.Fatalf("archive cycle: %d", code)
		}
		_, body = o.get("admin", cyc)
		if !strings.Contains(body, "Archived") || strings.Contains(body, `action="`+cyc+`/enroll"`) || !strings.Contains(body, "Unarchive cycle") {
			t.Errorf("an archived cycle's page still offers enrollment or no way back")
		}
		if _, body = o.get("m1", cyc); strings.Contains(body, `action="`+cyc+`/apply"`) || !strings.Contains(body, "is archived") {
			t.Errorf("an archived cycle takes applications")
		}
		code, _, body = o.submit("m1", cyc+"/apply", url.Values{"role": {"mentee"}, "motivation": {"Curious"}, "accept_conduct": {"yes"}})
		if code != 422 || !strings.Contains(body, "is archived") {
			t.Errorf("applying to an archived cycle: %d", code)
		}
		if code, _, _ = o.submit("admin", cyc+"/enroll", url.Values{"person_id": {"m1"}, "role": {"mentee"}}); code != 409 {
			t.Errorf("enrolling into an archived cycle: %d, want 409", code)
		}
		if code, _, _ = o.submit("admin", cyc+"/edit", url.Values{"name": {"X"}, "starts_on": {"2027-01-04"}, "ends_on": {"2027-04-30"}}); code != 409 {
			t.Errorf("editing an archived cycle: %d, want 409", code)
		}
		if code, _, _ = o.submit("admin", cyc+"/archive", url.Values{"archived": {"no"}}); code != 303 {
			t.Fatalf("unarchive cycle: %d", code)
		}
		if _, body = o.get("admin", cyc); !strings.Contains(body, `action="`+cyc+`/enroll"`) {
			t.Errorf("an unarchived cycle does not offer enrollment again")
		}

		// Archiving a program: hidden from the programs people can join,
		// read-only. The admin is in no program, so Grow is theirs to join.
		joinable := func() string {
			_, body := o.get("admin", "/")
			_, after, _ := strings.Cut(body, "Programs you can join")
			return after
		}
		if !strings.Contains(joinable(), ">Grow<") {
			t.Fatalf("Grow is not among the programs the admin can join before archiving")
		}
		if code, _, _ = o.submit("admin", P+"/archive", url.Values{"archived": {"yes"}}); code != 303 {
			t.Fatalf("archive program: %d", code)
		}
		if strings.Contains(joinable(), ">Grow<") {
			t.Errorf("an archived program is among the programs the admin can join")
		}
		if _, body = o.get("admin", P); !strings.Contains(body, "Unarchive program") || strings.Contains(body, "Open a cycle") {
			t.Errorf("an archived program's page offers changes")
		}
		if code := o.apiJSON("admin", "PATCH", "/api/v1"+P, `{"purpose":"Changed"}`, &e); code != 409 {
			t.Errorf("changing an archived program's charter: %d, want 409", code)
		}
		if code := o.apiJSON("admin", "POST", "/api/v1"+P+"/cycles", `{"name":"Q3 2027","starts_on":"2027-07-01","ends_on":"2027-09-30"}`, &e); code != 409 {
			t.Errorf("opening a cycle in an archived program: %d, want 409", code)
		}
		var p programJSON
		if code := o.apiJSON("admin", "POST", "/api/v1"+P+"/archive", `{"archived":false}`, &p); code != 200 || p.ArchivedAt != nil {
			t.Fatalf("unarchive program through the API: %d %+v", code, p)
		}
	})
}

// TestNoMatchingOrCirclesWhereTheProgramOrCycleForbids is issue 9's
// "a circles-only program offers Run matching and creates a 0 / 0 draft"
// and "admins can run matching on an ended cycle": the runs are refused
// with a reason, and nothing is stored.
func TestNoMatchingOrCirclesWhereTheProgramOrCycleForbids(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		ctx := context.Background()
		circlesOnly, err := o.srv.programs.CreateProgram(ctx, programs.Program{Name: "Circles", CodeOfConduct: "Listen.",
			Engagements: []string{programs.EngagementCircles}, CreatedBy: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		cc, err := o.srv.programs.CreateCycle(ctx, programs.Cycle{ProgramID: circlesOnly.ID, Name: "Q4 2026", StartsOn: "2026-10-01", EndsOn: "2026-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Error struct{ Code, Message string }
		}
		cases := []struct {
			path, code, says string
			status           int
		}{
			{"/api/v1/programs/" + circlesOnly.ID + "/cycles/" + cc.ID + "/matches/runs", "invalid", "Circles does not offer 1:1 mentoring", 422},
			{"/api/v1/programs/" + w.P.ID + "/cycles/" + w.X.ID + "/matches/runs", "conflict", "cycle Q1 2026 ended on 2026-03-31", 409},
			{"/api/v1/programs/" + w.P.ID + "/cycles/" + w.X.ID + "/circles/formations", "conflict", "cycle Q1 2026 ended on 2026-03-31", 409},
		}
		for _, c := range cases {
			if got := o.apiJSON("admin", "POST", c.path, `{}`, &e); got != c.status || e.Error.Code != c.code || !strings.Contains(e.Error.Message, c.says) {
				t.Errorf("POST %s: %d %+v, want %d saying %q", c.path, got, e.Error, c.status, c.says)
			}
		}
		var runs int
		if err := o.d.Read().QueryRowContext(ctx, "SELECT COUNT(*) FROM match_runs").Scan(&runs); err != nil || runs != 0 {
			t.Errorf("%d match runs stored (%v), want none", runs, err)
		}
		// The circles-only cycle has no matching page, and its page offers none.
		for _, who := range []string{"admin", "m1", "sponsor"} {
			if code, body := o.get(who, "/programs/"+circlesOnly.ID+"/cycles/"+cc.ID+"/matching"); code != 404 || !strings.Contains(body, "does not offer 1:1 mentoring") {
				t.Errorf("the matching page of a circles-only cycle as %s: %d, want 404 saying why", who, code)
			}
		}
		// The circles-only cycle's page offers no matching.
		if _, body := o.get("admin", "/programs/"+circlesOnly.ID+"/cycles/"+cc.ID); strings.Contains(body, "/matching") {
			t.Errorf("a circles-only cycle's page links to matching")
		}
	})
}
