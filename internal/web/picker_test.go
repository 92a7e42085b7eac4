package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
)

// newPairsCycle opens a 1:1 program named name with a cycle running
// through the test's today.
func newPairsCycle(t *testing.T, o *org, name string) (programs.Program, programs.Cycle) {
	t.Helper()
	ctx := context.Background()
	p, err := o.srv.programs.CreateProgram(ctx, programs.Program{Name: name, CodeOfConduct: "Be kind.",
		Engagements: []string{programs.EngagementOneOnOne}, CreatedBy: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := o.srv.programs.CreateCycle(ctx, programs.Cycle{ProgramID: p.ID, Name: "Q4", StartsOn: "2026-10-01", EndsOn: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

type pickJSON struct {
	Choices []pickChoice `json:"choices"`
}

// TestPickerFindsPeopleByNameOrEmail: the enroll form finds a person by
// name or email rather than a typed employee id, tells two people of the
// same name apart by function, location and id, and works without
// JavaScript: the search page's button comes back to the form with the
// id filled in (issue 9, item 8).
func TestPickerFindsPeopleByNameOrEmail(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		ctx := context.Background()
		if _, err := o.srv.people.Create(ctx, person.Person{ID: "m7", Name: "Max Mentee", Email: "max.two@example.com", Level: 3,
			Function: "Finance", Location: "Lagos", Timezone: "Africa/Lagos", MentoringRole: person.MentoringMentee}); err != nil {
			t.Fatal(err)
		}
		var got pickJSON
		if code := o.apiJSON("admin", "GET", "/api/v1/people/pick?q=max+mentee", "", &got); code != 200 || len(got.Choices) != 2 {
			t.Fatalf("pick max mentee: %d %+v", code, got)
		}
		a, b := got.Choices[0], got.Choices[1]
		if a.Name != b.Name || a.ID == b.ID || a.Function == b.Function || a.Location == b.Location || a.Email == "" {
			t.Errorf("namesakes look alike: %+v and %+v", a, b)
		}
		if code := o.apiJSON("admin", "GET", "/api/v1/people/pick?q=MAX.TWO%40example", "", &got); code != 200 || len(got.Choices) != 1 || got.Choices[0].ID != "m7" {
			t.Errorf("pick by email: %d %+v", code, got)
		}
		if code := o.apiJSON("admin", "GET", "/api/v1/people/pick?q=%25", "", &got); code != 200 || len(got.Choices) != 0 {
			t.Errorf("a %% finds people literally: %d %+v", code, got)
		}

		p, c := newPairsCycle(t, o, "Pick")
		cycle := cyclePath(p.ID, c.ID)
		_, page := o.get("admin", cycle)
		if !strings.Contains(page, `data-pick-source="/api/v1/people/pick"`) || !strings.Contains(page, "/people/pick?for=person_id&amp;return=") {
			t.Fatalf("the enroll form has no person picker:\n%s", page)
		}
		// Without JavaScript: the search page, then its button's GET.
		code, found := o.get("admin", "/people/pick?"+url.Values{"for": {"person_id"}, "return": {cycle + "?status=approved#enroll-h"}, "q": {"max"}}.Encode())
		if code != 200 || !strings.Contains(found, "Finance") || !strings.Contains(found, "Kathmandu") ||
			!strings.Contains(found, `action="`+cycle+`#enroll-h"`) || !strings.Contains(found, `name="person_id" value="m7"`) ||
			!strings.Contains(found, `name="status" value="approved"`) {
			t.Fatalf("search page: %d\n%s", code, found)
		}
		if _, back := o.get("admin", cycle+"?status=approved&person_id=m7"); !strings.Contains(back, `name="person_id" value="m7"`) {
			t.Errorf("the form does not take the chosen person:\n%s", back)
		}
		if code, _ := o.post("admin", cycle+"/enroll", url.Values{"person_id": {"m7"}, "role": {"mentee"}}); code != 303 {
			t.Errorf("enroll the chosen person: %d", code)
		}
		// Only pages of this site to go back to.
		for _, bad := range []string{"https://evil.example/", "//evil.example/x", `/\evil.example`} {
			code, body := o.get("admin", "/people/pick?"+url.Values{"for": {"person_id"}, "return": {bad}}.Encode())
			if code != 422 || !strings.Contains(body, "is not a page of this site") {
				t.Errorf("return %q: %d", bad, code)
			}
		}
		if code, body := o.get("admin", "/people/pick?for=password&return=%2F"); code != 422 || !strings.Contains(body, "not a form field") {
			t.Errorf("for=password: %d", code)
		}
	})
}

// TestSwapPicksAmongEveryPairOfTheRun: the swap form finds any mentee of
// the run, not only the 50 of the page shown, with their mentor beside
// their name; and swapping a mentee with themselves says why it cannot
// be done (issue 9, item 8).
func TestSwapPicksAmongEveryPairOfTheRun(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		ctx := context.Background()
		p, c := newPairsCycle(t, o, "Many")
		const n = pairPageSize + 5
		for i := range n {
			for _, x := range []struct {
				id, name, role  string
				level, capacity int
			}{{fmt.Sprintf("tor%02d", i), fmt.Sprintf("Mentor %02d", i), person.MentoringMentor, 7, 1},
				{fmt.Sprintf("tee%02d", i), fmt.Sprintf("Mentee %02d", i), person.MentoringMentee, 2, 0}} {
				if _, err := o.srv.people.Create(ctx, person.Person{ID: x.id, Name: x.name, Email: x.id + "@example.com", Level: x.level,
					Function: "Engineering", Location: "Berlin", Timezone: "Europe/Berlin", SkillsOffered: []string{"Go"}, SkillsWanted: []string{"Go"},
					Interests: []string{"Chess"}, Languages: []string{"English"}, LearningStyle: "visual",
					MentoringRole: x.role, Capacity: x.capacity}); err != nil {
					t.Fatal(err)
				}
				role := programs.RoleMentee
				if x.role == person.MentoringMentor {
					role = programs.RoleMentor
				}
				if _, err := o.srv.programs.Enroll(ctx, programs.EnrollRequest{ProgramID: p.ID, CycleID: c.ID, PersonID: x.id, Role: role, AdminID: "admin"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		run, err := o.srv.matches.Run(ctx, p.ID, c.ID, mentorships.RunOptions{AdminID: "admin"})
		if err != nil || run.Matched <= pairPageSize {
			t.Fatalf("run: %+v %v", run, err)
		}
		pairs, err := o.srv.matches.Pairs(ctx, p.ID, c.ID, run.ID, mentorships.Page{Limit: pairPageSize, Offset: pairPageSize})
		if err != nil || len(pairs) == 0 {
			t.Fatalf("second page of pairs: %v %v", pairs, err)
		}
		late := pairs[0] // a pair the first page does not show
		path := matchingPath(p.ID, c.ID)
		_, page := o.get("admin", path)
		if strings.Contains(page, late.MenteeName) {
			t.Fatalf("%s is on the first page; the test needs a pair beyond it", late.MenteeName)
		}
		if !strings.Contains(page, `data-pick-source="/api/v1/programs/`+p.ID+`/cycles/`+c.ID+`/matches/pick"`) {
			t.Fatalf("the swap form has no mentee picker:\n%s", page)
		}
		var got pickJSON
		api := "/api/v1/programs/" + p.ID + "/cycles/" + c.ID + "/matches/pick?q=" + url.QueryEscape(late.MenteeName)
		if code := o.apiJSON("admin", "GET", api, "", &got); code != 200 || len(got.Choices) != 1 ||
			got.Choices[0].ID != late.MenteeID || got.Choices[0].Note != "with "+late.MentorName || got.Choices[0].Function != "Engineering" {
			t.Fatalf("pick %s: %d %+v", late.MenteeName, code, got)
		}
		// A mentor is no mentee of the run.
		if code := o.apiJSON("admin", "GET", "/api/v1/programs/"+p.ID+"/cycles/"+c.ID+"/matches/pick?q=mentor", "", &got); code != 200 || len(got.Choices) != 0 {
			t.Errorf("mentors offered as mentees: %d %+v", code, got)
		}
		code, found := o.get("admin", path+"/pick?"+url.Values{"for": {"mentee_b"}, "return": {path + "#swap-h"}, "q": {late.MenteeID}}.Encode())
		if code != 200 || !strings.Contains(found, "with "+late.MentorName) || !strings.Contains(found, `name="mentee_b" value="`+late.MenteeID+`"`) {
			t.Fatalf("mentee search page: %d\n%s", code, found)
		}
		if _, back := o.get("admin", path+"?mentee_b="+late.MenteeID); !strings.Contains(back, `name="mentee_b" value="`+late.MenteeID+`"`) {
			t.Errorf("the swap form does not take the chosen mentee")
		}
		code, body := o.post("admin", path+"/swap", url.Values{"mentee_a": {late.MenteeID}, "mentee_b": {late.MenteeID}})
		if code != 422 || !strings.Contains(body, late.MenteeName+" cannot swap mentors with themselves") {
			t.Errorf("swap with oneself: %d\n%s", code, body)
		}
		first, err := o.srv.matches.Pairs(ctx, p.ID, c.ID, run.ID, mentorships.Page{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if code, _ := o.post("admin", path+"/swap", url.Values{"mentee_a": {first[0].MenteeID}, "mentee_b": {late.MenteeID}}); code != 303 {
			t.Errorf("swap across pages: %d", code)
		}
		// Lock or exclude any pair, its people found by name: the search
		// page comes back with both chosen.
		_, back := o.get("admin", path+"?mentor_id=tor03&mentee_id=tee07")
		if !strings.Contains(back, `name="mentor_id" value="tor03"`) || !strings.Contains(back, `name="mentee_id" value="tee07"`) ||
			!strings.Contains(back, `formaction="`+path+`/exclusions"`) {
			t.Fatalf("the lock or exclude form does not take the chosen pair")
		}
		if code, _ := o.post("admin", path+"/exclusions", url.Values{"mentor_id": {"tor03"}, "mentee_id": {"tee07"}, "back": {path}}); code != 303 {
			t.Errorf("exclude a chosen pair: %d", code)
		}
	})
}

// hasInlineScript reports whether a page holds a script of its own rather
// than one loaded from /static/, which the Content-Security-Policy refuses.
func hasInlineScript(page string) bool {
	return strings.Count(page, "<script") != strings.Count(page, `<script src="/static/`)
}
