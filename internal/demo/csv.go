package demo

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/csvsafe"
	"github.com/kindredhq/kindred/internal/people"
)

// csvColumns are the columns WriteCSV writes before the demographics, in
// the HR-export format that `kindred import` reads.
var csvColumns = []string{
	"id", "name", "email", "level", "function", "location", "timezone", "department",
	"work_hours", "hire_date", "manager_id", "languages", "skills_offered", "skills_wanted",
	"interests", "role", "capacity", "facilitator", "learning_style", "communication_style",
}

// WriteCSV writes org as an HR export: a header line, then one line per
// person in org.People order (managers first). Lists are joined with ";",
// work_hours is HH:MM-HH:MM, role is the mentoring role, facilitator is
// yes or no, and each demographic attribute is a demo_<attribute> column
// (DemographicAttributes always, then any others by name), empty where the
// person did not answer. Each cell is spreadsheet-safe (package csvsafe).
// Access roles, accessibility needs and bios are not
// part of the format and are not written.
func WriteCSV(w io.Writer, org Org) error {
	attrs := demographicColumns(org.Demographics)
	header := slices.Clone(csvColumns)
	for _, a := range attrs {
		header = append(header, people.DemographicPrefix+a)
	}
	// A csvsafe.Writer, like a csv.Writer, keeps its first write error:
	// the one check after Flush covers every Write.
	cw := csvsafe.NewWriter(w)
	_ = cw.Write(header)
	rec := make([]string, len(header))
	for i := range org.People {
		p := &org.People[i]
		rec = append(rec[:0],
			p.ID, p.Name, p.Email, strconv.Itoa(p.Level), p.Function, p.Location, p.Timezone,
			p.Department, p.WorkHours(), p.HireDate, p.ManagerID,
			strings.Join(p.Languages, ";"), strings.Join(p.SkillsOffered, ";"),
			strings.Join(p.SkillsWanted, ";"), strings.Join(p.Interests, ";"),
			p.MentoringRole, strconv.Itoa(p.Capacity), yesNo(p.Facilitator),
			p.LearningStyle, p.CommunicationStyle)
		d := org.Demographics[p.ID]
		for _, a := range attrs {
			rec = append(rec, d[a])
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("demo: write csv: %w", err)
	}
	return nil
}

// demographicColumns lists DemographicAttributes, then any other
// attributes present in d sorted by name.
func demographicColumns(d map[string]map[string]string) []string {
	extra := map[string]bool{}
	for _, attrs := range d {
		for a := range attrs {
			if !slices.Contains(DemographicAttributes, a) {
				extra[a] = true
			}
		}
	}
	return append(slices.Clone(DemographicAttributes), slices.Sorted(maps.Keys(extra))...)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
