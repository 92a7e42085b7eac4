package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/programs"
)

// Matching pages: the mentor-mentee pairs of a cycle. A program manager
// runs matching, reviews the draft (pairs with score bars and reasons, the
// unmatched with why, the totals), locks, excludes, swaps, re-runs and
// publishes, and answers re-match requests. A participant sees only their
// own published pairs and may ask for a re-match; a mentor also sets their
// availability. A sponsor sees the published totals, never names. A draft
// is shown to program managers only: asking for one as anybody else
// answers 404.

func matchingPath(programID, cycleID string) string {
	return cyclePath(programID, cycleID) + "/matching"
}

// pairPageSize is how many pairs the matching page lists at once;
// unmatchedShown how many unmatched mentees it lists (the API has all).
const (
	pairPageSize   = 50
	unmatchedShown = 100
)

// matchLabels gives the matching template the words for matching values,
// besides the program labels: $L.Factor "skills", $L.Rule "excluded" 2...
type matchLabels struct{ labels }

func (matchLabels) Factor(name string) string      { return mentorships.FactorLabel(name) }
func (matchLabels) Rule(rule string, n int) string { return mentorships.RuleWords(rule, n) }

// About words a pair's reason, written for the mentee, for a program
// manager: "Aaliyah offers Go, which Ben wants".
func (matchLabels) About(reason, mentor, mentee string) string {
	return mentorships.ReasonAbout(reason, mentor, mentee)
}
func (matchLabels) Objective(o string) string      { return objectiveLabels[o] }
func (matchLabels) RunStatus(status string) string { return runStatusLabels[status] }
func (matchLabels) Trigger(trigger string) string  { return triggerLabels[trigger] }
func (matchLabels) Percent(n, d int) int           { return pct(n, d) }
func (matchLabels) Signed(n int64) string          { return signed(n) }
func (matchLabels) SignedInt(n int) string         { return signed(int64(n)) }
func (matchLabels) Seats(n int) string             { return plural(n, "seat", "seats") }
func (matchLabels) Mentees(n int) string           { return plural(n, "mentee", "mentees") }
func (matchLabels) First(list []string, n int) []string {
	return list[:min(n, len(list))]
}

// scoreBar is the data of the "scorebar" partial: an SVG bar as wide as
// the score (of 1000), with an accessible label.
type scoreBar struct {
	Score, Width int
	Label        string
}

// ScoreBar returns the data of a score bar labelled label.
func (matchLabels) ScoreBar(score int, label string) scoreBar {
	return scoreBar{Score: score, Width: min(max(score, 0), 1000), Label: label}
}

// totalsView is the data of the "totals" partial.
type totalsView struct {
	Run mentorships.Run
	L   matchLabels
}

// Totals returns the data of the totals of run r.
func (l matchLabels) Totals(r mentorships.Run) totalsView { return totalsView{Run: r, L: l} }

// rematchForm is the data of the "rematch" partial: a participant's
// re-match request about one pair, with the problems of the last try if
// they were about this pair.
type rematchForm struct {
	Mine     mentorships.Mine
	MenteeID string // the mentee of a mentor's pair; "" for one's own mentor
	Who      string // the other person of the pair
	Path     string
	Suffix   string // makes the form's ids unique on the page
	Errors   map[string]string
}

// Rematch returns the data of the re-match form about the pair of
// menteeID ("" for the viewer's own mentor); errors were sent for the
// pair of errFor.
func (matchLabels) Rematch(m mentorships.Mine, menteeID, who, path string, errors map[string]string, errFor string) rematchForm {
	f := rematchForm{Mine: m, MenteeID: menteeID, Who: who, Path: path, Suffix: menteeID}
	if menteeID == "" {
		f.Suffix = "mentor"
	}
	if errFor == menteeID {
		f.Errors = errors
	}
	return f
}

var (
	objectiveLabels = map[string]string{
		"participation": "Participation: match as many mentees as possible, then the best total score",
		"score":         "Score: the best total score, even if fewer mentees are matched",
	}
	runStatusLabels = map[string]string{
		mentorships.StatusDraft:      "Draft",
		mentorships.StatusPublished:  "Published",
		mentorships.StatusSuperseded: "Superseded",
	}
	triggerLabels = map[string]string{
		mentorships.TriggerRun:        "run",
		mentorships.TriggerSwap:       "swap",
		mentorships.TriggerRematch:    "re-match",
		mentorships.TriggerReoptimize: "re-optimization of everyone",
	}
)

func pct(n, d int) int {
	if d == 0 {
		return 0
	}
	return n * 100 / d
}

// signed formats a change: "+12", "−3" (a real minus sign), "no change".
func signed(n int64) string {
	switch {
	case n > 0:
		return "+" + strconv.FormatInt(n, 10)
	case n < 0:
		return "−" + strconv.FormatInt(-n, 10)
	}
	return "no change"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// matchingPage is the data of a cycle's matching page: everything for a
// program manager; the published totals for a sponsor; one's own published
// pairs for a participant (and for a program manager who takes part).
// ?run= shows one run for audit; only program managers may name a run
// other than the published one.
func (s *Server) matchingPage(r *http.Request, p programs.Program, c programs.Cycle) (map[string]any, error) {
	v := viewer(r)
	ctx := r.Context()
	runID := strings.TrimSpace(r.URL.Query().Get("run"))
	data := map[string]any{"Title": "Matching · " + c.Name + " · " + p.Name, "Section": "programs", "Program": p,
		"Cycle": cycleRow{Cycle: c, State: c.Status(s.today())}, "L": matchLabels{}, "Path": matchingPath(p.ID, c.ID),
		"Closed": s.closedReason(p, c, programs.UseMatching),
		"Back":   matchingPath(p.ID, c.ID), "IsAdmin": access.CanManagePrograms(v),
		"RunErrors": map[string]string(nil), "ActionErrors": map[string]string(nil), "SwapErrors": map[string]string(nil),
		"RematchErrors": map[string]string(nil), "RulesErrors": map[string]string(nil), "RematchFor": "", "Objectives": []string{"participation", "score"},
		"RunForm": mentorships.RunOptions{Objective: "participation"}, "Picked": pickedValues(r)}
	if !v.IsSponsor() {
		mine, err := s.matches.Mine(ctx, p.ID, c.ID, v.PersonID)
		if err != nil {
			return nil, err
		}
		data["Mine"] = mine
		if runID != "" && runID != mine.RunID && !access.CanManagePrograms(v) {
			return nil, errs.E(errs.NotFound, "no such match run in this cycle")
		}
	}
	switch {
	case access.CanManagePrograms(v):
		if err := s.adminMatching(r, p, c, runID, data); err != nil {
			return nil, err
		}
	case access.CanSeeAggregates(v):
		pub, err := s.matches.Published(ctx, p.ID, c.ID)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return nil, err
		}
		if runID != "" && (err != nil || runID != pub.ID) {
			return nil, errs.E(errs.NotFound, "no such match run in this cycle")
		}
		if err == nil {
			data["Totals"] = pub
		}
	}
	return data, nil
}

// adminMatching adds a program manager's view to data: the run shown (the
// latest, or ?run=) with a page of its pairs and its unmatched mentees,
// the published run, the run history, locks, exclusions and open re-match
// requests.
func (s *Server) adminMatching(r *http.Request, p programs.Program, c programs.Cycle, runID string, data map[string]any) error {
	ctx := r.Context()
	ov, err := s.matches.Overview(ctx, p.ID, c.ID)
	if err != nil {
		return err
	}
	data["Overview"] = ov
	shown := ov.Latest
	if runID != "" {
		run, err := s.matches.GetRun(ctx, p.ID, c.ID, runID)
		if err != nil {
			return err
		}
		shown = &run
	}
	if ov.Latest != nil {
		data["RunForm"] = mentorships.RunOptions{Objective: ov.Latest.Objective, MinScore: ov.Latest.MinScore}
	}
	if shown != nil {
		page := pageOf(r.URL.Query())
		pages := max(1, (shown.Matched+pairPageSize-1)/pairPageSize)
		page = min(page, pages)
		pairs, err := s.matches.Pairs(ctx, p.ID, c.ID, shown.ID, mentorships.Page{Limit: pairPageSize, Offset: (page - 1) * pairPageSize})
		if err != nil {
			return err
		}
		unmatched, err := s.matches.UnmatchedOf(ctx, p.ID, c.ID, shown.ID, mentorships.Page{Limit: unmatchedShown})
		if err != nil {
			return err
		}
		changes, err := s.matches.Changes(ctx, p.ID, c.ID, shown.ID)
		if err != nil {
			return err
		}
		data["Shown"], data["Pairs"], data["Unmatched"], data["Changes"] = shown, pairs, unmatched, changes
		data["Page"], data["Pages"] = page, pages
		data["CanPublish"] = shown.Status == mentorships.StatusDraft && ov.Latest != nil && shown.ID == ov.Latest.ID
		q := r.URL.Query()
		q.Del("page")
		data["PageBase"] = matchingPath(p.ID, c.ID) + "?" + q.Encode()
		if len(r.URL.RawQuery) > 0 {
			data["Back"] = matchingPath(p.ID, c.ID) + "?" + r.URL.RawQuery
		}
	}
	runs, err := s.matches.Runs(ctx, p.ID, c.ID)
	if err != nil {
		return err
	}
	locks, err := s.matches.Locks(ctx, p.ID, c.ID)
	if err != nil {
		return err
	}
	exclusions, err := s.matches.Exclusions(ctx, p.ID, c.ID)
	if err != nil {
		return err
	}
	requests, err := s.matches.RematchRequests(ctx, p.ID, c.ID, true)
	if err != nil {
		return err
	}
	lockedMentee := map[string]string{}
	for _, l := range locks {
		lockedMentee[l.MenteeID] = l.MentorID
	}
	settings, err := s.matches.Settings(ctx, p.ID)
	if err != nil {
		return err
	}
	blank, err := s.matches.BlankProfiles(ctx, p.ID, c.ID)
	if err != nil {
		return err
	}
	data["Settings"], data["Blank"], data["MinHoursForm"] = settings, blank, fmt.Sprint(settings.MinSharedHours)
	if r.Method == http.MethodPost && r.PostFormValue("min_shared_hours") != "" {
		data["MinHoursForm"] = r.PostFormValue("min_shared_hours")
	}
	data["Runs"], data["Locks"], data["Exclusions"], data["Requests"] = runs, locks, exclusions, requests
	data["LockedTo"] = lockedMentee
	return nil
}

// rerenderMatching shows the matching page again with the problems of err
// under key, as 422. An error about no form field but with a safe message
// (a lock that cannot hold, a request without a published match) is shown
// the same way, under "_"; any other error goes to s.fail.
func (s *Server) rerenderMatching(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle, key string, err error) error {
	bad := fieldErrors(err)
	if bad == nil {
		e := errs.As(err)
		if e == nil || e.Kind != errs.Invalid {
			return err
		}
		bad = errs.Fields{"_": e.Message}
	}
	data, derr := s.matchingPage(r, p, c)
	if derr != nil {
		return derr
	}
	data[key], data["RematchFor"] = map[string]string(bad), r.PostFormValue("mentee_id")
	if mine, ok := data["Mine"].(mentorships.Mine); ok && key == "RematchErrors" && !rematchFormShown(mine, r.PostFormValue("mentee_id")) {
		// No re-match form on the page is about that pair: say why at the top
		// rather than nowhere.
		data["RematchLost"] = rematchLost(bad)
	}
	return s.render(w, r, http.StatusUnprocessableEntity, "matching", data)
}

// runOptionsFromForm reads the run form: objective, min_score and the
// reoptimize box.
func runOptionsFromForm(r *http.Request, adminID string) (mentorships.RunOptions, errs.Fields) {
	o := mentorships.RunOptions{Objective: strings.TrimSpace(r.PostFormValue("objective")), AdminID: adminID,
		Reoptimize: r.PostFormValue("reoptimize") != ""}
	bad := errs.Fields{}
	if v := strings.TrimSpace(r.PostFormValue("min_score")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			bad.Add("min_score", "%q is not a whole number from 0 to 1000", v)
		}
		o.MinScore = n
	}
	return o, bad
}

func runSummary(run mentorships.Run, ch mentorships.Changes) string {
	msg := fmt.Sprintf("Run %d matched %d of %d mentees, total score %d", run.Seq, run.Matched, run.Mentees, run.TotalScore)
	if run.HasParent() {
		msg += fmt.Sprintf(" (%s from run %d)", signed(run.TotalChange()), run.Seq-1)
	}
	if ch.Published {
		msg += fmt.Sprintf(". Against the published run %d: %s, %s, %s", ch.PublishedSeq,
			count(len(ch.New), "new pair", "new pairs"), count(len(ch.Changed), "changed pair", "changed pairs"), count(len(ch.Gone), "pair gone", "pairs gone"))
	}
	return msg + ". Review the draft, then publish it."
}

func (s *Server) runMatching(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	o, bad := runOptionsFromForm(r, viewer(r).PersonID)
	if len(bad) > 0 {
		return s.rerenderMatching(w, r, p, c, "RunErrors", bad.Err())
	}
	run, err := s.matches.Run(r.Context(), p.ID, c.ID, o)
	if err != nil {
		return s.rerenderMatching(w, r, p, c, "RunErrors", err)
	}
	ch, err := s.matches.Changes(r.Context(), p.ID, c.ID, run.ID)
	if err != nil {
		return err
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), runSummary(run, ch))
}

func (s *Server) publishMatching(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	run, err := s.matches.Publish(r.Context(), p.ID, c.ID, r.PostFormValue("run_id"), viewer(r).PersonID)
	if err != nil {
		return err
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), fmt.Sprintf("Run %d is published: %d mentees now see their mentor.", run.Seq, run.Matched))
}

func (s *Server) swapMentees(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	run, err := s.matches.Swap(r.Context(), p.ID, c.ID, r.PostFormValue("mentee_a"), r.PostFormValue("mentee_b"), viewer(r).PersonID)
	if err != nil {
		return s.rerenderMatching(w, r, p, c, "SwapErrors", err)
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), fmt.Sprintf("Swapped and locked; run %d: total score %s, matched %s.",
		run.Seq, signed(run.TotalChange()), signed(int64(run.MatchedChange()))))
}

func (s *Server) setAvailability(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	unavailable := r.PostFormValue("unavailable") != ""
	if err := s.matches.SetUnavailable(r.Context(), p.ID, c.ID, v.PersonID, unavailable); err != nil {
		return err
	}
	msg := "You are available for new mentees this cycle again."
	if unavailable {
		msg = "You take no new mentees this cycle; you keep the mentees you have."
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), msg)
}

func (s *Server) requestRematch(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	_, err := s.matches.RequestRematch(r.Context(), mentorships.RematchInput{ProgramID: p.ID, CycleID: c.ID, PersonID: v.PersonID,
		MenteeID: r.PostFormValue("mentee_id"), Reason: r.PostFormValue("reason")})
	if err != nil {
		return s.rerenderMatching(w, r, p, c, "RematchErrors", err)
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), "Your request was sent. A program manager will find you a new match and let you know.")
}

func (s *Server) resolveRematch(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	rematch, err := formChoice(r, "action", "rematch", "dismiss", "an answer")
	if err != nil {
		return err
	}
	req, run, err := s.matches.ResolveRematch(r.Context(), p.ID, c.ID, r.PathValue("rid"), viewer(r).PersonID, rematch)
	if err != nil {
		return s.rerenderMatching(w, r, p, c, "ActionErrors", err)
	}
	if run == nil {
		return s.redirect(w, r, matchingPath(p.ID, c.ID), "Dismissed the request of "+req.PersonName+".")
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), fmt.Sprintf("Re-matched %s away from %s in run %d; every other published pair is kept. Review and publish it.",
		req.MenteeName, req.MentorName, run.Seq))
}

// rematchFormShown reports whether the page shows a re-match form about the
// pair of menteeID ("" for the viewer's own mentor), where its errors go.
func rematchFormShown(m mentorships.Mine, menteeID string) bool {
	if menteeID == "" {
		return m.Published && m.Mentor != nil
	}
	return m.Published && slices.ContainsFunc(m.Mentees, func(p mentorships.Pair) bool { return p.MenteeID == menteeID })
}

// rematchFieldWords name the re-match form's fields in messages.
var rematchFieldWords = map[string]string{"mentee_id": "Mentee", "reason": "Reason"}

// rematchLost words the problems of a re-match request no form on the
// page can show: "Your re-match request was not sent. Mentee: is not one
// of your mentees in this cycle".
func rematchLost(bad errs.Fields) map[string]string {
	out := make(map[string]string, len(bad))
	for k, v := range bad {
		if w, ok := rematchFieldWords[k]; ok {
			v = w + ": " + v
		}
		out[k] = "Your re-match request was not sent. " + v
	}
	return out
}
