package web

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/programs"
)

// section returns the part of page from the element with id to the end of
// its section, or "" if the page has no such id.
func section(page, id string) string {
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := page[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		return rest[:j]
	}
	return rest
}

// TestStartPageSaysRolesInWordsAndOffersOnlyNewPrograms: the start page
// shows "Circle member", not circle_member, nor "admin" for a program
// manager, and "Programs you can join" leaves out the programs one is in
// (issue 9, item 9).
func TestStartPageSaysRolesInWordsAndOffersOnlyNewPrograms(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newCircleWorld(t, o) // m2 is a circle member of "Circles"; "Pairs" has no cycle yet
		ctx := context.Background()
		if _, err := o.srv.programs.CreateCycle(ctx, programs.Cycle{ProgramID: w.Q.ID, Name: "Q4", StartsOn: "2026-10-01", EndsOn: "2026-12-31"}); err != nil {
			t.Fatal(err)
		}
		_, home := o.get("m2", "/")
		if strings.Contains(home, "circle_member") || !strings.Contains(home, "as Circle member") || !strings.Contains(home, ">Approved<") {
			t.Errorf("roles and statuses are not in words:\n%s", section(home, "mine-h"))
		}
		join := section(home, "open-h")
		if strings.Contains(join, "/programs/"+w.P.ID+`"`) || !strings.Contains(join, "/programs/"+w.Q.ID+`"`) {
			t.Errorf("programs you can join:\n%s", join)
		}
		if _, home := o.get("sponsor", "/"); !strings.Contains(section(home, "open-h"), "/programs/"+w.P.ID+`"`) {
			t.Errorf("the sponsor, in no program, is not offered %s", w.P.Name)
		}
		if _, home := o.get("admin", "/"); strings.Contains(home, `">admin</span>`) || !strings.Contains(home, `">program manager</span>`) {
			t.Errorf("the admin's badge says a raw value")
		}
		if _, page := o.get("admin", "/people/admin"); strings.Contains(page, `">admin</span>`) || !strings.Contains(page, `<option value="admin" selected>program manager</option>`) {
			t.Errorf("the person page says a raw access role")
		}
	})
}

// TestStartPageCountsCurrentCyclesOnly: the approved participants by role
// leave out an ended cycle's mentors (issue 9, item 9).
func TestStartPageCountsCurrentCyclesOnly(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		ctx := context.Background()
		// Enroll in the ended cycle while it ran: a store on that day's clock.
		spring := programs.NewStore(o.d, o.srv.people, nil, func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
		p, err := spring.CreateProgram(ctx, programs.Program{Name: "Spring and autumn", CodeOfConduct: "Be kind.",
			Engagements: []string{programs.EngagementOneOnOne}, CreatedBy: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		ended, err := spring.CreateCycle(ctx, programs.Cycle{ProgramID: p.ID, Name: "Spring", StartsOn: "2026-03-01", EndsOn: "2026-06-30"})
		if err != nil {
			t.Fatal(err)
		}
		current, err := spring.CreateCycle(ctx, programs.Cycle{ProgramID: p.ID, Name: "Autumn", StartsOn: "2026-10-01", EndsOn: "2026-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []struct {
			c      programs.Cycle
			person string
		}{{ended, "m1"}, {ended, "sponsor"}, {current, "m1"}} {
			if _, err := spring.Enroll(ctx, programs.EnrollRequest{ProgramID: p.ID, CycleID: e.c.ID, PersonID: e.person, Role: programs.RoleMentor, AdminID: "admin"}); err != nil {
				t.Fatal(err)
			}
		}
		_, home := o.get("admin", "/")
		if !strings.Contains(home, `aria-label="Mentor: 1"`) {
			t.Errorf("mentors of an ended cycle are counted:\n%s", section(home, "glance-h"))
		}
	})
}

// TestImportPageHighlightsImport: the navigation marks Import, not People,
// on the import page (issue 9, item 9).
func TestImportPageHighlightsImport(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		_, page := o.get("admin", "/import")
		if !strings.Contains(page, `<a href="/import" aria-current="page">`) || strings.Contains(page, `<a href="/people" aria-current="page">`) {
			t.Errorf("import page navigation:\n%.1500s", page)
		}
	})
}

// TestAdminStartPageListsRematchRequests: an open re-match request waits
// on the program managers' start page too, linked to its matching page
// (issue 9, item 9).
func TestAdminStartPageListsRematchRequests(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		w.runAndPublish(t)
		if _, err := w.ms.RequestRematch(context.Background(), mentorships.RematchInput{ProgramID: w.P.ID, CycleID: w.C.ID,
			PersonID: "m2", Reason: "Our hours never overlap."}); err != nil {
			t.Fatal(err)
		}
		_, home := o.get("admin", "/")
		box := section(home, "rematch-h")
		if !strings.Contains(box, "Our hours never overlap.") || !strings.Contains(box, "Max Mentee") || !strings.Contains(box, w.path()+"#requests-h") {
			t.Errorf("the admin's start page lacks the request:\n%s", box)
		}
		if _, home := o.get("m1", "/"); strings.Contains(home, "Our hours never overlap.") {
			t.Errorf("a member sees another's re-match request")
		}
	})
}

// TestAdminReadsMatchReasonsInThirdPerson: the admin's matching page words
// each pair's reasons from outside the pair, never "you" (issue 9, item 9).
func TestAdminReadsMatchReasonsInThirdPerson(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		w.runAndPublish(t)
		_, page := o.get("admin", w.path())
		you := regexp.MustCompile(`\b[Yy]ou(r)?\b`)
		reasons := regexp.MustCompile(`(?s)<ul class="reasons">.*?</ul>|<table class="factors">.*?</table>`).FindAllString(page, -1)
		if len(reasons) == 0 {
			t.Fatal("no reasons on the admin's page")
		}
		for _, r := range reasons {
			if you.MatchString(r) {
				t.Errorf("the admin reads a reason for the mentee: %s", r)
			}
		}
		if !strings.Contains(page, "offers Go, which Lee Mentee wants") {
			t.Errorf("no reason names the mentee")
		}
	})
}

// TestRematchErrorIsNeverHidden: a re-match request about a pair no form
// on the page shows still says why it was not sent, and the form that
// holds an error is open (issue 9, item 9: an error in a collapsed
// section stayed hidden).
func TestRematchErrorIsNeverHidden(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		w.runAndPublish(t)
		code, _, body := o.submit("m1", w.path()+"/rematch-requests", map[string][]string{"mentee_id": {"m2"}, "reason": {"Not mine."}})
		if code != 422 || !strings.Contains(body, "Your re-match request was not sent. Mentee: is not one of your mentees in this cycle") {
			t.Errorf("a request about another's mentee: %d\n%s", code, body)
		}
		code, _, body = o.submit("m2", w.path()+"/rematch-requests", map[string][]string{"reason": {" "}})
		if code != 422 || !regexp.MustCompile(`<details class="rematch" open>\s*<summary>Ask for a re-match</summary>\s*<div class="error-box"`).MatchString(body) {
			t.Errorf("the form with the error is closed: %d", code)
		}
	})
}
