package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// circlesCSV adds eleven circle members to the test org, in Dubai, Berlin,
// Bangalore and Kathmandu, whose working hours share 08:00-11:15 UTC in
// every week with m1 (Kolkata) and m2 (Kathmandu); c01 and c04 joined in
// June 2026, so they are newcomers.
const circlesCSV = "id,name,email,level,function,location,timezone,work_hours,hire_date,facilitator\n" +
	"c01,Cora One,c01@example.com,1,Sales,Dubai,Asia/Dubai,09:00-17:00,2026-06-01,no\n" +
	"c02,Cal Two,c02@example.com,6,Design,Berlin,Europe/Berlin,09:00-17:00,2015-03-02,yes\n" +
	"c03,Cleo Three,c03@example.com,3,Finance,Bangalore,Asia/Kolkata,09:00-17:00,2021-09-01,no\n" +
	"c04,Cy Four,c04@example.com,2,Engineering,Berlin,Europe/Berlin,09:00-17:00,2026-06-15,no\n" +
	"c05,Cam Five,c05@example.com,8,Sales,Kathmandu,Asia/Kathmandu,09:00-17:00,2012-01-09,yes\n" +
	"c06,Cat Six,c06@example.com,4,Design,Dubai,Asia/Dubai,09:00-17:00,2023-04-03,no\n" +
	"c07,Col Seven,c07@example.com,5,Finance,Berlin,Europe/Berlin,09:00-17:00,2019-11-04,no\n" +
	"c08,Cass Eight,c08@example.com,7,Engineering,Bangalore,Asia/Kolkata,09:00-17:00,2010-05-03,yes\n" +
	"c09,Cid Nine,c09@example.com,2,Sales,Berlin,Europe/Berlin,09:00-17:00,2024-02-05,no\n" +
	"c10,Cyd Ten,c10@example.com,9,Design,Kathmandu,Asia/Kathmandu,09:00-17:00,2008-08-04,no\n" +
	"c11,Cole Eleven,c11@example.com,3,Engineering,Dubai,Asia/Dubai,09:00-17:00,2022-10-03,yes\n"

var extras = []string{"c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11"}

// circleWorld is program "Circles" of the test org with cycle C (open:
// m2 and the eleven extras, circles published) and cycle U (upcoming: m1,
// m2 and the extras, circles formed as a draft only), and program Q
// without circles.
type circleWorld struct {
	P, Q  programs.Program
	C, U  programs.Cycle
	pubC  formations.Formation
	draft formations.Formation
}

func newCircleWorld(t *testing.T, o *org) *circleWorld {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f, err := people.ParseCSV("circles.csv", strings.NewReader(circlesCSV))
	must(err)
	_, err = o.srv.people.Import(ctx, f)
	must(err)
	st := o.srv.programs
	w := &circleWorld{}
	w.P, err = st.CreateProgram(ctx, programs.Program{Name: "Circles", CodeOfConduct: "Listen.", Cadence: programs.CadenceMonthly,
		SessionMinutes: 60, Engagements: []string{programs.EngagementCircles}, CreatedBy: "admin"})
	must(err)
	w.Q, err = st.CreateProgram(ctx, programs.Program{Name: "Pairs", Engagements: []string{programs.EngagementOneOnOne}})
	must(err)
	w.C, err = st.CreateCycle(ctx, programs.Cycle{ProgramID: w.P.ID, Name: "Q4 2026", StartsOn: "2026-10-01", EndsOn: "2026-12-31"})
	must(err)
	w.U, err = st.CreateCycle(ctx, programs.Cycle{ProgramID: w.P.ID, Name: "Q1 2027", StartsOn: "2027-01-01", EndsOn: "2027-03-31"})
	must(err)
	enroll := func(c programs.Cycle, who string) {
		_, err := st.Enroll(ctx, programs.EnrollRequest{ProgramID: w.P.ID, CycleID: c.ID, PersonID: who, Role: programs.RoleCircleMember, AdminID: "admin"})
		must(err)
	}
	for _, who := range append([]string{"m2"}, extras...) {
		enroll(w.C, who)
		enroll(w.U, who)
	}
	enroll(w.U, "m1")
	fs := o.srv.circles
	draftC, err := fs.Form(ctx, formations.FormRequest{ProgramID: w.P.ID, CycleID: w.C.ID, Seed: 1, AdminID: "admin"})
	must(err)
	w.pubC, err = fs.Publish(ctx, w.P.ID, w.C.ID, draftC.ID, "admin")
	must(err)
	w.draft, err = fs.Form(ctx, formations.FormRequest{ProgramID: w.P.ID, CycleID: w.U.ID, Seed: 1, AdminID: "admin"})
	must(err)
	return w
}

// allowedMove finds a person of the cycle's working formation who may move
// to another circle, and that circle.
func allowedMove(t *testing.T, o *org, p programs.Program, c programs.Cycle) (who string, to int) {
	t.Helper()
	ctx := context.Background()
	l, err := o.srv.circles.Latest(ctx, p.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := l.Working()
	cs, err := o.srv.circles.Circles(ctx, p.ID, c.ID, f.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, circle := range cs {
		for _, m := range circle.Members {
			for to := 1; to <= f.Circles; to++ {
				if to == circle.Number {
					continue
				}
				e, err := o.srv.circles.PreviewMove(ctx, formations.MoveRequest{ProgramID: p.ID, CycleID: c.ID, PersonID: m.PersonID, ToCircle: to})
				if err == nil && e.Allowed() {
					return m.PersonID, to
				}
			}
		}
	}
	t.Fatal("no move is allowed")
	return "", 0
}

func TestCirclesRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newCircleWorld(t, o)
		C := "/programs/" + w.P.ID + "/cycles/" + w.C.ID + "/circles"
		U := "/programs/" + w.P.ID + "/cycles/" + w.U.ID + "/circles"
		aC, aU := "/api/v1"+C, "/api/v1"+U
		who, to := allowedMove(t, o, w.P, w.C)
		from, err := o.srv.circles.CircleOf(context.Background(), w.pubC.ID, who)
		if err != nil {
			t.Fatal(err)
		}
		move := func(to int, action string) url.Values {
			return url.Values{"person_id": {who}, "to_circle": {fmt.Sprint(to)}, "action": {action}}
		}
		adminPost := map[string]int{"anon": 303, "admin": 303, "*": 403}
		runAccessTable(t, o, []accessCase{
			// Reading: m2 has a published circle in C; m1 has none; in U
			// there is only a draft, which no member sees.
			{method: "GET", path: C, want: map[string]int{"anon": 303, "m1": 404, "m2": 200, "sponsor": 200, "admin": 200}},
			{method: "GET", path: U, want: map[string]int{"anon": 303, "m1": 404, "m2": 404, "sponsor": 200, "admin": 200}},
			{method: "GET", path: C + "?page=2&move=m2", want: map[string]int{"anon": 303, "m1": 404, "m2": 200, "sponsor": 200, "admin": 200}},
			{method: "GET", path: "/programs/" + w.Q.ID + "/cycles/" + w.C.ID + "/circles", want: map[string]int{"anon": 303, "*": 404}},
			{method: "GET", path: aC, want: map[string]int{"anon": 401, "m1": 404, "m2": 200, "sponsor": 200, "admin": 200}},
			{method: "GET", path: aU, want: map[string]int{"anon": 401, "m1": 404, "m2": 404, "sponsor": 200, "admin": 200}},
			{method: "GET", path: "/api/v1/programs/" + w.Q.ID + "/cycles/" + w.C.ID + "/circles", want: map[string]int{"anon": 401, "*": 404}},
			{method: "GET", path: aC + "?offset=1&limit=1", want: map[string]int{"anon": 401, "m1": 404, "m2": 200, "sponsor": 200, "admin": 200}},
			{method: "GET", path: aC + "?limit=0", want: map[string]int{"anon": 401, "m1": 404, "m2": 200, "sponsor": 200, "admin": 422}},
			// Moving: preview, then confirm (a draft copied from the
			// published circles), on the pages and in the API.
			{method: "POST", path: C + "/move", form: move(to, "preview"), want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "POST", path: C + "/move", form: move(to, "confirm"), want: adminPost},
			{method: "POST", path: aC + "/moves", json: fmt.Sprintf(`{"person_id":%q,"to_circle":%d,"preview":true}`, who, from),
				want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			{method: "POST", path: aC + "/moves", json: fmt.Sprintf(`{"person_id":%q,"to_circle":%d}`, who, from),
				want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			// Forming and publishing.
			{method: "POST", path: C + "/form", form: url.Values{"size": {"6"}, "min_size": {"5"}, "max_size": {"8"}}, want: adminPost},
			{method: "POST", path: aC + "/formations", json: `{"size":6}`, want: map[string]int{"anon": 401, "admin": 201, "*": 403}},
			{method: "POST", path: U + "/publish", form: url.Values{"formation_id": {w.draft.ID}}, want: adminPost},
			{method: "POST", path: aC + "/publish", json: `{}`, want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			// Nothing left to publish; a program without circles has none.
			{method: "POST", path: aC + "/publish", want: map[string]int{"anon": 401, "admin": 409, "*": 403}},
			{method: "POST", path: "/programs/" + w.Q.ID + "/cycles/" + w.C.ID + "/circles/form", want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
		})
	})
}

// TestCirclesStayPrivate checks that a member sees their own published
// circle and nobody else's, that drafts stay hidden from members, and
// that sponsors see totals without names.
func TestCirclesStayPrivate(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newCircleWorld(t, o)
		ctx := context.Background()
		C := "/programs/" + w.P.ID + "/cycles/" + w.C.ID + "/circles"
		mine, err := o.srv.circles.Mine(ctx, w.P.ID, w.C.ID, "m2")
		if err != nil {
			t.Fatal(err)
		}
		all, err := o.srv.circles.Circles(ctx, w.P.ID, w.C.ID, w.pubC.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, page := o.get("m2", C)
		var body struct {
			Circle myCircleJSON `json:"circle"`
		}
		o.apiJSON("m2", "GET", "/api/v1"+C, "", &body)
		for _, c := range all {
			for _, m := range c.Members {
				inMine := c.Number == mine.Circle.Number
				if strings.Contains(page, m.Person.Name) != inMine {
					t.Errorf("m2's page shows %s: %v, in their circle: %v", m.Person.Name, !inMine, inMine)
				}
				found := false
				for _, x := range body.Circle.Members {
					found = found || x.PersonID == m.PersonID
				}
				if found != inMine {
					t.Errorf("m2's API shows %s: %v, in their circle: %v", m.PersonID, found, inMine)
				}
			}
		}
		if body.Circle.FormationID != w.pubC.ID || len(body.Circle.Roster) != 3 {
			t.Errorf("m2's circle %+v", body.Circle)
		}
		// Members see no levels, tenure or buddies of others.
		if _, raw := o.apiDo("m2", "GET", "/api/v1"+C, ""); strings.Contains(raw, "tenure_band") || strings.Contains(raw, `"level"`) {
			t.Errorf("m2's API shows levels or tenure: %s", raw)
		}
		// The sponsor sees totals and no names, on the page and in the API.
		code, page := o.get("sponsor", C)
		_, raw := o.apiDo("sponsor", "GET", "/api/v1"+C, "")
		if code != 200 || !strings.Contains(page, "Circles at a glance") || !strings.Contains(raw, `"circles": 2`) {
			t.Errorf("sponsor: %d, totals missing: %s", code, raw)
		}
		for _, name := range []string{"Max Mentee", "Cora One", "Cal Two", "/people/c01", "/people/m2", `"c01"`, `"m2"`} {
			if strings.Contains(page, name) || strings.Contains(raw, name) {
				t.Errorf("the sponsor sees %q", name)
			}
		}
		// The draft of U shows nowhere for members: not on its page, not
		// on their start page, not in the API.
		for _, who := range []string{"m1", "m2"} {
			if _, home := o.get(who, "/"); strings.Contains(home, w.U.Name) && strings.Contains(home, "Your circle") && strings.Contains(home, "/cycles/"+w.U.ID+"/circles") {
				t.Errorf("%s's start page links the draft of U", who)
			}
		}
	})
}

// TestCirclesFlow walks the story through the pages: the admin forms the
// circles of U, sees each circle's make-up, previews and confirms a move,
// publishes; a member who saw nothing of the draft now sees their circle,
// roster and next meeting in their own time zone, and a newcomer their
// buddy.
func TestCirclesFlow(t *testing.T) {
	for _, dialect := range []db.Dialect{db.SQLite, db.Postgres} {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			o := newOrg(t, dialect)
			w := newCircleWorld(t, o)
			U := "/programs/" + w.P.ID + "/cycles/" + w.U.ID + "/circles"
			ctx := context.Background()

			// Bad sizes re-render the form with the problem in place.
			code, _, body := o.submit("admin", U+"/form", url.Values{"size": {"6"}, "min_size": {"7"}, "max_size": {"5"}})
			if code != 422 || !strings.Contains(body, "must be at least the smallest size") {
				t.Errorf("bad sizes: %d", code)
			}
			code, _, body = o.submit("admin", U+"/form", url.Values{"size": {"4"}, "min_size": {""}, "max_size": {""}})
			if code != 422 || !strings.Contains(body, "No circles were formed") {
				t.Errorf("13 people in circles of exactly 4: %d", code)
			}
			code, loc, _ := o.submit("admin", U+"/form", url.Values{"size": {"6"}, "min_size": {"5"}, "max_size": {"8"}, "seed": {"3"}})
			if code != 303 || loc != U {
				t.Fatalf("form: %d %q", code, loc)
			}
			code, page := o.get("admin", U)
			for _, want := range []string{"Formed 2 circles for 13 people", "Circle 1", "Circle 2", `<svg class="circle-pic"`, "Publish these circles",
				"UTC", "&#43;0545", "Members do not see a draft", "Facilitator roster", "Functions:"} {
				if !strings.Contains(page, want) {
					t.Errorf("admin's page lacks %q", want)
				}
			}
			if code != 200 || strings.Contains(page, "style=") || hasInlineScript(page) {
				t.Errorf("admin's page: %d, or inline style or script", code)
			}
			if c, _ := o.get("m2", U); c != 404 {
				t.Errorf("m2 sees the draft: %d", c)
			}
			var admin struct {
				Draft, Published *formationJSON
			}
			o.apiJSON("admin", "GET", "/api/v1"+U, "", &admin)
			if d := admin.Draft; d == nil || admin.Published != nil || d.Totals.People != 13 || len(d.Circles) != 2 || d.Seed != 3 || d.Sessions != 3 {
				t.Fatalf("admin's API: %+v", admin)
			}
			for _, c := range admin.Draft.Circles {
				if len(c.Members) < 6 || len(c.Roster) != 3 || (c.MeetingUTC != "" && c.Members[0].MeetingLocal == "") || c.Members[0].TenureBand == "" {
					t.Errorf("admin's API circle %+v", c)
				}
			}

			// Move with a preview, then confirm.
			who, to := allowedMove(t, o, w.P, w.U)
			l, _ := o.srv.circles.Latest(ctx, w.P.ID, w.U.ID)
			form := url.Values{"person_id": {who}, "to_circle": {fmt.Sprint(to)}, "formation_id": {l.Draft.ID}, "action": {"preview"}}
			code, _, body = o.submit("admin", U+"/move", form)
			if code != 200 || !strings.Contains(body, "from circle") || !strings.Contains(body, "Diversity") || !strings.Contains(body, `value="confirm"`) {
				t.Fatalf("preview: %d", code)
			}
			bad := url.Values{"person_id": {who}, "to_circle": {"99"}, "action": {"preview"}}
			if code, _, body = o.submit("admin", U+"/move", bad); code != 422 || !strings.Contains(body, "there is no circle 99") {
				t.Errorf("moving to circle 99: %d", code)
			}
			var preview struct {
				Effect  effectJSON
				Applied bool
			}
			body2 := fmt.Sprintf(`{"person_id":%q,"to_circle":%d,"preview":true}`, who, to)
			if code := o.apiJSON("admin", "POST", "/api/v1"+U+"/moves", body2, &preview); code != 200 || preview.Applied || !preview.Effect.Allowed ||
				preview.Effect.To != to || preview.Effect.DiversityAfter != preview.Effect.DiversityBefore+preview.Effect.DiversityChange {
				t.Errorf("API preview: %d %+v", code, preview)
			}
			form.Set("action", "confirm")
			code, loc, _ = o.submit("admin", U+"/move", form)
			if code != 303 || !strings.HasPrefix(loc, U+"?move=") {
				t.Fatalf("confirm: %d %q", code, loc)
			}
			if _, page := o.get("admin", loc); !strings.Contains(page, "Moved ") {
				t.Errorf("no flash after the move")
			}
			if n, err := o.srv.circles.CircleOf(ctx, l.Draft.ID, who); err != nil || n != to {
				t.Errorf("%s is in circle %d (%v), want %d", who, n, err, to)
			}
			// Confirming the same move again finds them there already.
			if code, _, body = o.submit("admin", U+"/move", form); code != 422 || !strings.Contains(body, "they are already in circle") {
				t.Errorf("the same move twice: %d", code)
			}

			code, loc, _ = o.submit("admin", U+"/publish", url.Values{"formation_id": {l.Draft.ID}})
			if code != 303 || loc != U {
				t.Fatalf("publish: %d %q", code, loc)
			}

			// m2 sees their circle, roster and next meeting, in Kathmandu time.
			var api struct {
				Circle myCircleJSON `json:"circle"`
			}
			if code := o.apiJSON("m2", "GET", "/api/v1"+U, "", &api); code != 200 {
				t.Fatalf("m2's circle: %d", code)
			}
			next := api.Circle.NextMeetingLocal
			if !regexp.MustCompile(`^[A-Z][a-z]+day [0-9]{1,2} Jan, [0-9]{2}:[0-9]{2} \+0545$`).MatchString(next) {
				t.Errorf("next meeting %q, want a January day in Kathmandu time", next)
			}
			code, page = o.get("m2", U)
			for _, want := range []string{"Your next meeting", htmlText(next), "Facilitator roster", "Max Mentee", "Your circle"} {
				if !strings.Contains(page, want) {
					t.Errorf("m2's page lacks %q", want)
				}
			}
			turns := 0
			for _, r := range api.Circle.Roster {
				if r.FacilitatorID == "m2" || r.CoFacilitatorID == "m2" {
					turns++
				}
			}
			if got := strings.Count(page, `class="mine"`); code != 200 || got != turns {
				t.Errorf("m2's page highlights %d turns, m2 has %d", got, turns)
			}
			if _, home := o.get("m2", "/"); !strings.Contains(home, "Your circle") || !strings.Contains(home, htmlText(next)) {
				t.Errorf("m2's start page lacks their circle or next meeting %q", next)
			}
			if _, cycle := o.get("m2", "/programs/"+w.P.ID+"/cycles/"+w.U.ID); !strings.Contains(cycle, U) {
				t.Errorf("the cycle page does not link m2's circle")
			}

			// A newcomer sees their buddy.
			tok, err := o.srv.auth.CreateSession(ctx, "c01")
			if err != nil {
				t.Fatal(err)
			}
			o.clients["c01"] = newClient(t, o.ts.URL, tok)
			mine, err := o.srv.circles.Mine(ctx, w.P.ID, w.U.ID, "c01")
			if err != nil {
				t.Fatal(err)
			}
			me, _ := mine.Circle.Member("c01")
			buddy, _ := mine.Circle.Member(me.BuddyID)
			if _, page := o.get("c01", U); me.BuddyID == "" || !strings.Contains(page, "Your buddy in this circle is <strong>"+buddy.Person.Name) {
				t.Errorf("c01 (a newcomer) does not see their buddy %q", me.BuddyID)
			}
			if _, page := o.get("c01", "/programs/"+w.P.ID+"/cycles/"+w.U.ID+"/circles"); strings.Contains(page, "Move…") {
				t.Errorf("a member sees the admin's tools")
			}
		})
	}
}

// htmlText is s as html/template writes it in text: "+" as "&#43;".
func htmlText(s string) string { return strings.ReplaceAll(s, "+", "&#43;") }

// TestRosterTurnsAreTheViewersAndToCome: on a member's circle page "your
// turn" marks only a session to come that they facilitate, in the
// facilitator column; a co-facilitator reads "you co-facilitate" in
// theirs; a session already held is nobody's turn (issue 9, item 9).
func TestRosterTurnsAreTheViewersAndToCome(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newCircleWorld(t, o)
		ctx := context.Background()
		C := circlesPath(w.P.ID, w.C.ID)
		_, page := o.get("m2", C)
		ids := regexp.MustCompile(`<a href="/people/([a-z0-9]+)">`).FindAllStringSubmatch(section(page, "circle-h"), -1)
		if len(ids) < 5 {
			t.Fatalf("m2's circle: %v", ids)
		}
		row := regexp.MustCompile(`(?s)<tr( class="mine")?>\s*<td>(\d+)</td><td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>`)
		held, turns := 0, 0
		for _, m := range ids {
			id := m[1]
			if o.clients[id] == nil {
				tok, err := o.srv.auth.CreateSession(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				o.clients[id] = newClient(t, o.ts.URL, tok)
			}
			_, mine := o.get(id, C)
			name := regexp.MustCompile(`<a href="/people/` + id + `">([^<]+)</a>`).FindStringSubmatch(mine)[1]
			rows := row.FindAllStringSubmatch(section(mine, "roster-h"), -1)
			if len(rows) != 3 {
				t.Fatalf("%s's roster has %d sessions", id, len(rows))
			}
			for _, r := range rows {
				when, lead, co := r[3], r[4], r[5]
				past := strings.Contains(when, "held")
				if past {
					held++
				}
				wantLead := strings.HasPrefix(lead, name) && !past
				wantCo := strings.HasPrefix(co, name) && !past
				if strings.Contains(lead, "your turn") != wantLead || strings.Contains(co, "your turn") ||
					strings.Contains(co, "you co-facilitate") != wantCo || (r[1] != "") != (wantLead || wantCo) {
					t.Errorf("%s, session %s (%s): facilitator %q, co-facilitator %q", name, r[2], when, lead, co)
				}
				if strings.HasPrefix(lead, name) || strings.HasPrefix(co, name) {
					turns++
				}
			}
		}
		if held == 0 || turns == 0 {
			t.Errorf("the test needs a session held (%d) and turns (%d)", held, turns)
		}
	})
}

// TestRosterBadgesFollowTheAssignments: the admin's badge beside a member
// says how many sessions the roster gives them, so badge and roster agree
// (issue 9, item 9); and a single circle is "1 circle" (plurals).
func TestRosterBadgesFollowTheAssignments(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newCircleWorld(t, o)
		ctx := context.Background()
		cs, err := o.srv.circles.Circles(ctx, w.P.ID, w.C.ID, w.pubC.ID, 1, circlesPerPage)
		if err != nil {
			t.Fatal(err)
		}
		_, page := o.get("admin", circlesPath(w.P.ID, w.C.ID))
		for _, c := range cs {
			leads := map[string]int{}
			for _, turn := range c.Turns {
				leads[turn.Facilitator]++
			}
			for _, m := range c.Members {
				cell := regexp.MustCompile(`<a href="/people/` + m.PersonID + `">[^<]+</a>( <span class="badge mentor">facilitates (\d+) sessions?</span>)?`).FindStringSubmatch(page)
				if cell == nil {
					t.Fatalf("no row for %s", m.PersonID)
				}
				if got := cell[2]; got != fmt.Sprint(leads[m.PersonID]) && !(got == "" && leads[m.PersonID] == 0) {
					t.Errorf("%s's badge says %q sessions; the roster gives them %d", m.PersonID, got, leads[m.PersonID])
				}
			}
		}
		if strings.Contains(page, ">facilitator</span>") {
			t.Errorf("a badge says facilitator without a turn in the roster")
		}

		U := circlesPath(w.P.ID, w.C.ID) // 12 people, none another's manager
		code, loc, body := o.submit("admin", U+"/form", url.Values{"size": {"12"}, "min_size": {"12"}, "max_size": {"12"}})
		if code != 303 || loc != U {
			t.Fatalf("form one circle: %d %s\n%s", code, loc, body)
		}
		_, page = o.get("admin", U)
		if !strings.Contains(page, "Formed 1 circle for 12 people") || strings.Contains(page, "1 circles") || !strings.Contains(page, "circle of 12 people") {
			t.Errorf("plurals of one circle:\n%s", section(page, "state-h"))
		}
	})
}
