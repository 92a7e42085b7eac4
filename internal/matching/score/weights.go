package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
)

// The names of the factors declared in the table factors. They are also
// the JSON keys of their weights.
const (
	FactorSkills        = "skills"
	FactorInterests     = "interests"
	FactorCrossFunction = "cross_function"
	FactorLevelGap      = "level_gap"
	FactorTimeOverlap   = "time_overlap"
	FactorLanguage      = "language"
	FactorStyle         = "style"
)

// FactorNames lists the factors in their fixed order, the order of the
// table factors: an Explanation lists them so before sorting by
// contribution.
var FactorNames = factorNames()

func factorNames() []string {
	names := make([]string, numFactors)
	for f, x := range factors {
		names[f] = x.name
	}
	return names
}

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
// has a key per factor (its name in FactorNames) for its weight, then the
// snake_case keys of the other settings, shown below; DecodeWeights starts
// from DefaultWeights, so a file names only what it changes.
//
// The score of a pair is the weighted average of its factors' points,
// each 0..1000, rounded to the nearest integer: sum(w*p) / sum(w) over the
// factors counted. A blank (a mentee who listed no skills they want, a
// mentor with no languages listed...) earns 0 points and counts; only a
// factor nobody in the cohort filled in is left out, of every pair alike.
type Weights struct {
	// factor holds the factor weights, each 0..MaxWeight, in FactorNames
	// order; a weight of 0 turns a factor off. See Weight and SetWeight;
	// the defaults are those the table factors declares.
	factor [maxFactors]int

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

	// MinSharedHours is a hard rule: mentor and mentee must share at
	// least this many working hours every week of the cycle (default 2;
	// 0 turns the rule off). It is checked on the same weekly overlap
	// time_overlap scores.
	MinSharedHours float64 `json:"min_shared_hours"`

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

// DefaultWeights returns the documented defaults: the factor weights the
// table factors declares (skills 35, time_overlap 20, level_gap 15,
// interests 10, cross_function 10, language 5, style 5); a different
// function preferred; an ideal level gap of 2 to 3; 4 shared hours a week
// for full time_overlap points; at least 2 shared working hours a week;
// no required language; no repeat pairs.
func DefaultWeights() Weights {
	w := Weights{
		FunctionPreference: PreferDifferent,
		LevelGapMin:        2,
		LevelGapMax:        3,
		FullOverlapHours:   4,
		MinSharedHours:     2,
	}
	for f, x := range factors {
		w.factor[f] = x.defaultWeight
	}
	return w
}

// Weight returns the weight of the named factor, or 0 for a name that is
// not in FactorNames.
func (w Weights) Weight(factor string) int {
	if f := factorIndex(factor); f >= 0 {
		return w.factor[f]
	}
	return 0
}

// SetWeight sets the weight of the named factor. A name that is not in
// FactorNames is an errs.Invalid error; the range is Validate's to check.
func (w *Weights) SetWeight(factor string, weight int) error {
	f := factorIndex(factor)
	if f < 0 {
		return errs.Field("weights", "unknown factor %q (the factors are %s)", factor, strings.Join(FactorNames, ", "))
	}
	w.factor[f] = weight
	return nil
}

// factorIndex returns the position of the named factor in the table, or -1.
func factorIndex(name string) int {
	for f, x := range factors {
		if x.name == name {
			return f
		}
	}
	return -1
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
	form := w.jsonForm()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(form.Addr().Interface()); err != nil {
		return Weights{}, jsonError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Weights{}, errs.Field("weights", "unexpected data after the JSON object at %s", position(data, dec.InputOffset()))
	}
	w.setJSONForm(form)
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
		switch {
		case te.Type == weightsJSON:
			want = "score.Weights" // the whole value, named as before it had a built JSON form
		case want == "":
			want = te.Type.String()
		}
		return errs.Field("weights", "%q at %s must be %s, not %s", te.Field, position(data, te.Offset-1), want, te.Value)
	case errors.Is(err, io.EOF):
		return errs.Field("weights", "the file is empty; it needs a JSON object such as {\"skills\": 40}")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errs.Field("weights", "unknown key %s (the keys are %s)",
			strings.TrimPrefix(err.Error(), "json: unknown field "), strings.Join(weightKeys(), ", "))
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
	for f, x := range factors {
		if v := w.factor[f]; v < 0 || v > MaxWeight {
			return errs.Field(x.name, "weight %d must be from 0 to %d", v, MaxWeight)
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
	if !(w.MinSharedHours >= 0 && w.MinSharedHours <= 40) {
		return errs.Field("min_shared_hours", "%v must be from 0 (no minimum) to 40 hours a week", w.MinSharedHours)
	}
	return nil
}

// minSharedSteps is MinSharedHours in 15-minute steps, rounded up: a
// minimum of 1.1 hours needs 1 hour 15 minutes.
func (w Weights) minSharedSteps() int {
	return int(math.Ceil(w.MinSharedHours*4 - 1e-9))
}

// factorWeights returns the weights in FactorNames order, with the
// factors that the settings turn off (see factorSpec.off) at 0.
func (w Weights) factorWeights() [maxFactors]int {
	fw := w.factor
	for f, x := range factors {
		if x.off != nil && x.off(&w) {
			fw[f] = 0
		}
	}
	return fw
}

// fullOverlapSteps is FullOverlapHours in 15-minute steps, at least 1.
func (w Weights) fullOverlapSteps() int {
	return max(1, int(w.FullOverlapHours*4+0.5))
}
