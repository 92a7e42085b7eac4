package people

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/kindredhq/kindred/internal/db"
)

// ImportOptions change how an import treats what is stored.
type ImportOptions struct {
	// DemographicsAuthoritative says the file is the source of truth for
	// demographics: its demo_* values replace stored ones, self-reported
	// or not, and are recorded as coming from an import. Without it an
	// import only fills in values a person has not given yet.
	DemographicsAuthoritative bool
}

// Sources of a demographic value, in the demographics table's source
// column.
const (
	DemographicSelf   = "self"   // self-reported (every value an ordinary import writes)
	DemographicImport = "import" // written by an import that was the source of truth
)

// source is what a value written under opt is recorded as.
func (opt ImportOptions) source() string {
	if opt.DemographicsAuthoritative {
		return DemographicImport
	}
	return DemographicSelf
}

// writeDemographics writes the demographic values of the file's rows for
// people who were stored before the import (insertPeople writes those of
// new people): a value not stored yet is added; a stored value is replaced
// only under opt.DemographicsAuthoritative. Nothing here is counted, so an
// import's answer tells nothing about what is stored.
func writeDemographics(ctx context.Context, tx db.Querier, f *File, existing *storedPeople, opt ImportOptions) error {
	for i := range f.Rows {
		r := &f.Rows[i]
		old, ok := existing.people[r.Person.ID]
		if !ok {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(r.Demographics)) {
			v, had := old.demographics[k]
			if had && (v == r.Demographics[k] || !opt.DemographicsAuthoritative) {
				continue
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO demographics (person_id, attribute, value, source) VALUES (?, ?, ?, ?)
				ON CONFLICT (person_id, attribute) DO UPDATE SET value = excluded.value, source = excluded.source`,
				r.Person.ID, k, r.Demographics[k], opt.source())
			if err != nil {
				return fmt.Errorf("write demographics of %s (line %d): %w", r.Person.ID, r.Line, err)
			}
		}
	}
	return nil
}
