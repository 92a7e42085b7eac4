package rotation

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

const (
	newcomer = 100      // days of tenure
	mid      = 2 * 365  // neither newcomer nor seasoned
	seasoned = 5 * 365  // seasoned
	veteran  = 10 * 365 // seasoned, longer
)

// facilitators returns the facilitator of each turn.
func facilitators(r Roster) []string {
	var out []string
	for _, t := range r.Turns {
		out = append(out, t.Facilitator)
	}
	return out
}

func TestPlanOrder(t *testing.T) {
	tests := []struct {
		name     string
		members  []Member
		sessions int
		history  map[string]int
		want     []string
	}{
		{
			name: "lower levels first, then by ID, then round again",
			members: []Member{
				{ID: "d", Level: 5, TenureDays: mid}, {ID: "b", Level: 2, TenureDays: mid},
				{ID: "c", Level: 2, TenureDays: mid}, {ID: "a", Level: 7, TenureDays: mid},
			},
			sessions: 6,
			want:     []string{"b", "c", "d", "a", "b", "c"},
		},
		{
			name: "away keeps their place",
			members: []Member{
				{ID: "a", Level: 1, TenureDays: mid, Away: []int{0}}, {ID: "b", Level: 2, TenureDays: mid},
				{ID: "c", Level: 3, TenureDays: mid},
			},
			sessions: 5,
			want:     []string{"b", "a", "c", "a", "b"},
		},
		{
			name: "away for several sessions catches up on return",
			members: []Member{
				{ID: "a", Level: 1, TenureDays: mid, Away: []int{0, 1, 2}}, {ID: "b", Level: 2, TenureDays: mid},
				{ID: "c", Level: 3, TenureDays: mid},
			},
			sessions: 6,
			// b goes twice while a is away; back, a catches up and, on a
			// par with c, goes first again as the lower level.
			want: []string{"b", "c", "b", "a", "a", "c"},
		},
		{
			name: "opted out never facilitates",
			members: []Member{
				{ID: "a", Level: 1, TenureDays: mid, OptedOut: true}, {ID: "b", Level: 2, TenureDays: mid},
				{ID: "c", Level: 3, TenureDays: mid},
			},
			sessions: 4,
			want:     []string{"b", "c", "b", "c"},
		},
		{
			name: "history counts",
			members: []Member{
				{ID: "a", Level: 1, TenureDays: mid}, {ID: "b", Level: 2, TenureDays: mid},
				{ID: "c", Level: 3, TenureDays: mid},
			},
			sessions: 4,
			history:  map[string]int{"a": 2, "b": 1, "ghost": 9},
			want:     []string{"c", "b", "c", "a"},
		},
		{
			name:     "one member",
			members:  []Member{{ID: "solo", TenureDays: mid}},
			sessions: 3,
			want:     []string{"solo", "solo", "solo"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Plan(tt.members, tt.sessions, tt.history)
			if err != nil {
				t.Fatal(err)
			}
			if got := facilitators(r); !slices.Equal(got, tt.want) {
				t.Errorf("facilitators = %v, want %v", got, tt.want)
			}
			for i, turn := range r.Turns {
				if turn.Session != i {
					t.Errorf("turn %d has session %d", i, turn.Session)
				}
			}
		})
	}
}

func TestPlanNewcomers(t *testing.T) {
	members := []Member{
		{ID: "n1", Level: 1, TenureDays: newcomer},
		{ID: "n2", Level: 1, TenureDays: newcomer},
		{ID: "n3", Level: 2, TenureDays: newcomer, Away: []int{4}},
		{ID: "n4", Level: 2, TenureDays: newcomer},
		{ID: "s1", Level: 5, TenureDays: seasoned, Away: []int{2}},
		{ID: "s2", Level: 6, TenureDays: veteran},
		{ID: "m1", Level: 3, TenureDays: mid},
		{ID: "out", Level: 9, TenureDays: 20 * 365, OptedOut: true},
	}
	r, err := Plan(members, 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantBuddies := []Buddy{{"n1", "s2"}, {"n2", "s1"}, {"n3", "s2"}, {"n4", "s1"}}
	if !reflect.DeepEqual(r.Buddies, wantBuddies) {
		t.Errorf("Buddies = %v, want %v", r.Buddies, wantBuddies)
	}
	wantTurns := []Turn{
		{0, "n1", "s2"},
		{1, "n2", "s1"},
		{2, "n3", "s2"},
		{3, "n4", "s1"},
		{4, "m1", ""},
		{5, "s1", ""},
		{6, "s2", ""},
		{7, "n1", "s2"},
	}
	if !reflect.DeepEqual(r.Turns, wantTurns) {
		t.Errorf("Turns = %v, want %v", r.Turns, wantTurns)
	}
	checkRoster(t, members, 8, nil, r)
}

func TestPlanCoFacilitatorFallback(t *testing.T) {
	tests := []struct {
		name    string
		members []Member
		buddy   string
		co      string
	}{
		{
			name: "buddy away: another seasoned member",
			members: []Member{
				{ID: "n", Level: 1, TenureDays: newcomer},
				{ID: "s1", Level: 5, TenureDays: veteran, Away: []int{0}},
				{ID: "s2", Level: 5, TenureDays: seasoned},
				{ID: "m", Level: 5, TenureDays: mid},
			},
			buddy: "s1", co: "s2",
		},
		{
			name: "no seasoned member: the longest-tenured",
			members: []Member{
				{ID: "n", Level: 1, TenureDays: newcomer},
				{ID: "m1", Level: 5, TenureDays: mid},
				{ID: "m2", Level: 5, TenureDays: mid + 30},
			},
			buddy: "m2", co: "m2",
		},
		{
			name: "seasoned member opted out",
			members: []Member{
				{ID: "n", Level: 1, TenureDays: newcomer},
				{ID: "s", Level: 5, TenureDays: veteran, OptedOut: true},
				{ID: "m", Level: 5, TenureDays: mid},
			},
			buddy: "m", co: "m",
		},
		{
			name: "only newcomers",
			members: []Member{
				{ID: "n1", Level: 1, TenureDays: 10},
				{ID: "n2", Level: 1, TenureDays: 200},
			},
			buddy: "n2", co: "n2",
		},
		{
			name: "nobody to partner",
			members: []Member{
				{ID: "n", Level: 1, TenureDays: newcomer},
				{ID: "s", Level: 5, TenureDays: veteran, OptedOut: true},
			},
			buddy: "", co: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Plan(tt.members, 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Turns[0].Facilitator != tt.members[0].ID {
				t.Fatalf("facilitator %s, want the newcomer %s", r.Turns[0].Facilitator, tt.members[0].ID)
			}
			if got := r.Buddies[0].Buddy; got != tt.buddy {
				t.Errorf("buddy = %q, want %q", got, tt.buddy)
			}
			if got := r.Turns[0].CoFacilitator; got != tt.co {
				t.Errorf("co-facilitator = %q, want %q", got, tt.co)
			}
		})
	}
}

func TestPlanBuddiesSpread(t *testing.T) {
	var members []Member
	for i := range 7 {
		members = append(members, Member{ID: fmt.Sprintf("n%d", i), TenureDays: newcomer})
	}
	for i, days := range []int{seasoned, veteran, seasoned + 1} {
		members = append(members, Member{ID: fmt.Sprintf("s%d", i), TenureDays: days})
	}
	members = append(members, Member{ID: "mid", TenureDays: mid})
	r, err := Plan(members, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, b := range r.Buddies {
		per[b.Buddy]++
	}
	if want := map[string]int{"s0": 2, "s1": 3, "s2": 2}; !reflect.DeepEqual(per, want) {
		t.Errorf("newcomers per buddy = %v, want %v", per, want)
	}
}

func TestPlanErrors(t *testing.T) {
	ok := []Member{{ID: "a"}, {ID: "b"}}
	tests := []struct {
		name     string
		members  []Member
		sessions int
		history  map[string]int
		msg      string
	}{
		{"no members", nil, 3, nil, "no members"},
		{"no sessions", ok, 0, nil, "at least one session, got 0"},
		{"empty ID", []Member{{ID: "a"}, {}}, 3, nil, "member 1 has no ID"},
		{"repeated ID", []Member{{ID: "a"}, {ID: "a"}}, 3, nil, `"a" is listed twice`},
		{"away out of range", []Member{{ID: "a", Away: []int{3}}}, 3, nil, `"a" is away at session 3, outside 0 to 2`},
		{"negative history", ok, 3, map[string]int{"b": -1}, `"b" has a negative history count -1`},
		{"all opted out", []Member{{ID: "a", OptedOut: true}, {ID: "b", OptedOut: true}}, 3, nil, "all 2 members opted out"},
		{"everyone away", []Member{{ID: "a", Away: []int{1}}, {ID: "b", OptedOut: true}}, 3, nil, "nobody can facilitate session 1:"},
		{"everyone away twice", []Member{{ID: "a", Away: []int{0, 2, 4}}}, 5, nil, "sessions 0, 2 and 4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Plan(tt.members, tt.sessions, tt.history)
			if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "facilitator roster: ") {
				t.Fatalf("error = %v, want one mentioning %q", err, tt.msg)
			}
			if !errs.Is(err, errs.Invalid) {
				t.Errorf("error kind = %v, want invalid", errs.KindOf(err))
			}
		})
	}
}

// randomCircle returns a circle of 2 to 9 members with random levels,
// tenures, opt-outs and absences.
func randomCircle(r *rand.Rand, sessions int) []Member {
	n := 2 + r.IntN(8)
	members := make([]Member, n)
	for i := range members {
		m := Member{
			ID:         fmt.Sprintf("p%02d", r.IntN(100)*100+i),
			Level:      1 + r.IntN(6),
			TenureDays: []int{newcomer, mid, seasoned, veteran, r.IntN(12 * 365)}[r.IntN(5)],
			OptedOut:   r.IntN(6) == 0,
		}
		if r.IntN(2) == 0 {
			for s := range sessions {
				if r.IntN(5) == 0 {
					m.Away = append(m.Away, s)
				}
			}
		}
		members[i] = m
	}
	members[0].OptedOut = false
	members[0].Away = nil // someone can always facilitate
	return members
}

// TestPlanProperties checks the rules on random circles: fairness over
// every prefix, who may facilitate and co-facilitate, buddies, and that
// the roster does not depend on the order of the members.
func TestPlanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 500 {
		sessions := 1 + r.IntN(24)
		members := randomCircle(r, sessions)
		var history map[string]int
		if r.IntN(3) == 0 {
			history = map[string]int{}
			for _, m := range members {
				history[m.ID] = r.IntN(3)
			}
		}
		roster, err := Plan(members, sessions, history)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkRoster(t, members, sessions, history, roster) })
		shuffled := slices.Clone(members)
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		again, err := Plan(shuffled, sessions, history)
		if err != nil || !reflect.DeepEqual(again, roster) {
			t.Fatalf("case %d: roster depends on member order:\n%+v\n%+v (%v)", i, roster, again, err)
		}
	}
}

// checkRoster checks a roster against the rules.
func checkRoster(t *testing.T, members []Member, sessions int, history map[string]int, r Roster) {
	t.Helper()
	byID := map[string]Member{}
	away := map[string]map[int]bool{}
	for _, m := range members {
		byID[m.ID] = m
		away[m.ID] = map[int]bool{}
		for _, s := range m.Away {
			away[m.ID][s] = true
		}
	}
	eligible := func(id string, s int) bool { return !byID[id].OptedOut && !away[id][s] }
	count := map[string]int{}
	for id := range byID {
		count[id] = history[id]
	}
	buddy := map[string]string{}
	for _, b := range r.Buddies {
		buddy[b.Newcomer] = b.Buddy
	}
	if len(r.Turns) != sessions {
		t.Fatalf("%d turns for %d sessions", len(r.Turns), sessions)
	}
	for s, turn := range r.Turns {
		f := turn.Facilitator
		if !eligible(f, s) {
			t.Fatalf("session %d: %s facilitates but opted out or is away", s, f)
		}
		// Nobody facilitates while an eligible member has done so fewer
		// times; among equals, the lower level, then the smaller ID.
		for id, m := range byID {
			if id == f || !eligible(id, s) {
				continue
			}
			fm := byID[f]
			if count[id] < count[f] || (count[id] == count[f] && (m.Level < fm.Level || (m.Level == fm.Level && id < f))) {
				t.Fatalf("session %d: %s (count %d, level %d) facilitates before %s (count %d, level %d)",
					s, f, count[f], fm.Level, id, count[id], m.Level)
			}
		}
		count[f]++
		// Fairness among the members who attend every session, when
		// their history is balanced.
		lo, hi, n := 1<<30, -1, 0
		for id, m := range byID {
			if !m.OptedOut && len(m.Away) == 0 {
				lo, hi, n = min(lo, count[id]), max(hi, count[id]), n+1
			}
		}
		if balanced(members, history) && n > 0 && hi-lo > 1 {
			t.Fatalf("after session %d, always-present members' counts range from %d to %d", s, lo, hi)
		}
		// Co-facilitators partner newcomers only.
		co := turn.CoFacilitator
		isNew := byID[f].TenureDays < NewcomerDays
		switch {
		case co != "" && !isNew:
			t.Fatalf("session %d: %s is not a newcomer but has co-facilitator %s", s, f, co)
		case co != "" && (co == f || !eligible(co, s)):
			t.Fatalf("session %d: co-facilitator %s is the facilitator, opted out or away", s, co)
		case isNew && co == "" && anyone(byID, func(id string) bool { return id != f && eligible(id, s) }):
			t.Fatalf("session %d: newcomer %s facilitates alone though others are present", s, f)
		case isNew && buddy[f] != "" && eligible(buddy[f], s) && co != buddy[f]:
			t.Fatalf("session %d: newcomer %s co-facilitates with %s, not their present buddy %s", s, f, co, buddy[f])
		case isNew && co != "" && byID[co].TenureDays < SeasonedDays &&
			anyone(byID, func(id string) bool { return id != f && eligible(id, s) && byID[id].TenureDays >= SeasonedDays }):
			t.Fatalf("session %d: newcomer %s co-facilitates with %s though a seasoned member is present", s, f, co)
		}
	}
	if !reflect.DeepEqual(r.Counts, count) {
		t.Errorf("Counts = %v, want %v", r.Counts, count)
	}
	// Every newcomer has a buddy: seasoned if the circle has one who did
	// not opt out, spread evenly over them.
	var newcomers []string
	per := map[string]int{}
	seasonedAvailable := []string{}
	for id, m := range byID {
		if m.TenureDays < NewcomerDays {
			newcomers = append(newcomers, id)
		}
		if m.TenureDays >= SeasonedDays && !m.OptedOut {
			seasonedAvailable = append(seasonedAvailable, id)
		}
	}
	slices.Sort(newcomers)
	if len(r.Buddies) != len(newcomers) {
		t.Fatalf("%d buddies for %d newcomers", len(r.Buddies), len(newcomers))
	}
	for i, b := range r.Buddies {
		if b.Newcomer != newcomers[i] {
			t.Fatalf("Buddies[%d] is for %s, want %s", i, b.Newcomer, newcomers[i])
		}
		if b.Buddy == b.Newcomer || (b.Buddy != "" && byID[b.Buddy].OptedOut) {
			t.Fatalf("newcomer %s has buddy %q", b.Newcomer, b.Buddy)
		}
		hasOther := anyone(byID, func(id string) bool { return id != b.Newcomer && !byID[id].OptedOut })
		if (b.Buddy == "") == hasOther {
			t.Fatalf("newcomer %s has buddy %q; someone else available: %v", b.Newcomer, b.Buddy, hasOther)
		}
		if b.Buddy != "" && byID[b.Buddy].TenureDays < SeasonedDays && len(slices.DeleteFunc(slices.Clone(seasonedAvailable), func(id string) bool { return id == b.Newcomer })) > 0 {
			t.Fatalf("newcomer %s has buddy %s though a seasoned member is available", b.Newcomer, b.Buddy)
		}
		per[b.Buddy]++
	}
	if len(seasonedAvailable) > 0 {
		lo, hi := 1<<30, 0
		for _, id := range seasonedAvailable {
			lo, hi = min(lo, per[id]), max(hi, per[id])
		}
		if hi-lo > 1 {
			t.Fatalf("buddies are uneven over seasoned members: %v", per)
		}
	}
}

// balanced reports whether the always-present members' history counts
// differ by at most one.
func balanced(members []Member, history map[string]int) bool {
	lo, hi := 1<<30, -1
	for _, m := range members {
		if !m.OptedOut && len(m.Away) == 0 {
			lo, hi = min(lo, history[m.ID]), max(hi, history[m.ID])
		}
	}
	return hi-lo <= 1
}

func anyone(byID map[string]Member, f func(string) bool) bool {
	for id := range byID {
		if f(id) {
			return true
		}
	}
	return false
}
