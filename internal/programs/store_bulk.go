package programs

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
)

// BulkError says which entry of a bulk request is wrong; nothing of the
// request was stored.
type BulkError struct {
	Index int // 0-based position in the request
	Err   error
}

// Error implements error.
func (e *BulkError) Error() string {
	return fmt.Sprintf("entry %d: %v (nothing was stored)", e.Index+1, e.Err)
}

// Unwrap returns the entry's error, so its kind and fields show through.
func (e *BulkError) Unwrap() error { return e.Err }

// ApplyMany records many applications at once, all or nothing, under the
// same rules as Apply; when approveMentors is set, mentor applications are
// approved by adminID straight away, as an admin enrolling a known cohort
// would. It returns the stored enrollments in request order. It is the
// fast path for enrolling a cohort: programs, cycles and people are read
// once, in one transaction.
func (s *Store) ApplyMany(ctx context.Context, apps []Application, approveMentors bool, adminID string) ([]Enrollment, error) {
	out := make([]Enrollment, 0, len(apps))
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		type key struct{ program, cycle string }
		programs := map[string]Program{}
		cycles := map[key]Cycle{}
		ids := make([]string, len(apps))
		for i, a := range apps {
			ids[i] = a.PersonID
		}
		accounts, err := s.people.Accounts(ctx, ids)
		if err != nil {
			return fmt.Errorf("read people: %w", err)
		}
		now := s.now()
		for i := range apps {
			a := apps[i]
			p, ok := programs[a.ProgramID]
			if !ok {
				if p, err = getProgram(ctx, tx, a.ProgramID); err != nil {
					return &BulkError{i, err}
				}
				programs[a.ProgramID] = p
			}
			c, ok := cycles[key{a.ProgramID, a.CycleID}]
			if !ok {
				if c, err = getCycle(ctx, tx, a.ProgramID, a.CycleID); err != nil {
					return &BulkError{i, err}
				}
				cycles[key{a.ProgramID, a.CycleID}] = c
			}
			f := validateApplication(&a, p, c, now)
			if acct, known := accounts[a.PersonID]; !known {
				f.Add("person_id", "no such person")
			} else if !acct.Active {
				f.Add("person_id", "is not active and cannot be enrolled")
			}
			if err := f.Err(); err != nil {
				return &BulkError{i, err}
			}
			e := Enrollment{
				ID: db.NewID(enrollmentPrefix), CycleID: c.ID, ProgramID: p.ID, PersonID: a.PersonID,
				Role: a.Role, Status: initialStatus(a.Role), Motivation: a.Motivation, Goals: a.Goals,
				ConductAcceptedAt: &now, CreatedAt: now, UpdatedAt: now,
			}
			if e.Status == StatusApproved {
				e.DecidedAt = &now
			} else if approveMentors {
				e.Status, e.DecidedBy, e.DecidedAt = StatusApproved, adminID, &now
			}
			if err := insertEnrollment(ctx, tx, e); err != nil {
				return &BulkError{i, err}
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("apply many: %w", err)
	}
	return out, nil
}
