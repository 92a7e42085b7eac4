// Package formations holds the cross-level circles of a program's cycle as
// the product keeps them: formations (a draft, the published one, and
// earlier ones kept for audit and as history), their circles with members
// and a weekly meeting slot, each circle's facilitator roster with a
// co-facilitator and a buddy for newcomers, the program manager's moves of
// a person between circles, and publication. It is the stateful side of
// the pure engines circles (formation), schedule (meeting times) and
// rotation (facilitator rosters).
//
// Forming is one pipeline, Arrange, which kindred circles runs too: it
// takes people, dates, sizes, history and a seed as plain values and
// returns the circles with their slots, facilitators and rosters; the Store
// reads its input from the database and saves its result.
//
// A formation takes the cycle's approved circle members with their level,
// function, location, tenure band (from the hire date, as of the cycle's
// first day), manager and working hours in their time zone over the
// cycle's dates; the circles the program published for its earlier cycles
// as history, so people meet new faces; and the sizes asked for (preferred
// 6, between 5 and 8, unless the program manager says otherwise). It runs
// circles.Form with a random source seeded by Seed, picks each circle's
// meeting slot with schedule (nearest mid-day for the most members), plans
// each circle's roster with rotation for the cycle's sessions (their
// number follows from the program's cadence and the cycle's dates), and
// stores the result as a draft. Forming again discards the draft; moving a
// person changes the draft (or a draft copied from the published
// formation), recomputing the two circles' diversity, slot and roster;
// publishing makes the draft the cycle's circles and supersedes the
// formation published before.
//
// Nothing of a draft is for participants. The Store answers a person's
// questions only with their own circle of a published formation (Mine,
// MyCircles) and a sponsor's with totals; deciding who may call what is
// the caller's job (package web), but the queries that serve participants
// read only published formations and only the person's own circle.
package formations

import (
	"time"

	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// Formation statuses.
const (
	StatusDraft      = "draft"      // proposed; visible to program managers only
	StatusPublished  = "published"  // the cycle's circles, shown to participants
	StatusSuperseded = "superseded" // published once, replaced by a later formation
	StatusDiscarded  = "discarded"  // a draft replaced by a later one before it was published
)

// Default circle sizes: circles of 5 to 8 that span levels, preferably 6.
const (
	DefaultSize    = 6
	DefaultMinSize = 5
	DefaultMaxSize = 8
)

// MaxSize is the largest circle size a program manager may ask for.
const MaxSize = 20

// Totals are a formation's figures, with no names: what sponsors see.
type Totals struct {
	People  int // circle members placed
	Circles int
	// Diversity is the number of (pair of circle-mates, attribute) where
	// the two differ, over level, function, location and tenure band.
	Diversity int
	// UpperBound is a bound on Diversity that no partition of these
	// people into this many circles can beat.
	UpperBound int
	// RepeatPairs counts pairs of circle-mates who already shared a
	// published circle of the program; RepeatLowerBound is a proven lower
	// bound on it (when positive, no repeat-free formation exists).
	RepeatPairs        int
	RepeatLowerBound   int
	CirclesWithoutSlot int // circles whose members share no weekly slot
	HistoryCircles     int // earlier published circles taken into account
}

// Gap returns how far the diversity is below its bound, as a fraction of
// the bound: 0 is the best possible.
func (t Totals) Gap() float64 {
	if t.UpperBound == 0 {
		return 0
	}
	return float64(t.UpperBound-t.Diversity) / float64(t.UpperBound)
}

// Formation is one formation of a cycle's circles.
type Formation struct {
	ID        string
	ProgramID string
	CycleID   string
	Seq       int    // 1, 2, ... within the cycle
	Status    string // one of the statuses above
	// Sizes asked for: Size preferred, from MinSize to MaxSize.
	Size, MinSize, MaxSize int
	Seed                   int64
	SessionMinutes         int // the program's session length when formed
	Sessions               int // sessions of each circle in the cycle
	Totals
	// FacilitatorsMarked reports that some circle member is marked as a
	// facilitator; then every circle needs one. Otherwise everyone is
	// eligible.
	FacilitatorsMarked bool
	Moves              int    // people moved by a program manager since forming
	Millis             int    // how long forming took, in milliseconds
	ParentID           string // the published formation a draft was copied from, if any
	CreatedBy          string
	CreatedAt          time.Time
	UpdatedAt          time.Time
	PublishedBy        string
	PublishedAt        *time.Time
}

// Circle is one circle of a formation.
type Circle struct {
	Number int // 1, 2, ... within the formation
	// Slot is the weekly meeting in UTC when HasSlot; otherwise NearSlot is
	// the slot most members can make and Blockers (person ids) cannot.
	Slot      schedule.Slot
	HasSlot   bool
	NearSlot  schedule.Slot
	Blockers  []string
	Diversity int
	Members   []Member // ordered by name
	Turns     []Turn   // one per session, in order
}

// Member is a person in a circle, with their profile as read when the
// circle was read.
type Member struct {
	PersonID string
	Person   person.Person
	// BuddyID is a newcomer's buddy in the circle; empty for others (or
	// when nobody could be a buddy).
	BuddyID string
}

// Turn is one session of a circle's facilitator roster.
type Turn struct {
	Session     int // from 0
	Facilitator string
	// CoFacilitator is the seasoned partner of a newcomer facilitator, or
	// empty.
	CoFacilitator string
}

// Member returns the member with the person id, and whether there is one.
func (c Circle) Member(personID string) (Member, bool) {
	for _, m := range c.Members {
		if m.PersonID == personID {
			return m, true
		}
	}
	return Member{}, false
}

// Latest is what a program manager sees of a cycle: the draft being worked
// on, if any, and the published formation, if any.
type Latest struct {
	Draft     *Formation
	Published *Formation
}

// Working returns the formation a program manager works on: the draft, or
// else the published formation (nil if neither exists).
func (l Latest) Working() *Formation {
	if l.Draft != nil {
		return l.Draft
	}
	return l.Published
}

// FormRequest asks for a new draft formation of a cycle's circles.
type FormRequest struct {
	ProgramID string
	CycleID   string
	// Sizes: Size is preferred, circles have MinSize to MaxSize members.
	// Zero values take the defaults (6, 5 and 8); Size alone (the others
	// zero) asks for exactly that size.
	Size, MinSize, MaxSize int
	// Seed seeds the search; 0 means the formation's sequence number, so
	// forming again gives different circles.
	Seed    int64
	AdminID string // who asked, recorded as CreatedBy
}

// MoveRequest asks to move a person to another circle of the working
// formation of a cycle.
type MoveRequest struct {
	ProgramID string
	CycleID   string
	// FormationID, when set, is the formation the program manager looked
	// at: a move on anything else (formed or moved meanwhile) is a
	// Conflict.
	FormationID string
	PersonID    string // form field "person_id"
	ToCircle    int    // form field "to_circle": a circle number
	AdminID     string
}

// Effect is what a move does, for a program manager deciding on it.
type Effect struct {
	PersonID, PersonName string
	From, To             int // circle numbers
	FromSize, ToSize     int // sizes after the move

	// Diversity is the change of the formation's diversity; Before and
	// After are the formation's, UpperBound* its bound (which grows with
	// the number of pairs when sizes become uneven), and Gap* the gaps.
	Diversity                         int
	DiversityBefore, DiversityAfter   int
	UpperBoundBefore, UpperBoundAfter int
	GapBefore, GapAfter               float64

	// Weekly slots of the two circles before and after (check HasSlot).
	FromSlotBefore, FromSlotAfter CircleSlot
	ToSlotBefore, ToSlotAfter     CircleSlot

	// Repeats is the change in the number of pairs who shared a circle
	// before.
	Repeats int

	// Rules the move would break; a move that breaks one is refused.
	ManagerConflict      bool // the destination holds their manager or a direct report
	FromLosesFacilitator bool // they are the last facilitator of their circle
	LeavesEmpty          bool // they are alone in their circle
	// SizesOK is set when both circles stay within the formation's sizes;
	// a move outside them is allowed, but worth a second look.
	SizesOK bool
}

// Allowed reports whether the move breaks none of the hard rules.
func (e Effect) Allowed() bool {
	return !e.ManagerConflict && !e.FromLosesFacilitator && !e.LeavesEmpty
}

// CircleSlot is a circle's weekly meeting slot, or none.
type CircleSlot struct {
	Slot    schedule.Slot
	HasSlot bool
}

// String returns the slot as "TUE 14:00" (UTC) or "none".
func (s CircleSlot) String() string {
	if !s.HasSlot {
		return "none"
	}
	return s.Slot.String()
}

// MyCircle is a person's own circle in a cycle's published formation.
type MyCircle struct {
	ProgramID, ProgramName string
	CycleID, CycleName     string
	Cycle                  programs.Cycle
	Cadence                string
	Formation              Formation
	Circle                 Circle
	// Sessions are the start of each session of the circle, in UTC, when
	// it has a slot (see SessionStarts).
	Sessions []time.Time
}

// Next returns the first session that starts at or after now, and whether
// there is one.
func (m MyCircle) Next(now time.Time) (time.Time, bool) {
	for _, t := range m.Sessions {
		if !t.Before(now) {
			return t, true
		}
	}
	return time.Time{}, false
}
