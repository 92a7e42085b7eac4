package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// seedCircles forms the circles of the circles program's current cycle and
// publishes them, as the program manager would have, so the demo's members
// see their circle, its roster and their next meeting.
func seedCircles(ctx context.Context, d *db.DB, ps *programs.Store, programID, cycleID, admin string, now time.Time) error {
	clock := func() time.Time { return now }
	fs := formations.NewStore(d, people.NewStore(d, clock), ps, nil, clock)
	f, err := fs.Form(ctx, formations.FormRequest{ProgramID: programID, CycleID: cycleID, AdminID: admin})
	if err != nil {
		return fmt.Errorf("demo circles: %w", err)
	}
	if _, err := fs.Publish(ctx, programID, cycleID, f.ID, admin); err != nil {
		return fmt.Errorf("demo circles: %w", err)
	}
	return nil
}
