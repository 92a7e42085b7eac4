package demo

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kindredhq/kindred/internal/person"
)

// The plausibility checks. Each takes the organization as generated for
// testAsOf and reports every problem it finds.

// checkValid checks each person on their own: the people package accepts
// them unchanged, and the basic fields are set and in range.
func checkValid(t testing.TB, o Org) {
	t.Helper()
	ids := map[string]bool{}
	emails := map[string]bool{}
	for _, p := range o.People {
		q := p
		if f := person.Validate(&q); len(f) > 0 {
			t.Errorf("%s: person.Validate: %v", p.ID, f)
		} else if !reflect.DeepEqual(p, q) {
			t.Errorf("%s: person.Validate changed the person:\n got %+v\nwant %+v", p.ID, q, p)
		}
		if p.ID == "" || p.Name == "" || p.Email == "" || p.Function == "" || p.Department == "" || p.Location == "" {
			t.Errorf("%s: a required field is empty: %+v", p.ID, p)
		}
		if p.Level < 1 || p.Level > 10 {
			t.Errorf("%s: level %d", p.ID, p.Level)
		}
		if !person.ValidZone(p.Timezone) {
			t.Errorf("%s: time zone %q", p.ID, p.Timezone)
		}
		if p.WorkEnd <= p.WorkStart || p.WorkStart%15 != 0 || p.WorkEnd%15 != 0 {
			t.Errorf("%s: working hours %s", p.ID, p.WorkHours())
		}
		if p.Capacity < 1 {
			t.Errorf("%s: capacity %d", p.ID, p.Capacity)
		}
		if p.ManagerID != "" && !ids[p.ManagerID] {
			t.Errorf("%s: manager %q is not an earlier person", p.ID, p.ManagerID)
		}
		if ids[p.ID] {
			t.Errorf("%s: id repeats", p.ID)
		}
		if emails[p.Email] || p.Email != strings.ToLower(p.Email) {
			t.Errorf("%s: email %q repeats or is not lower case", p.ID, p.Email)
		}
		if !p.Active {
			t.Errorf("%s: not active", p.ID)
		}
		ids[p.ID], emails[p.Email] = true, true
	}
}

// checkTree checks the management tree: one root (the CEO, first, level
// 10), managers before and above their reports and in the same function
// except the function heads under the CEO, spans of 3 to 12, and everyone
// reaching the CEO without a cycle.
func checkTree(t testing.TB, o Org) {
	t.Helper()
	ps := o.People
	index := make(map[string]int, len(ps))
	for i, p := range ps {
		index[p.ID] = i
	}
	reports := make([]int, len(ps))
	headOf := map[string]int{}
	for i, p := range ps {
		if p.ManagerID == "" {
			if i != 0 || p.Level != 10 {
				t.Errorf("%s (level %d, position %d) has no manager; only the CEO, first at level 10, may", p.ID, p.Level, i)
			}
			continue
		}
		j, ok := index[p.ManagerID]
		if !ok || j >= i {
			t.Errorf("%s: manager %q is not listed before them", p.ID, p.ManagerID)
			continue
		}
		reports[j]++
		if m := ps[j]; m.Level <= p.Level {
			t.Errorf("%s (level %d) reports to %s (level %d)", p.ID, p.Level, m.ID, m.Level)
		}
		switch {
		case j == 0:
			headOf[p.Function]++
		case ps[j].Function != p.Function:
			t.Errorf("%s in %s reports to %s in %s", p.ID, p.Function, ps[j].ID, ps[j].Function)
		}
	}
	if len(ps) == 0 || ps[0].ManagerID != "" {
		t.Fatal("the first person is not the CEO")
	}
	for f, n := range headOf {
		if n != 1 || f == ps[0].Function {
			t.Errorf("the CEO has %d reports in %s; want one head per function", n, f)
		}
	}
	for i, n := range reports {
		if n > 0 && (n < minSpan || n > maxSpan) {
			t.Errorf("%s manages %d people; want %d to %d", ps[i].ID, n, minSpan, maxSpan)
		}
	}
	for i := range ps {
		j, steps := i, 0
		for ; ps[j].ManagerID != "" && steps <= len(ps); steps++ {
			k, ok := index[ps[j].ManagerID]
			if !ok {
				break
			}
			j = k
		}
		if j != 0 || steps > len(ps) {
			t.Errorf("%s does not reach the CEO (stopped at %s after %d steps)", ps[i].ID, ps[j].ID, steps)
		}
	}
}

// checkLevels checks the pyramid: exactly one level 10, every level used,
// most people at 1-4, few at 8-10, fewer people at each level from 4 to
// 8 (to 7 in small organizations, where the function heads are at 8),
// give or take 2% of the people.
func checkLevels(t testing.TB, o Org) {
	t.Helper()
	var count [11]int
	for _, p := range o.People {
		count[p.Level]++
	}
	n := float64(len(o.People))
	if count[10] != 1 || o.People[0].Level != 10 {
		t.Errorf("%d people at level 10; want exactly one, the CEO", count[10])
	}
	for l := 1; l <= 10; l++ {
		if count[l] == 0 {
			t.Errorf("nobody at level %d: %v", l, count[1:])
		}
	}
	if low := count[1] + count[2] + count[3] + count[4]; float64(low) < 0.6*n {
		t.Errorf("%d of %v at levels 1-4; want most people: %v", low, n, count[1:])
	}
	if high := count[8] + count[9] + count[10]; float64(high) > 0.06*n {
		t.Errorf("%d of %v at levels 8-10; want few: %v", high, n, count[1:])
	}
	top := 8 // level 9 holds function heads, 10 the CEO
	if len(o.People) < 1000 {
		top = 7 // and 8 the heads of small functions
	}
	slack := len(o.People) / 50 // sampling noise
	for l := 4; l < top; l++ {
		if count[l]+slack < count[l+1] {
			t.Errorf("more people at level %d than at %d: %v", l+1, l, count[1:])
		}
	}
}

// checkFunctions checks functions and departments: 8+ functions, each
// department belongs to one function (from the taxonomy), and functions
// of 20+ people use several departments.
func checkFunctions(t testing.TB, o Org) {
	t.Helper()
	deptFn := map[string]string{}
	depts := map[string]map[string]bool{}
	for _, p := range o.People[1:] {
		fn := functionNamed(p.Function)
		if fn == nil {
			t.Errorf("%s: function %q is not in the taxonomy", p.ID, p.Function)
			continue
		}
		if !slices.Contains(fn.depts, p.Department) && p.Department != fn.leadership() {
			t.Errorf("%s: department %q is not in %s", p.ID, p.Department, p.Function)
		}
		if f, ok := deptFn[p.Department]; ok && f != p.Function {
			t.Errorf("department %q is in both %s and %s", p.Department, f, p.Function)
		}
		deptFn[p.Department] = p.Function
		if depts[p.Function] == nil {
			depts[p.Function] = map[string]bool{}
		}
		depts[p.Function][p.Department] = true
	}
	if len(depts) < 8 {
		t.Errorf("%d functions; want 8 or more", len(depts))
	}
	size := map[string]int{}
	for _, p := range o.People {
		size[p.Function]++
	}
	for f, ds := range depts {
		if size[f] >= 20 && len(ds) < 3 { // the head's own and 2+ others
			t.Errorf("%s has %d people in %d departments; want several", f, size[f], len(ds))
		}
	}
}

func functionNamed(name string) *function {
	for i := range functions {
		if functions[i].name == name {
			return &functions[i]
		}
	}
	return nil
}

// checkLocations checks the offices: 8+ cities, one IANA zone each, 8+
// zones among them Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45).
func checkLocations(t testing.TB, o Org) {
	t.Helper()
	zoneOf := map[string]string{}
	zones := map[string]bool{}
	for _, p := range o.People {
		if z, ok := zoneOf[p.Location]; ok && z != p.Timezone {
			t.Errorf("%s is in both %s and %s", p.Location, z, p.Timezone)
		}
		zoneOf[p.Location] = p.Timezone
		zones[p.Timezone] = true
	}
	if len(zoneOf) < 8 || len(zones) < 8 {
		t.Errorf("%d locations in %d zones; want 8+ of each", len(zoneOf), len(zones))
	}
	if len(o.People) >= 200 && len(zoneOf) != len(locations) {
		t.Errorf("%d of %d offices have people", len(zoneOf), len(locations))
	}
	for zone, minutes := range map[string]int{"Asia/Kolkata": 30, "Asia/Kathmandu": 45} {
		if !zones[zone] {
			t.Errorf("nobody in %s", zone)
			continue
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		if _, off := testAsOf.In(loc).Zone(); off%3600 != minutes*60 {
			t.Errorf("%s is at offset %ds; want :%d", zone, off, minutes)
		}
	}
}

// checkHours checks working hours: mostly 09:00-17:00, with variety.
func checkHours(t testing.TB, o Org) {
	t.Helper()
	count := map[string]int{}
	for _, p := range o.People {
		count[p.WorkHours()]++
	}
	if nine := count["09:00-17:00"]; float64(nine) < 0.45*float64(len(o.People)) {
		t.Errorf("%d of %d work 09:00-17:00; want most", nine, len(o.People))
	}
	for _, h := range []string{"08:00-16:00", "10:00-18:00", "07:30-15:30"} {
		if count[h] == 0 {
			t.Errorf("nobody works %s: %v", h, count)
		}
	}
}

// checkTenure checks hire dates: within 15 years and at least two weeks
// before AsOf, the CEO nearly 15 years in, some under a year, seniors
// longer than juniors on average.
func checkTenure(t testing.TB, o Org) {
	t.Helper()
	oldest, newest := testAsOf.AddDate(-15, 0, 0), testAsOf.AddDate(0, 0, -14)
	var under1, nJunior, nSenior int
	var junior, senior float64
	for _, p := range o.People {
		h, err := time.Parse(person.DateLayout, p.HireDate)
		if err != nil {
			t.Errorf("%s: hire date %q", p.ID, p.HireDate)
			continue
		}
		if h.Before(oldest) || h.After(newest) {
			t.Errorf("%s: hired %s, outside %s to %s", p.ID, p.HireDate, oldest.Format(person.DateLayout), newest.Format(person.DateLayout))
		}
		years := testAsOf.Sub(h).Hours() / 24 / 365.25
		if years < 1 {
			under1++
		}
		switch {
		case p.Level <= 3:
			junior += years
			nJunior++
		case p.Level >= 7:
			senior += years
			nSenior++
		}
	}
	if ceo := o.People[0].TenureYears(testAsOf); ceo < 12 {
		t.Errorf("the CEO has %d years; want a founder", ceo)
	}
	if share := float64(under1) / float64(len(o.People)); share < 0.05 || share > 0.4 {
		t.Errorf("%.0f%% hired under a year ago; want some, not most", 100*share)
	}
	if j, s := junior/float64(nJunior), senior/float64(nSenior); s < j+1 {
		t.Errorf("mean tenure %.1f years at levels 7+, %.1f at 1-3; want seniors longer", s, j)
	}
}

// taxonomySkills returns the skill taxonomy as a set.
func taxonomySkills() map[string]bool {
	set := map[string]bool{}
	for _, f := range functions {
		for _, s := range f.skills {
			set[s] = true
		}
	}
	for _, s := range crossSkills {
		set[s] = true
	}
	return set
}

// checkSkills checks skills: from the taxonomy, seniors and mentors offer
// 2-5, juniors and mentees want 1-4, nobody wants what they offer, and
// what mentees want is mostly offered by some mentor.
func checkSkills(t testing.TB, o Org) {
	t.Helper()
	taxonomy := taxonomySkills()
	offeredBy := map[string]int{}
	for _, p := range o.People {
		for _, s := range slices.Concat(p.SkillsOffered, p.SkillsWanted) {
			if !taxonomy[s] {
				t.Errorf("%s: skill %q is not in the taxonomy", p.ID, s)
			}
		}
		if (p.Level >= 5 || p.IsMentor()) && (len(p.SkillsOffered) < 2 || len(p.SkillsOffered) > 5) {
			t.Errorf("%s (level %d, %s) offers %d skills; want 2-5", p.ID, p.Level, p.MentoringRole, len(p.SkillsOffered))
		}
		if (p.Level <= 4 || p.IsMentee()) && (len(p.SkillsWanted) < 1 || len(p.SkillsWanted) > 4) {
			t.Errorf("%s (level %d, %s) wants %d skills; want 1-4", p.ID, p.Level, p.MentoringRole, len(p.SkillsWanted))
		}
		for _, s := range p.SkillsWanted {
			if slices.Contains(p.SkillsOffered, s) {
				t.Errorf("%s both offers and wants %q", p.ID, s)
			}
		}
		if p.IsMentor() {
			for _, s := range p.SkillsOffered {
				offeredBy[s]++
			}
		}
	}
	mentees, served := 0, 0
	for _, p := range o.People {
		if !p.IsMentee() {
			continue
		}
		mentees++
		if slices.ContainsFunc(p.SkillsWanted, func(s string) bool { return offeredBy[s] > 0 }) {
			served++
		}
	}
	if float64(served) < 0.8*float64(mentees) {
		t.Errorf("only %d of %d mentees want a skill some mentor offers", served, mentees)
	}
	if len(offeredBy) < len(taxonomy)/2 {
		t.Errorf("mentors offer %d of %d skills; want most of the taxonomy", len(offeredBy), len(taxonomy))
	}
}

// checkInterestsAndLanguages checks interests (1-3 from the list) and
// languages (English for nearly everyone, local languages where spoken).
func checkInterestsAndLanguages(t testing.TB, o Org) {
	t.Helper()
	used := map[string]bool{}
	english := 0
	local := map[string][2]int{} // location -> people, speakers of a local language
	localLangs := map[string][]string{
		"Berlin": {"German"}, "São Paulo": {"Portuguese"}, "Bangalore": {"Hindi", "Kannada"}, "Kathmandu": {"Nepali"},
		"Mexico City": {"Spanish"}, "Paris": {"French"}, "Nairobi": {"Swahili"},
	}
	for _, p := range o.People {
		if len(p.Interests) < 1 || len(p.Interests) > 3 {
			t.Errorf("%s has %d interests; want 1-3", p.ID, len(p.Interests))
		}
		for _, in := range p.Interests {
			if !slices.Contains(interests, in) {
				t.Errorf("%s: interest %q is not in the list", p.ID, in)
			}
			used[in] = true
		}
		if len(p.Languages) == 0 {
			t.Errorf("%s speaks no language", p.ID)
		}
		if slices.Contains(p.Languages, "English") {
			english++
		}
		if langs, ok := localLangs[p.Location]; ok {
			c := local[p.Location]
			c[0]++
			if slices.ContainsFunc(p.Languages, func(l string) bool { return slices.Contains(langs, l) }) {
				c[1]++
			}
			local[p.Location] = c
		}
	}
	if len(used) < 20 {
		t.Errorf("%d interests in use; want 20+", len(used))
	}
	if float64(english) < 0.9*float64(len(o.People)) {
		t.Errorf("%d of %d speak English; want nearly everyone", english, len(o.People))
	}
	for loc, c := range local {
		if c[0] >= 5 && c[1]*3 < c[0] {
			t.Errorf("%d of %d people in %s speak %v; want many", c[1], c[0], loc, localLangs[loc])
		}
	}
}

// checkMentoring checks mentoring roles, capacity, facilitators and styles.
func checkMentoring(t testing.TB, o Org) {
	t.Helper()
	var roles = map[string][2]int{} // role -> people, people in the role's usual levels
	usual := map[string]func(level int) bool{
		person.MentoringMentor: func(l int) bool { return l >= 5 },
		person.MentoringMentee: func(l int) bool { return l <= 4 },
		person.MentoringBoth:   func(l int) bool { return l >= 3 && l <= 6 },
		person.MentoringMember: func(int) bool { return true },
	}
	fnMentors, fnSize := map[string]int{}, map[string]int{}
	facilitators, facLevels, levels := 0, 0, 0
	learning, communication := map[string]bool{}, map[string]bool{}
	for _, p := range o.People {
		in, ok := usual[p.MentoringRole]
		if !ok {
			t.Errorf("%s: mentoring role %q", p.ID, p.MentoringRole)
			continue
		}
		c := roles[p.MentoringRole]
		c[0]++
		if in(p.Level) {
			c[1]++
		}
		roles[p.MentoringRole] = c
		if p.IsMentor() {
			fnMentors[p.Function]++
			if p.Capacity < 1 || p.Capacity > 4 {
				t.Errorf("%s: mentor capacity %d; want 1-4", p.ID, p.Capacity)
			}
		} else if p.Capacity != 1 {
			t.Errorf("%s (%s): capacity %d; want 1", p.ID, p.MentoringRole, p.Capacity)
		}
		fnSize[p.Function]++
		levels += p.Level
		if p.Facilitator {
			facilitators++
			facLevels += p.Level
		}
		if !slices.Contains(learningStyles, p.LearningStyle) || !slices.Contains(communicationStyles, p.CommunicationStyle) {
			t.Errorf("%s: styles %q, %q", p.ID, p.LearningStyle, p.CommunicationStyle)
		}
		learning[p.LearningStyle], communication[p.CommunicationStyle] = true, true
	}
	n := len(o.People)
	for role, share := range map[string]float64{person.MentoringMentor: 0.7, person.MentoringMentee: 0.85, person.MentoringBoth: 0.65} {
		if c := roles[role]; c[0] == 0 || float64(c[1]) < share*float64(c[0]) {
			t.Errorf("%d %ss, %d at the usual levels; want %.0f%% of them", c[0], role, c[1], 100*share)
		}
	}
	mentors := roles[person.MentoringMentor][0] + roles[person.MentoringBoth][0]
	mentees := roles[person.MentoringMentee][0] + roles[person.MentoringBoth][0]
	if mentors < n/20 || mentees < n/7 || roles[person.MentoringMember][0] < n/3 {
		t.Errorf("roles %v; want some mentors, more mentees, many members", roles)
	}
	for f, size := range fnSize {
		if want := min(2, max(1, size/10)); fnMentors[f] < want && f != o.People[0].Function {
			t.Errorf("%s has %d people and %d mentors; want %d or more", f, size, fnMentors[f], want)
		}
	}
	if share := float64(facilitators) / float64(n); share < 0.15 || share > 0.2 {
		t.Errorf("%.0f%% facilitators; want about 15-20%%", 100*share)
	}
	if float64(facLevels)/float64(facilitators) <= float64(levels)/float64(n) {
		t.Error("facilitators are not more senior than average")
	}
	if len(learning) != len(learningStyles) || len(communication) != len(communicationStyles) {
		t.Errorf("styles in use: %v, %v; want all", learning, communication)
	}
}

// checkProfileText checks bios (short, for mentors only) and accessibility
// needs (rare, short).
func checkProfileText(t testing.TB, o Org) {
	t.Helper()
	needs := 0
	for _, p := range o.People {
		if p.IsMentor() != (p.Bio != "") {
			t.Errorf("%s (%s) has bio %q; want one exactly for mentors", p.ID, p.MentoringRole, p.Bio)
		}
		if len(p.Bio) > 160 || strings.Contains(p.Bio, "%!") || (p.Bio != "" && !strings.HasSuffix(p.Bio, ".")) {
			t.Errorf("%s: bio %q", p.ID, p.Bio)
		}
		if p.AccessibilityNeeds != "" {
			needs++
			if len(p.AccessibilityNeeds) > 60 {
				t.Errorf("%s: accessibility needs %q are long", p.ID, p.AccessibilityNeeds)
			}
		}
	}
	if needs == 0 || needs > len(o.People)*8/100 {
		t.Errorf("%d of %d state accessibility needs; want a few", needs, len(o.People))
	}
}

var emailPattern = regexp.MustCompile(`^[a-z]+\.[a-z]+[0-9]*@kindred\.example$`)

// checkNames checks names (diverse, first and last) and emails (the four
// demo accounts, first.last for everyone else).
func checkNames(t testing.TB, o Org) {
	t.Helper()
	firsts, lasts := map[string]bool{}, map[string]bool{}
	special, accented := 0, 0
	for _, p := range o.People {
		words := strings.Fields(p.Name)
		if len(words) < 2 {
			t.Errorf("%s: name %q", p.ID, p.Name)
			continue
		}
		firsts[words[0]], lasts[words[len(words)-1]] = true, true
		if utf8.RuneCountInString(p.Name) != len(p.Name) {
			accented++
		}
		switch {
		case p.Email == AdminEmail || p.Email == SponsorEmail || p.Email == MentorEmail || p.Email == MenteeEmail:
			special++
		case !emailPattern.MatchString(p.Email):
			t.Errorf("%s: email %q is not first.last@kindred.example", p.ID, p.Email)
		}
	}
	if special != 4 {
		t.Errorf("%d demo account emails; want 4", special)
	}
	if len(firsts) < 60 || len(lasts) < 60 || accented == 0 {
		t.Errorf("%d first names, %d last names, %d with accents; want diverse names", len(firsts), len(lasts), accented)
	}
}

// checkDemographics checks the self-reported attributes: about 70% answer,
// known attributes and answers only, older at higher levels.
func checkDemographics(t testing.TB, o Org) {
	t.Helper()
	answers := map[string][]string{
		"gender":     {genderWoman, genderMan, genderNonBinary, preferNotToSay},
		"age_band":   ageBands,
		"caregiver":  {answerYes, answerNo, preferNotToSay},
		"disability": {answerYes, answerNo, preferNotToSay},
	}
	level := map[string]int{}
	for _, p := range o.People {
		level[p.ID] = p.Level
	}
	seen := map[string]map[string]bool{}
	var junior, senior [2]int // sum of age band indexes, count
	for id, d := range o.Demographics {
		if _, ok := level[id]; !ok {
			t.Errorf("demographics for unknown person %q", id)
		}
		if len(d) == 0 {
			t.Errorf("%s: empty demographics", id)
		}
		for a, v := range d {
			if !slices.Contains(answers[a], v) {
				t.Errorf("%s: %s = %q", id, a, v)
			}
			if seen[a] == nil {
				seen[a] = map[string]bool{}
			}
			seen[a][v] = true
		}
		if b := slices.Index(ageBands, d["age_band"]); b >= 0 {
			switch l := level[id]; {
			case l <= 2:
				junior[0] += b
				junior[1]++
			case l >= 6:
				senior[0] += b
				senior[1]++
			}
		}
	}
	if share := float64(len(o.Demographics)) / float64(len(o.People)); share < 0.6 || share > 0.8 {
		t.Errorf("%.0f%% report demographics; want about 70%%", 100*share)
	}
	for _, a := range DemographicAttributes {
		if len(seen[a]) < 2 {
			t.Errorf("attribute %s has answers %v; want variety", a, seen[a])
		}
	}
	if len(o.People) >= 1000 && len(seen["gender"]) != 4 {
		t.Errorf("gender answers %v; want all four", seen["gender"])
	}
	if float64(senior[0])/float64(senior[1]) <= float64(junior[0])/float64(junior[1]) {
		t.Error("people at levels 6+ are not older than those at 1-2")
	}
}

// checkAccounts checks the four demo sign-in accounts.
func checkAccounts(t testing.TB, o Org) {
	t.Helper()
	index := map[string]int{}
	for i, p := range o.People {
		index[p.ID] = i
	}
	a := o.Accounts
	want := map[string]struct{ email, role string }{
		a.Admin:   {AdminEmail, person.RoleAdmin},
		a.Sponsor: {SponsorEmail, person.RoleSponsor},
		a.Mentor:  {MentorEmail, person.RoleMember},
		a.Mentee:  {MenteeEmail, person.RoleMember},
	}
	if len(want) != 4 {
		t.Fatalf("accounts %+v are not four distinct people", a)
	}
	for _, p := range o.People {
		w, ok := want[p.ID]
		switch {
		case ok && (p.Email != w.email || p.AccessRole != w.role):
			t.Errorf("%s: %s, %s; want %s, %s", p.ID, p.Email, p.AccessRole, w.email, w.role)
		case !ok && p.AccessRole != person.RoleMember:
			t.Errorf("%s is %s; want member", p.ID, p.AccessRole)
		}
	}
	for id := range want {
		if _, ok := index[id]; !ok {
			t.Fatalf("account %q is not a person", id)
		}
	}
	admin, sponsor := o.People[index[a.Admin]], o.People[index[a.Sponsor]]
	mentor, mentee := o.People[index[a.Mentor]], o.People[index[a.Mentee]]
	if admin.Function != peopleFunction || admin.Department != adminDepartment {
		t.Errorf("admin works in %s / %s; want %s / %s", admin.Function, admin.Department, peopleFunction, adminDepartment)
	}
	if sponsor.ManagerID != o.People[0].ID || sponsor.Level < 8 {
		t.Errorf("sponsor %s (level %d) is not an executive reporting to the CEO", sponsor.ID, sponsor.Level)
	}
	if !mentor.IsMentor() || mentor.Capacity < 2 || len(mentor.SkillsOffered) < 2 {
		t.Errorf("mentor %+v", mentor)
	}
	if !mentee.IsMentee() || len(mentee.SkillsWanted) == 0 ||
		!slices.ContainsFunc(mentee.SkillsWanted, func(s string) bool { return slices.Contains(mentor.SkillsOffered, s) }) {
		t.Errorf("mentee %+v wants nothing the mentor offers (%v)", mentee, mentor.SkillsOffered)
	}
	chain := func(from, to string) bool {
		for id := from; id != ""; id = o.People[index[id]].ManagerID {
			if o.People[index[id]].ManagerID == to {
				return true
			}
		}
		return false
	}
	if chain(mentee.ID, mentor.ID) || chain(mentor.ID, mentee.ID) {
		t.Errorf("mentor %s and mentee %s are in one reporting line", mentor.ID, mentee.ID)
	}
}
