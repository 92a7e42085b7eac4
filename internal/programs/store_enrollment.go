package programs

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// enrollmentSelect reads enrollments with the names of their program and
// cycle; the person's name comes from people (withNames).
const enrollmentSelect = `SELECT e.id, e.cycle_id, e.program_id, e.person_id, e.role, e.status, e.motivation, e.goals,
	e.conduct_accepted_at, COALESCE(e.decided_by, ''), e.decided_at, e.created_at, e.updated_at,
	g.name, c.name, c.starts_on, c.ends_on
	FROM enrollments e
	JOIN cycles c ON c.id = e.cycle_id
	JOIN programs g ON g.id = e.program_id`

func scanEnrollment(sc db.Scanner) (Enrollment, error) {
	var e Enrollment
	var accepted, decided sql.NullTime
	err := sc.Scan(&e.ID, &e.CycleID, &e.ProgramID, &e.PersonID, &e.Role, &e.Status, &e.Motivation, &e.Goals,
		&accepted, &e.DecidedBy, &decided, &e.CreatedAt, &e.UpdatedAt,
		&e.ProgramName, &e.CycleName, &e.CycleStartsOn, &e.CycleEndsOn)
	e.ConductAcceptedAt, e.DecidedAt = db.TimePtr(accepted), db.TimePtr(decided)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, err
}

// getEnrollment reads one enrollment through q (a transaction, or the read
// pool) and its person's name from people.
func (s *Store) getEnrollment(ctx context.Context, q db.Querier, id string) (Enrollment, error) {
	e, err := scanEnrollment(q.QueryRowContext(ctx, enrollmentSelect+" WHERE e.id = ?", id))
	if err != nil {
		return Enrollment{}, db.NotFound(err, "no such enrollment")
	}
	es := []Enrollment{e}
	err = s.withNames(ctx, es)
	return es[0], err
}

// queryEnrollments reads the enrollments query finds, with their people's
// names.
func (s *Store) queryEnrollments(ctx context.Context, q db.Querier, query string, args ...any) ([]Enrollment, error) {
	out, err := db.QueryAll(ctx, q, scanEnrollment, query, args...)
	if err != nil {
		return nil, err
	}
	return out, s.withNames(ctx, out)
}

// withNames fills the person names of es from people.
func (s *Store) withNames(ctx context.Context, es []Enrollment) error {
	ids := make([]string, 0, len(es))
	for _, e := range es {
		ids = append(ids, e.PersonID)
	}
	slices.Sort(ids)
	accounts, err := s.people.Accounts(ctx, slices.Compact(ids))
	if err != nil {
		return err
	}
	for i := range es {
		es[i].PersonName = accounts[es[i].PersonID].Name
	}
	return nil
}

// checkPerson adds a problem on field "person_id" unless the person exists
// and is active.
func (s *Store) checkPerson(ctx context.Context, personID string, f errs.Fields) error {
	a, err := s.people.Account(ctx, personID)
	switch {
	case errs.Is(err, errs.NotFound):
		f.Add("person_id", "no such person")
	case err != nil:
		return fmt.Errorf("read person %s: %w", personID, err)
	case !a.Active:
		f.Add("person_id", "is not active and cannot be enrolled")
	}
	return nil
}

// insertEnrollment stores a new enrollment; an active one for the same
// cycle, person and role is a Conflict on field "role".
func insertEnrollment(ctx context.Context, tx db.Querier, e Enrollment) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO enrollments (id, cycle_id, program_id, person_id, role, status,
		motivation, goals, conduct_accepted_at, decided_by, decided_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.CycleID, e.ProgramID, e.PersonID, e.Role, e.Status, e.Motivation, e.Goals,
		db.NullTime(e.ConductAcceptedAt), db.NullString(e.DecidedBy), db.NullTime(e.DecidedAt), e.CreatedAt, e.UpdatedAt)
	if errs.Is(err, errs.Conflict) {
		return conflict("role", "already applied or enrolled in this cycle as "+RoleLabel(e.Role), err)
	}
	return err
}

// Apply records a person's application to a cycle. The program must offer
// the role, the cycle must not have ended, the motivation is required, the
// code of conduct must be accepted (field "accept_conduct"), and the person
// must be active; problems come back as errs.Fields. A missing program or
// cycle (or a cycle of another program) is NotFound; a second active
// application for the same cycle and role is a Conflict on field "role".
// Mentor applications start applied and wait for an admin (Decide); mentee
// and circle-member applications are approved at once.
func (s *Store) Apply(ctx context.Context, a Application) (Enrollment, error) {
	var out Enrollment
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		p, err := getProgram(ctx, tx, a.ProgramID)
		if err != nil {
			return err
		}
		c, err := getCycle(ctx, tx, a.ProgramID, a.CycleID)
		if err != nil {
			return err
		}
		now := s.now()
		f := validateApplication(&a, p, c, now)
		if err := s.checkPerson(ctx, a.PersonID, f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		e := Enrollment{
			ID: db.NewID(enrollmentPrefix), CycleID: c.ID, ProgramID: p.ID, PersonID: a.PersonID,
			Role: a.Role, Status: initialStatus(a.Role), Motivation: a.Motivation, Goals: a.Goals,
			ConductAcceptedAt: &now, CreatedAt: now, UpdatedAt: now,
		}
		if e.Status == StatusApproved {
			e.DecidedAt = &now // approved automatically: no DecidedBy
		}
		if err := insertEnrollment(ctx, tx, e); err != nil {
			return err
		}
		out, err = s.getEnrollment(ctx, tx, e.ID)
		return err
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("apply to cycle %s as %s: %w", a.CycleID, a.Role, err)
	}
	return out, nil
}

// Enroll places a person in a cycle directly, on an admin's decision: the
// enrollment is approved at once, with the admin as DecidedBy, and the
// person accepts the code of conduct on their next visit (AcceptConduct).
// The program must offer the role and the person must be active (fields
// "role", "person_id"). A cycle that has ended or is archived, or an
// archived program, is a Conflict (CheckActive). Errors are as for Apply.
func (s *Store) Enroll(ctx context.Context, r EnrollRequest) (Enrollment, error) {
	r.Role, r.PersonID = strings.TrimSpace(r.Role), strings.TrimSpace(r.PersonID)
	var out Enrollment
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		p, err := getProgram(ctx, tx, r.ProgramID)
		if err != nil {
			return err
		}
		c, err := getCycle(ctx, tx, r.ProgramID, r.CycleID)
		if err != nil {
			return err
		}
		if err := CheckActive(p, c, UseEnrollment, s.now()); err != nil {
			return err
		}
		f := errs.Fields{}
		checkRole(f, r.Role, p)
		if err := s.checkPerson(ctx, r.PersonID, f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		now := s.now()
		e := Enrollment{
			ID: db.NewID(enrollmentPrefix), CycleID: c.ID, ProgramID: p.ID, PersonID: r.PersonID,
			Role: r.Role, Status: StatusApproved, DecidedBy: r.AdminID, DecidedAt: &now,
			CreatedAt: now, UpdatedAt: now,
		}
		if err := insertEnrollment(ctx, tx, e); err != nil {
			return err
		}
		out, err = s.getEnrollment(ctx, tx, e.ID)
		return err
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("enroll %s in cycle %s as %s: %w", r.PersonID, r.CycleID, r.Role, err)
	}
	return out, nil
}

// Decide approves or declines an application waiting for an admin, recording
// adminID and the time. A missing enrollment is NotFound; one that is not
// applied (already decided, or withdrawn) is a Conflict; approving a person
// who is no longer active is Invalid; approving in a cycle that has ended
// or is archived is a Conflict (CheckActive).
func (s *Store) Decide(ctx context.Context, enrollmentID string, approve bool, adminID string) (Enrollment, error) {
	status := StatusDeclined
	if approve {
		status = StatusApproved
	}
	var out Enrollment
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		e, err := s.getEnrollment(ctx, tx, enrollmentID)
		if err != nil {
			return err
		}
		if e.Status != StatusApplied {
			return errs.E(errs.Conflict, "this application is already %s", e.Status)
		}
		if approve {
			if err := s.checkActive(ctx, tx, e.ProgramID, e.CycleID, UseEnrollment); err != nil {
				return err
			}
			f := errs.Fields{}
			if err := s.checkPerson(ctx, e.PersonID, f); err != nil {
				return err
			}
			if f["person_id"] != "" {
				return errs.E(errs.Invalid, "%s %s", e.PersonName, f["person_id"])
			}
		}
		now := s.now()
		if err := s.setStatus(ctx, tx, &out, e.ID, StatusApplied, `status = ?, decided_by = ?, decided_at = ?, updated_at = ?`,
			status, db.NullString(adminID), now, now); err != nil {
			return err
		}
		return s.mailDecision(ctx, tx, e, approve, now)
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("decide enrollment %s: %w", enrollmentID, err)
	}
	return out, nil
}

// Withdraw lets a person withdraw their own active enrollment. Someone
// else's enrollment is NotFound; one that is not active is a Conflict; one
// in a cycle that has ended is Invalid (it is history); one in an archived
// cycle or program is a Conflict (read-only).
func (s *Store) Withdraw(ctx context.Context, enrollmentID, personID string) (Enrollment, error) {
	out, err := s.changeOwn(ctx, enrollmentID, personID, "this enrollment is already %s", func(tx db.Querier, e Enrollment, out *Enrollment) error {
		if e.CycleEndsOn < s.today() {
			return errs.E(errs.Invalid, "cycle %s has ended", e.CycleName)
		}
		if err := s.checkActive(ctx, tx, e.ProgramID, e.CycleID, UseEnrollment); err != nil {
			return err // archived: read-only
		}
		return s.setStatus(ctx, tx, out, e.ID, e.Status, `status = ?, updated_at = ?`, StatusWithdrawn, s.now())
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("withdraw enrollment %s: %w", enrollmentID, err)
	}
	return out, nil
}

// AcceptConduct records that a person accepts the code of conduct of the
// program of their own active enrollment. Accepting again changes nothing.
// Someone else's enrollment is NotFound; one that is not active is a
// Conflict.
func (s *Store) AcceptConduct(ctx context.Context, enrollmentID, personID string) (Enrollment, error) {
	out, err := s.changeOwn(ctx, enrollmentID, personID, "this enrollment is %s", func(tx db.Querier, e Enrollment, out *Enrollment) error {
		if e.ConductAcceptedAt != nil {
			*out = e
			return nil
		}
		now := s.now()
		return s.setStatus(ctx, tx, out, e.ID, e.Status, `conduct_accepted_at = ?, updated_at = ?`, now, now)
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("accept code of conduct for enrollment %s: %w", enrollmentID, err)
	}
	return out, nil
}

// changeOwn runs change, in a transaction, on the person's own active
// enrollment, and returns what change stored in out. Another person's
// enrollment is NotFound, so its existence does not leak; one that is not
// active is a Conflict saying inactive (with %s for its status).
func (s *Store) changeOwn(ctx context.Context, enrollmentID, personID, inactive string, change func(tx db.Querier, e Enrollment, out *Enrollment) error) (Enrollment, error) {
	var out Enrollment
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		e, err := s.getEnrollment(ctx, tx, enrollmentID)
		if err != nil {
			return err
		}
		if e.PersonID != personID {
			return errs.E(errs.NotFound, "no such enrollment")
		}
		if !e.Active() {
			return errs.E(errs.Conflict, inactive, e.Status)
		}
		return change(tx, e, &out)
	})
	return out, err
}

// setStatus runs `UPDATE enrollments SET <set> WHERE id = ? AND status = ?`
// with args followed by id and the status read before, and reads the result
// into out. A row changed meanwhile is a Conflict.
func (s *Store) setStatus(ctx context.Context, tx db.Querier, out *Enrollment, id, was, set string, args ...any) error {
	res, err := tx.ExecContext(ctx, "UPDATE enrollments SET "+set+" WHERE id = ? AND status = ?", append(args, id, was)...)
	if err := db.RequireChange(res, err, errs.Conflict, "the enrollment changed meanwhile; reload and try again"); err != nil {
		return err
	}
	*out, err = s.getEnrollment(ctx, tx, id)
	return err
}

// GetEnrollment returns the enrollment with the id, with the names of its
// person, program and cycle, or a NotFound error.
func (s *Store) GetEnrollment(ctx context.Context, id string) (Enrollment, error) {
	e, err := s.getEnrollment(ctx, s.db.Read(), id)
	if err != nil {
		return Enrollment{}, fmt.Errorf("get enrollment %s: %w", id, err)
	}
	return e, nil
}

// PersonEnrollments returns every enrollment of a person, in any status,
// with program and cycle names, latest cycle first. A missing person is
// NotFound.
func (s *Store) PersonEnrollments(ctx context.Context, personID string) ([]Enrollment, error) {
	if _, err := s.people.Account(ctx, personID); err != nil {
		return nil, fmt.Errorf("enrollments of %s: %w", personID, err)
	}
	out, err := s.queryEnrollments(ctx, s.db.Read(), enrollmentSelect+` WHERE e.person_id = ?
		ORDER BY c.starts_on DESC, lower(g.name), g.id, `+roleOrder+`, e.created_at, e.id`, personID)
	if err != nil {
		return nil, fmt.Errorf("enrollments of %s: %w", personID, err)
	}
	return out, nil
}

// roleOrder sorts mentors, then mentees, then circle members.
const roleOrder = `CASE e.role WHEN 'mentor' THEN 0 WHEN 'mentee' THEN 1 ELSE 2 END`

// CycleEnrollments returns the enrollments of cycle cycleID of program
// programID that match f, with person names, ordered by role (mentors,
// mentees, circle members) and then by person name. A missing cycle, or a
// cycle of another program, is NotFound; an unknown filter value is Invalid
// on field "status" or "role".
func (s *Store) CycleEnrollments(ctx context.Context, programID, cycleID string, f EnrollmentFilter) ([]Enrollment, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	q := s.db.Read()
	if _, err := getCycle(ctx, q, programID, cycleID); err != nil {
		return nil, fmt.Errorf("enrollments of cycle %s: %w", cycleID, err)
	}
	where, args := cycleFilter(cycleID, f)
	// Names live in people; the page is cut in SQL, ordered by the name
	// people's NameJoin gives, so a page of 50 reads 50 rows.
	query := enrollmentSelect + " " + people.NameJoin("p", "e.person_id") + where +
		" ORDER BY " + roleOrder + ", " + people.NameKey("p") + ", e.person_id, e.created_at, e.id"
	if f.Limit > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	out, err := s.queryEnrollments(ctx, q, query, args...)
	if err != nil {
		return nil, fmt.Errorf("enrollments of cycle %s: %w", cycleID, err)
	}
	return out, nil
}

// PendingApprovals returns the applications waiting for an admin's decision
// across all programs (mentor applications), oldest first.
func (s *Store) PendingApprovals(ctx context.Context) ([]Enrollment, error) {
	out, err := s.queryEnrollments(ctx, s.db.Read(), enrollmentSelect+" WHERE e.status = ? ORDER BY e.created_at, e.id", StatusApplied)
	if err != nil {
		return nil, fmt.Errorf("pending approvals: %w", err)
	}
	return out, nil
}

// cycleFilter is the WHERE clause of a cycle's enrollments under f.
func cycleFilter(cycleID string, f EnrollmentFilter) (string, []any) {
	where := " WHERE e.cycle_id = ?"
	args := []any{cycleID}
	if f.Status != "" {
		where += " AND e.status = ?"
		args = append(args, f.Status)
	}
	if f.Role != "" {
		where += " AND e.role = ?"
		args = append(args, f.Role)
	}
	return where, args
}

// CountCycleEnrollments returns how many enrollments of the cycle pass the
// filter's status and role (its limit and offset are ignored).
func (s *Store) CountCycleEnrollments(ctx context.Context, programID, cycleID string, f EnrollmentFilter) (int, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	q := s.db.Read()
	if _, err := getCycle(ctx, q, programID, cycleID); err != nil {
		return 0, fmt.Errorf("count enrollments of cycle %s: %w", cycleID, err)
	}
	where, args := cycleFilter(cycleID, f)
	var n int
	if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM enrollments e"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count enrollments of cycle %s: %w", cycleID, err)
	}
	return n, nil
}
