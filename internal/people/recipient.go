package people

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
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
