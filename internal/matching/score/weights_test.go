package score

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

func TestDecodeWeights(t *testing.T) {
	def := DefaultWeights()
	tests := []struct {
		name string
		json string
		want func(*Weights) // changes from the defaults; nil means an error
		err  string
	}{
		{"empty object keeps the defaults", `{}`, func(*Weights) {}, ""},
		{"some keys", `{"skills": 50, "style": 0, "function_preference": "same", "level_gap_min": 1, "level_gap_max": 2,
			"full_overlap_hours": 2.5, "require_language": "English", "require_shared_language": true, "allow_repeat_pairs": true}`,
			func(w *Weights) {
				w.factor[factorIndex(FactorSkills)], w.factor[factorIndex(FactorStyle)] = 50, 0
				w.FunctionPreference, w.LevelGapMin, w.LevelGapMax = PreferSame, 1, 2
				w.FullOverlapHours, w.RequireLanguage, w.RequireSharedLanguage, w.AllowRepeatPairs = 2.5, "English", true, true
			}, ""},
		{"unknown key", `{"skils": 50}`, nil, `unknown key "skils"`},
		{"wrong type", "{\n  \"skills\": \"lots\"\n}", nil, `"skills" at line 2, column 18 must be a whole number, not string`},
		{"bad syntax", "{\"skills\": 5,\n}", nil, "not valid JSON at line 2, column 1"},
		{"trailing data", `{} {}`, nil, "unexpected data after the JSON object"},
		{"empty file", ``, nil, "the file is empty"},
		{"not an object", `[1]`, nil, `"" at line 1, column 1 must be score.Weights, not array`},
		{"negative weight", `{"language": -1}`, nil, "language: weight -1 must be from 0 to 1000"},
		{"all zero", `{"skills":0,"interests":0,"cross_function":0,"level_gap":0,"time_overlap":0,"language":0,"style":0}`, nil, "at least one factor"},
		{"bad preference", `{"function_preference": "other"}`, nil, `"other" must be different, same or indifferent`},
		{"bad gap", `{"level_gap_min": 3, "level_gap_max": 2}`, nil, "level_gap_min"},
		{"bad hours", `{"full_overlap_hours": 0}`, nil, "full_overlap_hours"},
		{"bad minimum", `{"min_shared_hours": -1}`, nil, "min_shared_hours: -1 must be from 0 (no minimum) to 40 hours a week"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeWeights(strings.NewReader(tc.json))
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				if !errs.Is(err, errs.Invalid) {
					t.Errorf("error %v is not Invalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := def
			tc.want(&want)
			if got != want {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

// The JSON form of Weights is the one DecodeWeights has always read:
// the factor weights by name, then the settings, in this order.
func TestWeightsJSONForm(t *testing.T) {
	const want = `{"skills":35,"interests":10,"cross_function":10,"level_gap":15,"time_overlap":20,"language":5,"style":5,` +
		`"function_preference":"different","level_gap_min":2,"level_gap_max":3,"full_overlap_hours":4,"min_shared_hours":2,` +
		`"require_language":"","require_shared_language":false,"allow_repeat_pairs":false}`
	data, err := json.Marshal(DefaultWeights())
	if err != nil || string(data) != want {
		t.Fatalf("Marshal = %s, %v\nwant %s", data, err, want)
	}
	var w Weights
	if err := json.Unmarshal([]byte(want), &w); err != nil || w != DefaultWeights() {
		t.Errorf("Unmarshal = %+v, %v", w, err)
	}
	if err := json.Unmarshal([]byte(`{"skils": 3}`), &w); err == nil {
		t.Error("Unmarshal accepted an unknown key")
	}
	if err := w.SetWeight(FactorLanguage, 40); err != nil || w.Weight(FactorLanguage) != 40 || w.Weight("nope") != 0 {
		t.Errorf("SetWeight: %v, Weight = %d", err, w.Weight(FactorLanguage))
	}
	if err := w.SetWeight("nope", 1); !errs.Is(err, errs.Invalid) {
		t.Errorf("SetWeight of an unknown factor: %v", err)
	}
}

// Every factor of the table is whole: a unique name that is its weight's
// JSON key, a label, a default weight in range, points and a reason.
func TestFactorTable(t *testing.T) {
	def := DefaultWeights()
	seen := map[string]bool{}
	for f, x := range factors {
		if x.name == "" || seen[x.name] || x.label == "" || x.points == nil || x.reason == nil {
			t.Errorf("factor %d is incomplete or repeated: %+v", f, x)
		}
		seen[x.name] = true
		if FactorNames[f] != x.name || weightKeys()[f] != x.name || FactorLabel(x.name) != x.label {
			t.Errorf("factor %s: FactorNames %q, JSON key %q, label %q", x.name, FactorNames[f], weightKeys()[f], FactorLabel(x.name))
		}
		if w := def.Weight(x.name); w != x.defaultWeight || w < 0 || w > MaxWeight {
			t.Errorf("factor %s: default weight %d", x.name, w)
		}
	}
	if FactorLabel("unknown") != "unknown" {
		t.Error("FactorLabel of an unknown name is not the name")
	}
}
