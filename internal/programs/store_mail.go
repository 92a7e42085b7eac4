package programs

import (
	"context"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mail"
)

// mailDecision writes, in tx, the mail telling the applicant of e that
// their application was approved or declined.
func (s *Store) mailDecision(ctx context.Context, tx db.Querier, e Enrollment, approved bool, now time.Time) error {
	if s.mail == nil {
		return nil
	}
	return s.mail.Enqueue(ctx, tx, now, mail.Decision, e.PersonID, mail.DecisionData{
		Approved: approved, Role: strings.ToLower(RoleLabel(e.Role)), Program: e.ProgramName, Cycle: e.CycleName,
		Path: "/programs/" + e.ProgramID + "/cycles/" + e.CycleID,
	})
}
