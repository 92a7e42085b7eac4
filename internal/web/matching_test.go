package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
)

// matchWorld is a cycle ready for matching: program "Match" (1:1) with an
// open cycle C and program "Other" with cycle D. Mentors m1 (capacity 2,
// m2's manager, so never m2's mentor), m3 and m6 (capacity 1 each);
// mentees m2, m4 and m5. m3..m6 have no session: the access table's
// askers are the org's own.
type matchWorld struct {
	P, Q programs.Program
	C, D programs.Cycle
	ms   *mentorships.Store
}

func newMatchWorld(t *testing.T, o *org) *matchWorld {
	t.Helper()
	ctx := context.Background()
	pe := o.srv.people
	for _, p := range []person.Person{
		{ID: "m3", Name: "Noor Mentor", Email: "noor@example.com", Level: 6, Function: "Sales", Location: "Paris", Timezone: "Europe/Paris",
			SkillsOffered: []string{"Go"}, MentoringRole: person.MentoringMentor, Capacity: 1},
		{ID: "m6", Name: "Sol Mentor", Email: "sol@example.com", Level: 7, Function: "Design", Location: "Pune", Timezone: "Asia/Kolkata",
			SkillsOffered: []string{"Design"}, MentoringRole: person.MentoringMentor, Capacity: 1},
		{ID: "m4", Name: "Lee Mentee", Email: "lee@example.com", Level: 2, Function: "Sales", Location: "Paris", Timezone: "Europe/Paris",
			SkillsWanted: []string{"Go"}, MentoringRole: person.MentoringMentee},
		{ID: "m5", Name: "Kai Mentee", Email: "kai@example.com", Level: 3, Function: "Support", Location: "Pune", Timezone: "Asia/Kolkata",
			SkillsWanted: []string{"Design"}, MentoringRole: person.MentoringMentee},
	} {
		if _, err := pe.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	ps := o.srv.programs
	w := &matchWorld{ms: o.srv.matches}
	var err error
	mk := func(name string) programs.Program {
		p, err := ps.CreateProgram(ctx, programs.Program{Name: name, CodeOfConduct: "Be kind.",
			Engagements: []string{programs.EngagementOneOnOne}, CreatedBy: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	w.P, w.Q = mk("Match"), mk("Other")
	if w.C, err = ps.CreateCycle(ctx, programs.Cycle{ProgramID: w.P.ID, Name: "Q4 2026", StartsOn: "2026-10-01", EndsOn: "2026-12-31"}); err != nil {
		t.Fatal(err)
	}
	if w.D, err = ps.CreateCycle(ctx, programs.Cycle{ProgramID: w.Q.ID, Name: "Q4 2026", StartsOn: "2026-10-01", EndsOn: "2026-12-31"}); err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct{ id, role string }{{"m1", "mentor"}, {"m3", "mentor"}, {"m6", "mentor"}, {"m2", "mentee"}, {"m4", "mentee"}, {"m5", "mentee"}} {
		if _, err := ps.Enroll(ctx, programs.EnrollRequest{ProgramID: w.P.ID, CycleID: w.C.ID, PersonID: e.id, Role: e.role, AdminID: "admin"}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *matchWorld) path() string { return "/programs/" + w.P.ID + "/cycles/" + w.C.ID + "/matching" }
func (w *matchWorld) api() string {
	return "/api/v1/programs/" + w.P.ID + "/cycles/" + w.C.ID + "/matches"
}

// runAndPublish runs matching through the store and publishes it.
func (w *matchWorld) runAndPublish(t *testing.T) mentorships.Run {
	t.Helper()
	ctx := context.Background()
	r, err := w.ms.Run(ctx, w.P.ID, w.C.ID, mentorships.RunOptions{AdminID: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = w.ms.Publish(ctx, w.P.ID, w.C.ID, r.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	return r
}

// mentorOf returns the mentor of each mentee in a run.
func (w *matchWorld) mentorOf(t *testing.T, runID string) map[string]string {
	t.Helper()
	ps, err := w.ms.Pairs(context.Background(), w.P.ID, w.C.ID, runID, mentorships.Page{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range ps {
		out[p.MenteeID] = p.MentorID
	}
	return out
}

func TestMatchingRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		ctx := context.Background()
		pub := w.runAndPublish(t)
		draft, err := w.ms.Run(ctx, w.P.ID, w.C.ID, mentorships.RunOptions{AdminID: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		// Open requests for the resolve rows: m4's (page) and m5's (API).
		var reqs []mentorships.RematchRequest
		for _, who := range []string{"m4", "m5"} {
			req, err := w.ms.RequestRematch(ctx, mentorships.RematchInput{ProgramID: w.P.ID, CycleID: w.C.ID, PersonID: who, Reason: "Not a fit"})
			if err != nil {
				t.Fatal(err)
			}
			reqs = append(reqs, req)
		}
		M, A := w.path(), w.api()
		otherM := "/programs/" + w.Q.ID + "/cycles/" + w.C.ID + "/matching"
		otherA := "/api/v1/programs/" + w.Q.ID + "/cycles/" + w.C.ID + "/matches"
		pair := url.Values{"mentor_id": {"m1"}, "mentee_id": {"m4"}}
		excl := url.Values{"mentor_id": {"m3"}, "mentee_id": {"m4"}}
		adminPost := map[string]int{"anon": 303, "admin": 303, "*": 403}
		apiAdmin := func(code int) map[string]int { return map[string]int{"anon": 401, "admin": code, "*": 403} }
		runAccessTable(t, o, []accessCase{
			// Pages. Everyone signed in has a matching page; only program
			// managers may name a run other than the published one.
			{method: "GET", path: M, want: map[string]int{"anon": 303, "*": 200}},
			{method: "GET", path: otherM, want: map[string]int{"anon": 303, "*": 404}},
			{method: "GET", path: M + "?run=" + draft.ID, want: map[string]int{"anon": 303, "admin": 200, "*": 404}},
			{method: "GET", path: M + "?run=" + pub.ID, want: map[string]int{"anon": 303, "*": 200}},
			{method: "POST", path: M + "/run", form: url.Values{"objective": {"participation"}}, want: adminPost},
			{method: "POST", path: otherM + "/run", want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "POST", path: M + "/locks", form: pair, want: adminPost},
			{method: "POST", path: M + "/locks/delete", form: pair, want: adminPost},
			{method: "POST", path: M + "/exclusions", form: excl, want: adminPost},
			{method: "POST", path: M + "/exclusions/delete", form: excl, want: adminPost},
			{method: "POST", path: M + "/swap", form: url.Values{"mentee_a": {"m2"}, "mentee_b": {"m2"}}, want: map[string]int{"anon": 303, "admin": 422, "*": 403}},
			{method: "POST", path: M + "/publish", form: url.Values{"run_id": {pub.ID}}, want: map[string]int{"anon": 303, "admin": 409, "*": 403}},
			{method: "GET", path: M + "/pick?for=mentee_a&return=" + url.QueryEscape(M) + "&q=mentee", want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "GET", path: otherM + "/pick?for=mentee_a&return=%2F", want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			// Availability is a mentor's own: m1 mentors in C, m2 does not.
			{method: "POST", path: M + "/availability", form: url.Values{"unavailable": {"yes"}}, want: map[string]int{"anon": 303, "m1": 303, "*": 403}},
			{method: "POST", path: M + "/rematch-requests/" + reqs[0].ID + "/resolve", form: url.Values{"action": {"dismiss"}}, want: adminPost},
			{method: "POST", path: M + "/rematch-requests/rmr_nope/resolve", form: url.Values{"action": {"dismiss"}}, want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			// A re-match request is about one's own pair: m2's is theirs,
			// m2's pair is not m1's, and admins have no pair here.
			{method: "POST", path: M + "/rematch-requests", form: url.Values{"mentee_id": {"m2"}, "reason": {"Hours never overlap"}},
				want: map[string]int{"anon": 303, "m2": 303, "sponsor": 403, "*": 422}},

			// API.
			{method: "GET", path: A, want: map[string]int{"anon": 401, "*": 200}},
			{method: "GET", path: otherA, want: map[string]int{"anon": 401, "*": 404}},
			{method: "GET", path: A + "?run_id=" + draft.ID, want: map[string]int{"anon": 401, "admin": 200, "*": 404}},
			{method: "POST", path: A + "/runs", json: `{}`, want: apiAdmin(201)},
			// m2 asked on the page already: the same pair again is a conflict.
			{method: "POST", path: A + "/rematch-requests", json: `{"mentee_id":"m2","reason":"Hours never overlap"}`,
				want: map[string]int{"anon": 401, "m2": 409, "sponsor": 403, "*": 422}},
			{method: "POST", path: A + "/rematch-requests/" + reqs[1].ID + "/resolve", json: `{"rematch":false}`, want: apiAdmin(200)},
			{method: "POST", path: A + "/publish", json: `{}`, want: apiAdmin(200)},
			{method: "POST", path: A + "/locks", json: `{"mentor_id":"m1","mentee_id":"m4"}`, want: apiAdmin(201)},
			{method: "DELETE", path: A + "/locks", json: `{"mentor_id":"m1","mentee_id":"m4"}`, want: apiAdmin(204)},
			{method: "POST", path: A + "/exclusions", json: `{"mentor_id":"m3","mentee_id":"m4"}`, want: apiAdmin(201)},
			{method: "DELETE", path: A + "/exclusions", json: `{"mentor_id":"m3","mentee_id":"m4"}`, want: apiAdmin(204)},
			{method: "POST", path: A + "/swap", json: `{"mentee_a":"m2","mentee_b":"m2"}`, want: apiAdmin(422)},
			{method: "GET", path: A + "/pick?q=mentee", want: apiAdmin(200)},
			{method: "GET", path: otherA + "/pick?q=mentee", want: map[string]int{"anon": 401, "admin": 404, "*": 403}},
			{method: "PUT", path: A + "/availability", json: `{"unavailable":false}`, want: map[string]int{"anon": 401, "m1": 200, "*": 403}},
			// The program's matching rules: program managers only.
			{method: "POST", path: M + "/rules", form: url.Values{"min_shared_hours": {"2"}}, want: adminPost},
			{method: "POST", path: otherM + "/rules", form: url.Values{"min_shared_hours": {"2"}}, want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "GET", path: "/api/v1/programs/" + w.P.ID + "/matching-rules", want: apiAdmin(200)},
			{method: "PUT", path: "/api/v1/programs/" + w.P.ID + "/matching-rules", json: `{"min_shared_hours": 2}`, want: apiAdmin(200)},
			{method: "GET", path: "/api/v1/programs/prg_nope/matching-rules", want: apiAdmin(404)},
		})
	})
}

// TestMatchingFlow walks the story through the pages: the admin runs,
// locks, re-runs and publishes; participants see nothing before, then
// their own pair and why; the mentee asks for a re-match, the admin
// re-matches; the mentor marks themselves unavailable.
func TestMatchingFlow(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		M := w.path()
		names := []string{"Max Mentee", "Lee Mentee", "Kai Mentee", "Noor Mentor", "Sol Mentor"}

		_, body := o.get("m2", M)
		if !strings.Contains(body, "Your mentor") || !strings.Contains(body, "not published yet") {
			t.Errorf("m2 before any run: %.400s", body)
		}
		if _, body := o.get("admin", "/programs/"+w.P.ID+"/cycles/"+w.C.ID); !strings.Contains(body, `href="`+M+`"`) {
			t.Errorf("the cycle page does not link to matching")
		}

		code, loc, _ := o.submit("admin", M+"/run", url.Values{"objective": {"participation"}, "min_score": {"0"}})
		if code != 303 || loc != M {
			t.Fatalf("run: %d %q", code, loc)
		}
		_, body = o.get("admin", M)
		for _, want := range []string{"Run 1 matched 3 of 3 mentees", "Draft", `<svg class="track"`, "offers Go, which Lee Mentee wants",
			"Publish run 1", "Participants do not see this draft", "Max Mentee", "Optimal"} {
			if !strings.Contains(body, want) {
				t.Errorf("admin's draft page lacks %q", want)
			}
		}
		ov, err := w.ms.Overview(context.Background(), w.P.ID, w.C.ID)
		if err != nil || ov.Draft() == nil {
			t.Fatalf("overview: %+v %v", ov, err)
		}
		draft := ov.Draft()
		first := w.mentorOf(t, draft.ID)
		if first["m2"] == "m1" || len(first) != 3 {
			t.Fatalf("draft pairs: %v", first)
		}

		// The draft is invisible to everyone else.
		own := map[string]string{"m1": "Mia Mentor", "m2": "Max Mentee", "sponsor": "Sam Sponsor"}
		for _, who := range []string{"m1", "m2", "sponsor"} {
			_, body := o.get(who, M)
			for _, n := range names {
				if n != own[who] && strings.Contains(body, n) {
					t.Errorf("%s sees %q before publication", who, n)
				}
			}
			if code, _ := o.get(who, M+"?run="+draft.ID); code != 404 {
				t.Errorf("%s asks for the draft: %d, want 404", who, code)
			}
			if code, _ := o.apiDo(who, "GET", w.api()+"?run_id="+draft.ID, ""); code != 404 {
				t.Errorf("%s asks the API for the draft: %d, want 404", who, code)
			}
			if _, body := o.apiDo(who, "GET", w.api(), ""); strings.Contains(body, draft.ID) || strings.Contains(body, "Noor") || strings.Contains(body, "Lee Mentee") {
				t.Errorf("%s's API view shows the draft: %s", who, body)
			}
		}

		// Lock m4's pair, re-run: kept; publish.
		code, _, _ = o.submit("admin", M+"/locks", url.Values{"mentor_id": {first["m4"]}, "mentee_id": {"m4"}})
		if code != 303 {
			t.Fatalf("lock: %d", code)
		}
		if _, body := o.get("admin", M); !strings.Contains(body, "every run keeps them together") || !strings.Contains(body, `aria-label="Unlock `) {
			t.Errorf("no lock shown after locking")
		}
		if code, _, _ = o.submit("admin", M+"/run", url.Values{"objective": {"participation"}}); code != 303 {
			t.Fatalf("re-run: %d", code)
		}
		ov, _ = w.ms.Overview(context.Background(), w.P.ID, w.C.ID)
		second := w.mentorOf(t, ov.Latest.ID)
		if second["m4"] != first["m4"] || ov.Latest.Seq != 2 {
			t.Fatalf("re-run: %v after %v", second, first)
		}
		code, _, _ = o.submit("admin", M+"/publish", url.Values{"run_id": {ov.Latest.ID}})
		if code != 303 {
			t.Fatalf("publish: %d", code)
		}
		if _, body := o.get("admin", M); !strings.Contains(body, "Run 2 is published") {
			t.Errorf("no flash after publishing")
		}

		// The mentee sees their mentor and why, and nobody else's pair.
		mentorName := map[string]string{"m1": "Mia Mentor", "m3": "Noor Mentor", "m6": "Sol Mentor"}
		_, body = o.get("m2", M)
		for _, want := range []string{"Your mentor", mentorName[second["m2"]], "Why we matched you", "Ask for a re-match", `aria-label="Match score: `} {
			if !strings.Contains(body, want) {
				t.Errorf("m2's page lacks %q", want)
			}
		}
		for _, not := range []string{"Lee Mentee", "Kai Mentee", "Unmatched mentees", "Run matching"} {
			if strings.Contains(body, not) {
				t.Errorf("m2's page shows %q", not)
			}
		}
		if _, home := o.get("m2", "/"); !strings.Contains(home, "Your mentor") || !strings.Contains(home, mentorName[second["m2"]]) {
			t.Errorf("m2's start page has no mentor card")
		}
		// The mentor sees their mentees and remaining capacity.
		var m1Mentees []string
		for mentee, mentor := range second {
			if mentor == "m1" {
				m1Mentees = append(m1Mentees, mentee)
			}
		}
		_, body = o.get("m1", M)
		wantSeats := map[int]string{0: "2 seats left", 1: "1 seat left", 2: "0 seats left"}[len(m1Mentees)]
		for _, want := range []string{"Your mentees", "You take 2 mentees (from your profile): " + wantSeats, "Unavailable for new mentees this cycle"} {
			if !strings.Contains(body, want) {
				t.Errorf("m1's page lacks %q", want)
			}
		}
		if strings.Contains(body, "Max Mentee") {
			t.Errorf("m1 sees m2, who is not their mentee")
		}
		if len(m1Mentees) > 0 {
			if _, home := o.get("m1", "/"); !strings.Contains(home, "Your mentees") {
				t.Errorf("m1's start page has no mentees card")
			}
		}
		// The sponsor sees figures and no names.
		_, body = o.get("sponsor", M)
		if !strings.Contains(body, "Matching figures") || !strings.Contains(body, "3 / 3") {
			t.Errorf("sponsor's page lacks the figures")
		}
		for _, n := range append(names, "Mia Mentor") {
			if strings.Contains(body, n) {
				t.Errorf("sponsor sees %q", n)
			}
		}

		// m2 asks for a re-match; the admin re-matches m2 alone.
		code, _, body = o.submit("m2", M+"/rematch-requests", url.Values{"reason": {" "}})
		if code != 422 || !strings.Contains(body, "tell the program manager what is not working") {
			t.Fatalf("empty reason: %d", code)
		}
		if code, _, _ = o.submit("m2", M+"/rematch-requests", url.Values{"reason": {"Our hours never overlap."}}); code != 303 {
			t.Fatalf("request: %d", code)
		}
		if _, body := o.get("m2", M); !strings.Contains(body, "You asked for a re-match") {
			t.Errorf("m2's page does not show the open request")
		}
		_, body = o.get("admin", M)
		if !strings.Contains(body, "Re-match requests") || !strings.Contains(body, "Our hours never overlap.") {
			t.Fatalf("the admin does not see the request")
		}
		reqs, err := w.ms.RematchRequests(context.Background(), w.P.ID, w.C.ID, true)
		if err != nil || len(reqs) != 1 {
			t.Fatalf("requests: %+v %v", reqs, err)
		}
		code, _, _ = o.submit("admin", M+"/rematch-requests/"+reqs[0].ID+"/resolve", url.Values{"action": {"rematch"}})
		if code != 303 {
			t.Fatalf("resolve: %d", code)
		}
		ov, _ = w.ms.Overview(context.Background(), w.P.ID, w.C.ID)
		third := w.mentorOf(t, ov.Latest.ID)
		if ov.Latest.Trigger != mentorships.TriggerRematch || third["m2"] == second["m2"] {
			t.Errorf("re-match run %+v: m2 has %q, had %q", ov.Latest, third["m2"], second["m2"])
		}
		for mentee, mentor := range second {
			if mentee != "m2" && third[mentee] != mentor {
				t.Errorf("re-matching m2 moved %s from %s to %s", mentee, mentor, third[mentee])
			}
		}
		// Unpublished, so m2 still sees the published mentor.
		if _, body := o.get("m2", M); !strings.Contains(body, mentorName[second["m2"]]) {
			t.Errorf("m2 sees the re-match draft before publication")
		}

		// The mentor marks themselves unavailable.
		if code, _, _ = o.submit("m1", M+"/availability", url.Values{"unavailable": {"yes"}}); code != 303 {
			t.Fatalf("availability: %d", code)
		}
		if _, body := o.get("m1", M); !strings.Contains(body, "You take no new mentees this cycle") || !strings.Contains(body, "checked") {
			t.Errorf("m1's page does not show the availability")
		}
	})
}

// TestMatchingAPI runs, swaps and publishes through the API and checks
// what each role reads.
func TestMatchingAPI(t *testing.T) {
	o := newOrg(t, db.SQLite)
	w := newMatchWorld(t, o)
	A := w.api()
	var run matchRunJSON
	if code := o.apiJSON("admin", "POST", A+"/runs", `{"objective":"participation"}`, &run); code != 201 || run.Matched != 3 || run.Status != "draft" || !run.Optimal {
		t.Fatalf("run: %d %+v", code, run)
	}
	var bad apiError
	if code := o.apiJSON("admin", "POST", A+"/runs", `{"objective":"luck"}`, &bad); code != 422 || bad.Error.Field != "objective" {
		t.Errorf("bad objective: %d %+v", code, bad)
	}
	// Swap two mentees whose swap breaks no rule (m2 may never have m1).
	pairs := w.mentorOf(t, run.ID)
	var a, b string
	for _, x := range []string{"m2", "m4", "m5"} {
		for _, y := range []string{"m2", "m4", "m5"} {
			if a == "" && x < y && pairs[x] != pairs[y] && !(x == "m2" && pairs[y] == "m1") && !(y == "m2" && pairs[x] == "m1") {
				a, b = x, y
			}
		}
	}
	if a == "" {
		t.Fatalf("no swappable mentees in %v", pairs)
	}
	var swapped matchRunJSON
	if code := o.apiJSON("admin", "POST", A+"/swap", `{"mentee_a":"`+a+`","mentee_b":"`+b+`"}`, &swapped); code != 201 ||
		swapped.Trigger != "swap" || swapped.TotalChange == nil || *swapped.TotalChange > 0 {
		t.Fatalf("swap: %d %+v", code, swapped)
	}
	if got := w.mentorOf(t, swapped.ID); got[a] != pairs[b] || got[b] != pairs[a] {
		t.Errorf("after swapping %s and %s: %v (was %v)", a, b, got, pairs)
	}
	var pub matchRunJSON
	if code := o.apiJSON("admin", "POST", A+"/publish", `{"run_id":"`+swapped.ID+`"}`, &pub); code != 200 || pub.Status != "published" {
		t.Fatalf("publish: %d %+v", code, pub)
	}

	var admin struct {
		Draft     *runDetailJSON `json:"draft"`
		Published *runDetailJSON `json:"published"`
		Locks     []idPairJSON   `json:"locks"`
	}
	o.apiJSON("admin", "GET", A, "", &admin)
	if admin.Draft != nil || admin.Published == nil || len(admin.Published.Pairs) != 3 || len(admin.Locks) != 2 {
		t.Errorf("admin's view: %+v", admin)
	}
	for _, p := range admin.Published.Pairs {
		if len(p.Reasons) == 0 || len(p.Factors) == 0 {
			t.Errorf("pair without reasons: %+v", p)
		}
	}

	// A mentor reads their own mentees only.
	_, body := o.apiDo("m1", "GET", A, "")
	var m1 struct {
		AsMentor struct {
			Capacity  int        `json:"capacity"`
			Remaining int        `json:"remaining"`
			Mentees   []pairJSON `json:"mentees"`
		} `json:"as_mentor"`
		AsMentee any `json:"as_mentee"`
	}
	if err := json.Unmarshal([]byte(body), &m1); err != nil {
		t.Fatal(err)
	}
	if m1.AsMentor.Capacity != 2 || m1.AsMentor.Remaining != 2-len(m1.AsMentor.Mentees) || m1.AsMentee != nil {
		t.Errorf("m1's view: %s", body)
	}
	for _, p := range m1.AsMentor.Mentees {
		if p.MentorID != "m1" {
			t.Errorf("m1 reads another mentor's pair: %+v", p)
		}
	}
	if strings.Contains(body, "Max Mentee") {
		t.Errorf("m1 reads m2's pair: %s", body)
	}
	// A mentee reads their mentor and why.
	var m2 struct {
		Published bool `json:"published"`
		AsMentee  struct {
			Mentor *pairJSON `json:"mentor"`
		} `json:"as_mentee"`
	}
	_, body = o.apiDo("m2", "GET", A, "")
	if err := json.Unmarshal([]byte(body), &m2); err != nil {
		t.Fatal(err)
	}
	if !m2.Published || m2.AsMentee.Mentor == nil || m2.AsMentee.Mentor.MenteeID != "m2" || len(m2.AsMentee.Mentor.Reasons) == 0 {
		t.Errorf("m2's view: %s", body)
	}
	// A sponsor reads totals, never names.
	_, body = o.apiDo("sponsor", "GET", A, "")
	if !strings.Contains(body, `"matched": 3`) || strings.Contains(body, "Mentee") || strings.Contains(body, "Mentor") || strings.Contains(body, `"m2"`) {
		t.Errorf("sponsor's view: %s", body)
	}
	// The mentee asks for a re-match through the API.
	var req rematchJSON
	if code := o.apiJSON("m2", "POST", A+"/rematch-requests", `{"reason":"Different time zones"}`, &req); code != 201 || req.Status != "open" || req.MenteeID != "m2" {
		t.Errorf("request: %d %+v", code, req)
	}
	var resolved struct {
		Request rematchJSON   `json:"request"`
		Run     *matchRunJSON `json:"run"`
	}
	if code := o.apiJSON("admin", "POST", A+"/rematch-requests/"+req.ID+"/resolve", `{"rematch":true}`, &resolved); code != 200 ||
		resolved.Run == nil || resolved.Request.Status != "rematched" {
		t.Errorf("resolve: %d %+v", code, resolved)
	}
}
