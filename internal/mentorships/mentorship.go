// Package mentorships holds the mentor-mentee pairs of a program's cycle:
// match runs and their drafts, the program manager's locks and exclusions,
// publication, mentors' availability and participants' re-match requests,
// with their storage.
//
// A match run takes the cycle's approved mentors (with the capacity of
// their profile, or none if they marked themselves unavailable) and
// approved mentees, the pairs published in the program's earlier cycles as
// history, and the cycle's locks and exclusions. It scores the candidate
// pairs with package score, solves the assignment exactly with package
// matching, and stores the result as a draft: each pair with its score and
// reasons, each unmatched mentee with why, and the cohort's totals. Runs
// are numbered within their cycle; the latest is the current draft, and
// earlier ones stay for audit. Publishing a draft makes it the cycle's
// published matches and supersedes the run published before.
//
// The matching itself is one pipeline with no storage, Solve (pipeline.go,
// why.go): from a Problem (a scorer over people, or given scores; locks,
// pairs to keep, exclusions, a warm start) to an Outcome (the pairs, their
// explanations, the verified certificate, each unmatched mentee's Why).
// The Store feeds it a cycle and saves its Outcome; kindred match feeds it
// files and writes its Outcome in the CLI's formats, so both give the same
// pairs and the same reasons for the same input.
//
// Nothing of a draft is for participants. The Store answers a person's
// questions only with their own published pairs (Mine) and a sponsor's with
// totals; deciding who may call what is the caller's job (package web),
// but the queries that serve participants read only published runs and
// only the person's own pairs.
package mentorships

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/matching/score"
)

// Run statuses.
const (
	StatusDraft      = "draft"      // proposed; visible to program managers only
	StatusPublished  = "published"  // the cycle's matches, shown to participants
	StatusSuperseded = "superseded" // published once, replaced by a later run
)

// What asked for a run.
const (
	TriggerRun     = "run"     // a program manager ran or re-ran matching
	TriggerSwap    = "swap"    // two mentees swapped mentors
	TriggerRematch = "rematch" // one pair was undone on a re-match request
	// TriggerReoptimize is a run a program manager asked to re-optimize
	// everyone: published pairs were not held in place.
	TriggerReoptimize = "reoptimize"
)

// Re-match request statuses.
const (
	RequestOpen      = "open"      // waiting for a program manager
	RequestRematched = "rematched" // resolved by a new draft without the pair
	RequestDismissed = "dismissed" // resolved without a change
)

// Totals are a run's figures, with no names: what sponsors see.
type Totals struct {
	Mentees    int   // approved mentees of the cycle
	Mentors    int   // approved mentors of the cycle
	Seats      int   // the mentors' capacity in this run, summed
	Matched    int   // mentees with a mentor
	TotalScore int64 // the sum of the matched pairs' scores
	// Optimal reports that the solver's certificate of optimality was
	// checked: no assignment of the candidate pairs does better.
	Optimal bool
	// Pruned reports that the candidates were cut to the best few mentors
	// per mentee, as for large cohorts; the optimum is then over those.
	Pruned     bool
	Candidates int // allowed pairs the solver chose from
	// Blocking counts the run's blocking pairs: a mentor and a mentee
	// not paired who would both rather be together (a higher score) than
	// with what they have. An optimal run may have some; what kindred
	// match --stable reports.
	Blocking int
	Millis   int // how long the run took, in milliseconds
}

// AverageScore returns the mean score of the matched pairs, or 0.
func (t Totals) AverageScore() int {
	if t.Matched == 0 {
		return 0
	}
	return int(t.TotalScore / int64(t.Matched))
}

// Unmatched returns the number of mentees without a mentor.
func (t Totals) Unmatched() int { return t.Mentees - t.Matched }

// Run is one match run of a cycle.
type Run struct {
	ID        string
	ProgramID string
	CycleID   string
	Seq       int    // 1, 2... within the cycle
	Status    string // StatusDraft, StatusPublished or StatusSuperseded
	Trigger   string // TriggerRun, TriggerSwap or TriggerRematch
	Objective string // "participation" or "score"
	MinScore  int
	Totals
	ParentID    string // the cycle's run before this one, or ""
	ParentTotal int64  // its total score, when ParentID is set
	ParentMatch int    // its matched mentees, when ParentID is set
	CreatedBy   string
	CreatedAt   time.Time
	PublishedBy string
	PublishedAt *time.Time
	CycleName   string // joined for pages
	ProgramName string // joined for pages
	CycleStarts string // YYYY-MM-DD, joined
	CycleEndsOn string // YYYY-MM-DD, joined
	// BlockingExamples are a few of the run's blocking pairs.
	BlockingExamples []BlockingExample
}

// BlockingExample is one blocking pair of a run, with what each side has
// instead, as the run found it.
type BlockingExample struct {
	MentorID    string `json:"mentor_id"`
	MentorName  string `json:"mentor_name"`
	MenteeID    string `json:"mentee_id"`
	MenteeName  string `json:"mentee_name"`
	Score       int    `json:"score"`        // of the two together
	MenteeScore int    `json:"mentee_score"` // the mentee's own pair's score, -1 when unmatched
	MentorRoom  bool   `json:"mentor_room"`  // the mentor has a free seat
	MentorWorst int    `json:"mentor_worst"` // else the score of their lowest-scoring mentee
}

// Words says the blocking pair in words for a program manager: "Mo Berg
// and Eva Two would both rather be together (score 812): Eva Two has 700
// with their mentor, and Mo Berg a free seat."
func (b BlockingExample) Words() string {
	mentee := fmt.Sprintf("%s has %d with their mentor", b.MenteeName, b.MenteeScore)
	if b.MenteeScore < 0 {
		mentee = b.MenteeName + " has no mentor"
	}
	mentor := fmt.Sprintf("%s %d with their lowest-scoring mentee", b.MentorName, b.MentorWorst)
	if b.MentorRoom {
		mentor = b.MentorName + " a free seat"
	}
	return fmt.Sprintf("%s and %s would both rather be together (score %d): %s, and %s.", b.MentorName, b.MenteeName, b.Score, mentee, mentor)
}

// HasParent reports whether the run follows an earlier run of its cycle.
func (r Run) HasParent() bool { return r.ParentID != "" }

// TotalChange returns the change in total score from the run before.
func (r Run) TotalChange() int64 { return r.TotalScore - r.ParentTotal }

// MatchedChange returns the change in matched mentees from the run before.
func (r Run) MatchedChange() int { return r.Matched - r.ParentMatch }

// Pair is a mentor and a mentee matched in a run, with the score and the
// factors it is made of.
type Pair struct {
	RunID      string
	MentorID   string
	MentorName string
	MenteeID   string
	MenteeName string
	Score      int // 0..1000
	// Locked reports that the pair was held in place: by a program
	// manager's lock, or kept from the published run (a re-run, a
	// re-match) or from the run before (the other pairs of a swap).
	Locked  bool
	Factors []score.Factor // in score.FactorNames order
}

// Reasons returns the reasons of the pair's factors that count, the
// biggest contribution first, in words addressed to the mentee.
func (p Pair) Reasons() []string {
	return score.Explanation{Score: p.Score, Factors: p.Factors}.Reasons()
}

// Unmatched is a mentee a run left without a mentor, and why.
type Unmatched struct {
	RunID      string
	MenteeID   string
	MenteeName string
	Reason     string         // in words, for the program manager
	Rules      map[string]int // per hard rule (score.Rule names): the mentors it ruled out
}

// IDPair names a mentor and a mentee by person id.
type IDPair struct{ MentorID, MenteeID string }

// Lock is a pair a program manager fixed: every run of the cycle keeps it.
type Lock struct {
	CycleID    string
	MentorID   string
	MentorName string
	MenteeID   string
	MenteeName string
	CreatedBy  string
	CreatedAt  time.Time
}

// Exclusion is a pair a program manager ruled out for the cycle.
type Exclusion = Lock

// RematchRequest is a participant's request to undo their published pair.
type RematchRequest struct {
	ID            string
	ProgramID     string
	CycleID       string
	PersonID      string // who asked: the pair's mentor or mentee
	PersonName    string
	MentorID      string
	MentorName    string
	MenteeID      string
	MenteeName    string
	Reason        string
	Status        string // RequestOpen, RequestRematched or RequestDismissed
	CreatedAt     time.Time
	ResolvedBy    string
	ResolvedAt    *time.Time
	ResolvedRunID string
}

// RematchInput is a participant's re-match request as sent.
type RematchInput struct {
	ProgramID string
	CycleID   string
	PersonID  string // the participant asking
	// MenteeID names the pair when the participant is a mentor with
	// several mentees (form field "mentee_id"); a mentee leaves it empty.
	MenteeID string
	Reason   string // form field "reason": required
}

// RunOptions are the settings of a run a program manager chooses.
type RunOptions struct {
	Objective string // "participation" (default) or "score"
	MinScore  int    // pairs scoring below it are not proposed (0..1000)
	AdminID   string // who runs it
	// Reoptimize lets the run move published pairs. Without it a run
	// after a publish keeps every published pair that still holds (both
	// people still take part, no exclusion or lock against it, within the
	// mentor's seats and the minimum score) and matches only the others.
	Reoptimize bool
}

// Mine is what one participant sees of a cycle's published matches.
type Mine struct {
	PersonID    string // whose view this is
	Published   bool   // the cycle has published matches
	RunID       string // the published run, if any
	PublishedAt *time.Time
	// Mentor is the person's own pair as mentee, if matched.
	Mentor *Pair
	// IsMentee reports an approved mentee enrollment in the cycle; with
	// Mentor nil after publication, the person was not matched.
	IsMentee bool
	// Mentees are the person's own pairs as mentor.
	Mentees []Pair
	// IsMentor reports an approved mentor enrollment in the cycle.
	IsMentor    bool
	Capacity    int  // the mentor's capacity from their profile
	Unavailable bool // the mentor takes no new mentees this cycle
	// Requests are the person's own re-match requests in the cycle.
	Requests []RematchRequest
}

// Remaining returns the seats the mentor has left: none when unavailable.
func (m Mine) Remaining() int {
	if m.Unavailable {
		return 0
	}
	return max(0, m.Capacity-len(m.Mentees))
}

// OpenRequest reports whether the person has an open request about the
// pair of mentee menteeID, or about their own mentor if menteeID is "".
func (m Mine) OpenRequest(menteeID string) bool {
	if menteeID == "" {
		menteeID = m.PersonID
	}
	return slices.ContainsFunc(m.Requests, func(r RematchRequest) bool {
		return r.Status == RequestOpen && r.MenteeID == menteeID
	})
}

// Match is one of a person's published pairs, in any program, for their
// start page.
type Match struct {
	ProgramID   string
	ProgramName string
	CycleID     string
	CycleName   string
	Role        string // the person's side: "mentor" or "mentee"
	Pair
}

// FactorLabel returns the human name of a score factor ("Skills"), as
// the score package declares it.
func FactorLabel(name string) string { return score.FactorLabel(name) }

// ReasonAbout words a pair's reason, written for the mentee, for someone
// who is neither mentor nor mentee (see score.ThirdPerson).
func ReasonAbout(reason, mentor, mentee string) string {
	return score.ThirdPerson(reason, mentor, mentee)
}

// RuleWords says in words what a hard rule did to the mentors it ruled out
// for a mentee, for n mentors ("2 are in the mentee's management chain").
func RuleWords(rule string, n int) string {
	verb, s := "are", ""
	if n == 1 {
		verb, s = "is", "s"
	}
	w, ok := ruleWords[rule]
	if !ok {
		w = "break the rule " + strings.ReplaceAll(rule, "_", " ")
	}
	return strings.NewReplacer("{n}", strconv.Itoa(n), "{are}", verb, "{s}", s).Replace(w)
}

var ruleWords = map[string]string{
	score.RuleSelf.String():             "{n} {are} the mentee themselves",
	score.RuleNoCapacity.String():       "{n} take{s} no mentees this cycle",
	score.RuleLanguage.String():         "{n} {are} without the language the program requires",
	score.RuleChain.String():            "{n} {are} in the mentee's management chain",
	score.RuleExcluded.String():         "{n} {are} excluded by a program manager",
	score.RuleHistory.String():          "{n} {are} paired with the mentee in an earlier cycle",
	score.RuleNoSharedLanguage.String(): "{n} share{s} no language with the mentee",
	score.RuleSharedHours.String():      "{n} share{s} fewer working hours a week with the mentee than the program's minimum",
}

// PairRuleWords says why a hard rule forbids one pair ("one is in the
// other's management chain"), for errors about locks and swaps.
func PairRuleWords(rule string) string {
	if w, ok := pairRuleWords[rule]; ok {
		return w
	}
	return "the pair breaks the rule " + strings.ReplaceAll(rule, "_", " ")
}

var pairRuleWords = map[string]string{
	score.RuleSelf.String():             "a person cannot mentor themselves",
	score.RuleNoCapacity.String():       "the mentor takes no mentees this cycle",
	score.RuleLanguage.String():         "one of them lacks the language the program requires",
	score.RuleChain.String():            "one is in the other's management chain",
	score.RuleExcluded.String():         "a program manager excluded the pair",
	score.RuleHistory.String():          "they were paired in an earlier cycle of the program",
	score.RuleNoSharedLanguage.String(): "they share no language",
	score.RuleSharedHours.String():      "they share fewer working hours a week than the program's minimum",
}
