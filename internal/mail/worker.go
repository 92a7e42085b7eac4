package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/kindredhq/kindred/internal/db"
)

// Retry rules: a failed message is tried again after FirstRetry, doubling
// each time up to MaxRetry, and marked failed after MaxAttempts tries.
const (
	FirstRetry  = time.Minute
	MaxRetry    = time.Hour
	MaxAttempts = 8
	// Lease is how long a worker holds a claimed message; if it has neither
	// sent it nor recorded a failure by then (it died), another worker may
	// take it up, so a message is never lost.
	Lease = 10 * time.Minute
)

// Backoff is how long to wait before the next try of a message tried
// attempts times: FirstRetry doubled for each try after the first, at most
// MaxRetry.
func Backoff(attempts int) time.Duration {
	d := FirstRetry
	for i := 1; i < attempts && d < MaxRetry; i++ {
		d *= 2
	}
	return min(d, MaxRetry)
}

// Sender delivers one composed message.
type Sender interface {
	Send(ctx context.Context, from, to string, raw []byte) error
}

// Worker sends the outbox's due messages through a Sender.
type Worker struct {
	db    *db.DB
	send  Sender
	from  Address
	now   func() time.Time
	batch int
	log   *slog.Logger
}

// NewWorker returns a Worker sending from from through send; now nil means
// time.Now, log nil means slog.Default.
func NewWorker(d *db.DB, send Sender, from Address, now func() time.Time, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.Default()
	}
	return &Worker{db: d, send: send, from: from, now: db.UTCClock(now), batch: 20, log: log}
}

// Run calls RunOnce every interval until ctx ends.
func (w *Worker) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("mail worker", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Result is what one RunOnce did.
type Result struct {
	Sent, Retrying, Failed int
}

// RunOnce claims the messages that are due, a batch at a time, and sends
// each, until none is due. A message that cannot be sent is kept: queued
// again after Backoff, or failed after MaxAttempts, with its error.
func (w *Worker) RunOnce(ctx context.Context) (Result, error) {
	var res Result
	for {
		ms, err := w.claim(ctx)
		if err != nil || len(ms) == 0 {
			return res, err
		}
		for _, m := range ms {
			if err := w.deliver(ctx, m, &res); err != nil {
				return res, err
			}
		}
	}
}

// claim takes up to a batch of due messages for this worker: it marks them
// sending and counts the attempt, in one transaction. On PostgreSQL, FOR
// UPDATE SKIP LOCKED passes over rows another worker is claiming at the same
// moment, so no two workers claim one message; SQLite's one writer runs
// claims one after another.
func (w *Worker) claim(ctx context.Context) ([]Message, error) {
	now := w.now()
	var ms []Message
	err := w.db.Tx(ctx, func(tx db.Querier) error {
		q := "SELECT id FROM mail_outbox WHERE status IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"
		if tx.Dialect() == db.Postgres {
			q += " FOR UPDATE SKIP LOCKED"
		}
		ids, err := db.QueryAll(ctx, tx, func(sc db.Scanner) (any, error) {
			var id string
			return id, sc.Scan(&id)
		}, q, now, w.batch)
		if err != nil || len(ids) == 0 {
			return err
		}
		in := "(" + db.InClause(len(ids)) + ")"
		args := append([]any{Sending, now.Add(Lease)}, ids...)
		if _, err := tx.ExecContext(ctx, "UPDATE mail_outbox SET status = ?, attempts = attempts + 1, next_attempt_at = ? WHERE id IN "+in, args...); err != nil {
			return err
		}
		ms, err = db.QueryAll(ctx, tx, scanMessage, "SELECT "+messageColumns+" FROM mail_outbox WHERE id IN "+in+" ORDER BY created_at, id", ids...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	return ms, nil
}

// deliver sends m and records the outcome.
func (w *Worker) deliver(ctx context.Context, m Message, res *Result) error {
	raw, err := compose(w.from, m, w.now())
	if err == nil {
		err = w.send.Send(ctx, w.from.Email, m.To, raw)
	}
	now := w.now()
	if err == nil {
		res.Sent++
		_, err := w.db.Write().ExecContext(ctx, "UPDATE mail_outbox SET status = ?, sent_at = ?, last_error = '' WHERE id = ? AND status = ?",
			Sent, now, m.ID, Sending)
		if err != nil {
			return fmt.Errorf("mark mail %s sent: %w", m.ID, err)
		}
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: the lease lapses and the message is tried again
	}
	status, next := Queued, now.Add(Backoff(m.Attempts))
	if m.Attempts >= MaxAttempts {
		status = Failed
		res.Failed++
		w.log.Error("mail failed", "id", m.ID, "to", m.To, "attempts", m.Attempts, "err", err)
	} else {
		res.Retrying++
		w.log.Warn("mail not sent, will retry", "id", m.ID, "to", m.To, "attempts", m.Attempts, "retry_at", next, "err", err)
	}
	_, uerr := w.db.Write().ExecContext(ctx, "UPDATE mail_outbox SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = ?",
		status, err.Error(), next, m.ID, Sending)
	if uerr != nil {
		return fmt.Errorf("record failure of mail %s: %w", m.ID, uerr)
	}
	return nil
}
