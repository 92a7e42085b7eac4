// Package rotation plans who facilitates each session of a mentoring
// circle, so that leading rotates and no voice dominates. It is pure: plain
// values in, plain values out, no database, no HTTP, no clock.
//
// # Rules
//
// A member is eligible for a session unless they opted out of facilitating
// or are away that session. For each session in order, Plan picks the
// eligible member who has facilitated least so far, counting earlier
// cycles (the history) and the sessions already planned; ties go to the
// lower level (emerging leaders first), then to the smaller ID. Hence:
//
//   - every eligible member facilitates before anyone facilitates twice
//     (more generally, nobody facilitates while an eligible member present
//     at that session has facilitated fewer times), history included;
//   - an away member keeps their place: their count stays low, so at the
//     next session they attend they go ahead of everyone who has
//     facilitated more;
//   - among members who attend every session, facilitation counts differ
//     by at most one after every session, if they did so before the cycle.
//
// A newcomer (tenure under NewcomerDays) has a buddy in the circle: a
// seasoned member (tenure of at least SeasonedDays) if the circle has one,
// else the longest-tenured member. Buddies are spread: each newcomer, in
// ID order, takes the candidate with the fewest newcomers so far (ties: the
// longest tenure, then the smaller ID). When a newcomer facilitates, a
// co-facilitator joins them: their buddy if present, else the present
// seasoned member who has co-facilitated least (else the longest-tenured
// present member). Members who opted out neither buddy nor co-facilitate.
//
// # Complexity
//
// With n members and S sessions, Plan costs O(S*n + n log n + b*n) for b
// newcomers: each session scans the members once.
package rotation

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
)

// NewcomerDays is the tenure, in days, below which a member is a newcomer.
const NewcomerDays = 365

// SeasonedDays is the tenure, in days, from which a member is seasoned.
const SeasonedDays = 3 * 365

// Member is one member of a circle.
type Member struct {
	ID         string
	Level      int   // job level; lower levels facilitate first
	TenureDays int   // days since hire; under NewcomerDays is a newcomer
	OptedOut   bool  // does not facilitate, co-facilitate or buddy
	Away       []int // indexes (from 0) of the sessions the member misses
}

// Turn is one session of the roster.
type Turn struct {
	Session     int    // index from 0
	Facilitator string // member ID
	// CoFacilitator is the member ID of the seasoned partner of a newcomer
	// facilitator, or empty when the facilitator is not a newcomer (or
	// nobody present can partner them).
	CoFacilitator string
}

// Buddy pairs a newcomer with the member who looks after them in the
// circle.
type Buddy struct {
	Newcomer string
	Buddy    string // empty when no other member can be a buddy
}

// Roster is the facilitator rotation of a circle for one cycle.
type Roster struct {
	Turns   []Turn  // one per session, in order
	Buddies []Buddy // one per newcomer, by newcomer ID
	// Counts is the number of times each member has facilitated, history
	// included, after the cycle.
	Counts map[string]int
}

// person is a member with the state of the planning.
type person struct {
	Member
	away     []bool // by session
	count    int    // facilitations so far, history included
	buddies  int    // newcomers they are buddy to
	cofac    int    // co-facilitations so far
	newcomer bool
	seasoned bool
	buddy    *person // for a newcomer, nil if nobody can be one
}

// Plan returns the roster for sessions sessions of a circle; history maps
// member IDs to how many times they facilitated in earlier cycles (IDs of
// non-members are ignored; nil means none). The rules are in the package
// documentation. The result does not depend on the order of members.
//
// Plan returns an error of kind errs.Invalid for bad input (no members,
// fewer than one session, an empty or repeated ID, an away session out of
// range, a negative history count) and when some session has nobody to
// facilitate it, because everyone opted out or is away; the error says
// which sessions.
func Plan(members []Member, sessions int, history map[string]int) (Roster, error) {
	people, err := prepare(members, sessions, history)
	if err != nil {
		return Roster{}, err
	}
	var roster Roster
	for _, p := range assignBuddies(people) {
		b := Buddy{Newcomer: p.ID}
		if p.buddy != nil {
			b.Buddy = p.buddy.ID
		}
		roster.Buddies = append(roster.Buddies, b)
	}

	var empty []int
	for s := range sessions {
		var fac *person
		for _, p := range people {
			if p.OptedOut || p.away[s] {
				continue
			}
			// people is sorted by level and ID, so a strict comparison
			// keeps the tie-break.
			if fac == nil || p.count < fac.count {
				fac = p
			}
		}
		if fac == nil {
			empty = append(empty, s)
			continue
		}
		fac.count++
		turn := Turn{Session: s, Facilitator: fac.ID}
		if fac.newcomer {
			if co := coFacilitator(people, fac, s); co != nil {
				co.cofac++
				turn.CoFacilitator = co.ID
			}
		}
		roster.Turns = append(roster.Turns, turn)
	}
	if len(empty) > 0 {
		what := "session"
		if len(empty) > 1 {
			what = "sessions"
		}
		return Roster{}, errs.E(errs.Invalid, "facilitator roster: nobody can facilitate %s %s: every member opted out or is away",
			what, joinInts(empty))
	}
	roster.Counts = make(map[string]int, len(people))
	for _, p := range people {
		roster.Counts[p.ID] = p.count
	}
	return roster, nil
}

// prepare checks the input and returns the members sorted by level and ID.
func prepare(members []Member, sessions int, history map[string]int) ([]*person, error) {
	if len(members) == 0 {
		return nil, errs.E(errs.Invalid, "facilitator roster: the circle has no members")
	}
	if sessions < 1 {
		return nil, errs.E(errs.Invalid, "facilitator roster: want at least one session, got %d", sessions)
	}
	people := make([]*person, len(members))
	seen := make(map[string]bool, len(members))
	eligible := 0
	for i, m := range members {
		switch {
		case m.ID == "":
			return nil, errs.E(errs.Invalid, "facilitator roster: member %d has no ID", i)
		case seen[m.ID]:
			return nil, errs.E(errs.Invalid, "facilitator roster: member %q is listed twice", m.ID)
		case history[m.ID] < 0:
			return nil, errs.E(errs.Invalid, "facilitator roster: member %q has a negative history count %d", m.ID, history[m.ID])
		}
		seen[m.ID] = true
		p := &person{
			Member:   m,
			away:     make([]bool, sessions),
			count:    history[m.ID],
			newcomer: m.TenureDays < NewcomerDays,
			seasoned: m.TenureDays >= SeasonedDays,
		}
		for _, s := range m.Away {
			if s < 0 || s >= sessions {
				return nil, errs.E(errs.Invalid, "facilitator roster: member %q is away at session %d, outside 0 to %d", m.ID, s, sessions-1)
			}
			p.away[s] = true
		}
		if !m.OptedOut {
			eligible++
		}
		people[i] = p
	}
	if eligible == 0 {
		return nil, errs.E(errs.Invalid, "facilitator roster: nobody can facilitate: all %d members opted out", len(members))
	}
	slices.SortFunc(people, func(a, b *person) int {
		if a.Level != b.Level {
			return a.Level - b.Level
		}
		return strings.Compare(a.ID, b.ID)
	})
	return people, nil
}

// assignBuddies gives each newcomer a buddy and returns the newcomers by
// ID. Candidates are the other members who did not opt out: the seasoned
// ones if any, else those with the longest tenure. Each newcomer takes the
// candidate with the fewest newcomers so far, so buddies spread.
func assignBuddies(people []*person) []*person {
	var newcomers []*person
	for _, p := range people {
		if p.newcomer {
			newcomers = append(newcomers, p)
		}
	}
	slices.SortFunc(newcomers, func(a, b *person) int { return strings.Compare(a.ID, b.ID) })
	for _, nc := range newcomers {
		nc.buddy = pick(people, func(p *person) bool { return p != nc && !p.OptedOut },
			func(a, b *person) bool {
				if a.buddies != b.buddies {
					return a.buddies < b.buddies
				}
				return a.TenureDays > b.TenureDays
			})
		if nc.buddy != nil {
			nc.buddy.buddies++
		}
	}
	return newcomers
}

// coFacilitator returns the partner of newcomer fac at session s: their
// buddy if present, else the present seasoned member with the fewest
// co-facilitations (then the longest tenure), else the longest-tenured
// present member, or nil if nobody else who did not opt out is present.
func coFacilitator(people []*person, fac *person, s int) *person {
	if b := fac.buddy; b != nil && !b.away[s] {
		return b
	}
	return pick(people, func(p *person) bool { return p != fac && !p.OptedOut && !p.away[s] },
		func(a, b *person) bool {
			if a.cofac != b.cofac {
				return a.cofac < b.cofac
			}
			return a.TenureDays > b.TenureDays
		})
}

// pick returns, among the people that ok accepts, the best by better of
// the seasoned ones if there are any, else the best of those with the
// longest tenure; ties go to the smaller ID. It returns nil if ok accepts
// nobody.
func pick(people []*person, ok func(*person) bool, better func(a, b *person) bool) *person {
	var best *person
	seasoned, longest := false, math.MinInt
	for _, p := range people {
		if ok(p) {
			seasoned = seasoned || p.seasoned
			longest = max(longest, p.TenureDays)
		}
	}
	for _, p := range people {
		if !ok(p) || (seasoned && !p.seasoned) || (!seasoned && p.TenureDays != longest) {
			continue
		}
		if best == nil || better(p, best) || (!better(best, p) && p.ID < best.ID) {
			best = p
		}
	}
	return best
}

// joinInts formats session indexes as "1, 4 and 7".
func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
