package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
)

// The factor names, in the order an Explanation lists them before sorting
// by contribution. They are also the JSON keys of their weights.
const (
	FactorSkills        = "skills"
	FactorInterests     = "interests"
	FactorCrossFunction = "cross_function"
	FactorLevelGap      = "level_gap"
	FactorTimeOverlap   = "time_overlap"
	FactorLanguage      = "language"
	FactorStyle         = "style"
)

// FactorNames lists the factors in their fixed order.
var FactorNames = []string{FactorSkills, FactorInterests, FactorCrossFunction,
	FactorLevelGap, FactorTimeOverlap, FactorLanguage, FactorStyle}

const numFactors = 7

// Function preferences for the cross_function factor.
const (
	PreferDifferent = "different" // a mentor from another function scores 1000, the same 0
	PreferSame      = "same"      // a mentor from the same function scores 1000, another 0
	Indifferent     = "indifferent"
)

// MaxWeight is the largest weight a factor may have.
const MaxWeight = 1000

// Weights are a program's matching settings: how much each factor counts,
// how factors are judged, and which extra hard rules apply. The JSON form
// uses the snake_case keys shown; DecodeWeights starts from DefaultWeights,
// so a file names only what it changes.
//
// The score of a pair is the weighted average of its factors' points,
// each 0..1000, rounded to the nearest integer: sum(w*p) / sum(w) over the
// factors counted for that pair. A factor the data cannot judge (a mentee
// who listed no skills they want, people with no languages listed...) is
// not counted: it neither helps nor hurts, and the weights of the others
// are renormalized.
type Weights struct {
	// Factor weights, each 0..MaxWeight; a weight of 0 turns a factor off.
	Skills        int `json:"skills"`         // default 35
	Interests     int `json:"interests"`      // default 10
	CrossFunction int `json:"cross_function"` // default 10
	LevelGap      int `json:"level_gap"`      // default 15
	TimeOverlap   int `json:"time_overlap"`   // default 20
	Language      int `json:"language"`       // default 5
	Style         int `json:"style"`          // default 5

	// FunctionPreference is "different" (default: exposure to another part
	// of the organization), "same" or "indifferent" (the factor is off).
	FunctionPreference string `json:"function_preference"`
	// LevelGapMin and LevelGapMax bound the ideal number of levels the
	// mentor is above the mentee (default 2 and 3): full points inside,
	// fewer for a smaller positive gap (1 below the ideal: 600), a few less
	// for a larger one, none at 0 or below.
	LevelGapMin int `json:"level_gap_min"`
	LevelGapMax int `json:"level_gap_max"`
	// FullOverlapHours is the shared working time per week, in hours, that
	// earns full time_overlap points (default 4); less earns a share.
	FullOverlapHours float64 `json:"full_overlap_hours"`

	// RequireLanguage, when set, is a hard rule: mentor and mentee must
	// both speak it (compared case-insensitively).
	RequireLanguage string `json:"require_language"`
	// RequireSharedLanguage is a hard rule: mentor and mentee must have a
	// language in common.
	RequireSharedLanguage bool `json:"require_shared_language"`
	// AllowRepeatPairs lifts the rule that a pair from an earlier cycle of
	// the program (the history) may not be matched again.
	AllowRepeatPairs bool `json:"allow_repeat_pairs"`
}

// DefaultWeights returns the documented defaults: skills 35,
// time_overlap 20, level_gap 15, interests 10, cross_function 10,
// language 5, style 5; a different function preferred; an ideal level gap
// of 2 to 3; 4 shared hours a week for full time_overlap points; no
// required language; no repeat pairs.
func DefaultWeights() Weights {
	return Weights{
		Skills:             35,
		Interests:          10,
		CrossFunction:      10,
		LevelGap:           15,
		TimeOverlap:        20,
		Language:           5,
		Style:              5,
		FunctionPreference: PreferDifferent,
		LevelGapMin:        2,
		LevelGapMax:        3,
		FullOverlapHours:   4,
	}
}

// DecodeWeights reads Weights as JSON, starting from DefaultWeights. An
// unknown key, a value of the wrong type or trailing data is an error of
// kind errs.Invalid that says where; so is a setting Validate refuses.
func DecodeWeights(r io.Reader) (Weights, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Weights{}, fmt.Errorf("read weights: %w", err)
	}
	w := DefaultWeights()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Weights{}, jsonError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Weights{}, errs.Field("weights", "unexpected data after the JSON object at %s", position(data, dec.InputOffset()))
	}
	if err := w.Validate(); err != nil {
		return Weights{}, err
	}
	return w, nil
}

// jsonError turns a decoding error into an Invalid error naming the line
// and column when the decoder knows them.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return errs.Wrap(errs.Invalid, err, "weights: not valid JSON at %s", position(data, se.Offset-1))
	case errors.As(err, &te):
		want := map[string]string{"int": "a whole number", "float64": "a number", "string": "a string", "bool": "true or false"}[te.Type.String()]
		if want == "" {
			want = te.Type.String()
		}
		return errs.Field("weights", "%q at %s must be %s, not %s", te.Field, position(data, te.Offset-1), want, te.Value)
	case errors.Is(err, io.EOF):
		return errs.Field("weights", "the file is empty; it needs a JSON object such as {\"skills\": 40}")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errs.Field("weights", "unknown key %s (the keys are %s, function_preference, level_gap_min, level_gap_max, full_overlap_hours, require_language, require_shared_language, allow_repeat_pairs)",
			strings.TrimPrefix(err.Error(), "json: unknown field "), strings.Join(FactorNames, ", "))
	default:
		return errs.Wrap(errs.Invalid, err, "weights")
	}
}

// position formats the place of the byte at offset in data as "line L,
// column C" (1-based).
func position(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := offset - int64(bytes.LastIndexByte(data[:offset], '\n'))
	return fmt.Sprintf("line %d, column %d", line, col)
}

// Validate reports the first setting out of range, as an errs.Invalid
// error naming the JSON key.
func (w Weights) Validate() error {
	raw := [numFactors]int{w.Skills, w.Interests, w.CrossFunction, w.LevelGap, w.TimeOverlap, w.Language, w.Style}
	for i, v := range raw {
		if v < 0 || v > MaxWeight {
			return errs.Field(FactorNames[i], "weight %d must be from 0 to %d", v, MaxWeight)
		}
	}
	total := 0
	for _, v := range w.factorWeights() {
		total += v
	}
	if total == 0 {
		return errs.Field("weights", "at least one factor needs a weight above 0")
	}
	switch w.FunctionPreference {
	case PreferDifferent, PreferSame, Indifferent:
	default:
		return errs.Field("function_preference", "%q must be different, same or indifferent", w.FunctionPreference)
	}
	if w.LevelGapMin < 1 || w.LevelGapMax < w.LevelGapMin || w.LevelGapMax > 9 {
		return errs.Field("level_gap_min", "the ideal level gap %d to %d must satisfy 1 <= level_gap_min <= level_gap_max <= 9", w.LevelGapMin, w.LevelGapMax)
	}
	if !(w.FullOverlapHours > 0 && w.FullOverlapHours <= 168) {
		return errs.Field("full_overlap_hours", "%v must be more than 0 and at most 168 hours a week", w.FullOverlapHours)
	}
	return nil
}

// factorWeights returns the weights in FactorNames order, with
// cross_function off when the preference is indifferent.
func (w Weights) factorWeights() [numFactors]int {
	cf := w.CrossFunction
	if w.FunctionPreference == Indifferent {
		cf = 0
	}
	return [numFactors]int{w.Skills, w.Interests, cf, w.LevelGap, w.TimeOverlap, w.Language, w.Style}
}

// fullOverlapSteps is FullOverlapHours in 15-minute steps, at least 1.
func (w Weights) fullOverlapSteps() int {
	return max(1, int(w.FullOverlapHours*4+0.5))
}
