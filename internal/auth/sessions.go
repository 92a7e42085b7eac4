package auth

import (
	"context"
	"fmt"
)

// endSessionsOf ends every session of the person personID, as after a
// change of their password or access role; their API tokens stay.
func (s *Store) endSessionsOf(ctx context.Context, personID string) error {
	if _, err := s.db.Write().ExecContext(ctx, "DELETE FROM sessions WHERE person_id = ?", personID); err != nil {
		return fmt.Errorf("end the sessions of %s: %w", personID, err)
	}
	return nil
}
