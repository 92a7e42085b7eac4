package people

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/person"
)

// Recipient is what a mail needs to know of its reader: where it goes, the
// name it greets and the time zone its times are shown in.
type Recipient struct {
	ID       string
	Name     string
	Email    string
	Timezone string
	Active   bool
}

// RecipientOf returns the reader a mail to person id is written for; q may
// be the transaction that writes the mail. An unknown id is NotFound.
func RecipientOf(ctx context.Context, q db.Querier, id string) (Recipient, error) {
	var r Recipient
	err := q.QueryRowContext(ctx, "SELECT id, name, email, timezone, active FROM people WHERE id = ?", id).
		Scan(&r.ID, &r.Name, &r.Email, &r.Timezone, &r.Active)
	if err != nil {
		return Recipient{}, fmt.Errorf("read recipient %s: %w", id, db.NotFound(err, "no such person"))
	}
	return r, nil
}

// ActiveAdmins returns the ids of the active admins (program managers), in
// id order; q may be a transaction.
func ActiveAdmins(ctx context.Context, q db.Querier) ([]string, error) {
	ids, err := db.QueryAll(ctx, q, func(sc db.Scanner) (string, error) {
		var id string
		return id, sc.Scan(&id)
	}, "SELECT id FROM people WHERE access_role = ? AND active = ? ORDER BY id", person.RoleAdmin, true)
	if err != nil {
		return nil, fmt.Errorf("read admins: %w", err)
	}
	return ids, nil
}
