package mail

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// Choice is whether a person gets mails of one kind.
type Choice struct {
	Kind     Kind
	Label    string
	Optional bool // false: always sent
	On       bool
}

// Choices returns, for every kind of mail (in Kinds order), whether
// person gets it.
func (s *Store) Choices(ctx context.Context, personID string) ([]Choice, error) {
	off := map[Kind]bool{}
	err := db.EachRow(ctx, s.db.Read(), func(sc db.Scanner) error {
		var k string
		err := sc.Scan(&k)
		off[Kind(k)] = true
		return err
	}, "SELECT kind FROM mail_optouts WHERE person_id = ?", personID)
	if err != nil {
		return nil, fmt.Errorf("read mail choices: %w", err)
	}
	out := make([]Choice, len(Kinds))
	for i, k := range Kinds {
		out[i] = Choice{Kind: k, Label: k.Label(), Optional: k.Optional(), On: !k.Optional() || !off[k]}
	}
	return out, nil
}

// Choose sets which optional kinds of mail person gets: those in on, and
// none of the others. Kinds always sent cannot be turned off.
func (s *Store) Choose(ctx context.Context, personID string, on map[Kind]bool, now time.Time) error {
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		for _, k := range Kinds {
			if !k.Optional() {
				continue
			}
			if err := setOptOut(ctx, tx, personID, k, !on[k], now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("choose mails: %w", err)
	}
	return nil
}

// Unsubscription is what an unsubscribe link stops.
type Unsubscription struct {
	PersonID string
	Kind     Kind
}

// ErrUnknownLink is the answer to an unsubscribe link that is not ours.
var ErrUnknownLink = errs.E(errs.NotFound, "this unsubscribe link is unknown: choose which mails you get under Settings → Mail")

// UnsubscribeLink returns what the unsubscribe link secret stops; an
// unknown secret is NotFound.
func (s *Store) UnsubscribeLink(ctx context.Context, secret string) (Unsubscription, error) {
	return unsubscription(ctx, s.db.Read(), secret)
}

// Unsubscribe stops the mails the link secret names, without signing in;
// using a link again changes nothing. An unknown secret is NotFound.
func (s *Store) Unsubscribe(ctx context.Context, secret string, now time.Time) (Unsubscription, error) {
	var u Unsubscription
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		var err error
		if u, err = unsubscription(ctx, tx, secret); err != nil {
			return err
		}
		return setOptOut(ctx, tx, u.PersonID, u.Kind, true, now)
	})
	if err != nil {
		return Unsubscription{}, fmt.Errorf("unsubscribe: %w", err)
	}
	return u, nil
}

func unsubscription(ctx context.Context, q db.Querier, secret string) (Unsubscription, error) {
	var u Unsubscription
	var k string
	err := q.QueryRowContext(ctx, "SELECT person_id, kind FROM mail_unsubscribes WHERE token_hash = ?", hashSecret(secret)).Scan(&u.PersonID, &k)
	if errors.Is(err, sql.ErrNoRows) {
		return Unsubscription{}, ErrUnknownLink
	}
	if err != nil {
		return Unsubscription{}, fmt.Errorf("read unsubscribe link: %w", err)
	}
	u.Kind = Kind(k)
	return u, nil
}

func setOptOut(ctx context.Context, tx db.Querier, personID string, k Kind, off bool, now time.Time) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM mail_optouts WHERE person_id = ? AND kind = ?", personID, string(k)); err != nil {
		return err
	}
	if !off {
		return nil
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO mail_optouts (person_id, kind, created_at) VALUES (?, ?, ?)", personID, string(k), now.UTC())
	return err
}

func optedOut(ctx context.Context, q db.Querier, personID string, k Kind) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM mail_optouts WHERE person_id = ? AND kind = ?", personID, string(k)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read mail choice: %w", err)
	}
	return true, nil
}

// newSecret returns an unguessable link secret (256 random bits) and the
// hash that is stored.
func newSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = "uns_" + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
