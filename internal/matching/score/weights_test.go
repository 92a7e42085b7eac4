package score

import (
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
				w.Skills, w.Style, w.FunctionPreference, w.LevelGapMin, w.LevelGapMax = 50, 0, PreferSame, 1, 2
				w.FullOverlapHours, w.RequireLanguage, w.RequireSharedLanguage, w.AllowRepeatPairs = 2.5, "English", true, true
			}, ""},
		{"unknown key", `{"skils": 50}`, nil, `unknown key "skils"`},
		{"wrong type", "{\n  \"skills\": \"lots\"\n}", nil, `"skills" at line 2, column 18 must be a whole number, not string`},
		{"bad syntax", "{\"skills\": 5,\n}", nil, "not valid JSON at line 2, column 1"},
		{"trailing data", `{} {}`, nil, "unexpected data after the JSON object"},
		{"empty file", ``, nil, "the file is empty"},
		{"negative weight", `{"language": -1}`, nil, "language: weight -1 must be from 0 to 1000"},
		{"all zero", `{"skills":0,"interests":0,"cross_function":0,"level_gap":0,"time_overlap":0,"language":0,"style":0}`, nil, "at least one factor"},
		{"bad preference", `{"function_preference": "other"}`, nil, `"other" must be different, same or indifferent`},
		{"bad gap", `{"level_gap_min": 3, "level_gap_max": 2}`, nil, "level_gap_min"},
		{"bad hours", `{"full_overlap_hours": 0}`, nil, "full_overlap_hours"},
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
