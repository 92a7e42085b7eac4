package mail

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/people"
)

// The states of a message in the outbox.
const (
	Queued  = "queued"  // waiting to be sent, or to be tried again
	Sending = "sending" // a worker holds it until next_attempt_at
	Sent    = "sent"
	Failed  = "failed" // tried MaxAttempts times; stays for an admin to read
)

// Outbox writes mails for their readers; the links in them point at the
// installation's external address.
type Outbox struct {
	baseURL string
}

// NewOutbox returns an Outbox whose mails link to baseURL (e.g.
// https://kindred.example.com).
func NewOutbox(baseURL string) *Outbox {
	return &Outbox{baseURL: strings.TrimSuffix(baseURL, "/")}
}

// URL is the whole address of path on this installation.
func (o *Outbox) URL(path string) string { return o.baseURL + path }

// Enqueue writes a mail of kind k with data for person to in tx, the
// transaction of the change that causes it, so the mail exists exactly when
// the change does. It is rendered now, for its reader, and due at once.
// Nothing is written for a deactivated person, nor for an optional kind the
// reader turned off.
func (o *Outbox) Enqueue(ctx context.Context, tx db.Querier, now time.Time, k Kind, to string, data any) error {
	r, err := people.RecipientOf(ctx, tx, to)
	if err != nil {
		return fmt.Errorf("enqueue %s mail: %w", k, err)
	}
	if !r.Active {
		return nil // a deactivated person gets no mail
	}
	now = now.UTC()
	var unsubscribe string
	if k.Optional() {
		off, err := optedOut(ctx, tx, r.ID, k)
		if err != nil || off {
			return err // the reader chose not to get these
		}
		secret, hash := newSecret()
		if _, err := tx.ExecContext(ctx, "INSERT INTO mail_unsubscribes (token_hash, person_id, kind, created_at) VALUES (?, ?, ?, ?)",
			hash, r.ID, string(k), now); err != nil {
			return fmt.Errorf("enqueue %s mail: %w", k, err)
		}
		unsubscribe = o.URL("/unsubscribe/" + secret)
	}
	m, err := render(k, r, data, o.baseURL, unsubscribe)
	if err != nil {
		return fmt.Errorf("enqueue %s mail: %w", k, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO mail_outbox
		(id, kind, person_id, to_addr, to_name, subject, text_body, html_body, unsubscribe_url, status, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		db.NewID("mail_"), string(k), r.ID, r.Email, r.Name, m.subject, m.text, m.html, unsubscribe, Queued, now, now)
	if err != nil {
		return fmt.Errorf("enqueue %s mail to %s: %w", k, to, err)
	}
	return nil
}

// Message is a mail in the outbox.
type Message struct {
	ID       string
	Kind     Kind
	PersonID string
	To       string // address
	ToName   string
	Subject  string
	Text     string
	HTML     string
	// Unsubscribe is the one-click unsubscribe link of an optional mail
	// (List-Unsubscribe); empty for mails that are always sent.
	Unsubscribe string
	Status      string
	Attempts    int
	LastError   string
	CreatedAt   time.Time
	NextAt      time.Time // when a queued message is next tried
	SentAt      *time.Time
}

const messageColumns = `id, kind, COALESCE(person_id, ''), to_addr, to_name, subject, text_body, html_body, unsubscribe_url,
	status, attempts, last_error, created_at, next_attempt_at, sent_at`

func scanMessage(sc db.Scanner) (Message, error) {
	var m Message
	var kind string
	var sent sql.NullTime
	err := sc.Scan(&m.ID, &kind, &m.PersonID, &m.To, &m.ToName, &m.Subject, &m.Text, &m.HTML, &m.Unsubscribe,
		&m.Status, &m.Attempts, &m.LastError, &m.CreatedAt, &m.NextAt, &sent)
	m.Kind = Kind(kind)
	m.SentAt = db.TimePtr(sent)
	return m, err
}

// Store reads the outbox, for the admins who look after it.
type Store struct {
	db *db.DB
}

// NewStore returns a Store over d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// Recent returns the latest limit messages, newest first.
func (s *Store) Recent(ctx context.Context, limit int) ([]Message, error) {
	ms, err := db.QueryAll(ctx, s.db.Read(), scanMessage,
		"SELECT "+messageColumns+" FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return ms, nil
}

// Message returns one message of the outbox; an unknown id is NotFound.
func (s *Store) Message(ctx context.Context, id string) (Message, error) {
	m, err := scanMessage(s.db.Read().QueryRowContext(ctx, "SELECT "+messageColumns+" FROM mail_outbox WHERE id = ?", id))
	if err != nil {
		return Message{}, fmt.Errorf("read mail %s: %w", id, db.NotFound(err, "no such mail"))
	}
	return m, nil
}

// Counts returns how many messages are in each state.
func (s *Store) Counts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	err := db.EachRow(ctx, s.db.Read(), func(sc db.Scanner) error {
		var st string
		var n int
		err := sc.Scan(&st, &n)
		out[st] = n
		return err
	}, "SELECT status, COUNT(*) FROM mail_outbox GROUP BY status")
	if err != nil {
		return nil, fmt.Errorf("count outbox: %w", err)
	}
	return out, nil
}
