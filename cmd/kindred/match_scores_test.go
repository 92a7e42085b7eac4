package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/matching"
)

// The fast reader of scores.csv reads what the careful one reads, and
// gives up on anything that is not plain, so the careful one can say why.
func TestReadScoresFastAgreesWithCareful(t *testing.T) {
	dir := t.TempDir()
	if err := writeScoresFiles(dir, matching.Generate(300, 40, 6, rand.NewPCG(3, 4))); err != nil {
		t.Fatal(err)
	}
	mentorIx := map[string]int32{}
	for j := range 40 {
		mentorIx["M"+fmt.Sprint(j)] = int32(j)
	}
	ids := make([]string, 40)
	for j := range ids {
		ids[j] = "M" + fmt.Sprint(j)
	}
	mentors := newIDIndex(ids)
	generated, err := os.ReadFile(filepath.Join(dir, "scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	plain := map[string]string{
		"generated":                    string(generated),
		"crlf, blank lines and spaces": "\xef\xbb\xbfScore, mentee_id ,mentor_id,extra\r\n5,E1,M0,x\r\n\r\n 7 ,E2, M1,\r\n9,E1,M2,y\r\n",
		"header only":                  "mentor_id,mentee_id,score\n",
	}
	for name, body := range plain {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "in.csv")
			os.WriteFile(path, []byte(body), 0o644)
			ids, _, arcs, ok := readScoresFast([]byte(body), mentors)
			wantIDs, _, wantArcs, err := readScoresCareful(path, "mentors.csv", mentorIx)
			if !ok || err != nil {
				t.Fatalf("fast ok %v, careful %v", ok, err)
			}
			if !slices.Equal(ids, wantIDs) || !slices.Equal(arcs, wantArcs) {
				t.Errorf("fast %v %v\ncareful %v %v", ids, arcs, wantIDs, wantArcs)
			}
		})
	}
	for _, body := range []string{
		"", "mentor_id,mentee_id\n", "mentor_id,mentee_id,score\nM0,E1,\"5\"\n", "mentor_id,mentee_id,score\nM0,E1,5,6\n",
		"mentor_id,mentee_id,score\nM99,E1,5\n", "mentor_id,mentee_id,score\nM0,,5\n", "mentor_id,mentee_id,score\nM0,M0,5\n",
		"mentor_id,mentee_id,score\nM0,E1,1001\n", "mentor_id,mentee_id,score\nM0,E1,-1\n", "mentor_id,mentee_id,score\nM0,E1,5\nM0,E1,6\n",
		"mentor_id,mentee_id,mentor_id,score\nM0,E1,M0,5\n", "mentor_id,mentee_id,score\n   \n",
	} {
		if _, _, _, ok := readScoresFast([]byte(body), mentors); ok {
			t.Errorf("%q: read fast, want it left to the careful reader", body)
		}
	}
	if got := len(splitLines([]byte(strings.Repeat("a,b,1\n", 10)), 4)); got != 4 {
		t.Errorf("%d parts, want 4", got)
	}
}

func TestIDIndex(t *testing.T) {
	ids := []string{"a", "b", "M1", "M10", "", "M100"}
	x := newIDIndex(ids)
	for k, id := range ids {
		if j, ok := x.find([]byte(id)); !ok || j != int32(k) {
			t.Errorf("find(%q) = %d, %v, want %d", id, j, ok, k)
		}
	}
	for _, id := range []string{"c", "M", "M1000", "m1"} {
		if j, ok := x.find([]byte(id)); ok {
			t.Errorf("find(%q) = %d, want none", id, j)
		}
	}
}
