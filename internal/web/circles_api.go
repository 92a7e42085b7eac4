package web

import (
	"net/http"
	"time"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/programs"
)

// The circles API, with the checks of the pages: an admin reads the draft
// and the published circles with every member, forms, moves and
// publishes; a member reads their own published circle only (404
// otherwise, drafts included); a sponsor reads the published totals.

// totalsJSON is a formation's figures, with no names.
type totalsJSON struct {
	People             int     `json:"people"`
	Circles            int     `json:"circles"`
	Diversity          int     `json:"diversity"`
	UpperBound         int     `json:"diversity_upper_bound"`
	Gap                float64 `json:"gap"`
	RepeatPairs        int     `json:"repeat_pairs"`
	RepeatLowerBound   int     `json:"repeat_lower_bound"`
	CirclesWithoutSlot int     `json:"circles_without_slot"`
	HistoryCircles     int     `json:"history_circles"`
}

func toTotalsJSON(t formations.Totals) totalsJSON {
	return totalsJSON{People: t.People, Circles: t.Circles, Diversity: t.Diversity, UpperBound: t.UpperBound, Gap: t.Gap(),
		RepeatPairs: t.RepeatPairs, RepeatLowerBound: t.RepeatLowerBound, CirclesWithoutSlot: t.CirclesWithoutSlot,
		HistoryCircles: t.HistoryCircles}
}

// formationJSON is a formation as an admin sees it.
type formationJSON struct {
	ID             string       `json:"id"`
	Status         string       `json:"status"`
	Seq            int          `json:"seq"`
	Size           int          `json:"size"`
	MinSize        int          `json:"min_size"`
	MaxSize        int          `json:"max_size"`
	Seed           int64        `json:"seed"`
	SessionMinutes int          `json:"session_minutes"`
	Sessions       int          `json:"sessions"`
	Totals         totalsJSON   `json:"totals"`
	Moves          int          `json:"moves"`
	Millis         int          `json:"millis"`
	ParentID       string       `json:"parent_id,omitempty"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
	PublishedAt    *time.Time   `json:"published_at"`
	Circles        []circleJSON `json:"circles,omitempty"`
}

func toFormationJSON(f formations.Formation) *formationJSON {
	return &formationJSON{ID: f.ID, Status: f.Status, Seq: f.Seq, Size: f.Size, MinSize: f.MinSize, MaxSize: f.MaxSize,
		Seed: f.Seed, SessionMinutes: f.SessionMinutes, Sessions: f.Sessions, Totals: toTotalsJSON(f.Totals),
		Moves: f.Moves, Millis: f.Millis, ParentID: f.ParentID, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt,
		PublishedAt: f.PublishedAt}
}

// circleJSON is one circle as an admin sees it.
type circleJSON struct {
	Number     int          `json:"number"`
	MeetingUTC string       `json:"meeting_utc"` // "TUE 14:00", or empty when the members share no slot
	NearUTC    string       `json:"nearest_meeting_utc,omitempty"`
	Blockers   []string     `json:"blockers,omitempty"`
	Diversity  int          `json:"diversity"`
	Members    []memberJSON `json:"members"`
	Roster     []turnJSON   `json:"roster"`
}

// memberJSON is a circle member; level, tenure band and buddy only for
// admins.
type memberJSON struct {
	PersonID     string `json:"person_id"`
	Name         string `json:"name"`
	Function     string `json:"function"`
	Location     string `json:"location"`
	Timezone     string `json:"timezone"`
	MeetingLocal string `json:"meeting_local,omitempty"`
	Level        int    `json:"level,omitempty"`
	TenureBand   string `json:"tenure_band,omitempty"`
	BuddyID      string `json:"buddy_id,omitempty"`
}

// turnJSON is one session of a roster.
type turnJSON struct {
	Session         int        `json:"session"` // from 1
	StartsAt        *time.Time `json:"starts_at"`
	FacilitatorID   string     `json:"facilitator_id"`
	CoFacilitatorID string     `json:"co_facilitator_id,omitempty"`
}

func toTurnsJSON(c formations.Circle, cycle programs.Cycle, cadence string) []turnJSON {
	var starts []time.Time
	if c.HasSlot {
		starts = formations.SessionStarts(cycle, cadence, c.Slot)
	}
	out := make([]turnJSON, len(c.Turns))
	for i, t := range c.Turns {
		out[i] = turnJSON{Session: t.Session + 1, FacilitatorID: t.Facilitator, CoFacilitatorID: t.CoFacilitator}
		if i < len(starts) {
			out[i].StartsAt = &starts[i]
		}
	}
	return out
}

func meetingUTC(c formations.Circle) string {
	if !c.HasSlot {
		return ""
	}
	return c.Slot.String()
}

func (s *Server) toCircleJSON(c formations.Circle, cycle programs.Cycle, cadence string) circleJSON {
	out := circleJSON{Number: c.Number, MeetingUTC: meetingUTC(c), Blockers: c.Blockers, Diversity: c.Diversity,
		Members: make([]memberJSON, len(c.Members)), Roster: toTurnsJSON(c, cycle, cadence)}
	if !c.HasSlot {
		out.NearUTC = c.NearSlot.String()
	}
	ref := circleRef(cycle, s.now())
	for i, m := range c.Members {
		p := m.Person
		out.Members[i] = memberJSON{PersonID: m.PersonID, Name: p.Name, Function: p.Function, Location: p.Location,
			Timezone: p.Timezone, Level: p.Level, TenureBand: formations.TenureBandLabel(formations.TenureBandOf(p, cycle)),
			BuddyID: m.BuddyID}
		if c.HasSlot {
			out.Members[i].MeetingLocal = localSlot(c.Slot, p, ref)
		}
	}
	return out
}

// myCircleJSON is a member's own circle.
type myCircleJSON struct {
	ProgramID        string       `json:"program_id"`
	CycleID          string       `json:"cycle_id"`
	FormationID      string       `json:"formation_id"`
	Number           int          `json:"number"`
	MeetingUTC       string       `json:"meeting_utc"`
	MeetingLocal     string       `json:"meeting_local,omitempty"`
	NextMeeting      *time.Time   `json:"next_meeting"`
	NextMeetingLocal string       `json:"next_meeting_local,omitempty"`
	Members          []memberJSON `json:"members"`
	Roster           []turnJSON   `json:"roster"`
	BuddyID          string       `json:"buddy_id,omitempty"`
	BuddyOf          []string     `json:"buddy_of,omitempty"`
}

func (s *Server) toMyCircleJSON(m formations.MyCircle, personID string) myCircleJSON {
	v := s.myCircleView(m, personID)
	me, _ := m.Circle.Member(personID)
	out := myCircleJSON{ProgramID: m.ProgramID, CycleID: m.CycleID, FormationID: m.Formation.ID, Number: m.Circle.Number,
		MeetingUTC: meetingUTC(m.Circle), MeetingLocal: v.SlotLocal, NextMeetingLocal: v.Next,
		Members: make([]memberJSON, len(m.Circle.Members)), Roster: toTurnsJSON(m.Circle, m.Cycle, m.Cadence), BuddyID: me.BuddyID}
	if next, ok := m.Next(s.now()); ok {
		t := next.In(me.Person.Zone())
		out.NextMeeting = &t
	}
	for i, x := range m.Circle.Members {
		out.Members[i] = memberJSON{PersonID: x.PersonID, Name: x.Person.Name, Function: x.Person.Function,
			Location: x.Person.Location, Timezone: x.Person.Timezone}
		if x.BuddyID == personID {
			out.BuddyOf = append(out.BuddyOf, x.PersonID)
		}
	}
	return out
}

// apiCircles answers with what the viewer may see of a cycle's circles:
// {"draft", "published"} with every circle for admins, {"published"} with
// totals for sponsors, {"circle"} for a member with a published circle.
func (s *Server) apiCircles(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	ctx := r.Context()
	p, c, err := s.circlesProgramAndCycle(r)
	if err != nil {
		return err
	}
	switch {
	case access.CanManagePrograms(v):
		offset, limit, err := circlePage(r)
		if err != nil {
			return err
		}
		l, err := s.circles.Latest(ctx, p.ID, c.ID)
		if err != nil {
			return err
		}
		out := map[string]*formationJSON{"draft": nil, "published": nil}
		for key, f := range map[string]*formations.Formation{"draft": l.Draft, "published": l.Published} {
			if f == nil {
				continue
			}
			fj := toFormationJSON(*f)
			if offset >= f.Circles {
				fj.Circles = []circleJSON{}
				out[key] = fj
				continue
			}
			cs, err := s.circles.Circles(ctx, p.ID, c.ID, f.ID, offset+1, offset+limit)
			if err != nil {
				return err
			}
			fj.Circles = make([]circleJSON, len(cs))
			for i, x := range cs {
				fj.Circles[i] = s.toCircleJSON(x, c, p.Cadence)
			}
			out[key] = fj
		}
		return writeJSON(w, http.StatusOK, out)
	case access.CanSeeAggregates(v):
		pub, err := s.circles.Published(ctx, p.ID, c.ID)
		if errs.Is(err, errs.NotFound) {
			return writeJSON(w, http.StatusOK, map[string]any{"published": nil})
		}
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"published": toTotalsJSON(pub.Totals)})
	default:
		mine, err := s.circles.Mine(ctx, p.ID, c.ID, v.PersonID)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"circle": s.toMyCircleJSON(mine, v.PersonID)})
	}
}

// Pages of circles in the API: 100 unless ?limit= says otherwise.
const (
	apiCirclesPage    = 100
	apiCirclesMaxPage = 1000
)

// circlePage reads ?offset= (circles to skip) and ?limit= (circles to
// show) with a clear message for bad values.
func circlePage(r *http.Request) (offset, limit int, err error) {
	bad := errs.Fields{}
	limit = apiCirclesPage
	readInts(r.URL.Query(), bad, intParam{name: "offset", dst: &offset, max: 1 << 30},
		intParam{name: "limit", dst: &limit, min: 1, max: apiCirclesMaxPage})
	return offset, limit, bad.Err()
}

// circlesCall starts an admin's call on a cycle's circles (the route's
// admin adapter has let only program managers in): it decodes the JSON
// body into in (an empty body is allowed when optional) and finds the
// program and cycle of the path.
func (s *Server) circlesCall(w http.ResponseWriter, r *http.Request, in any, optional bool) (programs.Program, programs.Cycle, error) {
	if !optional || r.ContentLength != 0 {
		if err := decodeJSON(w, r, in); err != nil {
			return programs.Program{}, programs.Cycle{}, err
		}
	}
	return s.circlesProgramAndCycle(r)
}

// formationIn is the body of POST .../circles/formations; every field is
// optional (sizes default to 6, from 5 to 8).
type formationIn struct {
	Size    int   `json:"size"`
	MinSize int   `json:"min_size"`
	MaxSize int   `json:"max_size"`
	Seed    int64 `json:"seed"`
}

func (s *Server) apiFormCircles(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in formationIn
	p, c, err := s.circlesCall(w, r, &in, true)
	if err != nil {
		return err
	}
	f, err := s.circles.Form(r.Context(), formations.FormRequest{ProgramID: p.ID, CycleID: c.ID, Size: in.Size,
		MinSize: in.MinSize, MaxSize: in.MaxSize, Seed: in.Seed, AdminID: v.PersonID})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1"+circlesPath(p.ID, c.ID))
	return writeJSON(w, http.StatusCreated, toFormationJSON(f))
}

// publishIn is the body of POST .../circles/publish: the draft reviewed,
// or nothing for the current draft.
type publishIn struct {
	FormationID string `json:"formation_id"`
}

func (s *Server) apiPublishCircles(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in publishIn
	p, c, err := s.circlesCall(w, r, &in, true)
	if err != nil {
		return err
	}
	f, err := s.circles.Publish(r.Context(), p.ID, c.ID, in.FormationID, v.PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toFormationJSON(f))
}

// moveIn is the body of POST .../circles/moves.
type moveIn struct {
	PersonID    string `json:"person_id"`
	ToCircle    int    `json:"to_circle"`
	FormationID string `json:"formation_id"` // optional: the formation reviewed
	Preview     bool   `json:"preview"`      // only say what the move would do
}

// effectJSON is what a move does.
type effectJSON struct {
	PersonID             string  `json:"person_id"`
	From                 int     `json:"from_circle"`
	To                   int     `json:"to_circle"`
	FromSize             int     `json:"from_size"`
	ToSize               int     `json:"to_size"`
	DiversityChange      int     `json:"diversity_change"`
	DiversityBefore      int     `json:"diversity_before"`
	DiversityAfter       int     `json:"diversity_after"`
	GapBefore            float64 `json:"gap_before"`
	GapAfter             float64 `json:"gap_after"`
	FromMeetingBefore    string  `json:"from_meeting_utc_before"`
	FromMeetingAfter     string  `json:"from_meeting_utc_after"`
	ToMeetingBefore      string  `json:"to_meeting_utc_before"`
	ToMeetingAfter       string  `json:"to_meeting_utc_after"`
	RepeatsChange        int     `json:"repeat_pairs_change"`
	ManagerConflict      bool    `json:"manager_conflict"`
	FromLosesFacilitator bool    `json:"from_loses_facilitator"`
	LeavesEmpty          bool    `json:"leaves_empty"`
	SizesOK              bool    `json:"sizes_ok"`
	Allowed              bool    `json:"allowed"`
}

func slotUTC(s formations.CircleSlot) string {
	if !s.HasSlot {
		return ""
	}
	return s.Slot.String()
}

func toEffectJSON(e formations.Effect) effectJSON {
	return effectJSON{PersonID: e.PersonID, From: e.From, To: e.To, FromSize: e.FromSize, ToSize: e.ToSize,
		DiversityChange: e.Diversity, DiversityBefore: e.DiversityBefore, DiversityAfter: e.DiversityAfter,
		GapBefore: e.GapBefore, GapAfter: e.GapAfter, FromMeetingBefore: slotUTC(e.FromSlotBefore),
		FromMeetingAfter: slotUTC(e.FromSlotAfter), ToMeetingBefore: slotUTC(e.ToSlotBefore), ToMeetingAfter: slotUTC(e.ToSlotAfter),
		RepeatsChange: e.Repeats, ManagerConflict: e.ManagerConflict, FromLosesFacilitator: e.FromLosesFacilitator,
		LeavesEmpty: e.LeavesEmpty, SizesOK: e.SizesOK, Allowed: e.Allowed()}
}

func (s *Server) apiMoveInCircles(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in moveIn
	p, c, err := s.circlesCall(w, r, &in, false)
	if err != nil {
		return err
	}
	req := formations.MoveRequest{ProgramID: p.ID, CycleID: c.ID, FormationID: in.FormationID, PersonID: in.PersonID,
		ToCircle: in.ToCircle, AdminID: v.PersonID}
	if in.Preview {
		e, err := s.circles.PreviewMove(r.Context(), req)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"effect": toEffectJSON(e), "applied": false})
	}
	e, f, err := s.circles.Move(r.Context(), req)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"effect": toEffectJSON(e), "applied": true, "formation": toFormationJSON(f)})
}
