package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// programWorld is the programs of a test org, made through the store:
// program P (1:1 mentoring and circles) with an open cycle C, an upcoming
// cycle U and an ended cycle X; program Q (1:1 only) with an open cycle D.
// m2 holds one enrollment per action to test, so that each row of an
// access table acts on an object of its own; m1 has applied to C as mentor.
type programWorld struct {
	P, Q       programs.Program
	C, U, X, D programs.Cycle

	withdraw, withdrawAPI programs.Enrollment // m2, approved: mentee in C, mentee in D
	accept, acceptAPI     programs.Enrollment // m2, enrolled by the admin: circle member in C and in U
	decide, decideAPI     programs.Enrollment // m2, applied: mentor in C, mentor in D
	m1                    programs.Enrollment // m1, applied: mentor in C
}

func newProgramWorld(t *testing.T, o *org) *programWorld {
	t.Helper()
	ctx := context.Background()
	st := o.srv.programs
	w := &programWorld{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.P, err = st.CreateProgram(ctx, programs.Program{Name: "Grow", Purpose: "Grow leaders at every level",
		CodeOfConduct: "Be kind; keep confidences.", Engagements: []string{programs.EngagementOneOnOne, programs.EngagementCircles}, CreatedBy: "admin"})
	must(err)
	w.Q, err = st.CreateProgram(ctx, programs.Program{Name: "Pairs", CodeOfConduct: "Show up.",
		Engagements: []string{programs.EngagementOneOnOne}, CreatedBy: "admin"})
	must(err)
	cycle := func(p programs.Program, name, start, end string) programs.Cycle {
		c, err := st.CreateCycle(ctx, programs.Cycle{ProgramID: p.ID, Name: name, StartsOn: start, EndsOn: end})
		must(err)
		return c
	}
	w.C = cycle(w.P, "Q4 2026", "2026-10-01", "2026-12-31")
	w.U = cycle(w.P, "Q1 2027", "2027-01-01", "2027-03-31")
	w.X = cycle(w.P, "Q1 2026", "2026-01-01", "2026-03-31")
	w.D = cycle(w.Q, "Autumn", "2026-09-01", "2026-12-15")
	apply := func(p programs.Program, c programs.Cycle, who, role string) programs.Enrollment {
		e, err := st.Apply(ctx, programs.Application{ProgramID: p.ID, CycleID: c.ID, PersonID: who, Role: role,
			Motivation: "Curious about " + role + " work", Goals: "Learn", AcceptConduct: true})
		must(err)
		return e
	}
	enroll := func(p programs.Program, c programs.Cycle, who, role string) programs.Enrollment {
		e, err := st.Enroll(ctx, programs.EnrollRequest{ProgramID: p.ID, CycleID: c.ID, PersonID: who, Role: role, AdminID: "admin"})
		must(err)
		return e
	}
	w.withdraw = apply(w.P, w.C, "m2", programs.RoleMentee)
	w.withdrawAPI = apply(w.Q, w.D, "m2", programs.RoleMentee)
	w.accept = enroll(w.P, w.C, "m2", programs.RoleCircleMember)
	w.acceptAPI = enroll(w.P, w.U, "m2", programs.RoleCircleMember)
	w.decide = apply(w.P, w.C, "m2", programs.RoleMentor)
	w.decideAPI = apply(w.Q, w.D, "m2", programs.RoleMentor)
	w.m1 = apply(w.P, w.C, "m1", programs.RoleMentor)
	return w
}

// submit posts a form as a person and returns the status, the redirect
// target and the body.
func (o *org) submit(who, path string, form url.Values) (int, string, string) {
	o.t.Helper()
	req, err := http.NewRequest(http.MethodPost, o.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		o.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := o.clients[who].Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// apiJSON calls the API as a person and decodes the answer into v.
func (o *org) apiJSON(who, method, path, body string, v any) int {
	o.t.Helper()
	code, out := o.apiDo(who, method, path, body)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		o.t.Fatalf("%s %s: not JSON (%v): %s", method, path, err, out)
	}
	return code
}

func charterForm(name string, engagements ...string) url.Values {
	return url.Values{"name": {name}, "purpose": {"Help people grow"}, "outcomes": {"Confidence"}, "cadence": {"biweekly"},
		"session_minutes": {"45"}, "decision_rights": {"Pairs decide their agenda"}, "code_of_conduct": {"Be kind.\nKeep confidences."},
		"facilitation_method": {"open_space"}, "engagements": engagements}
}

func TestProgramRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		P, Q, C, U, X := "/programs/"+w.P.ID, "/programs/"+w.Q.ID, w.C.ID, w.U.ID, w.X.ID
		aP, aQ := "/api/v1"+P, "/api/v1"+Q
		charter := charterForm("Grow", "one_on_one", "circles")
		application := url.Values{"role": {"mentee"}, "motivation": {"Curious"}, "accept_conduct": {"yes"}}
		page := map[string]int{"anon": 303, "*": 200}
		adminOnly := map[string]int{"anon": 303, "admin": 200, "*": 403}
		adminPost := map[string]int{"anon": 303, "admin": 303, "*": 403}
		ownPost := map[string]int{"anon": 303, "m2": 303, "*": 404}
		api := map[string]int{"anon": 401, "*": 200}
		apiAdmin := map[string]int{"anon": 401, "admin": 200, "*": 403}
		apiOwn := map[string]int{"anon": 401, "m2": 200, "*": 404}
		notFound := map[string]int{"anon": 303, "*": 404}
		runAccessTable(t, o, []accessCase{
			// Pages: reading.
			{method: "GET", path: "/programs", want: page},
			{method: "GET", path: "/programs/new", want: adminOnly},
			{method: "GET", path: P, want: page},
			{method: "GET", path: "/programs/nope", want: notFound},
			{method: "GET", path: P + "/edit", want: adminOnly},
			{method: "GET", path: "/programs/nope/edit", want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "GET", path: P + "/cycles/" + C, want: page},
			{method: "GET", path: P + "/cycles/" + X, want: page},
			{method: "GET", path: Q + "/cycles/" + C, want: notFound},
			// The admin's filter of the enrollments; members have none.
			{method: "GET", path: P + "/cycles/" + C + "?status=pending", want: map[string]int{"anon": 303, "admin": 422, "*": 200}},
			// Pages: changing.
			{method: "POST", path: "/programs", form: charterForm("Another", "circles"), want: adminPost},
			{method: "POST", path: P + "/edit", form: charter, want: adminPost},
			{method: "POST", path: P + "/cycles", form: url.Values{"name": {"Q2 2027"}, "starts_on": {"2027-04-01"}, "ends_on": {"2027-06-30"}}, want: adminPost},
			{method: "POST", path: P + "/cycles/" + U + "/apply", form: application, want: map[string]int{"anon": 303, "sponsor": 403, "*": 303}},
			{method: "POST", path: Q + "/cycles/" + U + "/apply", form: application, want: map[string]int{"anon": 303, "sponsor": 403, "*": 404}},
			{method: "POST", path: P + "/cycles/" + C + "/enroll", form: url.Values{"person_id": {"m1"}, "role": {"circle_member"}}, want: adminPost},
			{method: "POST", path: "/enrollments/" + w.decide.ID + "/decide", form: url.Values{"decision": {"approve"}}, want: adminPost},
			{method: "POST", path: "/enrollments/nope/decide", form: url.Values{"decision": {"approve"}}, want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "POST", path: "/enrollments/" + w.accept.ID + "/accept-conduct", want: ownPost},
			{method: "POST", path: "/enrollments/" + w.withdraw.ID + "/withdraw", want: ownPost},

			// API: reading. m2 owns the enrollments; m1 must not see them.
			{method: "GET", path: "/api/v1/programs", want: api},
			{method: "GET", path: aP, want: api},
			{method: "GET", path: "/api/v1/programs/nope", want: map[string]int{"anon": 401, "*": 404}},
			{method: "GET", path: aP + "/cycles", want: api},
			{method: "GET", path: aP + "/cycles/" + C, want: api},
			{method: "GET", path: aQ + "/cycles/" + C, want: map[string]int{"anon": 401, "*": 404}},
			{method: "GET", path: aP + "/cycles/" + C + "/enrollments", want: map[string]int{"anon": 401, "sponsor": 403, "*": 200}},
			{method: "GET", path: aQ + "/cycles/" + C + "/enrollments", want: map[string]int{"anon": 401, "sponsor": 403, "*": 404}},
			{method: "GET", path: aP + "/counts", want: map[string]int{"anon": 401, "sponsor": 200, "admin": 200, "*": 403}},
			{method: "GET", path: "/api/v1/enrollments", want: api},
			{method: "GET", path: "/api/v1/enrollments/" + w.withdraw.ID, want: map[string]int{"anon": 401, "m2": 200, "admin": 200, "*": 404}},
			{method: "GET", path: "/api/v1/enrollments/nope", want: map[string]int{"anon": 401, "*": 404}},
			// API: changing.
			{method: "POST", path: "/api/v1/programs", json: `{"name":"Office hours","engagements":["office_hours"]}`, want: map[string]int{"anon": 401, "admin": 201, "*": 403}},
			{method: "PATCH", path: aP, json: `{"purpose":"Grow leaders"}`, want: apiAdmin},
			{method: "POST", path: aP + "/cycles", json: `{"name":"Q3 2027","starts_on":"2027-07-01","ends_on":"2027-09-30"}`, want: map[string]int{"anon": 401, "admin": 201, "*": 403}},
			{method: "POST", path: aP + "/cycles/" + U + "/enrollments", json: `{"role":"mentor","motivation":"Curious","accept_conduct":true}`,
				want: map[string]int{"anon": 401, "sponsor": 403, "*": 201}},
			{method: "POST", path: aQ + "/cycles/" + U + "/enrollments", json: `{"role":"mentor","motivation":"Curious","accept_conduct":true}`,
				want: map[string]int{"anon": 401, "sponsor": 403, "*": 404}},
			// Enrolling someone else is for admins; m2 naming themselves applies, and an
			// application to an ended cycle without motivation is invalid. Nobody enrolls
			// in an ended cycle, not even an admin (issue 9).
			{method: "POST", path: aP + "/cycles/" + X + "/enrollments", json: `{"person_id":"m2","role":"mentee"}`,
				want: map[string]int{"anon": 401, "m2": 422, "admin": 409, "*": 403}},
			{method: "POST", path: "/api/v1/enrollments/" + w.decideAPI.ID + "/decision", json: `{"approve":true}`, want: apiAdmin},
			{method: "POST", path: "/api/v1/enrollments/" + w.acceptAPI.ID + "/accept-conduct", want: apiOwn},
			{method: "POST", path: "/api/v1/enrollments/" + w.withdrawAPI.ID + "/withdraw", want: apiOwn},
		})
	})
}

// TestEnrollmentsStayPrivate checks that a member never sees another
// person's enrollment, and that a sponsor sees figures but no names, on
// pages and in the API.
func TestEnrollmentsStayPrivate(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		cyclePage := "/programs/" + w.P.ID + "/cycles/" + w.C.ID
		cycleAPI := "/api/v1" + cyclePage + "/enrollments"

		// m1 sees their own application and nothing of m2's.
		_, body := o.get("m1", cyclePage)
		if !strings.Contains(body, "Your place in this cycle") || strings.Contains(body, "Max Mentee") || strings.Contains(body, w.withdraw.ID) {
			t.Errorf("m1's cycle page shows m2's enrollments or not m1's own")
		}
		var list struct {
			Enrollments []enrollmentJSON `json:"enrollments"`
		}
		o.apiJSON("m1", "GET", cycleAPI, "", &list)
		if len(list.Enrollments) != 1 || list.Enrollments[0].ID != w.m1.ID {
			t.Errorf("m1 lists %+v, want only their own %s", list.Enrollments, w.m1.ID)
		}
		// m2 is approved as mentee in C and D and as circle member in C and U.
		o.apiJSON("m2", "GET", "/api/v1/enrollments?status=approved", "", &list)
		if len(list.Enrollments) != 4 {
			t.Errorf("m2 has %d approved enrollments, want 4", len(list.Enrollments))
		}
		for _, e := range list.Enrollments {
			if e.PersonID != "m2" || e.Status != "approved" {
				t.Errorf("m2's approved enrollments include %+v", e)
			}
		}

		// The admin sees everyone.
		_, body = o.get("admin", cyclePage)
		for _, want := range []string{"Max Mentee", "Mia Mentor", "/enrollments/" + w.m1.ID + "/decide"} {
			if !strings.Contains(body, want) {
				t.Errorf("admin's cycle page lacks %q", want)
			}
		}
		o.apiJSON("admin", "GET", cycleAPI+"?role=mentor", "", &list)
		if len(list.Enrollments) != 2 {
			t.Errorf("admin lists %d mentors in C, want 2", len(list.Enrollments))
		}

		// The sponsor sees figures, never names.
		for _, path := range []string{cyclePage, "/programs/" + w.P.ID} {
			code, body := o.get("sponsor", path)
			if code != 200 || !strings.Contains(body, "Participation") || strings.Contains(body, "Max Mentee") || strings.Contains(body, "Mia Mentor") {
				t.Errorf("sponsor's %s: status %d, shows names or no figures", path, code)
			}
		}
		var counts struct {
			Counts []countJSON `json:"counts"`
		}
		o.apiJSON("sponsor", "GET", "/api/v1/programs/"+w.P.ID+"/counts", "", &counts)
		applied := 0
		for _, c := range counts.Counts {
			if c.CycleID == w.C.ID && c.Role == "mentor" && c.Status == "applied" {
				applied = c.People
			}
		}
		if applied != 2 {
			t.Errorf("counts: %d mentors applied in C, want 2 (%+v)", applied, counts.Counts)
		}
		if _, body := o.apiDo("sponsor", "GET", "/api/v1/programs/"+w.P.ID+"/counts", ""); strings.Contains(body, "Max") || strings.Contains(body, "person") {
			t.Errorf("counts name people: %s", body)
		}

		// Members see no figures.
		if _, body := o.get("m1", "/programs/"+w.P.ID); strings.Contains(body, "Participation") {
			t.Errorf("m1's program page shows the figures")
		}
	})
}

// TestProgramFlow walks the whole story through the forms: an admin
// creates a program and opens a cycle; a mentor applies and waits; the
// admin approves from the cycle page; a mentee joins at once and withdraws.
func TestProgramFlow(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		code, loc, _ := o.submit("admin", "/programs", charterForm("Grow Together", "one_on_one", "circles"))
		if code != 303 || !strings.HasPrefix(loc, "/programs/prg_") {
			t.Fatalf("create program: %d %q", code, loc)
		}
		programPath := loc
		if _, body := o.get("admin", programPath); !strings.Contains(body, "Grow Together was created") || !strings.Contains(body, "Open Space") {
			t.Errorf("program page lacks the flash or the charter")
		}
		if _, body := o.get("m1", "/programs"); !strings.Contains(body, "Grow Together") || strings.Contains(body, "New program") {
			t.Errorf("m1's list lacks the program or offers to create one")
		}

		code, loc, _ = o.submit("admin", programPath+"/cycles", url.Values{"name": {"Winter"}, "starts_on": {"2026-11-01"}, "ends_on": {"2027-01-31"}})
		if code != 303 || !strings.HasPrefix(loc, programPath+"/cycles/cyc_") {
			t.Fatalf("open cycle: %d %q", code, loc)
		}
		cyclePath := loc
		if _, body := o.get("m1", programPath); !strings.Contains(body, "Winter") || !strings.Contains(body, "cycle-open") {
			t.Errorf("program page lacks the open cycle")
		}
		_, body := o.get("m1", cyclePath)
		for _, want := range []string{"Keep confidences.", `name="accept_conduct"`, `value="mentor"`, `value="circle_member"`} {
			if !strings.Contains(body, want) {
				t.Errorf("m1's cycle page lacks %q", want)
			}
		}

		status := func(who, role string) (string, string) {
			t.Helper()
			var list struct {
				Enrollments []enrollmentJSON `json:"enrollments"`
			}
			o.apiJSON(who, "GET", "/api/v1/enrollments?role="+role, "", &list)
			if len(list.Enrollments) != 1 {
				t.Fatalf("%s has %d enrollments as %s, want 1", who, len(list.Enrollments), role)
			}
			return list.Enrollments[0].ID, list.Enrollments[0].Status
		}
		code, loc, _ = o.submit("m1", cyclePath+"/apply", url.Values{"role": {"mentor"}, "motivation": {"I love teaching Go"}, "goals": {"Grow two engineers"}, "accept_conduct": {"yes"}})
		if code != 303 || loc != cyclePath {
			t.Fatalf("m1 applies: %d %q", code, loc)
		}
		eid, st := status("m1", "mentor")
		if st != "applied" {
			t.Fatalf("m1's application is %s, want applied", st)
		}

		_, body = o.get("admin", cyclePath+"?status=applied")
		if !strings.Contains(body, "/enrollments/"+eid+"/decide") || !strings.Contains(body, "I love teaching Go") {
			t.Fatalf("admin's cycle page lacks the application")
		}
		back := cyclePath + "?status=applied"
		code, loc, _ = o.submit("admin", "/enrollments/"+eid+"/decide", url.Values{"decision": {"approve"}, "back": {back}})
		if code != 303 || loc != back {
			t.Fatalf("approve: %d %q, want back to %q", code, loc, back)
		}
		if _, body := o.get("admin", loc); !strings.Contains(body, "Approved Mia Mentor") {
			t.Errorf("no flash after approving")
		}
		if _, st := status("m1", "mentor"); st != "approved" {
			t.Fatalf("after approval m1 is %s", st)
		}
		if code, _, _ := o.submit("admin", "/enrollments/"+eid+"/decide", url.Values{"decision": {"decline"}}); code != 409 {
			t.Errorf("deciding twice: %d, want 409", code)
		}

		code, _, _ = o.submit("m2", cyclePath+"/apply", url.Values{"role": {"mentee"}, "motivation": {"Curious about Go"}, "accept_conduct": {"yes"}})
		if code != 303 {
			t.Fatalf("m2 applies: %d", code)
		}
		eid2, st := status("m2", "mentee")
		if st != "approved" {
			t.Fatalf("m2's mentee application is %s, want approved at once", st)
		}
		if _, body := o.get("m2", cyclePath); !strings.Contains(body, "/enrollments/"+eid2+"/withdraw") {
			t.Fatalf("m2's cycle page offers no withdrawal")
		}
		// A back field that leaves the site is ignored.
		code, loc, _ = o.submit("m2", "/enrollments/"+eid2+"/withdraw", url.Values{"back": {"//evil.example/"}})
		if code != 303 || loc != cyclePath {
			t.Fatalf("withdraw: %d %q, want %q", code, loc, cyclePath)
		}
		if _, st := status("m2", "mentee"); st != "withdrawn" {
			t.Fatalf("after withdrawing m2 is %s", st)
		}
		if code, _, _ := o.submit("m2", "/enrollments/"+eid2+"/withdraw", nil); code != 409 {
			t.Errorf("withdrawing twice: %d, want 409", code)
		}

		// The admin enrolls m2 directly; m2 then accepts the code of conduct.
		code, _, _ = o.submit("admin", cyclePath+"/enroll", url.Values{"person_id": {"m2"}, "role": {"circle_member"}})
		if code != 303 {
			t.Fatalf("enroll m2: %d", code)
		}
		eid3, _ := status("m2", "circle_member")
		if _, body := o.get("m2", cyclePath); !strings.Contains(body, "/enrollments/"+eid3+"/accept-conduct") {
			t.Fatalf("m2 is not asked to accept the code of conduct")
		}
		if code, _, _ := o.submit("m2", "/enrollments/"+eid3+"/accept-conduct", nil); code != 303 {
			t.Fatalf("accept conduct: %d", code)
		}
		var e enrollmentJSON
		o.apiJSON("m2", "GET", "/api/v1/enrollments/"+eid3, "", &e)
		if e.NeedsConduct || e.ConductAcceptedAt == nil {
			t.Errorf("conduct not accepted: %+v", e)
		}
	})
}

func TestProgramFormsRerender(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		expect := func(what string, code int, body string, wants ...string) {
			t.Helper()
			if code != 422 {
				t.Errorf("%s: status %d, want 422", what, code)
			}
			for _, want := range append(wants, `role="alert"`) {
				if !strings.Contains(body, want) {
					t.Errorf("%s: re-rendered page lacks %q", what, want)
				}
			}
		}

		bad := url.Values{"name": {" "}, "purpose": {"Kept as typed"}, "cadence": {"hourly"}, "session_minutes": {"an hour"}}
		code, _, body := o.submit("admin", "/programs", bad)
		expect("bad charter", code, body, "Kept as typed", "an hour", "is required", "is not a whole number of minutes",
			"must be one of", "choose at least one kind of engagement")
		bad = charterForm("Other", "one_on_one")
		bad.Set("session_minutes", "500")
		code, _, body = o.submit("admin", "/programs", bad)
		expect("long sessions", code, body, "must be from 15 to 240 minutes")
		// A taken name is found by the store, once the form is valid.
		code, _, body = o.submit("admin", "/programs", charterForm("grow", "circles"))
		expect("taken name", code, body, `value="grow"`, "already exists")
		// Dropping circles while circle members take part in a current cycle.
		code, _, body = o.submit("admin", "/programs/"+w.P.ID+"/edit", charterForm("Grow", "one_on_one"))
		expect("dropping a role in use", code, body, "keep a kind of engagement")

		code, _, body = o.submit("admin", "/programs/"+w.P.ID+"/cycles", url.Values{"name": {"Backwards"}, "starts_on": {"2027-03-01"}, "ends_on": {"2027-01-01"}})
		expect("cycle ends before it starts", code, body, `value="Backwards"`, "must be after the start")
		code, _, body = o.submit("admin", "/programs/"+w.P.ID+"/cycles", url.Values{"name": {"Soon"}, "starts_on": {"2026-10-01"}, "ends_on": {"soon"}})
		expect("bad date", code, body, "is not a date")
		code, _, body = o.submit("admin", "/programs/"+w.P.ID+"/cycles", url.Values{"name": {"q4 2026"}, "starts_on": {"2026-10-01"}, "ends_on": {"2026-12-31"}})
		expect("taken cycle name", code, body, "already has a cycle named")

		cyclePath := "/programs/" + w.P.ID + "/cycles/" + w.U.ID
		code, _, body = o.submit("m1", cyclePath+"/apply", url.Values{"role": {"mentee"}, "motivation": {"Typed with care"}})
		expect("no conduct accepted", code, body, "Typed with care", "accept the program")
		code, _, body = o.submit("m1", cyclePath+"/apply", url.Values{"role": {"wizard"}, "accept_conduct": {"yes"}})
		expect("bad role, no motivation", code, body, "is not a role", "tell us why you")
		code, _, body = o.submit("m2", "/programs/"+w.P.ID+"/cycles/"+w.C.ID+"/apply", url.Values{"role": {"mentee"}, "motivation": {"Again"}, "accept_conduct": {"yes"}})
		expect("applying twice", code, body, "already applied or enrolled")
		code, _, body = o.submit("m1", "/programs/"+w.P.ID+"/cycles/"+w.X.ID+"/apply", url.Values{"role": {"mentee"}, "motivation": {"Late"}, "accept_conduct": {"yes"}})
		expect("ended cycle", code, body, "has ended")

		code, _, body = o.submit("admin", cyclePath+"/enroll", url.Values{"person_id": {"nobody"}, "role": {"mentor"}})
		expect("enroll nobody", code, body, `value="nobody"`, "no such person")

		code, body = o.get("admin", "/programs/"+w.P.ID+"/cycles/"+w.C.ID+"?status=pending&role=boss")
		expect("bad filter", code, body, "is not an enrollment status", "is not a role")
		code, _, body = o.submit("admin", "/enrollments/"+w.decide.ID+"/decide", url.Values{"decision": {"maybe"}})
		if code != 422 || !strings.Contains(body, "use approve or decline") {
			t.Errorf("bad decision: %d", code)
		}

		// Nothing of the rejected forms was stored.
		var list struct {
			Programs []programJSON `json:"programs"`
		}
		o.apiJSON("admin", "GET", "/api/v1/programs", "", &list)
		if len(list.Programs) != 2 || strings.Join(list.Programs[0].Engagements, ",") != "one_on_one,circles" {
			t.Errorf("rejected forms changed programs: %+v", list.Programs)
		}
	})
}

func TestProgramAPIErrors(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		aP := "/api/v1/programs/" + w.P.ID
		aC := aP + "/cycles/" + w.C.ID
		cases := []struct {
			who, method, path, body string
			status                  int
			code, field             string
		}{
			{"admin", "POST", "/api/v1/programs", `{"name":"","engagements":["one_on_one"]}`, 422, "invalid", "name"},
			{"admin", "POST", "/api/v1/programs", `{"name":"New","engagements":["tea_parties"]}`, 422, "invalid", "engagements"},
			{"admin", "POST", "/api/v1/programs", `{"name":"New","engagements":["circles"],"session_minutes":"long"}`, 422, "invalid", "session_minutes"},
			{"admin", "POST", "/api/v1/programs", `{"name":"New","engagements":["circles"],"cadence":"hourly"}`, 422, "invalid", "cadence"},
			{"admin", "POST", "/api/v1/programs", `{"nmae":"New"}`, 422, "invalid", "nmae"},
			{"admin", "POST", "/api/v1/programs", `{"name":"grow","engagements":["circles"]}`, 409, "conflict", "name"},
			{"admin", "POST", "/api/v1/programs", `{not json`, 422, "invalid", ""},
			{"admin", "PATCH", aP, `{"engagements":["one_on_one"]}`, 422, "invalid", "engagements"},
			{"admin", "PATCH", "/api/v1/programs/nope", `{"purpose":"x"}`, 404, "not_found", ""},
			{"admin", "POST", aP + "/cycles", `{"name":"Back","starts_on":"2027-02-01","ends_on":"2027-01-01"}`, 422, "invalid", "ends_on"},
			{"admin", "POST", aP + "/cycles", `{"name":"Soon","starts_on":"tomorrow","ends_on":"2027-01-01"}`, 422, "invalid", "starts_on"},
			{"admin", "POST", aP + "/cycles", `{"name":"q4 2026","starts_on":"2026-10-01","ends_on":"2026-12-31"}`, 409, "conflict", "name"},
			{"admin", "POST", "/api/v1/programs/nope/cycles", `{"name":"A","starts_on":"2026-10-01","ends_on":"2026-12-31"}`, 404, "not_found", ""},
			{"m1", "POST", aP + "/cycles/" + w.U.ID + "/enrollments", `{"role":"mentee","motivation":"Curious"}`, 422, "invalid", "accept_conduct"},
			{"m1", "POST", aP + "/cycles/" + w.U.ID + "/enrollments", `{"role":"mentee","accept_conduct":true}`, 422, "invalid", "motivation"},
			{"m1", "POST", aP + "/cycles/" + w.U.ID + "/enrollments", `{"role":"boss","motivation":"x","accept_conduct":true}`, 422, "invalid", "role"},
			{"m1", "POST", aP + "/cycles/" + w.U.ID + "/enrollments", `{"role":"mentee","motivation":"x","accept_conduct":"yes"}`, 422, "invalid", "accept_conduct"},
			{"m2", "POST", aC + "/enrollments", `{"role":"mentee","motivation":"x","accept_conduct":true}`, 409, "conflict", "role"},
			{"m1", "POST", aC + "/enrollments", `{"person_id":"m2","role":"mentee"}`, 403, "forbidden", ""},
			{"admin", "POST", aC + "/enrollments", `{"person_id":"nobody","role":"mentee"}`, 422, "invalid", "person_id"},
			{"admin", "POST", aC + "/enrollments", `{"person_id":"m1","role":"mentee","motivation":"x"}`, 422, "invalid", "motivation"},
			{"admin", "POST", "/api/v1/enrollments/" + w.decide.ID + "/decision", `{}`, 422, "invalid", "approve"},
			{"admin", "POST", "/api/v1/enrollments/" + w.withdraw.ID + "/decision", `{"approve":true}`, 409, "conflict", ""},
			{"admin", "POST", "/api/v1/enrollments/nope/decision", `{"approve":false}`, 404, "not_found", ""},
			{"m1", "POST", "/api/v1/enrollments/" + w.withdraw.ID + "/withdraw", "", 404, "not_found", ""},
			{"m2", "POST", "/api/v1/enrollments/" + w.decide.ID + "/accept-conduct", "", 200, "", ""},
			{"admin", "GET", aC + "/enrollments?status=pending", "", 422, "invalid", "status"},
			{"m1", "GET", aC + "/enrollments?role=boss", "", 422, "invalid", "role"},
			{"m2", "GET", "/api/v1/enrollments?status=done", "", 422, "invalid", "status"},
			{"sponsor", "GET", "/api/v1/programs/nope/counts", "", 404, "not_found", ""},
		}
		for _, c := range cases {
			var e apiError
			status := o.apiJSON(c.who, c.method, c.path, c.body, &e)
			if status != c.status || e.Error.Code != c.code || e.Error.Field != c.field && e.Error.Fields[c.field] == "" {
				t.Errorf("%s %s %s as %s: %d %+v; want %d %s on %q", c.method, c.path, c.body, c.who, status, e.Error, c.status, c.code, c.field)
			}
			if c.code != "" && e.Error.Message == "" {
				t.Errorf("%s %s: error without a message", c.method, c.path)
			}
		}

		// A good round trip: PATCH keeps what was not sent.
		var p programJSON
		if code := o.apiJSON("admin", "PATCH", aP, `{"session_minutes":90}`, &p); code != 200 || p.SessionMinutes != 90 || p.CodeOfConduct != "Be kind; keep confidences." {
			t.Errorf("patch: %d %+v", code, p)
		}
		var c cycleJSON
		if o.apiJSON("m1", "GET", aC, "", &c); c.Status != "open" || c.ProgramID != w.P.ID {
			t.Errorf("cycle: %+v", c)
		}
	})
}

// TestProgramPagesRender checks that every program page renders for every
// role, with the parts each role is meant to see.
func TestProgramPagesRender(t *testing.T) {
	o := newOrg(t, db.SQLite)
	w := newProgramWorld(t, o)
	cycle := "/programs/" + w.P.ID + "/cycles/" + w.C.ID
	cases := []struct {
		who, path string
		want      []string
		not       []string
	}{
		{"admin", "/programs", []string{"New program", "Grow", "Cross-level circles"}, nil},
		{"m1", "/programs", []string{"Grow", "1:1 mentoring"}, []string{"New program"}},
		{"admin", "/programs/new", []string{`name="engagements"`, "Open Space", "Case clinic", "Peer groups", "Micro-mentoring", "Mentor office hours", `for="code_of_conduct"`}, nil},
		{"admin", "/programs/" + w.P.ID + "/edit", []string{`value="Grow"`, "Be kind; keep confidences.", "Save charter"}, nil},
		{"admin", "/programs/" + w.P.ID, []string{"Edit charter", "Open a cycle", "Participation", "Q1 2027", "Upcoming", "Ended"}, nil},
		{"m2", "/programs/" + w.P.ID, []string{"Your enrollments in Grow", "code of conduct to accept"}, []string{"Edit charter", "Open a cycle", "Participation"}},
		{"sponsor", "/programs/" + w.P.ID, []string{"Participation", "Figures only"}, []string{"Edit charter", "Max Mentee"}},
		{"admin", cycle, []string{"Enroll a person", "Filter enrollments", "Approve"}, nil},
		{"m2", cycle, []string{"Your place in this cycle", "I accept the code of conduct", "Withdraw as Mentee"}, []string{"Enroll a person", "Mia Mentor"}},
		{"m1", "/programs/" + w.P.ID + "/cycles/" + w.X.ID, []string{"has ended and takes no more applications"}, []string{`name="motivation"`}},
		{"sponsor", cycle, []string{"Participation"}, []string{"Apply", `name="motivation"`, "Mia Mentor"}},
	}
	for _, c := range cases {
		code, body := o.get(c.who, c.path)
		if code != 200 {
			t.Errorf("%s %s: status %d", c.who, c.path, code)
			continue
		}
		for _, s := range c.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s %s lacks %q", c.who, c.path, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(body, s) {
				t.Errorf("%s %s shows %q", c.who, c.path, s)
			}
		}
	}
}

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
