package score

import (
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"strings"
	"testing"
)

// TestScoresGolden pins every score, the pruned candidate lists, the
// explanations and the reasons of a generated cohort under weights that
// turn factors on, off and out of balance: a change to how factors are
// declared or computed must leave all of them bit for bit as they were.
// The hashes were recorded before factors were declared in one table.
func TestScoresGolden(t *testing.T) {
	ms, es, org := genCohort(1500, 700, 11)
	tests := []struct {
		weights string
		want    uint64
	}{
		{`{}`, 0x46c5c7f0a6981ad6},
		{`{"function_preference": "indifferent", "style": 0}`, 0x51033134b040d94b},
		{`{"function_preference": "same", "skills": 1000, "language": 0, "time_overlap": 3, "level_gap_min": 1, "level_gap_max": 1, "full_overlap_hours": 1.5}`, 0xf011b29f6edf596b},
		{`{"skills": 0, "interests": 0, "language": 0}`, 0xc0081e344d0d147e},
		{`{"skills": 7, "interests": 999, "cross_function": 0, "level_gap": 0, "time_overlap": 0, "language": 1, "style": 0}`, 0x3b66c23110ab816f},
		{`{"require_shared_language": true, "level_gap": 600, "style": 300}`, 0xafb24116098b9890},
	}
	for _, tc := range tests {
		t.Run(tc.weights, func(t *testing.T) {
			w, err := DecodeWeights(strings.NewReader(tc.weights))
			if err != nil {
				t.Fatal(err)
			}
			h := fnv.New64a()
			put := func(vs ...int64) {
				for _, v := range vs {
					h.Write(binary.LittleEndian.AppendUint64(nil, uint64(v)))
				}
			}
			for _, minScore := range []int{0, 450} {
				s := mustScorer(t, ms, es, org, nil, w, Options{ExhaustiveLimit: -1, K: 8, Budget: 90, MinScore: minScore})
				if minScore == 0 {
					for i := range es {
						for j := range ms {
							put(int64(s.Score(j, i)))
						}
					}
				}
				set := s.Candidates()
				put(int64(len(set.Arcs)), set.Scored, set.BelowMinScore)
				for _, a := range set.Arcs {
					put(int64(a.Mentor), int64(a.Mentee), int64(a.Score))
				}
				for k := range 60 {
					x := s.Explain(k*37%len(ms), k*101%len(es))
					data, err := json.Marshal(x)
					if err != nil {
						t.Fatal(err)
					}
					h.Write(data)
					h.Write([]byte(strings.Join(x.Reasons(), "|")))
				}
			}
			if got := h.Sum64(); got != tc.want {
				t.Errorf("hash %#x, want %#x", got, tc.want)
			}
		})
	}
}
