package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/mail"
)

// outboxOf returns the mails of kind k in the outbox to a person, newest
// first.
func (o *org) outboxOf(personID string, k mail.Kind) []mail.Message {
	o.t.Helper()
	var out []mail.Message
	for _, m := range o.outboxTo(personID) {
		if m.Kind == k {
			out = append(out, m)
		}
	}
	return out
}

// outboxTo returns the mails in the outbox to a person, newest first.
func (o *org) outboxTo(personID string) []mail.Message {
	o.t.Helper()
	ms, err := mail.NewStore(o.d).Recent(context.Background(), 500)
	if err != nil {
		o.t.Fatal(err)
	}
	var out []mail.Message
	for _, m := range ms {
		if m.PersonID == personID {
			out = append(out, m)
		}
	}
	return out
}

func TestDecisionsAreMailedToTheApplicant(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		before := len(o.outboxTo("m2"))
		if code, _, _ := o.submit("admin", "/enrollments/"+w.m1.ID+"/decide", url.Values{"decision": {"approve"}}); code != 303 {
			t.Fatalf("approve: %d", code)
		}
		if code, _, _ := o.submit("admin", "/enrollments/"+w.decide.ID+"/decide", url.Values{"decision": {"decline"}}); code != 303 {
			t.Fatalf("decline: %d", code)
		}
		cycle := "http://kindred.test/programs/" + w.P.ID + "/cycles/" + w.C.ID
		mia := o.outboxTo("m1")
		if len(mia) != 1 || mia[0].Kind != mail.Decision || mia[0].Subject != "You are in: Grow · Q4 2026" ||
			!strings.Contains(mia[0].Text, "Hello Mia Mentor") || !strings.Contains(mia[0].Text, "as mentor was approved") || !strings.Contains(mia[0].Text, cycle) {
			t.Errorf("Mia's mails: %+v; want one approval linking to %s", mia, cycle)
		}
		max := o.outboxTo("m2")
		if len(max) != before+1 || max[0].Subject != "Your application: Grow · Q4 2026" || !strings.Contains(max[0].Text, "as mentor was declined") {
			t.Errorf("Max's newest mail: %+v; want the decline", max[0])
		}
		// A refused decision writes no mail.
		if code, _, _ := o.submit("admin", "/enrollments/"+w.m1.ID+"/decide", url.Values{"decision": {"decline"}}); code != 409 {
			t.Errorf("deciding again: %d, want 409", code)
		}
		if n := len(o.outboxTo("m1")); n != 1 {
			t.Errorf("Mia has %d mails after a refused decision, want 1", n)
		}
	})
}

func TestPublishedMatchesAreMailedToBothOnce(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		r := w.runAndPublish(t)
		pairs := w.mentorOf(t, r.ID)
		if len(pairs) == 0 {
			t.Fatal("no pairs")
		}
		name := map[string]string{"m1": "Mia Mentor", "m3": "Noor Mentor", "m6": "Sol Mentor", "m2": "Max Mentee", "m4": "Lee Mentee", "m5": "Kai Mentee"}
		for mentee, mentor := range pairs {
			me, mo := o.outboxOf(mentee, mail.Matched), o.outboxOf(mentor, mail.Matched)
			if len(me) != 1 || me[0].Subject != "Your mentor in Match · Q4 2026: "+name[mentor] || !strings.Contains(me[0].Text, "Hello "+name[mentee]) ||
				!strings.Contains(me[0].Text, "http://kindred.test"+w.path()) {
				t.Errorf("%s's mails: %+v; want one naming their mentor %s", mentee, me, name[mentor])
			}
			if len(mo) != 1 || !strings.Contains(mo[0].Text, name[mentee]+" is your mentee") {
				t.Errorf("%s's mails: %+v; want one naming their mentee %s", mentor, mo, name[mentee])
			}
		}
		// A re-run keeps the published pairs: publishing it tells nobody again.
		w.runAndPublish(t)
		for mentee, mentor := range pairs {
			if len(o.outboxOf(mentee, mail.Matched)) != 1 || len(o.outboxOf(mentor, mail.Matched)) != 1 {
				t.Errorf("re-publishing kept pairs mailed %s or %s again", mentee, mentor)
			}
		}
	})
}

func TestRematchRequestsAndAnswersAreMailed(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		r := w.runAndPublish(t)
		mentor := map[string]string{"m1": "Mia Mentor", "m3": "Noor Mentor", "m6": "Sol Mentor"}[w.mentorOf(t, r.ID)["m2"]]
		for i, answer := range []struct {
			action string
			says   string
		}{{"dismiss", "kept the pair of Max Mentee and " + mentor}, {"rematch", "agreed to a new match"}} {
			if code, _, _ := o.submit("m2", w.path()+"/rematch-requests", url.Values{"reason": {"Our hours never overlap."}}); code != 303 {
				t.Fatalf("request: %d", code)
			}
			asked := o.outboxOf("admin", mail.RematchRequested)
			if len(asked) == 0 || asked[0].Subject != "Re-match asked for in Match · Q4 2026: Max Mentee and "+mentor ||
				!strings.Contains(asked[0].Text, "Max Mentee asks for a new match") || !strings.Contains(asked[0].Text, "Our hours never overlap.") ||
				!strings.Contains(asked[0].Text, "http://kindred.test"+w.path()) {
				t.Fatalf("the admin's mail about the request: %+v", asked)
			}
			if n := len(o.outboxOf("sponsor", mail.RematchRequested)) + len(o.outboxOf("m1", mail.RematchRequested)); n != 0 {
				t.Errorf("%d re-match mails went to people who do not manage programs", n)
			}
			reqs, err := w.ms.RematchRequests(context.Background(), w.P.ID, w.C.ID, true)
			if err != nil || len(reqs) != 1 {
				t.Fatalf("requests: %+v %v", reqs, err)
			}
			if code, _, _ := o.submit("admin", w.path()+"/rematch-requests/"+reqs[0].ID+"/resolve", url.Values{"action": {answer.action}}); code != 303 {
				t.Fatalf("%s: %d", answer.action, code)
			}
			got := o.outboxOf("m2", mail.RematchResolved)
			said := false
			for _, m := range got {
				said = said || strings.Contains(m.Text, answer.says)
			}
			if len(got) != i+1 || !said {
				t.Errorf("after %s, Max's answers: %+v; want one more, saying %q", answer.action, got, answer.says)
			}
		}
	})
}

func TestPublishedCirclesAreMailedWithTheFirstMeetingInEachZone(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		ctx := context.Background()
		w := newCircleWorld(t, o)
		circles := func(f formations.Formation) []formations.Circle {
			cs, err := o.srv.circles.Circles(ctx, w.P.ID, w.C.ID, f.ID, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			return cs
		}
		checked := 0
		for _, c := range circles(w.pubC) {
			if !c.HasSlot {
				continue
			}
			first := formations.SessionStarts(w.C, w.P.Cadence, c.Slot)
			var at time.Time
			for _, s := range first {
				if !s.Before(testNow) {
					at = s
					break
				}
			}
			for _, m := range c.Members {
				checked++
				got := o.outboxOf(m.PersonID, mail.CirclePublished)
				zone, _ := time.LoadLocation(m.Person.Timezone)
				when := at.In(zone).Format("Monday 2 January 2006, 15:04") + " (" + m.Person.Timezone + ")"
				if len(got) != 1 || got[0].Subject != "Your circle in Circles · Q4 2026" || !strings.Contains(got[0].Text, "Hello "+m.Person.Name) ||
					!strings.Contains(got[0].Text, "Your first meeting: "+when+", for 60 minutes") {
					t.Fatalf("%s's circle mails: %+v; want one with the first meeting %s", m.PersonID, got, when)
				}
				for _, o := range c.Members {
					if has := strings.Contains(got[0].Text, "- "+o.Person.Name+"\n"); has != (o.PersonID != m.PersonID) {
						t.Errorf("%s's mail lists %s: %v", m.PersonID, o.PersonID, has)
					}
				}
			}
		}
		if checked == 0 {
			t.Fatal("no circle has a meeting time to check")
		}
		// Moving one person and publishing again mails only the people of
		// the two circles that changed.
		who, to := allowedMove(t, o, w.P, w.C)
		if _, _, err := o.srv.circles.Move(ctx, formations.MoveRequest{ProgramID: w.P.ID, CycleID: w.C.ID, PersonID: who, ToCircle: to, AdminID: "admin"}); err != nil {
			t.Fatal(err)
		}
		l, err := o.srv.circles.Latest(ctx, w.P.ID, w.C.ID)
		if err != nil || l.Draft == nil {
			t.Fatalf("no draft after the move: %v", err)
		}
		from, _ := o.srv.circles.CircleOf(ctx, w.pubC.ID, who)
		pub, err := o.srv.circles.Publish(ctx, w.P.ID, w.C.ID, l.Draft.ID, "admin")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range circles(pub) {
			for _, m := range c.Members {
				was, _ := o.srv.circles.CircleOf(ctx, w.pubC.ID, m.PersonID)
				changed := c.Number == to || was == from
				if n := len(o.outboxOf(m.PersonID, mail.CirclePublished)); n != map[bool]int{true: 2, false: 1}[changed] {
					t.Errorf("%s (circle %d, was %d) has %d circle mails after a move from %d to %d", m.PersonID, c.Number, was, n, from, to)
				}
			}
		}
	})
}
