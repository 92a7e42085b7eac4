package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	circlesPeople  = "testdata/circles/people.csv"
	circlesHistory = "testdata/circles/past.csv"
	circlesFrom    = "2025-03-03" // a Monday; the US moves its clocks on 9 March,
	circlesTo      = "2025-04-14" // Europe on 30 March
)

// circlePerson is a row of the people fixture, read without package people.
type circlePerson struct {
	id, manager       string
	zone              *time.Location
	start, end        int // minutes after local midnight
	facilitator       bool
	level             int
	function, locName string
}

func readCirclePeople(t *testing.T, path string) map[string]circlePerson {
	t.Helper()
	recs := readCirclesCSVFile(t, path)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	out := map[string]circlePerson{}
	for _, r := range recs[1:] {
		zone, err := time.LoadLocation(r[col["timezone"]])
		if err != nil {
			t.Fatal(err)
		}
		var sh, sm, eh, em int
		if _, err := fmt.Sscanf(r[col["work_hours"]], "%d:%d-%d:%d", &sh, &sm, &eh, &em); err != nil {
			t.Fatalf("work_hours %q: %v", r[col["work_hours"]], err)
		}
		level, _ := strconv.Atoi(r[col["level"]])
		out[r[col["id"]]] = circlePerson{
			id: r[col["id"]], manager: r[col["manager_id"]], zone: zone,
			start: sh*60 + sm, end: eh*60 + em, facilitator: r[col["facilitator"]] == "yes",
			level: level, function: r[col["function"]], locName: r[col["location"]],
		}
	}
	return out
}

func readCirclesCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// circleRow is one row of circles.csv.
type circleRow struct {
	round, circle                     int
	id, role, meeting                 string
	level, function, location, tenure string
}

func readCirclesOut(t *testing.T, path string) []circleRow {
	t.Helper()
	recs := readCirclesCSVFile(t, path)
	want := []string{"round", "circle", "person_id", "role", "meeting_utc"}
	if !slices.Equal(recs[0][:5], want) {
		t.Fatalf("header %v, want it to start with %v", recs[0], want)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var rows []circleRow
	for _, r := range recs[1:] {
		round, err1 := strconv.Atoi(r[0])
		circle, err2 := strconv.Atoi(r[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("bad row %v", r)
		}
		rows = append(rows, circleRow{round: round, circle: circle, id: r[2], role: r[3], meeting: r[4],
			level: r[col["level"]], function: r[col["function"]], location: r[col["location"]], tenure: r[col["tenure_band"]]})
	}
	return rows
}

// groupCircles groups rows by round and circle, keeping their order.
func groupCircles(rows []circleRow) map[[2]int][]circleRow {
	g := map[[2]int][]circleRow{}
	for _, r := range rows {
		k := [2]int{r.round, r.circle}
		g[k] = append(g[k], r)
	}
	return g
}

func runCircles(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"circles"}, args...), noEnv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func readCirclesSummary(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("summary: %v", err)
	}
	return s
}

// parseCircleMeeting reads "TUE 14:00" into minutes after Monday 00:00 UTC.
func parseCircleMeeting(t *testing.T, s string) int {
	t.Helper()
	days := []string{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}
	var day string
	var h, m int
	if _, err := fmt.Sscanf(s, "%3s %d:%d", &day, &h, &m); err != nil {
		t.Fatalf("meeting %q: %v", s, err)
	}
	d := slices.Index(days, day)
	if d < 0 || h > 23 || m > 59 {
		t.Fatalf("meeting %q is not like TUE 14:00", s)
	}
	return d*24*60 + h*60 + m
}

// checkCircleMeeting fails unless the weekly meeting at minute slot of the UTC
// week, lasting minutes, is inside p's working hours (Monday to Friday,
// local time) in every week overlapping [from, to].
func checkCircleMeeting(t *testing.T, p circlePerson, slot, minutes int, from, to time.Time) {
	t.Helper()
	monday := from.AddDate(0, 0, -((int(from.Weekday()) + 6) % 7))
	weeks := 0
	for w := monday; !w.After(to); w = w.AddDate(0, 0, 7) {
		weeks++
		start := w.Add(time.Duration(slot) * time.Minute)
		for m := 0; m < minutes; m++ {
			local := start.Add(time.Duration(m) * time.Minute).In(p.zone)
			mod := local.Hour()*60 + local.Minute()
			if local.Weekday() == time.Saturday || local.Weekday() == time.Sunday || mod < p.start || mod >= p.end {
				t.Fatalf("%s: the meeting starting %s is at %s for them, outside %d-%d on weekdays",
					p.id, start.Format(time.RFC3339), local.Format("Mon 15:04 MST"), p.start, p.end)
			}
		}
	}
	if weeks < 6 {
		t.Fatalf("only %d weeks checked", weeks)
	}
}

// recountCircles computes the weighted diversity and the repeat pairs of rows
// independently: a pair's co-memberships count once each after their
// first, or all of them if they met in history.
func recountCircles(rows []circleRow, history [][]string, w [4]int) (diversity, repeats int) {
	for _, c := range groupCircles(rows) {
		for i, a := range c {
			for _, b := range c[i+1:] {
				for k, differ := range []bool{a.level != b.level, a.function != b.function, a.location != b.location, a.tenure != b.tenure} {
					if differ {
						diversity += w[k]
					}
				}
			}
		}
	}
	count := func(groups [][]string) map[[2]string]int {
		n := map[[2]string]int{}
		for _, g := range groups {
			for i, a := range g {
				for _, b := range g[i+1:] {
					n[[2]string{min(a, b), max(a, b)}]++
				}
			}
		}
		return n
	}
	var plan [][]string
	for _, c := range groupCircles(rows) {
		var ids []string
		for _, r := range c {
			ids = append(ids, r.id)
		}
		plan = append(plan, ids)
	}
	h := count(history)
	for pair, k := range count(plan) {
		if h[pair] > 0 {
			repeats += k
		} else {
			repeats += k - 1
		}
	}
	return diversity, repeats
}

func TestCirclesCommand(t *testing.T) {
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "circles.csv"), filepath.Join(dir, "summary.json")
	stdout, _, err := runCircles(t, "--people", circlesPeople, "--size", "6", "--from", circlesFrom, "--to", circlesTo,
		"--out", out, "--summary", sum)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "formed 4 circles") {
		t.Errorf("stdout %q", stdout)
	}
	people := readCirclePeople(t, circlesPeople)
	rows := readCirclesOut(t, out)
	from, _ := time.Parse(time.DateOnly, circlesFrom)
	to, _ := time.Parse(time.DateOnly, circlesTo)

	if len(rows) != len(people) {
		t.Fatalf("%d rows for %d people", len(rows), len(people))
	}
	seen := map[string]bool{}
	for i, r := range rows {
		if seen[r.id] || people[r.id].id == "" {
			t.Fatalf("person %q twice or unknown", r.id)
		}
		seen[r.id] = true
		if i > 0 {
			p := rows[i-1]
			if p.round > r.round || (p.round == r.round && p.circle > r.circle) ||
				(p.round == r.round && p.circle == r.circle && r.role == "member" && p.role == "member" && p.id > r.id) {
				t.Fatalf("rows %d and %d are out of order: %+v then %+v", i, i+1, p, r)
			}
		}
	}
	groups := groupCircles(rows)
	noSlot := 0
	for k, c := range groups {
		if k[0] != 1 || k[1] < 1 || k[1] > 4 || len(c) != 6 {
			t.Fatalf("circle %v has %d members", k, len(c))
		}
		if c[0].role != "facilitator" || !people[c[0].id].facilitator {
			t.Fatalf("circle %v starts with %+v, not an eligible facilitator", k, c[0])
		}
		for _, r := range c[1:] {
			if r.role != "member" {
				t.Fatalf("circle %v: %+v, want one facilitator", k, r)
			}
			// Emerging leaders first: no eligible member has a lower level.
			if p := people[r.id]; p.facilitator && p.level < people[c[0].id].level {
				t.Errorf("circle %v: %s (level %d) should facilitate before %s (level %d)", k, p.id, p.level, c[0].id, people[c[0].id].level)
			}
		}
		for _, a := range c {
			if a.meeting != c[0].meeting {
				t.Fatalf("circle %v: meeting %q and %q", k, a.meeting, c[0].meeting)
			}
			for _, b := range c {
				if people[a.id].manager == b.id {
					t.Fatalf("circle %v: %s is with their manager %s", k, a.id, b.id)
				}
			}
		}
		if c[0].meeting == "" {
			noSlot++
			continue
		}
		slot := parseCircleMeeting(t, c[0].meeting)
		for _, r := range c {
			checkCircleMeeting(t, people[r.id], slot, 60, from, to)
		}
	}
	if noSlot != 0 {
		t.Errorf("%d circles without a slot; the fixture was made so all have one", noSlot)
	}

	s := readCirclesSummary(t, sum)
	for _, k := range []string{"people", "rounds", "circles", "repeat_pairs", "diversity", "diversity_upper_bound", "gap", "circles_without_slot", "seconds"} {
		if _, ok := s[k]; !ok {
			t.Errorf("summary has no %q", k)
		}
	}
	div, rep := recountCircles(rows, nil, [4]int{1, 1, 1, 1})
	bound := s["diversity_upper_bound"].(float64)
	for k, want := range map[string]float64{"people": 24, "rounds": 1, "circles": 4, "diversity": float64(div),
		"repeat_pairs": float64(rep), "circles_without_slot": float64(noSlot), "gap": (bound - float64(div)) / bound} {
		if got := s[k].(float64); got != want {
			t.Errorf("summary %s = %v, the CSV says %v", k, got, want)
		}
	}
	if float64(div) > bound {
		t.Errorf("diversity %d beats the bound %v", div, bound)
	}
}

func TestCirclesRoundsWithHistory(t *testing.T) {
	dir := t.TempDir()
	// The first twelve people keep the search small; the history also
	// names people not in this file.
	peoplePath := writeCirclePeople(t, dir, firstCirclePeople(t, 12))
	out, sum := filepath.Join(dir, "circles.csv"), filepath.Join(dir, "summary.json")
	_, stderr, err := runCircles(t, "--people", peoplePath, "--size", "4", "--rounds", "3", "--history", circlesHistory,
		"--from", circlesFrom, "--to", circlesTo, "--out", out, "--summary", sum)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "warning: past.csv: 2 person id(s) not in the people file were ignored (they may have left): X42, X99") {
		t.Errorf("stderr %q does not warn about X42 and X99", stderr)
	}
	people := readCirclePeople(t, peoplePath)
	rows := readCirclesOut(t, out)

	// History as groups of known people, and who facilitated there.
	hist := map[[2]string][]string{}
	facCount := map[string]int{}
	for _, r := range readCirclesCSVFile(t, circlesHistory)[1:] {
		if _, ok := people[r[2]]; !ok {
			continue
		}
		hist[[2]string{r[0], r[1]}] = append(hist[[2]string{r[0], r[1]}], r[2])
		if r[3] == "facilitator" {
			facCount[r[2]]++
		}
	}
	var history [][]string
	for _, g := range hist {
		history = append(history, g)
	}

	groups := groupCircles(rows)
	for round := 1; round <= 3; round++ {
		seen := map[string]bool{}
		var facs []string
		for c := 1; c <= 3; c++ {
			circle := groups[[2]int{round, c}]
			if len(circle) != 4 {
				t.Fatalf("round %d circle %d has %d members", round, c, len(circle))
			}
			for _, r := range circle {
				seen[r.id] = true
			}
			// The rotation goes on: nobody eligible in the circle has
			// facilitated less than the facilitator (ties: lower level).
			f := people[circle[0].id]
			for _, r := range circle[1:] {
				p := people[r.id]
				if p.facilitator && (facCount[p.id] < facCount[f.id] || facCount[p.id] == facCount[f.id] && p.level < f.level) {
					t.Errorf("round %d circle %d: %s (%d turns, level %d) should facilitate before %s (%d turns, level %d)",
						round, c, p.id, facCount[p.id], p.level, f.id, facCount[f.id], f.level)
				}
			}
			facs = append(facs, f.id)
		}
		if len(seen) != 12 {
			t.Fatalf("round %d places %d people, want 12", round, len(seen))
		}
		for _, id := range facs {
			facCount[id]++
		}
	}

	s := readCirclesSummary(t, sum)
	div, rep := recountCircles(rows, history, [4]int{1, 1, 1, 1})
	if got := int(s["repeat_pairs"].(float64)); got != rep {
		t.Errorf("summary repeat_pairs = %d, an independent count says %d", got, rep)
	}
	if rep == 0 {
		t.Errorf("no repeats, but 12 people meeting 3 new faces in each of 5 rounds must repeat")
	}
	if lb := int(s["repeat_lower_bound"].(float64)); lb > rep || lb < 1 {
		t.Errorf("repeat_lower_bound %d, repeats %d", lb, rep)
	}
	if got := int(s["diversity"].(float64)); got != div {
		t.Errorf("summary diversity = %d, the CSV says %d", got, div)
	}
	perRound := 0
	for _, r := range s["per_round"].([]any) {
		perRound += int(r.(map[string]any)["repeat_pairs"].(float64))
	}
	if perRound != rep {
		t.Errorf("per-round repeats add up to %d, want %d", perRound, rep)
	}
	if h := s["history"].(map[string]any); h["circles"].(float64) != 6 {
		t.Errorf("history summary %v, want 6 circles", h)
	}
}

// firstCirclePeople returns the header and the first n people of the
// people fixture.
func firstCirclePeople(t *testing.T, n int) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(mustReadCircles(t, circlesPeople)), "\n")
	return []byte(strings.Join(lines[:n+1], ""))
}

// writeCirclePeople writes a people file into dir and returns its path.
func writeCirclePeople(t *testing.T, dir string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustReadCircles(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCirclesWeightsConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "weights.json")
	if err := os.WriteFile(cfg, []byte(`{"level": 3, "function": 1, "location": 0, "tenure": 2}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, sum := filepath.Join(dir, "circles.csv"), filepath.Join(dir, "summary.json")
	if _, _, err := runCircles(t, "--people", circlesPeople, "--size", "6", "--from", circlesFrom, "--to", circlesTo,
		"--config", cfg, "--seed", "5", "--out", out, "--summary", sum); err != nil {
		t.Fatal(err)
	}
	div, _ := recountCircles(readCirclesOut(t, out), nil, [4]int{3, 1, 0, 2})
	s := readCirclesSummary(t, sum)
	if got := int(s["diversity"].(float64)); got != div {
		t.Errorf("weighted diversity %d, the CSV says %d", got, div)
	}
	if got := int(s["diversity_upper_bound"].(float64)); got < div {
		t.Errorf("bound %d below diversity %d", got, div)
	}
}

func TestCirclesDeterministic(t *testing.T) {
	dir := t.TempDir()
	// Twelve people in circles of four, with history: the search that
	// drives repeats down runs too, and it is small enough to be quick.
	peoplePath := writeCirclePeople(t, dir, firstCirclePeople(t, 12))
	var csvs, sums [2][]byte
	for i := range 2 {
		out, sum := filepath.Join(dir, fmt.Sprint(i, ".csv")), filepath.Join(dir, fmt.Sprint(i, ".json"))
		if _, _, err := runCircles(t, "--people", peoplePath, "--size", "4", "--rounds", "2", "--history", circlesHistory, "--seed", "42",
			"--from", circlesFrom, "--to", circlesTo, "--out", out, "--summary", sum); err != nil {
			t.Fatal(err)
		}
		s := readCirclesSummary(t, sum)
		delete(s, "seconds") // the only clock reading
		csvs[i] = mustReadCircles(t, out)
		sums[i], _ = json.Marshal(s)
	}
	if !bytes.Equal(csvs[0], csvs[1]) {
		t.Errorf("the same seed gave different circles:\n%s\n%s", csvs[0], csvs[1])
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Errorf("the same seed gave different summaries:\n%s\n%s", sums[0], sums[1])
	}
}

func TestCirclesErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fixture := string(mustReadCircles(t, circlesPeople))
	lines := strings.SplitAfter(fixture, "\n")
	// Twelve people, only E01 may facilitate: two circles of six need two.
	oneFac := lines[0]
	for _, l := range lines[1:13] {
		oneFac += strings.Replace(l, ",yes\n", ",no\n", 1)
	}
	oneFac = strings.Replace(oneFac, "E01,Amara Okafor,amara@example.com,10,Executive,London,Europe/London,09:00-17:00,2010-01-04,,no",
		"E01,Amara Okafor,amara@example.com,10,Executive,London,Europe/London,09:00-17:00,2010-01-04,,yes", 1)
	files := map[string]string{
		"onefac":  write("onefac.csv", oneFac),
		"badtz":   write("badtz.csv", strings.Replace(fixture, "Asia/Kolkata", "Mars/Olympus", 1)),
		"badhist": write("badhist.csv", "round,circle,person_id\n1,1,E01\nx,1,E02\n"),
		"badhead": write("badhead.csv", "round,circle,person\n1,1,E01\n"),
		"duphist": write("duphist.csv", "round,circle,person_id\n1,1,E01\n1,2,E02\n1,1,E01\n"),
		"quote":   write("quote.csv", "round,circle,person_id\n1,1,\"E01\n"),
		"unknown": write("unknown.json", `{"level":1,"colour":2,"seniority":1}`),
		"badw":    write("badw.json", `{"level":1.5}`),
		"zero":    write("zero.json", `{"level":0,"function":0,"location":0,"tenure":0}`),
		"badjson": write("badjson.json", "{\n  \"level\": 1,\n  \"tenure\" 2\n}"),
	}
	base := func(extra ...string) []string {
		return append([]string{"--people", circlesPeople, "--size", "6", "--from", circlesFrom, "--to", circlesTo}, extra...)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		want  []string
		usage bool // exit status 2
	}{
		{"fewer facilitators than circles", []string{"--people", files["onefac"], "--size", "6"}, []string{"onefac.csv", "1 facilitators for 2 circles"}, false},
		{"size does not divide", base("--size", "5"), []string{"24 people cannot be split into circles of exactly 5"}, false},
		{"sizes cannot partition", base("--min-size", "7", "--max-size", "7", "--size", "7"), []string{"24 people cannot be split into circles of 7 to 7"}, false},
		{"size below 2", base("--size", "1"), []string{"--size must be at least 2, got 1"}, true},
		{"min size below 2", base("--min-size", "1", "--max-size", "4"), []string{"--min-size must be at least 2"}, true},
		{"min without max", base("--min-size", "4"), []string{"--min-size and --max-size go together"}, true},
		{"no size", []string{"--people", circlesPeople}, []string{"--size is required"}, true},
		{"to before from", base("--from", "2025-03-03", "--to", "2025-03-01"), []string{"--to 2025-03-01 is before --from 2025-03-03"}, true},
		{"bad date", base("--from", "2025-13-01"), []string{`--from "2025-13-01" is not a date`}, true},
		{"no rounds", base("--rounds", "0"), []string{"--rounds must be at least 1"}, true},
		{"bad session", base("--session-minutes", "0"), []string{"--session-minutes must be between 1 and 1440"}, true},
		{"no people", []string{"--size", "6"}, []string{"--people is required"}, true},
		{"missing people file", base("--people", filepath.Join(dir, "missing.csv")), []string{"missing.csv"}, false},
		{"bad people file", base("--people", files["badtz"]), []string{"badtz.csv: line 4, column 7 (timezone)", "Mars/Olympus"}, false},
		{"bad history value", base("--history", files["badhist"]), []string{`badhist.csv: line 3, column 1 (round): "x" is not a whole number`}, false},
		{"bad history header", base("--history", files["badhead"]), []string{"badhead.csv: line 1, column 3 (person_id): the header must start with round,circle,person_id"}, false},
		{"duplicate history row", base("--history", files["duphist"]), []string{"duphist.csv: line 4, column 3 (person_id): E01 is already in round 1, circle 1 on line 2"}, false},
		{"history not CSV", base("--history", files["quote"]), []string{"quote.csv: line 2, column", "not valid CSV"}, false},
		{"unknown weight keys", base("--config", files["unknown"]), []string{`unknown.json: unknown key(s) "colour", "seniority"`}, false},
		{"fractional weight", base("--config", files["badw"]), []string{`"level" is 1.5, want a whole number`}, false},
		{"zero weights", base("--config", files["zero"]), []string{"all weights are zero"}, false},
		{"weights not JSON", base("--config", files["badjson"]), []string{"badjson.json: line 3, column", "not valid JSON"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := t.TempDir()
			out, sum := filepath.Join(sub, "circles.csv"), filepath.Join(sub, "summary.json")
			_, _, err := runCircles(t, append(tc.args, "--out", out, "--summary", sum)...)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if got, want := exitCode(err), map[bool]int{true: 2, false: 1}[tc.usage]; got != want {
				t.Errorf("exit status %d, want %d", got, want)
			}
			if left, _ := os.ReadDir(sub); len(left) > 0 {
				t.Errorf("files written despite the error: %v", left)
			}
		})
	}
	t.Run("missing outputs", func(t *testing.T) {
		if _, _, err := runCircles(t, base()...); exitCode(err) != 2 || !strings.Contains(err.Error(), "--out and --summary are required") {
			t.Errorf("err %v", err)
		}
	})
}

func TestBenchCircles(t *testing.T) {
	var out bytes.Buffer
	if err := benchCircles(context.Background(), []string{"--people", "300", "--size", "6", "--rounds", "2"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"300 people", "gap", "repeat pairs", "MB"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("bench output lacks %q:\n%s", want, out.String())
		}
	}
}
