package mail_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/orgtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var from = mail.Address{Name: "Kindred", Email: "kindred@example.com"}

var testOutbox = mail.NewOutbox("https://kindred.example.com")

// parsed is a received message read back as a mail client reads it.
type parsed struct {
	Header     netmail.Header
	Subject    string
	Text, HTML string
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, raw)
	}
	var p parsed
	p.Header = m.Header
	if p.Subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := r.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("next part: %v", err)
		}
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		switch ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct {
		case "text/plain":
			p.Text = strings.ReplaceAll(string(body), "\r\n", "\n")
		case "text/html":
			p.HTML = string(body)
		default:
			t.Fatalf("unexpected part %s", ct)
		}
	}
	return p
}

// enqueueInvitation writes an invitation to person in a transaction of its
// own, as a store would with its change.
func enqueueInvitation(t *testing.T, o *orgtest.Org, to string) {
	t.Helper()
	err := o.DB.Tx(o.Ctx, func(tx db.Querier) error {
		return testOutbox.Enqueue(o.Ctx, tx, o.Now(), mail.Invitation, to, mail.InvitationData{
			By: "Grace Hopper", Link: "https://kindred.example.com/invite/inv_abc", Expires: o.Now().Add(7 * 24 * time.Hour),
		})
	})
	if err != nil {
		t.Fatalf("enqueue: %v", err)
	}
}

func TestMailReachesItsReaderInTheirZone(t *testing.T) {
	for _, mode := range []struct {
		name     string
		tls      tlsMode
		implicit bool
	}{{"plain", plainOnly, false}, {"starttls", startTLS, false}, {"implicit-tls", implicitTLS, true}} {
		t.Run(mode.name, func(t *testing.T) {
			orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
				srv := newSMTPServer(t, mode.tls)
				o.AddPerson("ada", "Ada Lovelace", true) // Europe/Berlin
				enqueueInvitation(t, o, "ada")
				w := mail.NewWorker(o.DB, srv.sender(mode.implicit), from, o.Now, nil)
				res, err := w.RunOnce(o.Ctx)
				if err != nil || res.Sent != 1 {
					t.Fatalf("RunOnce = %+v, %v; want one sent", res, err)
				}
				got := srv.received()
				if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "ada@example.com" || got[0].From != "kindred@example.com" {
					t.Fatalf("envelopes %+v, want one from kindred@ to ada@example.com", got)
				}
				p := parse(t, got[0].Raw)
				if to := p.Header.Get("To"); to != `"Ada Lovelace" <ada@example.com>` {
					t.Errorf("To = %q", to)
				}
				if p.Subject != "You are invited to Kindred" {
					t.Errorf("Subject = %q", p.Subject)
				}
				// 8 November 2026 09:00 UTC is 10:00 in Berlin (CET).
				for _, want := range []string{"Hello Ada Lovelace,", "Grace Hopper invited you", "https://kindred.example.com/invite/inv_abc", "Sunday 8 November 2026, 10:00 (Europe/Berlin)"} {
					if !strings.Contains(p.Text, want) {
						t.Errorf("plain text lacks %q:\n%s", want, p.Text)
					}
					if !strings.Contains(p.HTML, want) {
						t.Errorf("HTML lacks %q:\n%s", want, p.HTML)
					}
				}
				if !strings.Contains(p.HTML, `<a href="https://kindred.example.com/invite/inv_abc">`) {
					t.Errorf("HTML has no link:\n%s", p.HTML)
				}
				ms, err := mail.NewStore(o.DB).Recent(o.Ctx, 10)
				if err != nil || len(ms) != 1 || ms[0].Status != mail.Sent || ms[0].Attempts != 1 || ms[0].SentAt == nil {
					t.Fatalf("outbox %+v, %v; want one sent after one attempt", ms, err)
				}
				if res, err := w.RunOnce(o.Ctx); err != nil || res != (mail.Result{}) || len(srv.received()) != 1 {
					t.Errorf("second RunOnce = %+v, %v, %d received; want nothing more", res, err, len(srv.received()))
				}
			})
		})
	}
}

func TestMailIsWrittenOnlyWithItsChange(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		o.AddPerson("ada", "Ada Lovelace", true)
		failed := errors.New("the change failed")
		err := o.DB.Tx(o.Ctx, func(tx db.Querier) error {
			if err := testOutbox.Enqueue(o.Ctx, tx, o.Now(), mail.Invitation, "ada", mail.InvitationData{Link: "x", Expires: o.Now()}); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("Tx = %v", err)
		}
		if ms, err := mail.NewStore(o.DB).Recent(o.Ctx, 10); err != nil || len(ms) != 0 {
			t.Fatalf("outbox after a rolled-back change: %+v, %v; want empty", ms, err)
		}
		err = o.DB.Tx(o.Ctx, func(tx db.Querier) error {
			return testOutbox.Enqueue(o.Ctx, tx, o.Now(), mail.Invitation, "nobody", mail.InvitationData{})
		})
		if err == nil {
			t.Fatal("a mail to no one was written")
		}
		// A deactivated person gets no mail.
		o.AddPerson("gone", "Gone Person", false)
		enqueueInvitation(t, o, "gone")
		if ms, err := mail.NewStore(o.DB).Recent(o.Ctx, 10); err != nil || len(ms) != 0 {
			t.Fatalf("outbox after a mail to a deactivated person: %+v, %v; want empty", ms, err)
		}
	})
}

func TestFailingServerRetriesWithBackoffThenFailsVisibly(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		srv := newSMTPServer(t, plainOnly)
		srv.setRefuse(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailbox busy"})
		o.AddPerson("ada", "Ada Lovelace", true)
		enqueueInvitation(t, o, "ada")
		now := o.Now()
		w := mail.NewWorker(o.DB, srv.sender(false), from, func() time.Time { return now }, nil)
		store := mail.NewStore(o.DB)
		one := func() mail.Message {
			t.Helper()
			ms, err := store.Recent(o.Ctx, 10)
			if err != nil || len(ms) != 1 {
				t.Fatalf("outbox %+v, %v; want the one message", ms, err)
			}
			return ms[0]
		}
		for attempt := 1; attempt < mail.MaxAttempts; attempt++ {
			res, err := w.RunOnce(o.Ctx)
			if err != nil || res != (mail.Result{Retrying: 1}) {
				t.Fatalf("attempt %d: RunOnce = %+v, %v; want one retrying", attempt, res, err)
			}
			m := one()
			wait := mail.Backoff(attempt)
			if m.Status != mail.Queued || m.Attempts != attempt || !m.NextAt.Equal(now.Add(wait)) || !strings.Contains(m.LastError, "mailbox busy") {
				t.Fatalf("attempt %d: %s, %d attempts, next %v, error %q; want queued, next in %v, the server's error", attempt, m.Status, m.Attempts, m.NextAt, m.LastError, wait)
			}
			// Not due yet: nothing is tried.
			now = now.Add(wait - time.Second)
			if res, err := w.RunOnce(o.Ctx); err != nil || res != (mail.Result{}) {
				t.Fatalf("attempt %d: RunOnce before the backoff = %+v, %v; want nothing", attempt, res, err)
			}
			now = now.Add(time.Second)
		}
		if res, err := w.RunOnce(o.Ctx); err != nil || res != (mail.Result{Failed: 1}) {
			t.Fatalf("last attempt: RunOnce = %+v, %v; want one failed", res, err)
		}
		if m := one(); m.Status != mail.Failed || m.Attempts != mail.MaxAttempts || !strings.Contains(m.LastError, "451") {
			t.Fatalf("after the last attempt: %+v; want failed with the server's error", m)
		}
		now = now.Add(24 * time.Hour)
		srv.setRefuse(nil)
		if res, err := w.RunOnce(o.Ctx); err != nil || res != (mail.Result{}) || len(srv.received()) != 0 {
			t.Fatalf("a failed message was tried again: %+v, %v", res, err)
		}
	})
}

func TestBackoffDoublesUpToItsCap(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := mail.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

// Two workers (two replicas) on one PostgreSQL outbox send every message
// exactly once.
func TestTwoWorkersSendEachMailOnce(t *testing.T) {
	o := orgtest.New(t, dbtest.Open(t, db.Postgres), nil)
	srv := newSMTPServer(t, plainOnly)
	o.AddPerson("ada", "Ada Lovelace", true)
	const n = 120
	err := o.DB.Tx(o.Ctx, func(tx db.Querier) error {
		for range n {
			if err := testOutbox.Enqueue(o.Ctx, tx, o.Now(), mail.Invitation, "ada", mail.InvitationData{Link: "x", Expires: o.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]mail.Result, 2)
	errs := make([]error, 2)
	start := make(chan struct{})
	for i := range 2 {
		w := mail.NewWorker(o.DB, srv.sender(false), from, o.Now, nil)
		wg.Go(func() {
			<-start
			results[i], errs[i] = w.RunOnce(context.Background())
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
	}
	if results[0].Sent+results[1].Sent != n {
		t.Fatalf("workers sent %d + %d, want %d in all", results[0].Sent, results[1].Sent, n)
	}
	t.Logf("worker shares: %d and %d", results[0].Sent, results[1].Sent)
	seen := map[string]int{}
	for _, r := range srv.received() {
		id := parse(t, r.Raw).Header.Get("Message-ID")
		seen[strings.SplitN(strings.Trim(id, "<>"), ".", 2)[0]]++
	}
	ms, err := mail.NewStore(o.DB).Recent(o.Ctx, 2*n)
	if err != nil || len(ms) != n {
		t.Fatalf("outbox: %d, %v", len(ms), err)
	}
	for _, m := range ms {
		if seen[m.ID] != 1 || m.Status != mail.Sent || m.Attempts != 1 {
			t.Errorf("%s: received %d times, %s after %d attempts; want once, sent after one", m.ID, seen[m.ID], m.Status, m.Attempts)
		}
	}
}
