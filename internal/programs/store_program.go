package programs

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// ProgramSummary is a program with the figures a list of programs shows.
type ProgramSummary struct {
	Program
	Cycles       int // all cycles
	ActiveCycles int // cycles that have not ended today (open or upcoming)
	Participants int // distinct people approved in an active cycle
}

const programColumns = `g.id, g.name, g.purpose, g.outcomes, g.cadence, g.session_minutes, g.decision_rights,
	g.code_of_conduct, g.facilitation_method, g.engagements, COALESCE(g.created_by, ''), g.created_at, g.updated_at,
	g.archived_at`

func scanProgram(sc db.Scanner, extra ...any) (Program, error) {
	var p Program
	var engagements string
	var archived sql.NullTime
	dest := append([]any{&p.ID, &p.Name, &p.Purpose, &p.Outcomes, &p.Cadence, &p.SessionMinutes, &p.DecisionRights,
		&p.CodeOfConduct, &p.FacilitationMethod, &engagements, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt, &archived}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return Program{}, err
	}
	p.ArchivedAt = db.TimePtr(archived)
	if engagements != "" {
		p.Engagements = strings.Split(engagements, ",")
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// CreateProgram validates p and stores it as a new program with a new ID,
// created by p.CreatedBy (an admin's person id, or empty). A name already
// taken is a Conflict on field "name".
func (s *Store) CreateProgram(ctx context.Context, p Program) (Program, error) {
	if err := Validate(&p).Err(); err != nil {
		return Program{}, err
	}
	now := s.now()
	p.ID, p.CreatedAt, p.UpdatedAt = db.NewID(programPrefix), now, now
	_, err := s.db.Write().ExecContext(ctx, `INSERT INTO programs (id, name, purpose, outcomes, cadence, session_minutes,
		decision_rights, code_of_conduct, facilitation_method, engagements, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Name, p.Purpose, p.Outcomes, p.Cadence, p.SessionMinutes, p.DecisionRights, p.CodeOfConduct,
		p.FacilitationMethod, strings.Join(p.Engagements, ","), db.NullString(p.CreatedBy), p.CreatedAt, p.UpdatedAt)
	if errs.Is(err, errs.Conflict) {
		return Program{}, conflict("name", "a program named "+p.Name+" already exists", err)
	}
	if err != nil {
		return Program{}, fmt.Errorf("create program %q: %w", p.Name, err)
	}
	return p, nil
}

// UpdateProgram validates p and replaces the charter of the program p.ID
// (CreatedBy and CreatedAt are kept), as EditProgram does with a change
// that replaces every charter field.
func (s *Store) UpdateProgram(ctx context.Context, p Program) (Program, error) {
	return s.EditProgram(ctx, p.ID, "", func(dst *Program) { *dst = p })
}

// EditProgram reads the charter of program id, applies change to it and
// stores the result, in one write transaction that holds the program's row,
// so that two edits at the same time never undo each other. If version is
// not empty it must equal the stored charter's ProgramVersion, or nothing is
// stored and the error is Stale. A missing program is NotFound; a name taken
// by another program is a Conflict on field "name"; dropping every kind of
// engagement a role needs while people hold that role in a cycle that has
// not ended is Invalid on field "engagements"; an archived program is
// read-only (Conflict).
func (s *Store) EditProgram(ctx context.Context, id, version string, change func(*Program)) (Program, error) {
	var out Program
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		// Take the row's write lock before reading it, so no other edit
		// runs between the read and the write.
		res, err := tx.ExecContext(ctx, "UPDATE programs SET updated_at = updated_at WHERE id = ?", id)
		if err := db.RequireChange(res, err, errs.NotFound, "no such program"); err != nil {
			return err
		}
		old, err := getProgram(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != "" && version != ProgramVersion(old) {
			return errs.E(errs.Stale, "this charter was changed by someone else meanwhile: read it again and redo your change")
		}
		if old.Archived() {
			return errs.E(errs.Conflict, "%s is archived: unarchive it to change its charter", old.Name)
		}
		p := old
		change(&p)
		p.ID = id
		if err := Validate(&p).Err(); err != nil {
			return err
		}
		if err := s.checkRolesInUse(ctx, tx, p); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE programs SET name = ?, purpose = ?, outcomes = ?, cadence = ?,
			session_minutes = ?, decision_rights = ?, code_of_conduct = ?, facilitation_method = ?, engagements = ?,
			updated_at = ? WHERE id = ?`,
			p.Name, p.Purpose, p.Outcomes, p.Cadence, p.SessionMinutes, p.DecisionRights, p.CodeOfConduct,
			p.FacilitationMethod, strings.Join(p.Engagements, ","), s.now(), id)
		if errs.Is(err, errs.Conflict) {
			return conflict("name", "a program named "+p.Name+" already exists", err)
		}
		if err != nil {
			return err
		}
		out, err = getProgram(ctx, tx, id)
		return err
	})
	if err != nil {
		return Program{}, fmt.Errorf("update program %s: %w", id, err)
	}
	return out, nil
}

// ProgramVersion names the stored state of p's charter: a short hash of
// its charter fields, so it changes whenever the charter does. The API
// sends it as the ETag of a program and the charter form as its hidden
// version field.
func ProgramVersion(p Program) string {
	charter := []any{p.Name, p.Purpose, p.Outcomes, p.Cadence, p.SessionMinutes, p.DecisionRights, p.CodeOfConduct,
		p.FacilitationMethod, p.Engagements}
	// Strings, an int and a string slice always encode.
	b, _ := json.Marshal(charter)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// checkRolesInUse refuses to drop the engagement kinds that people active in
// a cycle that has not ended depend on.
func (s *Store) checkRolesInUse(ctx context.Context, tx db.Querier, p Program) error {
	f := errs.Fields{}
	err := db.EachRow(ctx, tx, func(r db.Scanner) error {
		var role string
		if err := r.Scan(&role); err != nil {
			return err
		}
		if !p.Offers(role) {
			f.Add("engagements", "people take part as %s in a current cycle: keep a kind of engagement for that role", RoleLabel(role))
		}
		return nil
	}, `SELECT DISTINCT e.role FROM enrollments e JOIN cycles c ON c.id = e.cycle_id
		WHERE e.program_id = ? AND e.status IN (?, ?) AND c.ends_on >= ? ORDER BY e.role`,
		p.ID, StatusApplied, StatusApproved, s.today())
	if err != nil {
		return err
	}
	return f.Err()
}

// GetProgram returns the program with the id, or a NotFound error.
func (s *Store) GetProgram(ctx context.Context, id string) (Program, error) {
	p, err := getProgram(ctx, s.db.Read(), id)
	if err != nil {
		return Program{}, fmt.Errorf("get program %s: %w", id, err)
	}
	return p, nil
}

func getProgram(ctx context.Context, q db.Querier, id string) (Program, error) {
	p, err := scanProgram(q.QueryRowContext(ctx, "SELECT "+programColumns+" FROM programs g WHERE g.id = ?", id))
	return p, db.NotFound(err, "no such program")
}

// ListPrograms returns every program ordered by name, with its number of
// cycles, of active cycles today (open or upcoming, not archived, in a
// program that is not archived: the ones people can join), and of distinct
// people approved in a cycle that has not ended.
func (s *Store) ListPrograms(ctx context.Context) ([]ProgramSummary, error) {
	today := s.today()
	out, err := db.QueryAll(ctx, s.db.Read(), func(r db.Scanner) (ProgramSummary, error) {
		var ps ProgramSummary
		var err error
		ps.Program, err = scanProgram(r, &ps.Cycles, &ps.ActiveCycles, &ps.Participants)
		return ps, err
	}, `SELECT `+programColumns+`,
		(SELECT COUNT(*) FROM cycles c WHERE c.program_id = g.id),
		(SELECT COUNT(*) FROM cycles c WHERE c.program_id = g.id AND c.ends_on >= ?
			AND c.archived_at IS NULL AND g.archived_at IS NULL),
		(SELECT COUNT(DISTINCT e.person_id) FROM enrollments e JOIN cycles c ON c.id = e.cycle_id
			WHERE e.program_id = g.id AND e.status = ? AND c.ends_on >= ?)
		FROM programs g ORDER BY lower(g.name), g.id`, today, StatusApproved, today)
	if err != nil {
		return nil, fmt.Errorf("list programs: %w", err)
	}
	return out, nil
}
