package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/mail"
)

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
