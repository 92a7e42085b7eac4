package web

import (
	"net/http"
	"time"

	"github.com/kindredhq/kindred/internal/mail"
)

// outboxLimit is how many of the latest mails the Outbox page lists.
const outboxLimit = 200

// outboxRow is one mail as the Outbox page shows it, in words.
type outboxRow struct {
	mail.Message
	KindLabel, StatusLabel, Created, Sent, Next string
}

func outboxRowOf(m mail.Message) outboxRow {
	r := outboxRow{Message: m, KindLabel: m.Kind.Label(), StatusLabel: mailStatusWords[m.Status], Created: stamp(m.CreatedAt)}
	if m.SentAt != nil {
		r.Sent = stamp(*m.SentAt)
	}
	if m.Status == mail.Queued && m.Attempts > 0 {
		r.Next = stamp(m.NextAt)
	}
	return r
}

// mailStatusWords are a mail's states in words.
var mailStatusWords = map[string]string{
	mail.Queued:  "Waiting",
	mail.Sending: "Being sent",
	mail.Sent:    "Sent",
	mail.Failed:  "Failed",
}

// stamp shows a stored time to the minute, naming its zone (UTC).
func stamp(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 MST") }

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) error {
	ms, err := s.mail.Recent(r.Context(), outboxLimit)
	if err != nil {
		return err
	}
	counts, err := s.mail.Counts(r.Context())
	if err != nil {
		return err
	}
	rows := make([]outboxRow, len(ms))
	for i, m := range ms {
		rows[i] = outboxRowOf(m)
	}
	return s.render(w, r, http.StatusOK, "outbox", map[string]any{"Title": "Outbox", "Section": "outbox",
		"Rows": rows, "Counts": counts, "Sending": s.cfg.MailSending, "Limit": outboxLimit})
}

func (s *Server) outboxMessage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.mail.Message(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "outbox_message", map[string]any{"Title": m.Subject, "Section": "outbox",
		"Mail": outboxRowOf(m), "Sealed": s.cfg.MailSending && carriesSecret[m.Kind]})
}

// carriesSecret are the kinds of mail whose text holds a one-time link
// that lets its reader set a password. While SMTP delivers mail, nobody
// else needs to read them, so the Outbox shows their facts but not their
// text: an admin could otherwise take over the reader's account. Without
// SMTP, admins hand such links on themselves, so the text stays.
var carriesSecret = map[mail.Kind]bool{mail.PasswordReset: true, mail.Invitation: true}
