package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

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
