package mentorships

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/matching/score"
)

// A program's matching settings are its score.Weights: the factor weights
// and the hard rules every run of its cycles applies (among them the
// minimum of shared working hours a week). A program without settings of
// its own has score.DefaultWeights.

// settings reads the program's matching settings.
func settings(ctx context.Context, q db.Querier, programID string) (score.Weights, error) {
	w := score.DefaultWeights()
	var text string
	err := q.QueryRowContext(ctx, "SELECT weights FROM match_settings WHERE program_id = ?", programID).Scan(&text)
	if err == sql.ErrNoRows {
		return w, nil
	}
	if err != nil {
		return score.Weights{}, fmt.Errorf("read the matching settings: %w", err)
	}
	// Stored settings are read over the defaults, so a setting added
	// since they were saved has its default.
	if err := json.Unmarshal([]byte(text), &w); err != nil {
		return score.Weights{}, fmt.Errorf("read the matching settings: %w", err)
	}
	return w, nil
}

// Settings returns program programID's matching settings. A missing
// program is NotFound.
func (s *Store) Settings(ctx context.Context, programID string) (score.Weights, error) {
	if _, err := s.programs.GetProgram(ctx, programID); err != nil {
		return score.Weights{}, fmt.Errorf("matching settings of program %s: %w", programID, err)
	}
	w, err := settings(ctx, s.db.Read(), programID)
	if err != nil {
		return score.Weights{}, fmt.Errorf("matching settings of program %s: %w", programID, err)
	}
	return w, nil
}

// ChangeSettings sets program programID's matching settings from a JSON
// object in the form of kindred match's weights.json: keys left out keep
// their current values, an unknown key or a value out of range is Invalid
// naming it, and nothing is saved then. Later runs of the program's cycles
// apply them. A missing program is NotFound.
func (s *Store) ChangeSettings(ctx context.Context, programID string, change []byte, adminID string) (score.Weights, error) {
	w, err := s.Settings(ctx, programID)
	if err != nil {
		return score.Weights{}, err
	}
	if err := json.Unmarshal(change, &w); err != nil {
		msg := strings.TrimPrefix(err.Error(), "score: weights: json: ")
		return score.Weights{}, errs.Wrap(errs.Invalid, err, "matching settings: %s", msg)
	}
	if err := w.Validate(); err != nil {
		return score.Weights{}, err
	}
	text, err := json.Marshal(w)
	if err != nil {
		return score.Weights{}, fmt.Errorf("encode the matching settings: %w", err)
	}
	_, err = s.db.Write().ExecContext(ctx, `INSERT INTO match_settings (program_id, weights, updated_by, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (program_id) DO UPDATE SET weights = excluded.weights, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		programID, string(text), db.NullString(adminID), s.now())
	if err != nil {
		return score.Weights{}, fmt.Errorf("save the matching settings of program %s: %w", programID, err)
	}
	return w, nil
}

// SetMinSharedHours sets the program's minimum of shared working hours a
// week (the hard rule min_shared_hours) from a form's text: a number from
// 0 (no minimum) to 40, with a decimal point or comma. Anything else is
// Invalid on field "min_shared_hours".
func (s *Store) SetMinSharedHours(ctx context.Context, programID, hours, adminID string) (score.Weights, error) {
	text := strings.ReplaceAll(strings.TrimSpace(hours), ",", ".")
	h, err := strconv.ParseFloat(text, 64)
	if err != nil || text == "" || math.IsNaN(h) || math.IsInf(h, 0) {
		return score.Weights{}, errs.Field("min_shared_hours", "%q is not a number of hours, such as 2 or 1.5", hours)
	}
	change, err := json.Marshal(map[string]float64{"min_shared_hours": h})
	if err != nil {
		return score.Weights{}, fmt.Errorf("encode the minimum of shared hours: %w", err)
	}
	return s.ChangeSettings(ctx, programID, change, adminID)
}
