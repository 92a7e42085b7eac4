package programs_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/programs"
)

func validProgram() programs.Program {
	return programs.Program{
		Name: "Grow", Cadence: programs.CadenceMonthly, SessionMinutes: 60,
		FacilitationMethod: programs.FacilitationOpenSpace, Engagements: []string{programs.EngagementCircles},
	}
}

func TestValidateProgram(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(p *programs.Program)
		fields []string // the fields with problems, sorted
	}{
		{"valid", func(p *programs.Program) {}, nil},
		{"defaults fill empty enums", func(p *programs.Program) {
			p.Cadence, p.SessionMinutes, p.FacilitationMethod = "", 0, ""
		}, nil},
		{"name required", func(p *programs.Program) { p.Name = "  \t " }, []string{"name"}},
		{"name too long", func(p *programs.Program) { p.Name = strings.Repeat("é", 121) }, []string{"name"}},
		{"purpose too long", func(p *programs.Program) { p.Purpose = strings.Repeat("x", 4001) }, []string{"purpose"}},
		{"outcomes too long", func(p *programs.Program) { p.Outcomes = strings.Repeat("x", 4001) }, []string{"outcomes"}},
		{"decision rights too long", func(p *programs.Program) { p.DecisionRights = strings.Repeat("x", 4001) }, []string{"decision_rights"}},
		{"code of conduct too long", func(p *programs.Program) { p.CodeOfConduct = strings.Repeat("x", 20001) }, []string{"code_of_conduct"}},
		{"unknown cadence", func(p *programs.Program) { p.Cadence = "daily" }, []string{"cadence"}},
		{"session too short", func(p *programs.Program) { p.SessionMinutes = 14 }, []string{"session_minutes"}},
		{"session too long", func(p *programs.Program) { p.SessionMinutes = 241 }, []string{"session_minutes"}},
		{"session bounds allowed", func(p *programs.Program) { p.SessionMinutes = 15 }, nil},
		{"unknown facilitation", func(p *programs.Program) { p.FacilitationMethod = "lecture" }, []string{"facilitation_method"}},
		{"no engagement", func(p *programs.Program) { p.Engagements = nil }, []string{"engagements"}},
		{"blank engagement only", func(p *programs.Program) { p.Engagements = []string{" "} }, []string{"engagements"}},
		{"unknown engagement", func(p *programs.Program) { p.Engagements = []string{"circles", "hackathon"} }, []string{"engagements"}},
		{"several at once", func(p *programs.Program) {
			p.Name, p.Cadence, p.SessionMinutes, p.Engagements = "", "hourly", 500, nil
		}, []string{"cadence", "engagements", "name", "session_minutes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProgram()
			tt.edit(&p)
			f := programs.Validate(&p)
			got := errstest.FieldsOf(f.Err())
			if !slices.Equal(got, tt.fields) {
				t.Fatalf("fields %v (%v), want %v", got, f, tt.fields)
			}
		})
	}
}

func TestValidateNormalizes(t *testing.T) {
	p := validProgram()
	p.Name = "  Grow   together "
	p.Engagements = []string{" office_hours", "circles", "office_hours"}
	p.Cadence, p.SessionMinutes, p.FacilitationMethod = "", 0, ""
	if f := programs.Validate(&p); len(f) != 0 {
		t.Fatal(f)
	}
	if p.Name != "Grow together" || p.Cadence != "monthly" || p.SessionMinutes != 60 || p.FacilitationMethod != "open_discussion" {
		t.Fatalf("normalized: %+v", p)
	}
	if want := []string{"circles", "office_hours"}; !slices.Equal(p.Engagements, want) {
		t.Fatalf("engagements %v, want %v", p.Engagements, want)
	}
}

func TestLabels(t *testing.T) {
	tests := []struct{ got, want string }{
		{programs.FacilitationLabel("open_space"), "Open Space"},
		{programs.FacilitationLabel("case_clinic"), "Case clinic"},
		{programs.EngagementLabel("one_on_one"), "1:1 mentoring"},
		{programs.EngagementLabel("circles"), "Cross-level circles"},
		{programs.CadenceLabel("biweekly"), "Every two weeks"},
		{programs.RoleLabel("circle_member"), "Circle member"},
		{programs.StatusLabel("applied"), "Awaiting approval"},
		{programs.CycleStatusLabel("open"), "Open"},
		{programs.EngagementLabel("unknown"), "unknown"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	for _, list := range []struct {
		values []string
		label  func(string) string
	}{
		{programs.Cadences, programs.CadenceLabel},
		{programs.FacilitationMethods, programs.FacilitationLabel},
		{programs.EngagementKinds, programs.EngagementLabel},
		{programs.Roles, programs.RoleLabel},
		{programs.Statuses, programs.StatusLabel},
	} {
		for _, v := range list.values {
			if list.label(v) == v {
				t.Errorf("%q has no label", v)
			}
		}
	}
}

func TestRolesFor(t *testing.T) {
	tests := []struct {
		engagements []string
		want        []string
	}{
		{nil, nil},
		{[]string{"one_on_one"}, []string{"mentor", "mentee"}},
		{[]string{"micro_mentoring"}, []string{"mentor", "mentee"}},
		{[]string{"office_hours"}, []string{"mentor", "mentee"}},
		{[]string{"circles"}, []string{"circle_member"}},
		{[]string{"peer_groups"}, []string{"circle_member"}},
		{[]string{"peer_groups", "one_on_one"}, []string{"mentor", "mentee", "circle_member"}},
	}
	for _, tt := range tests {
		if got := programs.RolesFor(tt.engagements); !slices.Equal(got, tt.want) {
			t.Errorf("RolesFor(%v) = %v, want %v", tt.engagements, got, tt.want)
		}
		p := programs.Program{Engagements: tt.engagements}
		for _, r := range programs.Roles {
			if p.Offers(r) != slices.Contains(tt.want, r) {
				t.Errorf("%v offers %s: %v", tt.engagements, r, p.Offers(r))
			}
		}
	}
}

func TestValidateCycle(t *testing.T) {
	tests := []struct {
		name, cycle, start, end string
		fields                  []string
	}{
		{"valid", "Q1", "2026-01-01", "2026-03-31", nil},
		{"one day apart", "Q1", "2026-01-01", "2026-01-02", nil},
		{"name required", " ", "2026-01-01", "2026-03-31", []string{"name"}},
		{"start required", "Q1", "", "2026-03-31", []string{"starts_on"}},
		{"end required", "Q1", "2026-01-01", "", []string{"ends_on"}},
		{"bad start", "Q1", "2026-1-1", "2026-03-31", []string{"starts_on"}},
		{"no such day", "Q1", "2026-02-30", "2026-03-31", []string{"starts_on"}},
		{"bad end", "Q1", "2026-01-01", "31/03/2026", []string{"ends_on"}},
		{"end equals start", "Q1", "2026-01-01", "2026-01-01", []string{"ends_on"}},
		{"end before start", "Q1", "2026-03-31", "2026-01-01", []string{"ends_on"}},
		{"issue 9: 1900 to 9999", "Forever", "1900-01-01", "9999-12-31", []string{"ends_on", "starts_on"}},
		{"ten years back", "Old", "2016-11-01", "2017-01-31", nil},
		{"just over ten years back", "Old", "2016-10-31", "2017-01-31", []string{"starts_on"}},
		{"ten years ahead", "Far", "2036-09-01", "2036-11-01", nil},
		{"just over ten years ahead", "Far", "2036-09-01", "2036-11-02", []string{"ends_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := programs.Cycle{Name: tt.cycle, StartsOn: tt.start, EndsOn: tt.end}
			if got := errstest.FieldsOf(programs.ValidateCycle(&c, orgtest.Now).Err()); !slices.Equal(got, tt.fields) {
				t.Fatalf("fields %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestCycleStatus(t *testing.T) {
	c := programs.Cycle{StartsOn: "2026-10-01", EndsOn: "2026-12-31"}
	tests := []struct {
		today time.Time
		want  string
	}{
		{time.Date(2026, 9, 30, 23, 59, 0, 0, time.UTC), programs.CycleUpcoming},
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), programs.CycleOpen},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), programs.CycleOpen},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), programs.CycleEnded},
		// The day is the calendar day where today is: still 31 December in New York.
		{time.Date(2027, 1, 1, 3, 0, 0, 0, time.UTC).In(mustZone(t, "America/New_York")), programs.CycleOpen},
	}
	for _, tt := range tests {
		if got := c.Status(tt.today); got != tt.want {
			t.Errorf("Status(%v) = %s, want %s", tt.today, got, tt.want)
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
