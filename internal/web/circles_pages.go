package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/programs"
)

// Circle pages: a cycle's circles. An admin forms them, sees each circle's
// make-up and meeting times, moves people with a preview of the effect and
// publishes; a member sees their own published circle only (anything else
// answers 404, drafts included); a sponsor sees the published totals, no
// names.

func circlesPath(programID, cycleID string) string { return cyclePath(programID, cycleID) + "/circles" }

// circlesPerPage is how many circles the admin's page shows at once.
const circlesPerPage = 12

// sizeForm is the form for forming circles, as typed.
type sizeForm struct{ Size, MinSize, MaxSize, Seed string }

// moveForm is the form for moving a person, as typed.
type moveForm struct{ PersonID, ToCircle, FormationID string }

// circlesProgramAndCycle reads the program and cycle of the path; a
// program without circles has no circles page.
func (s *Server) circlesProgramAndCycle(r *http.Request) (programs.Program, programs.Cycle, error) {
	p, c, err := s.programAndCycle(r)
	if err != nil {
		return p, c, err
	}
	if !p.Offers(programs.RoleCircleMember) {
		return p, c, errs.E(errs.NotFound, "%s does not form circles", p.Name)
	}
	return p, c, nil
}

// circlesPage is the data of a cycle's circles page for the viewer: the
// admin's workbench, a sponsor's totals, or a member's own circle (a
// member without a published circle gets NotFound).
func (s *Server) circlesPage(r *http.Request, p programs.Program, c programs.Cycle) (map[string]any, error) {
	v := viewer(r)
	ctx := r.Context()
	data := map[string]any{"Title": "Circles · " + c.Name + " · " + p.Name, "Section": "programs", "Program": p,
		"Cycle": cycleRow{Cycle: c, State: c.Status(s.today())}, "L": labels{}, "Pct": pctOf,
		"Closed": s.closedReason(p, c, programs.UseCircles)}
	switch {
	case access.CanManagePrograms(v):
		data["Admin"] = true
		return data, s.adminCircles(r, p, c, data)
	case access.CanSeeAggregates(v):
		data["Sponsor"] = true
		pub, err := s.circles.Published(ctx, p.ID, c.ID)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return nil, err
		}
		if err == nil {
			data["Published"] = &pub
		}
		return data, nil
	default:
		mine, err := s.circles.Mine(ctx, p.ID, c.ID, v.PersonID)
		if err != nil {
			return nil, err
		}
		data["Mine"] = s.myCircleView(mine, v.PersonID)
		return data, nil
	}
}

// adminCircles adds the admin's data: the draft and published formation,
// a page of the working formation's circles (the one holding ?move= if
// given), the forms and their (absent) errors.
func (s *Server) adminCircles(r *http.Request, p programs.Program, c programs.Cycle, data map[string]any) error {
	ctx := r.Context()
	l, err := s.circles.Latest(ctx, p.ID, c.ID)
	if err != nil {
		return err
	}
	f := l.Working()
	data["Latest"], data["Working"] = l, f
	sf := sizeForm{Size: strconv.Itoa(formations.DefaultSize), MinSize: strconv.Itoa(formations.DefaultMinSize),
		MaxSize: strconv.Itoa(formations.DefaultMaxSize)}
	if f != nil {
		sf = sizeForm{Size: strconv.Itoa(f.Size), MinSize: strconv.Itoa(f.MinSize), MaxSize: strconv.Itoa(f.MaxSize)}
	}
	mf := moveForm{PersonID: strings.TrimSpace(r.URL.Query().Get("move"))}
	data["SizeForm"], data["MoveForm"] = sf, mf
	data["FormErrors"], data["MoveErrors"] = map[string]string(nil), map[string]string(nil)
	data["MaxSize"] = formations.MaxSize
	if f == nil {
		return nil
	}
	mf.FormationID = f.ID
	data["MoveForm"] = mf
	page := pageOf(r.URL.Query())
	if mf.PersonID != "" {
		if n, err := s.circles.CircleOf(ctx, f.ID, mf.PersonID); err == nil {
			page = (n-1)/circlesPerPage + 1
		}
	}
	pages := max((f.Circles+circlesPerPage-1)/circlesPerPage, 1)
	page = min(page, pages)
	cs, err := s.circles.Circles(ctx, p.ID, c.ID, f.ID, (page-1)*circlesPerPage+1, page*circlesPerPage)
	if err != nil {
		return err
	}
	col := newColours(cs)
	ref := circleRef(c, s.now())
	views := make([]circleView, len(cs))
	for i, x := range cs {
		views[i] = newCircleView(x, c, p.Cadence, col, ref)
	}
	data["Circles"], data["Colours"] = views, col
	data["Page"], data["Pages"] = page, pages
	return nil
}

// myCircleView is a member's own circle as their page shows it.
type myCircleView struct {
	formations.MyCircle
	Next      string // the next meeting in their time zone, or empty
	SlotLocal string // the weekly meeting in their time zone
	Roster    []turnRow
	Buddy     string   // their buddy, if they are a newcomer
	BuddyOf   []string // the newcomers they look after
}

func (s *Server) myCircleView(m formations.MyCircle, personID string) myCircleView {
	v := myCircleView{MyCircle: m}
	me, _ := m.Circle.Member(personID)
	nm := names(m.Circle)
	if next, ok := m.Next(s.now()); ok {
		v.Next = meetingTime(next, me.Person)
	}
	if m.Circle.HasSlot {
		v.SlotLocal = localSlot(m.Circle.Slot, me.Person, circleRef(m.Cycle, s.now()))
	}
	v.Roster = roster(m.Circle, m.Cycle, m.Cadence, personID, me.Person.Zone(), s.now())
	v.Buddy = nm[me.BuddyID]
	for _, x := range m.Circle.Members {
		if x.BuddyID == personID {
			v.BuddyOf = append(v.BuddyOf, x.Person.Name)
		}
	}
	return v
}

// rerenderCircles shows the admin's page again with a form's problems,
// with status code.
func (s *Server) rerenderCircles(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle,
	code int, set func(data map[string]any)) error {
	data, err := s.circlesPage(r, p, c)
	if err != nil {
		return err
	}
	set(data)
	return s.render(w, r, code, "circles", data)
}

func (s *Server) formCircles(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	sf := sizeForm{Size: r.PostFormValue("size"), MinSize: r.PostFormValue("min_size"), MaxSize: r.PostFormValue("max_size"),
		Seed: r.PostFormValue("seed")}
	bad := errs.Fields{}
	req := formations.FormRequest{ProgramID: p.ID, CycleID: c.ID, Size: formNumber(bad, "size", sf.Size),
		MinSize: formNumber(bad, "min_size", sf.MinSize), MaxSize: formNumber(bad, "max_size", sf.MaxSize),
		Seed: int64(formNumber(bad, "seed", sf.Seed)), AdminID: v.PersonID}
	if len(bad) == 0 {
		f, err := s.circles.Form(r.Context(), req)
		if err == nil {
			return s.redirect(w, r, circlesPath(p.ID, c.ID), fmt.Sprintf("Formed %s for %s: diversity %d of at most %d (gap %s). "+
				"Members see them once you publish.", plural(f.Circles, "circle", "circles"), plural(f.People, "person", "people"), f.Diversity, f.UpperBound, pctOf(f.Gap())))
		}
		if bad = fieldErrors(err); bad == nil {
			if !errs.Is(err, errs.Invalid) {
				return err
			}
			bad = errs.Fields{"form": errs.As(err).Message}
		}
	}
	return s.rerenderCircles(w, r, p, c, http.StatusUnprocessableEntity, func(data map[string]any) {
		data["SizeForm"], data["FormErrors"] = sf, map[string]string(bad)
	})
}

func (s *Server) moveInCircles(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	mf := moveForm{PersonID: strings.TrimSpace(r.PostFormValue("person_id")), ToCircle: r.PostFormValue("to_circle"),
		FormationID: r.PostFormValue("formation_id")}
	bad := errs.Fields{}
	req := formations.MoveRequest{ProgramID: p.ID, CycleID: c.ID, FormationID: mf.FormationID, PersonID: mf.PersonID,
		ToCircle: formNumber(bad, "to_circle", mf.ToCircle), AdminID: v.PersonID}
	var preview *effectView
	if len(bad) == 0 {
		var err error
		if r.PostFormValue("action") == "confirm" {
			var e formations.Effect
			var f formations.Formation
			if e, f, err = s.circles.Move(r.Context(), req); err == nil {
				return s.redirect(w, r, circlesPath(p.ID, c.ID)+"?move="+url.QueryEscape(e.PersonID), fmt.Sprintf(
					"Moved %s from circle %d to circle %d: diversity %d (gap %s). Members see the change once you publish.",
					e.PersonName, e.From, e.To, f.Diversity, pctOf(f.Gap())))
			}
		} else {
			var e formations.Effect
			if e, err = s.circles.PreviewMove(r.Context(), req); err == nil {
				preview = &effectView{e}
			}
		}
		// A problem with the form shows the page again; any other error
		// (the circles changed meanwhile, an outage) goes to s.fail.
		if bad = fieldErrors(err); err != nil && bad == nil {
			return err
		}
	}
	code := http.StatusUnprocessableEntity
	if preview != nil {
		code = http.StatusOK
	}
	return s.rerenderCircles(w, r, p, c, code, func(data map[string]any) {
		if preview == nil {
			data["MoveErrors"] = map[string]string(bad)
		}
		data["Preview"] = preview
		data["MoveForm"] = mf
	})
}

func (s *Server) publishCircles(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	f, err := s.circles.Publish(r.Context(), p.ID, c.ID, r.PostFormValue("formation_id"), v.PersonID)
	if err != nil {
		return err
	}
	return s.redirect(w, r, circlesPath(p.ID, c.ID), fmt.Sprintf("Published %s: their %s now see their circle, roster and meeting times.",
		plural(f.Circles, "circle", "circles"), plural(f.People, "member", "members")))
}

// myCircleCard is the "Your circle" card of a member's start page.
type myCircleCard struct {
	ProgramID, ProgramName, CycleID, CycleName string
	Number, Members                            int
	Next                                       string
}

// myCircleCards reads the viewer's published circles in cycles that have
// not ended, for their start page.
func (s *Server) myCircleCards(r *http.Request) ([]myCircleCard, error) {
	v := viewer(r)
	mine, err := s.circles.MyCircles(r.Context(), v.PersonID)
	if err != nil {
		return nil, err
	}
	out := make([]myCircleCard, len(mine))
	for i, m := range mine {
		out[i] = myCircleCard{ProgramID: m.ProgramID, ProgramName: m.ProgramName, CycleID: m.CycleID, CycleName: m.CycleName,
			Number: m.Circle.Number, Members: len(m.Circle.Members)}
		if me, ok := m.Circle.Member(v.PersonID); ok {
			if next, ok := m.Next(s.now()); ok {
				out[i].Next = meetingTime(next, me.Person)
			}
		}
	}
	return out, nil
}
