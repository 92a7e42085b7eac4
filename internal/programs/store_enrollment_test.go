package programs_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestApply(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		tests := []struct {
			name   string
			edit   func(a *programs.Application) // changes a valid mentee application of "p" to w.open
			twice  bool                          // apply once first, then check the second
			kind   errs.Kind                     // Internal means success
			field  string
			status string // the status on success
		}{
			{name: "mentee is approved at once", status: programs.StatusApproved},
			{name: "mentor waits for approval", edit: func(a *programs.Application) { a.Role = programs.RoleMentor }, status: programs.StatusApplied},
			{name: "circle member is approved at once", edit: func(a *programs.Application) { a.Role = programs.RoleCircleMember }, status: programs.StatusApproved},
			{name: "upcoming cycle takes applications", edit: func(a *programs.Application) { a.CycleID = w.upcoming.ID }, status: programs.StatusApproved},
			{name: "cycle ending today takes applications", edit: func(a *programs.Application) {
				a.ProgramID, a.CycleID = w.pairs.ID, w.pairsOpen.ID
			}, status: programs.StatusApproved},
			{name: "goals are optional", edit: func(a *programs.Application) { a.Goals = "" }, status: programs.StatusApproved},
			{name: "circle member in a program of pairs only", edit: func(a *programs.Application) {
				a.ProgramID, a.CycleID, a.Role = w.pairs.ID, w.pairsOpen.ID, programs.RoleCircleMember
			}, kind: errs.Invalid, field: "role"},
			{name: "mentee in a program of circles only", edit: func(a *programs.Application) {
				a.ProgramID, a.CycleID = w.groups.ID, w.groupsOpen.ID
			}, kind: errs.Invalid, field: "role"},
			{name: "unknown role", edit: func(a *programs.Application) { a.Role = "coach" }, kind: errs.Invalid, field: "role"},
			{name: "no role", edit: func(a *programs.Application) { a.Role = "" }, kind: errs.Invalid, field: "role"},
			{name: "code of conduct not accepted", edit: func(a *programs.Application) { a.AcceptConduct = false }, kind: errs.Invalid, field: "accept_conduct"},
			{name: "no motivation", edit: func(a *programs.Application) { a.Motivation = "  " }, kind: errs.Invalid, field: "motivation"},
			{name: "motivation too long", edit: func(a *programs.Application) { a.Motivation = strings.Repeat("x", 4001) }, kind: errs.Invalid, field: "motivation"},
			{name: "goals too long", edit: func(a *programs.Application) { a.Goals = strings.Repeat("x", 4001) }, kind: errs.Invalid, field: "goals"},
			{name: "ended cycle", edit: func(a *programs.Application) { a.CycleID = w.ended.ID }, kind: errs.Invalid, field: "cycle_id"},
			{name: "inactive person", edit: func(a *programs.Application) { a.PersonID = "gone" }, kind: errs.Invalid, field: "person_id"},
			{name: "missing person", edit: func(a *programs.Application) { a.PersonID = "nobody" }, kind: errs.Invalid, field: "person_id"},
			{name: "missing program", edit: func(a *programs.Application) { a.ProgramID = "prg_nothere000" }, kind: errs.NotFound},
			{name: "missing cycle", edit: func(a *programs.Application) { a.CycleID = "cyc_nothere000" }, kind: errs.NotFound},
			{name: "cycle of another program", edit: func(a *programs.Application) { a.CycleID = w.groupsOpen.ID }, kind: errs.NotFound},
			{name: "second mentee application", twice: true, kind: errs.Conflict, field: "role"},
			{name: "second mentor application", edit: func(a *programs.Application) { a.Role = programs.RoleMentor }, twice: true, kind: errs.Conflict, field: "role"},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				person := fmt.Sprintf("p%02d", i)
				w.AddPerson(person, "Person "+person, true)
				a := apply(w.both, w.open, person, programs.RoleMentee)
				if tt.edit != nil {
					tt.edit(&a)
				}
				if tt.twice {
					mustApply(t, w.s, a)
				}
				e, err := w.s.Apply(w.Ctx, a)
				if tt.kind != errs.Internal {
					errstest.WantErr(t, err, tt.kind, tt.field)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(e.ID, "enr_") || e.Status != tt.status || e.Role != a.Role || e.PersonID != person ||
					e.Motivation != strings.TrimSpace(a.Motivation) || e.PersonName != "Person "+person {
					t.Fatalf("enrollment %+v", e)
				}
				if e.ConductAcceptedAt == nil || !e.ConductAcceptedAt.Equal(now) || e.NeedsConduct() {
					t.Errorf("conduct accepted at %v", e.ConductAcceptedAt)
				}
				if e.Status == programs.StatusApproved && (e.DecidedAt == nil || e.DecidedBy != "") {
					t.Errorf("auto-approval: decided %v by %q", e.DecidedAt, e.DecidedBy)
				}
				if e.Status == programs.StatusApplied && e.DecidedAt != nil {
					t.Errorf("applied but decided at %v", e.DecidedAt)
				}
			})
		}

		t.Run("all problems at once", func(t *testing.T) {
			w.AddPerson("many", "Many Problems", true)
			a := apply(w.both, w.ended, "many", "coach")
			a.Motivation, a.AcceptConduct = "", false
			_, err := w.s.Apply(w.Ctx, a)
			if got, want := errstest.FieldsOf(err), []string{"accept_conduct", "cycle_id", "motivation", "role"}; !slices.Equal(got, want) {
				t.Fatalf("fields %v, want %v", got, want)
			}
		})

		t.Run("mentor and mentee in the same cycle, again after withdrawing", func(t *testing.T) {
			w.AddPerson("dual", "Dual Role", true)
			mustApply(t, w.s, apply(w.both, w.open, "dual", programs.RoleMentor))
			e := mustApply(t, w.s, apply(w.both, w.open, "dual", programs.RoleMentee))
			if _, err := w.s.Withdraw(w.Ctx, e.ID, "dual"); err != nil {
				t.Fatal(err)
			}
			mustApply(t, w.s, apply(w.both, w.open, "dual", programs.RoleMentee))
		})

		t.Run("concurrent duplicates: exactly one wins", func(t *testing.T) {
			w.AddPerson("race", "Race Condition", true)
			var wg sync.WaitGroup
			results := make([]error, 8)
			for i := range results {
				wg.Go(func() {
					_, results[i] = w.s.Apply(w.Ctx, apply(w.both, w.upcoming, "race", programs.RoleMentor))
				})
			}
			wg.Wait()
			ok := 0
			for _, err := range results {
				switch {
				case err == nil:
					ok++
				case !errs.Is(err, errs.Conflict):
					t.Errorf("got %v, want Conflict", err)
				}
			}
			if ok != 1 {
				t.Fatalf("%d applications succeeded, want 1", ok)
			}
		})
	})
}

func TestEnrollDecideWithdrawConduct(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		s, ctx := w.s, w.Ctx
		for _, id := range []string{"ann", "bob", "cat", "dan"} {
			w.AddPerson(id, strings.ToUpper(id[:1])+id[1:], true)
		}

		t.Run("enroll by an admin leaves the conduct to accept", func(t *testing.T) {
			e, err := s.Enroll(ctx, programs.EnrollRequest{ProgramID: w.both.ID, CycleID: w.open.ID, PersonID: "ann",
				Role: programs.RoleCircleMember, AdminID: "adm"})
			if err != nil {
				t.Fatal(err)
			}
			if e.Status != programs.StatusApproved || e.DecidedBy != "adm" || e.DecidedAt == nil || !e.NeedsConduct() {
				t.Fatalf("enrolled: %+v", e)
			}
			_, err = s.AcceptConduct(ctx, e.ID, "bob")
			errstest.WantErr(t, err, errs.NotFound, "")
			later := now.Add(24 * time.Hour)
			s2 := programs.NewStore(w.DB, w.People, nil, func() time.Time { return later })
			got, err := s2.AcceptConduct(ctx, e.ID, "ann")
			if err != nil {
				t.Fatal(err)
			}
			if got.ConductAcceptedAt == nil || !got.ConductAcceptedAt.Equal(later) || got.NeedsConduct() {
				t.Fatalf("accepted: %v", got.ConductAcceptedAt)
			}
			again, err := s.AcceptConduct(ctx, e.ID, "ann")
			if err != nil || !again.ConductAcceptedAt.Equal(later) {
				t.Fatalf("accepting again changed %v to %v (%v)", later, again.ConductAcceptedAt, err)
			}
		})

		enrollErrs := []struct {
			name  string
			req   programs.EnrollRequest
			kind  errs.Kind
			field string
		}{
			{"inactive person", programs.EnrollRequest{ProgramID: w.both.ID, CycleID: w.open.ID, PersonID: "gone", Role: programs.RoleMentee}, errs.Invalid, "person_id"},
			{"missing person", programs.EnrollRequest{ProgramID: w.both.ID, CycleID: w.open.ID, PersonID: "nobody", Role: programs.RoleMentee}, errs.Invalid, "person_id"},
			{"role not offered", programs.EnrollRequest{ProgramID: w.groups.ID, CycleID: w.groupsOpen.ID, PersonID: "ann", Role: programs.RoleMentor}, errs.Invalid, "role"},
			{"already enrolled", programs.EnrollRequest{ProgramID: w.both.ID, CycleID: w.open.ID, PersonID: "ann", Role: programs.RoleCircleMember}, errs.Conflict, "role"},
			{"cycle of another program", programs.EnrollRequest{ProgramID: w.both.ID, CycleID: w.pairsOpen.ID, PersonID: "ann", Role: programs.RoleMentee}, errs.NotFound, ""},
		}
		for _, tt := range enrollErrs {
			t.Run("enroll: "+tt.name, func(t *testing.T) {
				tt.req.AdminID = "adm"
				_, err := s.Enroll(ctx, tt.req)
				errstest.WantErr(t, err, tt.kind, tt.field)
			})
		}

		t.Run("issue 9: no enrolling into an ended cycle; its history was made at the time", func(t *testing.T) {
			req := programs.EnrollRequest{ProgramID: w.both.ID, CycleID: w.ended.ID, PersonID: "dan", Role: programs.RoleMentee, AdminID: "adm"}
			_, err := s.Enroll(ctx, req)
			errstest.WantErr(t, err, errs.Conflict, "")
			if !strings.Contains(err.Error(), "cycle Q1 2026 ended on 2026-03-31: it takes no more enrollments") {
				t.Errorf("the refusal does not say why: %v", err)
			}
			e, err := w.ProgramsOn(w.ended.StartsOn).Enroll(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Withdraw(ctx, e.ID, "dan")
			errstest.WantErr(t, err, errs.Invalid, "")
		})

		var mentor programs.Enrollment
		t.Run("decide approves a mentor once", func(t *testing.T) {
			mentor = mustApply(t, s, apply(w.both, w.open, "bob", programs.RoleMentor))
			got, err := s.Decide(ctx, mentor.ID, true, "adm")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != programs.StatusApproved || got.DecidedBy != "adm" || got.DecidedAt == nil || !got.DecidedAt.Equal(now) {
				t.Fatalf("decided: %+v", got)
			}
			_, err = s.Decide(ctx, mentor.ID, false, "adm")
			errstest.WantErr(t, err, errs.Conflict, "")
		})

		t.Run("decide declines, and the person may apply again", func(t *testing.T) {
			e := mustApply(t, s, apply(w.both, w.upcoming, "cat", programs.RoleMentor))
			got, err := s.Decide(ctx, e.ID, false, "adm")
			if err != nil || got.Status != programs.StatusDeclined {
				t.Fatalf("declined: %+v %v", got, err)
			}
			mustApply(t, s, apply(w.both, w.upcoming, "cat", programs.RoleMentor))
		})

		t.Run("decide errors", func(t *testing.T) {
			mentee := mustApply(t, s, apply(w.both, w.open, "cat", programs.RoleMentee))
			_, err := s.Decide(ctx, mentee.ID, true, "adm")
			errstest.WantErr(t, err, errs.Conflict, "") // approved at once: nothing to decide
			_, err = s.Decide(ctx, "enr_nothere000", true, "adm")
			errstest.WantErr(t, err, errs.NotFound, "")

			w.AddPerson("leaver", "Leaver", true)
			e := mustApply(t, s, apply(w.both, w.open, "leaver", programs.RoleMentor))
			w.Deactivate("leaver")
			_, err = s.Decide(ctx, e.ID, true, "adm")
			errstest.WantErr(t, err, errs.Invalid, "")
			if got, err := s.Decide(ctx, e.ID, false, "adm"); err != nil || got.Status != programs.StatusDeclined {
				t.Fatalf("declining an inactive person: %+v %v", got, err)
			}
		})

		t.Run("withdraw only by the person, only once", func(t *testing.T) {
			_, err := s.Withdraw(ctx, mentor.ID, "ann")
			errstest.WantErr(t, err, errs.NotFound, "")
			_, err = s.Withdraw(ctx, "enr_nothere000", "bob")
			errstest.WantErr(t, err, errs.NotFound, "")
			got, err := s.Withdraw(ctx, mentor.ID, "bob")
			if err != nil || got.Status != programs.StatusWithdrawn {
				t.Fatalf("withdrawn: %+v %v", got, err)
			}
			_, err = s.Withdraw(ctx, mentor.ID, "bob")
			errstest.WantErr(t, err, errs.Conflict, "")
			_, err = s.AcceptConduct(ctx, mentor.ID, "bob")
			errstest.WantErr(t, err, errs.Conflict, "")
			_, err = s.Decide(ctx, mentor.ID, true, "adm")
			errstest.WantErr(t, err, errs.Conflict, "")
		})
	})
}

func TestEnrollmentLists(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		s, ctx := w.s, w.Ctx
		for _, p := range [][2]string{{"p1", "zoe Zhang"}, {"p2", "Amir Ali"}, {"p3", "Mia Berg"}, {"p4", "Ben Ode"}} {
			w.AddPerson(p[0], p[1], true)
		}
		mustApply(t, s, apply(w.both, w.open, "p1", programs.RoleMentee))
		mustApply(t, s, apply(w.both, w.open, "p2", programs.RoleMentee))
		m3 := mustApply(t, s, apply(w.both, w.open, "p3", programs.RoleMentor))
		mustApply(t, s, apply(w.both, w.open, "p4", programs.RoleMentor))
		mustApply(t, s, apply(w.both, w.open, "p4", programs.RoleCircleMember))
		w4 := mustApply(t, s, apply(w.both, w.upcoming, "p4", programs.RoleMentee))
		if _, err := s.Withdraw(ctx, w4.ID, "p4"); err != nil {
			t.Fatal(err)
		}
		later := programs.NewStore(w.DB, w.People, nil, func() time.Time { return now.Add(time.Minute) })
		mustApply(t, later, apply(w.both, w.upcoming, "p4", programs.RoleMentee))
		mustApply(t, s, apply(w.groups, w.groupsOpen, "p1", programs.RoleCircleMember))
		mustApply(t, s, apply(w.pairs, w.pairsOpen, "p2", programs.RoleMentor))
		if _, err := s.Decide(ctx, m3.ID, true, "adm"); err != nil {
			t.Fatal(err)
		}

		names := func(es []programs.Enrollment) []string {
			var out []string
			for _, e := range es {
				out = append(out, e.Role+":"+e.PersonName+":"+e.Status)
			}
			return out
		}

		cycleTests := []struct {
			name   string
			filter programs.EnrollmentFilter
			want   []string
		}{
			{"all, by role then name", programs.EnrollmentFilter{}, []string{
				"mentor:Ben Ode:applied", "mentor:Mia Berg:approved",
				"mentee:Amir Ali:approved", "mentee:zoe Zhang:approved",
				"circle_member:Ben Ode:approved"}},
			{"approved", programs.EnrollmentFilter{Status: programs.StatusApproved}, []string{
				"mentor:Mia Berg:approved", "mentee:Amir Ali:approved", "mentee:zoe Zhang:approved", "circle_member:Ben Ode:approved"}},
			{"mentors waiting", programs.EnrollmentFilter{Status: programs.StatusApplied, Role: programs.RoleMentor}, []string{"mentor:Ben Ode:applied"}},
			{"nobody", programs.EnrollmentFilter{Status: programs.StatusDeclined}, nil},
		}
		for _, tt := range cycleTests {
			t.Run("cycle: "+tt.name, func(t *testing.T) {
				got, err := s.CycleEnrollments(ctx, w.both.ID, w.open.ID, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(names(got), tt.want) {
					t.Fatalf("got %v\nwant %v", names(got), tt.want)
				}
			})
		}

		t.Run("cycle: bad filter and other program's cycle", func(t *testing.T) {
			_, err := s.CycleEnrollments(ctx, w.both.ID, w.open.ID, programs.EnrollmentFilter{Status: "pending"})
			errstest.WantErr(t, err, errs.Invalid, "status")
			_, err = s.CycleEnrollments(ctx, w.both.ID, w.open.ID, programs.EnrollmentFilter{Role: "boss"})
			errstest.WantErr(t, err, errs.Invalid, "role")
			_, err = s.CycleEnrollments(ctx, w.both.ID, w.groupsOpen.ID, programs.EnrollmentFilter{})
			errstest.WantErr(t, err, errs.NotFound, "")
		})

		t.Run("person: every enrollment with program and cycle names", func(t *testing.T) {
			got, err := s.PersonEnrollments(ctx, "p4")
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, e := range got {
				rows = append(rows, e.ProgramName+"/"+e.CycleName+"/"+e.Role+"/"+e.Status+"/"+e.CycleStatus(now))
			}
			want := []string{
				"Grow/Q1 2027/mentee/withdrawn/upcoming", "Grow/Q1 2027/mentee/approved/upcoming",
				"Grow/Q4 2026/mentor/applied/open", "Grow/Q4 2026/circle_member/approved/open",
			}
			if !slices.Equal(rows, want) {
				t.Fatalf("got %v\nwant %v", rows, want)
			}
			if got, err := s.PersonEnrollments(ctx, "adm"); err != nil || len(got) != 0 {
				t.Fatalf("nobody's enrollments: %v %v", got, err)
			}
			_, err = s.PersonEnrollments(ctx, "nobody")
			errstest.WantErr(t, err, errs.NotFound, "")
		})

		t.Run("get", func(t *testing.T) {
			e, err := s.GetEnrollment(ctx, m3.ID)
			if err != nil || e.PersonName != "Mia Berg" || e.ProgramName != "Grow" || e.CycleName != "Q4 2026" {
				t.Fatalf("get: %+v %v", e, err)
			}
			_, err = s.GetEnrollment(ctx, "enr_nothere000")
			errstest.WantErr(t, err, errs.NotFound, "")
		})

		t.Run("pending approvals across programs, oldest first", func(t *testing.T) {
			got, err := s.PendingApprovals(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, e := range got {
				rows = append(rows, e.ProgramName+"/"+e.PersonName)
			}
			// All were created at the same instant: the order then is by id,
			// so compare as a set.
			slices.Sort(rows)
			if want := []string{"Grow/Ben Ode", "Pairs/Amir Ali"}; !slices.Equal(rows, want) {
				t.Fatalf("got %v, want %v", rows, want)
			}
		})

		t.Run("counts by cycle, role and status", func(t *testing.T) {
			got, err := s.Counts(ctx, w.both.ID)
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, c := range got {
				rows = append(rows, fmt.Sprintf("%s/%s/%s/%d", c.CycleName, c.Role, c.Status, c.People))
			}
			want := []string{
				"Q4 2026/mentor/applied/1", "Q4 2026/mentor/approved/1",
				"Q4 2026/mentee/approved/2", "Q4 2026/circle_member/approved/1",
				"Q1 2027/mentee/approved/1", "Q1 2027/mentee/withdrawn/1",
			}
			if !slices.Equal(rows, want) {
				t.Fatalf("got %v\nwant %v", rows, want)
			}
			all, err := s.Counts(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			var programsSeen []string
			for _, c := range all {
				if !slices.Contains(programsSeen, c.ProgramName) {
					programsSeen = append(programsSeen, c.ProgramName)
				}
			}
			if want := []string{"Circles", "Grow", "Pairs"}; !slices.Equal(programsSeen, want) {
				t.Fatalf("programs %v, want %v", programsSeen, want)
			}
			_, err = s.Counts(ctx, "prg_nothere000")
			errstest.WantErr(t, err, errs.NotFound, "")
		})
	})
}
