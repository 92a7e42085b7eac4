package mail_test

import (
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/orgtest"
)

func enqueueDecision(t *testing.T, o *orgtest.Org, to string) {
	t.Helper()
	err := o.DB.Tx(o.Ctx, func(tx db.Querier) error {
		return testOutbox.Enqueue(o.Ctx, tx, o.Now(), mail.Decision, to, mail.DecisionData{Approved: true, Role: "mentor",
			Program: "Grow", Cycle: "Q4 2026", Path: "/programs/p/cycles/c"})
	})
	if err != nil {
		t.Fatalf("enqueue: %v", err)
	}
}

// An optional mail carries a one-click unsubscribe link (RFC 8058) in its
// headers and its text; the link stops that kind of mail for its reader.
func TestOptionalMailCarriesAWorkingUnsubscribe(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		srv := newSMTPServer(t, plainOnly)
		o.AddPerson("ada", "Ada Lovelace", true)
		enqueueDecision(t, o, "ada")
		enqueueInvitation(t, o, "ada")
		w := mail.NewWorker(o.DB, srv.sender(false), from, o.Now, nil)
		if res, err := w.RunOnce(o.Ctx); err != nil || res.Sent != 2 {
			t.Fatalf("RunOnce = %+v, %v", res, err)
		}
		var link string
		for _, r := range srv.received() {
			p := parse(t, r.Raw)
			lu, post := p.Header.Get("List-Unsubscribe"), p.Header.Get("List-Unsubscribe-Post")
			switch p.Subject {
			case "You are invited to Kindred":
				if lu != "" || post != "" || strings.Contains(p.Text, "Stop mails") {
					t.Errorf("an invitation, always sent, offers to unsubscribe: %q %q", lu, post)
				}
			case "You are in: Grow · Q4 2026":
				if !strings.HasPrefix(lu, "<https://kindred.example.com/unsubscribe/uns_") || !strings.HasSuffix(lu, ">") || post != "List-Unsubscribe=One-Click" {
					t.Fatalf("List-Unsubscribe %q, List-Unsubscribe-Post %q", lu, post)
				}
				link = strings.Trim(lu, "<>")
				if !strings.Contains(p.Text, "Stop mails like this one (Decisions on your applications): "+link) || !strings.Contains(p.HTML, `href="`+link+`"`) ||
					!strings.Contains(p.Text, "https://kindred.example.com/settings/mail") {
					t.Errorf("the text does not carry the unsubscribe link:\n%s", p.Text)
				}
				if !strings.Contains(p.Text, "https://kindred.example.com/programs/p/cycles/c") {
					t.Errorf("the link to the cycle is missing:\n%s", p.Text)
				}
			default:
				t.Errorf("unexpected mail %q", p.Subject)
			}
		}
		store := mail.NewStore(o.DB)
		secret := link[strings.LastIndexByte(link, '/')+1:]
		if u, err := store.UnsubscribeLink(o.Ctx, secret); err != nil || u != (mail.Unsubscription{PersonID: "ada", Kind: mail.Decision}) {
			t.Fatalf("UnsubscribeLink = %+v, %v", u, err)
		}
		for range 2 { // a second click changes nothing
			if _, err := store.Unsubscribe(o.Ctx, secret, o.Now()); err != nil {
				t.Fatal(err)
			}
		}
		_, err := store.Unsubscribe(o.Ctx, secret+"x", o.Now())
		errstest.WantErr(t, err, errs.NotFound, "")
		enqueueDecision(t, o, "ada")
		enqueueInvitation(t, o, "ada")
		ms, err := store.Recent(o.Ctx, 10)
		if err != nil || len(ms) != 3 {
			t.Fatalf("after unsubscribing: %d mails (%v); want only the new invitation added", len(ms), err)
		}
		cs, err := store.Choices(o.Ctx, "ada")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if want := c.Kind != mail.Decision; c.On != want {
				t.Errorf("choice %s on = %v, want %v", c.Kind, c.On, want)
			}
		}
		// Choosing it again turns it back on; an invitation cannot be turned off.
		if err := store.Choose(o.Ctx, "ada", map[mail.Kind]bool{mail.Decision: true}, o.Now()); err != nil {
			t.Fatal(err)
		}
		enqueueDecision(t, o, "ada")
		if ms, _ := store.Recent(o.Ctx, 10); len(ms) != 4 {
			t.Errorf("after choosing decisions again: %d mails, want 4", len(ms))
		}
	})
}

func TestKindsAreListedOnceWithLabels(t *testing.T) {
	seen := map[mail.Kind]bool{}
	for _, k := range mail.Kinds {
		if seen[k] || k.Label() == string(k) {
			t.Errorf("kind %s listed twice or without a label", k)
		}
		seen[k] = true
	}
	if mail.Invitation.Optional() || !mail.Matched.Optional() {
		t.Error("invitations must be always sent, matches optional")
	}
}
