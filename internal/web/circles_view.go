package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// This file turns formations into what the circle pages show: each
// circle's make-up as a small SVG picture (drawn with attributes only, as
// the Content-Security-Policy forbids inline styles), meeting times in
// each person's own time zone, and rosters with names.

// palette colours categories (functions, locations) in a picture; colours
// repeat when there are more categories, and every cell has a title.
var palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
	"#f0e442", "#332288", "#999999", "#8c564b", "#17becf", "#44aa99"}

// tenureColors colour the tenure bands from newest to longest, and unknown.
var tenureColors = map[int]string{0: "#fde68a", 1: "#fbbf24", 2: "#d97706", 3: "#92400e", -1: "#d1d5db"}

// Picture geometry, in viewBox units.
const (
	picLabelW = 58 // the row labels on the left
	picCellW  = 14 // one member's column
	picHeight = 104
	zoneMin   = -12 * 60 // the time-zone axis, in minutes east of UTC
	zoneMax   = 14 * 60
)

// picture is a circle's make-up at a glance: a bar per member for levels,
// a cell per member coloured by function, location and tenure band, and
// a dot per member on a UTC-offset axis for time zones.
type picture struct {
	ID     string // for aria-labelledby
	Label  string // the same in words, for screen readers
	Width  int
	AxisX2 int // the right end of the time-zone axis
	ZeroX  int // where UTC is on it
	Bars   []picBar
	Rows   []picRow
	Dots   []picDot
}

type picBar struct {
	X, Y, H int
	Title   string
}

type picRow struct {
	Name  string
	Y     int // top of the cells
	TextY int
	Cells []picCell
}

type picCell struct {
	X     int
	Fill  string
	Title string
}

type picDot struct {
	CX    int
	Title string
}

// legendItem is one colour of the page's legend.
type legendItem struct {
	Name, Fill string
}

// colours gives each function and each location on a page its colour, the
// same in every circle's picture.
type colours struct {
	functions, locations map[string]string
	Functions, Locations []legendItem // the legend, by name
	Tenure               []legendItem
}

func newColours(cs []formations.Circle) colours {
	var fs, ls []string
	for _, c := range cs {
		for _, m := range c.Members {
			fs = append(fs, m.Person.Function)
			ls = append(ls, m.Person.Location)
		}
	}
	col := colours{functions: map[string]string{}, locations: map[string]string{}}
	assign := func(names []string, m map[string]string, legend *[]legendItem) {
		slices.Sort(names)
		for _, n := range slices.Compact(names) {
			m[n] = palette[len(m)%len(palette)]
			*legend = append(*legend, legendItem{n, m[n]})
		}
	}
	assign(fs, col.functions, &col.Functions)
	assign(ls, col.locations, &col.Locations)
	for _, b := range []int{0, 1, 2, 3, -1} {
		col.Tenure = append(col.Tenure, legendItem{formations.TenureBandLabel(b), tenureColors[b]})
	}
	return col
}

// newPicture draws circle c with the page's colours; offsets are taken at
// ref, tenure on the cycle's first day.
func newPicture(c formations.Circle, cycle programs.Cycle, col colours, ref time.Time) picture {
	n := len(c.Members)
	pic := picture{ID: "pic-" + strconv.Itoa(c.Number), Width: picLabelW + picCellW*max(n, formations.DefaultMaxSize) + 4}
	pic.AxisX2 = pic.Width - 4
	pic.ZeroX = picLabelW + (0-zoneMin)*(pic.AxisX2-picLabelW)/(zoneMax-zoneMin)
	levels := make([]string, 0, n)
	fs, ls := map[string]int{}, map[string]int{}
	bands := map[int]int{}
	minOff, maxOff := zoneMax, zoneMin
	rows := []picRow{{Name: "Function", Y: 36}, {Name: "Location", Y: 50}, {Name: "Tenure", Y: 64}}
	for i := range rows {
		rows[i].TextY = rows[i].Y + 9
	}
	for i, m := range c.Members {
		p := m.Person
		x := picLabelW + i*picCellW
		band := formations.TenureBandOf(p, cycle)
		pic.Bars = append(pic.Bars, picBar{X: x + 2, Y: 32 - 3*p.Level, H: 3 * p.Level, Title: fmt.Sprintf("%s: level %d", p.Name, p.Level)})
		rows[0].Cells = append(rows[0].Cells, picCell{X: x + 1, Fill: col.functions[p.Function], Title: p.Name + ": " + p.Function})
		rows[1].Cells = append(rows[1].Cells, picCell{X: x + 1, Fill: col.locations[p.Location], Title: p.Name + ": " + p.Location})
		rows[2].Cells = append(rows[2].Cells, picCell{X: x + 1, Fill: tenureColors[band], Title: p.Name + ": tenure " + formations.TenureBandLabel(band)})
		_, off := ref.In(p.Zone()).Zone()
		off /= 60
		axis := pic.AxisX2 - picLabelW
		cx := picLabelW + (off-zoneMin)*axis/(zoneMax-zoneMin)
		pic.Dots = append(pic.Dots, picDot{CX: cx, Title: p.Name + ": " + p.Timezone + " (" + utcOffset(off) + ")"})
		levels = append(levels, strconv.Itoa(p.Level))
		fs[p.Function]++
		ls[p.Location]++
		bands[band]++
		minOff, maxOff = min(minOff, off), max(maxOff, off)
	}
	pic.Rows = rows
	var tenure []string
	for _, b := range []int{0, 1, 2, 3, -1} {
		if bands[b] > 0 {
			tenure = append(tenure, fmt.Sprintf("%d %s", bands[b], formations.TenureBandLabel(b)))
		}
	}
	zones := utcOffset(minOff)
	if maxOff != minOff {
		zones = "from " + utcOffset(minOff) + " to " + utcOffset(maxOff)
	}
	pic.Label = fmt.Sprintf("Circle %d: %s; levels %s; %s (%s); %s (%s); tenure %s; time zones %s.",
		c.Number, plural(n, "member", "members"), strings.Join(levels, ", "), plural(len(fs), "function", "functions"), countList(fs),
		plural(len(ls), "location", "locations"), countList(ls), strings.Join(tenure, ", "), zones)
	return pic
}

// countList writes counts by name as "Sales 2, Design 1", by name.
func countList(m map[string]int) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	for i, k := range names {
		names[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(names, ", ")
}

// utcOffset writes minutes east of UTC as "UTC+5:30", "UTC−5" or "UTC".
func utcOffset(min int) string {
	if min == 0 {
		return "UTC"
	}
	sign := "+"
	if min < 0 {
		sign, min = "−", -min
	}
	if min%60 == 0 {
		return fmt.Sprintf("UTC%s%d", sign, min/60)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, min/60, min%60)
}

// localSlot writes the weekly slot as the person sees it at the first
// meeting at or after ref: "Tue 19:30 IST".
func localSlot(slot schedule.Slot, p person.Person, ref time.Time) string {
	return schedule.Local(slot, p.Zone(), ref).Format("Mon 15:04 MST")
}

// meetingTime writes a meeting in the person's zone: "Tuesday 3 Nov,
// 19:30 IST".
func meetingTime(t time.Time, p person.Person) string {
	return t.In(p.Zone()).Format("Monday 2 Jan, 15:04 MST")
}

// circleRef is the moment local times are shown for: now while the cycle
// runs, its first day before it starts, its last day after it ends, so
// daylight-saving time is the one of the cycle.
func circleRef(c programs.Cycle, now time.Time) time.Time {
	from, _ := time.Parse(programs.DateLayout, c.StartsOn)
	end, _ := time.Parse(programs.DateLayout, c.EndsOn)
	switch {
	case now.Before(from):
		return from
	case now.After(end):
		return end
	}
	return now
}

// memberRow is a member as the admin's circle table shows them.
type memberRow struct {
	formations.Member
	Local  string // the meeting in their time zone
	Tenure string
	Buddy  string // the buddy's name
	Leads  int    // the sessions of the roster they facilitate
}

// circleView is one circle of the admin's page.
type circleView struct {
	formations.Circle
	Picture  picture
	Members  []memberRow
	Blockers []string // names
	Roster   []turnRow
}

// turnRow is one session of a roster with names and its date.
type turnRow struct {
	Session       int // from 1
	When          string
	Facilitator   string
	CoFacilitator string
	Past          bool // the session has begun: no one's turn any more
	Lead          bool // the viewer facilitates
	Co            bool // the viewer co-facilitates
	Mine          bool // the viewer facilitates or co-facilitates a session to come
}

// names maps a circle's member ids to names.
func names(c formations.Circle) map[string]string {
	m := make(map[string]string, len(c.Members))
	for _, x := range c.Members {
		m[x.PersonID] = x.Person.Name
	}
	return m
}

// roster lists the circle's turns with names, dated in the viewer's zone
// (UTC for nil) when the circle has a slot; a session that began before
// now is past, and is nobody's turn.
func roster(c formations.Circle, cycle programs.Cycle, cadence string, viewerID string, zone *time.Location, now time.Time) []turnRow {
	nm := names(c)
	var starts []time.Time
	if c.HasSlot {
		starts = formations.SessionStarts(cycle, cadence, c.Slot)
	}
	if zone == nil {
		zone = time.UTC
	}
	out := make([]turnRow, len(c.Turns))
	for i, t := range c.Turns {
		row := turnRow{Session: t.Session + 1, Facilitator: nm[t.Facilitator], CoFacilitator: nm[t.CoFacilitator],
			Lead: viewerID != "" && t.Facilitator == viewerID, Co: viewerID != "" && t.CoFacilitator == viewerID}
		if i < len(starts) {
			row.When = starts[i].In(zone).Format("Mon 2 Jan, 15:04 MST")
			row.Past = starts[i].Before(now)
		}
		row.Mine = (row.Lead || row.Co) && !row.Past
		out[i] = row
	}
	return out
}

// newCircleView prepares a circle for the admin's page.
func newCircleView(c formations.Circle, cycle programs.Cycle, cadence string, col colours, ref time.Time) circleView {
	nm := names(c)
	v := circleView{Circle: c, Picture: newPicture(c, cycle, col, ref), Roster: roster(c, cycle, cadence, "", time.UTC, ref)}
	leads := map[string]int{}
	for _, t := range c.Turns {
		leads[t.Facilitator]++
	}
	for _, m := range c.Members {
		band := formations.TenureBandOf(m.Person, cycle)
		row := memberRow{Member: m, Tenure: formations.TenureBandLabel(band), Buddy: nm[m.BuddyID], Leads: leads[m.PersonID]}
		if c.HasSlot {
			row.Local = localSlot(c.Slot, m.Person, ref)
		}
		v.Members = append(v.Members, row)
	}
	for _, id := range c.Blockers {
		if n, ok := nm[id]; ok {
			v.Blockers = append(v.Blockers, n)
		}
	}
	return v
}

// pctOf writes a fraction as a percentage with one decimal: "0.4%".
func pctOf(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" }

// effectView is a move's effect as the preview shows it.
type effectView struct{ formations.Effect }

// slotChange is a circle's weekly slot before and after a move.
type slotChange struct{ Before, After formations.CircleSlot }

// FromChange is the slot of the circle the person leaves.
func (e effectView) FromChange() slotChange { return slotChange{e.FromSlotBefore, e.FromSlotAfter} }

// ToChange is the slot of the circle the person joins.
func (e effectView) ToChange() slotChange { return slotChange{e.ToSlotBefore, e.ToSlotAfter} }
