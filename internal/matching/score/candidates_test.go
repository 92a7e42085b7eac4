package score

import (
	"cmp"
	"reflect"
	"slices"
	"testing"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/person"
)

// checkSet verifies that every arc of set is allowed, scored right, at or
// above the minimum, listed once, and in order.
func checkSet(t *testing.T, s *Scorer, set CandidateSet, minScore int) {
	t.Helper()
	for k, a := range set.Arcs {
		if k > 0 {
			b := set.Arcs[k-1]
			if cmp.Or(cmp.Compare(b.Mentee, a.Mentee), cmp.Compare(b.Mentor, a.Mentor)) >= 0 {
				t.Fatalf("arcs %v and %v out of order", b, a)
			}
		}
		if r := s.Check(int(a.Mentor), int(a.Mentee)); r != Allowed {
			t.Fatalf("arc %v breaks %v", a, r)
		}
		if sc := s.Score(int(a.Mentor), int(a.Mentee)); int(a.Score) != sc || sc < minScore {
			t.Fatalf("arc %v: score %d (minimum %d)", a, sc, minScore)
		}
	}
}

func TestCandidatesExhaustiveIsEveryAllowedPair(t *testing.T) {
	ms, es, org := genCohort(120, 60, 1)
	var h History
	h.Add(ms[3].ID, es[5].ID)
	w := DefaultWeights()
	w.RequireSharedLanguage = true
	s := mustScorer(t, ms, es, org, &h, w, Options{MinScore: 300, Exclusions: []IDPair{{ms[1].ID, es[2].ID}}})
	set := s.Candidates()
	if !set.Exhaustive || set.K != 0 || set.Scored != int64(len(ms)*len(es)) {
		t.Fatalf("set: exhaustive %v, k %d, scored %d", set.Exhaustive, set.K, set.Scored)
	}
	checkSet(t, s, set, 300)
	allowed, rejected, below := 0, map[string]int64{}, int64(0)
	for i := range es {
		for j := range ms {
			switch r := s.Check(j, i); {
			case r != Allowed:
				rejected[r.String()]++
			case s.Score(j, i) < 300:
				below++
			default:
				allowed++
			}
		}
	}
	if allowed != len(set.Arcs) || below != set.BelowMinScore || !reflect.DeepEqual(rejected, set.Rejected) {
		t.Errorf("%d arcs, %d below, rejected %v; brute force %d, %d, %v", len(set.Arcs), set.BelowMinScore, set.Rejected, allowed, below, rejected)
	}
	for _, r := range []Rule{RuleChain, RuleNoSharedLanguage, RuleHistory, RuleExcluded} {
		if rejected[r.String()] == 0 {
			t.Errorf("the instance does not exercise %v", r)
		}
	}
}

// With a K and a budget that reach every mentor, the pruned path keeps
// exactly the pairs of full enumeration.
func TestCandidatesPrunedEqualsFullWhenKIsLarge(t *testing.T) {
	ms, es, org := genCohort(300, 150, 2)
	full := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{MinScore: 200}).Candidates()
	for _, budget := range []int{150, 1000} {
		s := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{MinScore: 200, ExhaustiveLimit: -1, K: len(ms), Budget: budget})
		set := s.Candidates()
		if set.Exhaustive || set.K != len(ms) {
			t.Fatalf("not pruned: %+v", set.K)
		}
		if !slices.Equal(set.Arcs, full.Arcs) {
			t.Fatalf("budget %d: %d arcs, full enumeration %d", budget, len(set.Arcs), len(full.Arcs))
		}
	}
}

// Pruned candidates are each mentee's best among what its budget reached,
// and come close to the true best K.
func TestCandidatesPrunedQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("scores 2 million pairs")
	}
	ms, es, org := genCohort(2000, 1000, 3)
	const k = 20
	s := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{ExhaustiveLimit: -1, K: k})
	set := s.Candidates()
	checkSet(t, s, set, 0)
	full := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{}).Candidates()
	var got, best int64
	perMentee := func(arcs []matching.Arc, i int32) []int32 {
		var sc []int32
		for _, a := range arcs {
			if a.Mentee == i {
				sc = append(sc, a.Score)
			}
		}
		slices.SortFunc(sc, func(a, b int32) int { return cmp.Compare(b, a) })
		return sc[:min(k, len(sc))]
	}
	byMentee := func(arcs []matching.Arc) map[int32][]matching.Arc {
		m := map[int32][]matching.Arc{}
		for _, a := range arcs {
			m[a.Mentee] = append(m[a.Mentee], a)
		}
		return m
	}
	pm, fm := byMentee(set.Arcs), byMentee(full.Arcs)
	for i := range int32(len(es)) {
		p, f := perMentee(pm[i], i), perMentee(fm[i], i)
		if len(p) != len(f) {
			t.Fatalf("mentee %d: %d candidates, %d allowed in the top %d", i, len(p), len(f), k)
		}
		for x := range p {
			got += int64(p[x])
			best += int64(f[x])
		}
	}
	ratio := float64(got) / float64(best)
	t.Logf("pruned top-%d scores are %.2f%% of the true top-%d (%d pairs scored instead of %d)", k, 100*ratio, k, set.Scored, full.Scored)
	if ratio < 0.97 {
		t.Errorf("pruned candidates reach only %.2f%% of the true top-%d scores", 100*ratio, k)
	}
}

func TestCandidatesDeterministic(t *testing.T) {
	ms, es, org := genCohort(800, 400, 4)
	for _, limit := range []int{0, -1} {
		var first CandidateSet
		for n, workers := range []int{1, 2, 3, 1} {
			set, err := Candidates(ms, es, org, nil, DefaultWeights(), Options{From: jan5, To: jan30, ExhaustiveLimit: limit, K: 7, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				first = set
				continue
			}
			if !reflect.DeepEqual(set, first) {
				t.Fatalf("limit %d: run %d with %d workers differs", limit, n, workers)
			}
		}
	}
}

func TestCandidatesProgressAndErrors(t *testing.T) {
	ms, es, org := genCohort(600, 300, 5)
	var calls, last int
	s := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{Progress: func(done, total int) {
		if done < last || total != len(es) {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		calls, last = calls+1, done
	}})
	s.Candidates()
	if calls == 0 || last != len(es) {
		t.Errorf("%d progress calls, last %d", calls, last)
	}

	if _, err := NewScorer(ms, es, org, nil, DefaultWeights(), Options{}); err == nil {
		t.Error("no dates accepted")
	}
	bad := DefaultWeights()
	bad.LevelGapMin = 0
	if _, err := NewScorer(ms, es, org, nil, bad, Options{From: jan5, To: jan30}); err == nil {
		t.Error("bad weights accepted")
	}
	mars := []person.Person{newPerson("M", zone("Mars/Olympus", "09:00", "17:00"))}
	if _, err := NewScorer(mars, es, org, nil, DefaultWeights(), Options{From: jan5, To: jan30}); err == nil {
		t.Error("unknown zone accepted")
	}
}

// The candidates of a generated cohort solve, and the solution keeps every
// rule; PruningLoss reports a loss that is small and never negative in
// matched mentees.
func TestPruningLoss(t *testing.T) {
	ms, es, org := genCohort(3000, 1500, 6)
	s := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{ExhaustiveLimit: -1, K: 5, Budget: 60})
	set := s.Candidates()
	base, err := matching.Solve(matching.Problem{MentorCapacity: capacities(ms), NumMentees: len(es), Arcs: set.Arcs})
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []PruningOptions{{EstimateSample: len(es)}, {Sample: 1000, WholeLimit: 1}} {
		pr, err := s.PruningLoss(set, base, opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%+v estimates %d %d", pr, *pr.ScoreLossEstimate, *pr.UnprunedLossEstimate)
		// Only what was measured on the whole cohort, unscaled, is called
		// a bound.
		if (pr.ScoreLossBound != nil) != pr.WholeCohort || (pr.UnprunedLossBound != nil) != (pr.EstimateSample == len(es)) {
			t.Errorf("bounds given for scaled estimates: %+v", pr)
		}
		// On the whole cohort the dual bounds are exact bounds.
		if pr.WholeCohort && (*pr.ScoreLossBound < pr.ScoreLoss || *pr.UnprunedLossBound < *pr.ScoreLossBound) {
			t.Errorf("bounds %d, %d below the loss %d", *pr.ScoreLossBound, *pr.UnprunedLossBound, pr.ScoreLoss)
		}
		if !pr.Pruned || pr.K != 5 || pr.LargerK != 10 || pr.MatchedLoss < 0 ||
			pr.WholeCohort != (opts.Sample == 0) || pr.SampleMentees != cmp.Or(opts.Sample, len(es)) {
			t.Errorf("pruning %+v", pr)
		}
		if pr.ScoreLossPercent > 5 {
			t.Errorf("pruning lost %.2f%%", pr.ScoreLossPercent)
		}
	}
	exh := mustScorer(t, ms[:50], es[:50], org, nil, DefaultWeights(), Options{})
	if pr, err := exh.PruningLoss(exh.Candidates(), matching.Result{}, PruningOptions{}); err != nil || pr.Pruned {
		t.Errorf("exhaustive set: %+v, %v", pr, err)
	}
}

func capacities(ms []person.Person) []int32 {
	out := make([]int32, len(ms))
	for j, p := range ms {
		out[j] = int32(p.Capacity)
	}
	return out
}
