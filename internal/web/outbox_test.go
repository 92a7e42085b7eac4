package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mail"
)

// enqueueTestMail writes an invitation to m2 into the outbox and returns
// its id.
var testOutbox = mail.NewOutbox("http://kindred.test")

func enqueueTestMail(t *testing.T, o *org) string {
	t.Helper()
	ctx := context.Background()
	err := o.d.Tx(ctx, func(tx db.Querier) error {
		return testOutbox.Enqueue(ctx, tx, testNow, mail.Invitation, "m2", mail.InvitationData{
			By: "Ada Admin", Link: "http://kindred.test/invite/inv_x", Expires: testNow.Add(7 * 24 * time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := mail.NewStore(o.d).Recent(ctx, 1)
	if err != nil || len(ms) != 1 {
		t.Fatalf("outbox: %v, %v", ms, err)
	}
	return ms[0].ID
}

func TestOutboxRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		id := enqueueTestMail(t, o)
		runAccessTable(t, o, []accessCase{
			{method: "GET", path: "/outbox", want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "GET", path: "/outbox/" + id, want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "GET", path: "/outbox/mail_nobody", want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
		})
	})
}

func TestOutboxShowsMailThatStaysWithoutSMTP(t *testing.T) {
	o := newOrg(t, db.SQLite)
	id := enqueueTestMail(t, o)
	_, page := o.get("admin", "/outbox")
	for _, want := range []string{"No mail server is set", "--smtp", "Max Mentee", "max@example.com", "You are invited to Kindred",
		"Invitations to Kindred", "Waiting", `href="/outbox/` + id + `"`, `href="/outbox" aria-current="page"`} {
		if !strings.Contains(page, want) {
			t.Errorf("Outbox page lacks %q", want)
		}
	}
	_, page = o.get("admin", "/outbox/"+id)
	// 9 November 2026 10:00 UTC is 15:45 in Kathmandu, m2's zone.
	for _, want := range []string{"Hello Max Mentee,", "http://kindred.test/invite/inv_x", "Monday 9 November 2026, 15:45 (Asia/Kathmandu)", "Waiting"} {
		if !strings.Contains(page, want) {
			t.Errorf("the mail's page lacks %q", want)
		}
	}
	if _, home := o.get("m1", "/"); strings.Contains(home, `href="/outbox"`) {
		t.Error("a member's navigation offers the Outbox")
	}
	// Once SMTP delivers mail, an admin reads the facts of an invitation but
	// not its one-time link, which would let them set Max's password.
	o.srv.cfg.MailSending = true
	_, page = o.get("admin", "/outbox/"+id)
	if strings.Contains(page, "/invite/inv_x") || !strings.Contains(page, "its text is not shown here") || !strings.Contains(page, "max@example.com") {
		t.Errorf("with SMTP sending, the invitation's link shows on the Outbox:\n%s", page)
	}
}

func TestInvitingMailsTheLinkInTheSameChange(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		code, page := o.post("admin", "/people/m2/invite", nil)
		i := strings.Index(page, "http://kindred.test/invite/inv_")
		if code != 200 || i < 0 {
			t.Fatalf("invite: %d, no link on the page", code)
		}
		link := page[i : i+strings.IndexByte(page[i:], '"')]
		ms, err := mail.NewStore(o.d).Recent(context.Background(), 10)
		if err != nil || len(ms) != 1 {
			t.Fatalf("outbox: %+v, %v; want one mail", ms, err)
		}
		m := ms[0]
		if m.Kind != mail.Invitation || m.To != "max@example.com" || m.PersonID != "m2" || !strings.Contains(m.Text, link) ||
			!strings.Contains(m.Text, "Ada Admin invited you") || !strings.Contains(m.Text, "Hello Max Mentee") {
			t.Fatalf("mail %+v; want an invitation to max@example.com from Ada Admin with %s", m, link)
		}
		// The link in the mail works.
		if code, _ := o.get("anon", strings.TrimPrefix(link, "http://kindred.test")); code != 200 {
			t.Errorf("the mailed link answers %d", code)
		}
	})
}
