package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// Sign-in slows down rather than locks out: a key (an email, or a client
// address with its far higher allowance) may fail its allowance within
// FailureWindow freely; past it, each attempt must wait a delay after the
// key's last failure, doubling from FirstDelay with each further failure
// up to MaxDelay. A correct password is refused only inside that delay, so
// no one can lock a person out for longer than MaxDelay.
const (
	MaxAddressFailures = 100
	FirstDelay         = time.Second
	MaxDelay           = time.Minute
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

// claimAttempt refuses with TooMany when a key must still wait (see
// signinDelay) and otherwise records an attempt for every key, in one transaction serialised per key, so parallel attempts
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
			if err := signinDelay(ctx, tx, k, now); err != nil {
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
	n, err := countAttempts(ctx, q, key, now)
	if err != nil {
		return err
	}
	if n >= MaxFailures {
		return errs.E(errs.TooMany, "too many failed attempts: wait %d minutes and try again", int(FailureWindow.Minutes()))
	}
	return nil
}

// countAttempts counts key's attempts within FailureWindow before now.
func countAttempts(ctx context.Context, q db.Querier, key string, now time.Time) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM signin_attempts WHERE key = ? AND at > ?", key, now.Add(-FailureWindow)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count attempts: %w", err)
	}
	return n, nil
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

// signinDelay refuses with TooMany, saying how long to wait, when key has
// used its allowance of failures within FailureWindow before now and its
// last failure was less than the delay ago.
func signinDelay(ctx context.Context, q db.Querier, key string, now time.Time) error {
	allowance := MaxFailures
	if strings.HasPrefix(key, "addr:") {
		allowance = MaxAddressFailures
	}
	n, err := countAttempts(ctx, q, key, now)
	if err != nil {
		return err
	}
	if n < allowance {
		return nil
	}
	var last time.Time
	if err := q.QueryRowContext(ctx, "SELECT at FROM signin_attempts WHERE key = ? ORDER BY at DESC LIMIT 1", key).Scan(&last); err != nil {
		return fmt.Errorf("last attempt: %w", err)
	}
	wait := last.Add(retryDelay(n - allowance)).Sub(now)
	if wait <= 0 {
		return nil
	}
	secs, unit := int((wait+time.Second-1)/time.Second), "seconds"
	if secs == 1 {
		unit = "second"
	}
	return errs.E(errs.TooMany, "too many failed attempts: try again in %d %s", secs, unit)
}

// retryDelay is the wait after a failure beyond the allowance: FirstDelay,
// doubling with each further one, up to MaxDelay.
func retryDelay(beyond int) time.Duration {
	d := FirstDelay
	for range beyond {
		if d *= 2; d >= MaxDelay {
			return MaxDelay
		}
	}
	return d
}
