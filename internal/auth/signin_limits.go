package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// MaxConcurrentHashes is how many argon2id password checks (19 MiB each)
// sign-in runs at once; a sign-in arriving when all are busy is refused
// at once with ErrBusy rather than queued.
const MaxConcurrentHashes = 4

// ErrBusy is returned by SignIn when MaxConcurrentHashes password checks
// are already running; the caller should answer 503 with Retry-After.
var ErrBusy = errors.New("sign-in is busy: try again in a moment")

// hashSlots bounds concurrent argon2id checks across every Store in the
// process, since the memory they use is the process's.
var hashSlots = make(chan struct{}, MaxConcurrentHashes)

// verifyPassword checks password against hash, or against dummyHash when
// hash is empty (unknown person or no password yet), so every path spends
// exactly one argon2id verification. It holds a hash slot, or returns
// ErrBusy when none is free. hook, if not nil, runs once per verification
// while it holds the slot (tests count verifications with it).
func verifyPassword(hash, password string, hook func()) (bool, error) {
	select {
	case hashSlots <- struct{}{}:
	default:
		return false, ErrBusy
	}
	defer func() { <-hashSlots }()
	if hook != nil {
		hook()
	}
	if hash == "" {
		CheckPassword(dummyHash, password)
		return false, nil
	}
	return CheckPassword(hash, password), nil
}

// claimAttempt refuses with TooMany when a key failed MaxFailures times
// within FailureWindow before now and otherwise records an attempt for
// every key, in one transaction serialised per key, so parallel attempts
// cannot all pass the check. A successful sign-in takes its attempt back
// with releaseAttempt.
func (s *Store) claimAttempt(ctx context.Context, keys []string, now time.Time) error {
	s.attemptMu.Lock()
	defer s.attemptMu.Unlock()
	return s.db.Tx(ctx, func(tx db.Querier) error {
		for _, k := range keys {
			if s.db.Dialect == db.Postgres {
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext(?))", k); err != nil {
					return fmt.Errorf("lock attempts of a key: %w", err)
				}
			}
			if err := tooManyAttempts(ctx, tx, k, now); err != nil {
				return err
			}
		}
		return recordAttempts(ctx, tx, keys, now)
	})
}

// releaseAttempt takes back one attempt claimed at now for each key: a
// successful or refused-as-busy sign-in is not a failure.
func (s *Store) releaseAttempt(ctx context.Context, keys []string, now time.Time) error {
	return s.db.Tx(ctx, func(tx db.Querier) error {
		row := "rowid" // one row of several equal ones: SQLite's rowid, PostgreSQL's ctid
		if s.db.Dialect == db.Postgres {
			row = "ctid"
		}
		for _, k := range keys {
			_, err := tx.ExecContext(ctx, "DELETE FROM signin_attempts WHERE "+row+" IN (SELECT "+row+" FROM signin_attempts WHERE key = ? AND at = ? LIMIT 1)", k, now)
			if err != nil {
				return fmt.Errorf("take back a sign-in attempt: %w", err)
			}
		}
		return nil
	})
}

// checkAttempts refuses with TooMany when a key failed MaxFailures times
// within FailureWindow before now.
func (s *Store) checkAttempts(ctx context.Context, keys []string, now time.Time) error {
	for _, k := range keys {
		if err := tooManyAttempts(ctx, s.db.Read(), k, now); err != nil {
			return err
		}
	}
	return nil
}

// tooManyAttempts refuses with TooMany when key failed MaxFailures times
// within FailureWindow before now, reading through q.
func tooManyAttempts(ctx context.Context, q db.Querier, key string, now time.Time) error {
	var n int
	err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM signin_attempts WHERE key = ? AND at > ?", key, now.Add(-FailureWindow)).Scan(&n)
	if err != nil {
		return fmt.Errorf("count attempts: %w", err)
	}
	if n >= MaxFailures {
		return errs.E(errs.TooMany, "too many failed attempts: wait %d minutes and try again", int(FailureWindow.Minutes()))
	}
	return nil
}

// recordFailure records a failure for each key at now.
func (s *Store) recordFailure(ctx context.Context, keys []string, now time.Time) error {
	return s.db.Tx(ctx, func(tx db.Querier) error { return recordAttempts(ctx, tx, keys, now) })
}

// recordAttempts records an attempt for each key at now through tx and
// forgets those older than FailureWindow.
func recordAttempts(ctx context.Context, tx db.Querier, keys []string, now time.Time) error {
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, "INSERT INTO signin_attempts (key, at) VALUES (?, ?)", k, now); err != nil {
			return fmt.Errorf("record sign-in attempt: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM signin_attempts WHERE at < ?", now.Add(-FailureWindow)); err != nil {
		return fmt.Errorf("forget old sign-in attempts: %w", err)
	}
	return nil
}
