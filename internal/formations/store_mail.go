package formations

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/programs"
)

// mailCircles writes, in tx, a mail to each member of the just published
// formation f whose circle is new to them: everyone on a first publish,
// and after that those whose circle-mates differ from the formation
// published before (prev, nil if none).
func (s *Store) mailCircles(ctx context.Context, tx db.Querier, p programs.Program, c programs.Cycle, f Formation, prev *Formation) error {
	if s.mail == nil {
		return nil
	}
	cs, err := s.readCircles(ctx, tx, f, 1, max(f.Circles, 1))
	if err != nil {
		return err
	}
	before := map[string]string{} // person → their circle's member ids
	if prev != nil {
		old, err := s.readCircles(ctx, tx, *prev, 1, max(prev.Circles, 1))
		if err != nil {
			return err
		}
		for _, oc := range old {
			key := circleKey(oc)
			for _, m := range oc.Members {
				before[m.PersonID] = key
			}
		}
	}
	now := s.now()
	path := "/programs/" + p.ID + "/cycles/" + c.ID + "/circles"
	for _, ci := range cs {
		key := circleKey(ci)
		data := mail.CircleData{Program: p.Name, Cycle: c.Name, Number: ci.Number, Minutes: f.SessionMinutes, Path: path}
		if ci.HasSlot {
			for _, at := range SessionStarts(c, p.Cadence, ci.Slot) {
				if !at.Before(now) {
					data.HasMeeting, data.FirstMeeting = true, at
					break
				}
			}
		}
		for _, m := range ci.Members {
			if before[m.PersonID] == key {
				continue
			}
			d := data
			for _, o := range ci.Members {
				if o.PersonID != m.PersonID {
					d.Members = append(d.Members, o.Person.Name)
				}
			}
			if err := s.mail.Enqueue(ctx, tx, now, mail.CirclePublished, m.PersonID, d); err != nil {
				return fmt.Errorf("mail circle %d: %w", ci.Number, err)
			}
		}
	}
	return nil
}

// circleKey names a circle by its members, so a circle with the same
// people in two formations has the same key.
func circleKey(c Circle) string {
	ids := make([]string, len(c.Members))
	for i, m := range c.Members {
		ids[i] = m.PersonID
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}
