package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/mentorships"
)

// The matching API, with the checks of the pages: program managers read
// drafts and published runs and change them; a participant reads their own
// published pairs only and asks for re-matches; a sponsor reads the
// published totals. Naming a draft as anybody but a program manager
// answers 404.

// matchRunJSON is a run with its totals; it names nobody.
type matchRunJSON struct {
	ID           string `json:"id"`
	Seq          int    `json:"seq"`
	Status       string `json:"status"`
	Trigger      string `json:"trigger"`
	Objective    string `json:"objective"`
	MinScore     int    `json:"min_score"`
	Mentees      int    `json:"mentees"`
	Mentors      int    `json:"mentors"`
	Seats        int    `json:"seats"`
	Matched      int    `json:"matched"`
	Unmatched    int    `json:"unmatched"`
	TotalScore   int64  `json:"total_score"`
	AverageScore int    `json:"average_score"`
	Optimal      bool   `json:"optimal"`
	Pruned       bool   `json:"pruned"`
	Candidates   int    `json:"candidates"`
	Blocking     int    `json:"blocking_pairs"`
	Millis       int    `json:"millis"`
	runChangeJSON
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at"`
}

// runChangeJSON is how a run differs from the run it was made from (a
// re-run, a lock, a swap...); a first run has none.
type runChangeJSON struct {
	ParentID      string `json:"parent_id,omitempty"`
	TotalChange   *int64 `json:"total_change,omitempty"`
	MatchedChange *int   `json:"matched_change,omitempty"`
}

func toMatchRunJSON(r mentorships.Run) matchRunJSON {
	out := matchRunJSON{ID: r.ID, Seq: r.Seq, Status: r.Status, Trigger: r.Trigger, Objective: r.Objective, MinScore: r.MinScore,
		Mentees: r.Mentees, Mentors: r.Mentors, Seats: r.Seats, Matched: r.Matched, Unmatched: r.Unmatched(),
		TotalScore: r.TotalScore, AverageScore: r.AverageScore(), Optimal: r.Optimal, Pruned: r.Pruned,
		Candidates: r.Candidates, Blocking: r.Blocking, Millis: r.Millis, CreatedAt: r.CreatedAt, PublishedAt: r.PublishedAt}
	if r.HasParent() {
		tc, mc := r.TotalChange(), r.MatchedChange()
		out.ParentID, out.TotalChange, out.MatchedChange = r.ParentID, &tc, &mc
	}
	return out
}

// pairJSON is a matched pair with its score, factors and reasons.
type pairJSON struct {
	MentorID   string         `json:"mentor_id"`
	MentorName string         `json:"mentor_name"`
	MenteeID   string         `json:"mentee_id"`
	MenteeName string         `json:"mentee_name"`
	Score      int            `json:"score"`
	Locked     bool           `json:"locked"`
	Factors    []score.Factor `json:"factors"`
	Reasons    []string       `json:"reasons"`
}

func toPairJSON(p mentorships.Pair) pairJSON {
	factors := p.Factors
	if factors == nil {
		factors = []score.Factor{}
	}
	return pairJSON{MentorID: p.MentorID, MentorName: p.MentorName, MenteeID: p.MenteeID, MenteeName: p.MenteeName,
		Score: p.Score, Locked: p.Locked, Factors: factors, Reasons: orEmpty(p.Reasons())}
}

func toPairsJSON(ps []mentorships.Pair) []pairJSON {
	out := make([]pairJSON, len(ps))
	for i, p := range ps {
		out[i] = toPairJSON(p)
	}
	return out
}

// unmatchedJSON is a mentee without a mentor and why.
type unmatchedJSON struct {
	MenteeID   string         `json:"mentee_id"`
	MenteeName string         `json:"mentee_name"`
	Reason     string         `json:"reason"`
	Rules      map[string]int `json:"rules"`
}

// runDetailJSON is a run with a page of its pairs and unmatched mentees,
// and how it differs from the published run.
type runDetailJSON struct {
	Run       matchRunJSON    `json:"run"`
	Pairs     []pairJSON      `json:"pairs"`
	Unmatched []unmatchedJSON `json:"unmatched"`
	Changes   *changesJSON    `json:"changes"`
	// BlockingExamples are a few of the run's blocking pairs, in words
	// and as data (mentee_score -1: the mentee has no mentor).
	BlockingExamples []blockingJSON `json:"blocking_examples"`
}

// blockingJSON is one blocking pair of a run.
type blockingJSON struct {
	mentorships.BlockingExample
	Words string `json:"words"`
}

type idPairJSON struct {
	MentorID   string    `json:"mentor_id"`
	MentorName string    `json:"mentor_name"`
	MenteeID   string    `json:"mentee_id"`
	MenteeName string    `json:"mentee_name"`
	CreatedAt  time.Time `json:"created_at"`
}

func toIDPairsJSON(ls []mentorships.Lock) []idPairJSON {
	out := make([]idPairJSON, len(ls))
	for i, l := range ls {
		out[i] = idPairJSON{MentorID: l.MentorID, MentorName: l.MentorName, MenteeID: l.MenteeID, MenteeName: l.MenteeName, CreatedAt: l.CreatedAt}
	}
	return out
}

// rematchJSON is a re-match request.
type rematchJSON struct {
	ID            string     `json:"id"`
	PersonID      string     `json:"person_id"`
	PersonName    string     `json:"person_name"`
	MentorID      string     `json:"mentor_id"`
	MentorName    string     `json:"mentor_name"`
	MenteeID      string     `json:"mentee_id"`
	MenteeName    string     `json:"mentee_name"`
	Reason        string     `json:"reason"`
	Status        string     `json:"status"`
	CreatedAt     time.Time  `json:"created_at"`
	ResolvedAt    *time.Time `json:"resolved_at"`
	ResolvedRunID string     `json:"resolved_run_id,omitempty"`
}

func toRematchJSON(r mentorships.RematchRequest) rematchJSON {
	return rematchJSON{ID: r.ID, PersonID: r.PersonID, PersonName: r.PersonName, MentorID: r.MentorID, MentorName: r.MentorName,
		MenteeID: r.MenteeID, MenteeName: r.MenteeName, Reason: r.Reason, Status: r.Status, CreatedAt: r.CreatedAt,
		ResolvedAt: r.ResolvedAt, ResolvedRunID: r.ResolvedRunID}
}

func toRematchesJSON(rs []mentorships.RematchRequest) []rematchJSON {
	out := make([]rematchJSON, len(rs))
	for i, r := range rs {
		out[i] = toRematchJSON(r)
	}
	return out
}

// matchPage reads ?limit= and ?offset= for the pairs and unmatched lists.
func matchPage(r *http.Request) (mentorships.Page, error) {
	var pg mentorships.Page
	bad := errs.Fields{}
	readInts(r.URL.Query(), bad, intParam{name: "limit", dst: &pg.Limit, min: 1, max: mentorships.MaxPage, upTo: true},
		intParam{name: "offset", dst: &pg.Offset, max: 1 << 30, upTo: true})
	return pg, bad.Err()
}

// runDetail reads a run with a page of its pairs and unmatched mentees.
func (s *Server) runDetail(r *http.Request, programID, cycleID string, run mentorships.Run, pg mentorships.Page) (runDetailJSON, error) {
	pairs, err := s.matches.Pairs(r.Context(), programID, cycleID, run.ID, pg)
	if err != nil {
		return runDetailJSON{}, err
	}
	un, err := s.matches.UnmatchedOf(r.Context(), programID, cycleID, run.ID, pg)
	if err != nil {
		return runDetailJSON{}, err
	}
	ch, err := s.matches.Changes(r.Context(), programID, cycleID, run.ID)
	if err != nil {
		return runDetailJSON{}, err
	}
	out := runDetailJSON{Run: toMatchRunJSON(run), Pairs: toPairsJSON(pairs), Unmatched: make([]unmatchedJSON, len(un)), Changes: toChangesJSON(ch),
		BlockingExamples: make([]blockingJSON, len(run.BlockingExamples))}
	for k, b := range run.BlockingExamples {
		out.BlockingExamples[k] = blockingJSON{BlockingExample: b, Words: b.Words()}
	}
	for i, u := range un {
		out.Unmatched[i] = unmatchedJSON{MenteeID: u.MenteeID, MenteeName: u.MenteeName, Reason: u.Reason, Rules: u.Rules}
	}
	return out, nil
}

// apiMatches answers GET .../matches: for a program manager the draft and
// the published run (or ?run_id=), with locks, exclusions and open
// requests; for a sponsor the published totals; for a participant their
// own published pairs.
func (s *Server) apiMatches(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	ctx := r.Context()
	pid, cid := r.PathValue("id"), r.PathValue("cid")
	pg, err := matchPage(r)
	if err != nil {
		return err
	}
	runID := strings.TrimSpace(r.URL.Query().Get("run_id"))
	if !access.CanManagePrograms(v) {
		return s.apiOwnMatches(w, r, runID)
	}
	if runID != "" {
		run, err := s.matches.GetRun(ctx, pid, cid, runID)
		if err != nil {
			return err
		}
		d, err := s.runDetail(r, pid, cid, run, pg)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, d)
	}
	ov, err := s.matches.Overview(ctx, pid, cid)
	if err != nil {
		return err
	}
	out := map[string]any{"cycle_id": cid, "draft": nil, "published": nil}
	for key, run := range map[string]*mentorships.Run{"draft": ov.Draft(), "published": ov.Published} {
		if run == nil {
			continue
		}
		d, err := s.runDetail(r, pid, cid, *run, pg)
		if err != nil {
			return err
		}
		out[key] = d
	}
	locks, err := s.matches.Locks(ctx, pid, cid)
	if err != nil {
		return err
	}
	exclusions, err := s.matches.Exclusions(ctx, pid, cid)
	if err != nil {
		return err
	}
	requests, err := s.matches.RematchRequests(ctx, pid, cid, true)
	if err != nil {
		return err
	}
	out["locks"], out["exclusions"], out["rematch_requests"] = toIDPairsJSON(locks), toIDPairsJSON(exclusions), toRematchesJSON(requests)
	return writeJSON(w, http.StatusOK, out)
}

// apiOwnMatches is GET .../matches for sponsors (published totals) and
// participants (their own published pairs). runID may name only the
// published run.
func (s *Server) apiOwnMatches(w http.ResponseWriter, r *http.Request, runID string) error {
	v := viewer(r)
	pid, cid := r.PathValue("id"), r.PathValue("cid")
	hidden := errs.E(errs.NotFound, "no such match run in this cycle")
	if _, err := s.programs.GetCycle(r.Context(), pid, cid); err != nil {
		return err
	}
	if v.IsSponsor() {
		pub, err := s.matches.Published(r.Context(), pid, cid)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if runID != "" && (err != nil || runID != pub.ID) {
			return hidden
		}
		out := map[string]any{"cycle_id": cid, "published": nil}
		if err == nil {
			out["published"] = toMatchRunJSON(pub)
		}
		return writeJSON(w, http.StatusOK, out)
	}
	m, err := s.matches.Mine(r.Context(), pid, cid, v.PersonID)
	if err != nil {
		return err
	}
	if runID != "" && runID != m.RunID {
		return hidden
	}
	out := map[string]any{"cycle_id": cid, "published": m.Published, "published_at": m.PublishedAt, "as_mentee": nil, "as_mentor": nil,
		"rematch_requests": toRematchesJSON(m.Requests)}
	if m.IsMentee {
		mentee := map[string]any{"mentor": nil}
		if m.Mentor != nil {
			mentee["mentor"] = toPairJSON(*m.Mentor)
		}
		out["as_mentee"] = mentee
	}
	if m.IsMentor {
		out["as_mentor"] = map[string]any{"capacity": m.Capacity, "remaining": m.Remaining(), "unavailable": m.Unavailable,
			"mentees": toPairsJSON(m.Mentees)}
	}
	return writeJSON(w, http.StatusOK, out)
}

// runIn is the body of POST .../matches/runs.
type runIn struct {
	Objective  string `json:"objective"`
	MinScore   int    `json:"min_score"`
	Reoptimize bool   `json:"reoptimize"`
}

func (s *Server) apiRunMatching(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in runIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	run, err := s.matches.Run(r.Context(), r.PathValue("id"), r.PathValue("cid"),
		mentorships.RunOptions{Objective: in.Objective, MinScore: in.MinScore, Reoptimize: in.Reoptimize, AdminID: v.PersonID})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/programs/"+run.ProgramID+"/cycles/"+run.CycleID+"/matches?run_id="+run.ID)
	return writeJSON(w, http.StatusCreated, toMatchRunJSON(run))
}

func (s *Server) apiPublishMatches(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in struct {
		RunID string `json:"run_id"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	pid, cid := r.PathValue("id"), r.PathValue("cid")
	if in.RunID == "" {
		ov, err := s.matches.Overview(r.Context(), pid, cid)
		if err != nil {
			return err
		}
		if ov.Draft() == nil {
			return errs.E(errs.Conflict, "there is no draft to publish: run matching first")
		}
		in.RunID = ov.Draft().ID
	}
	run, err := s.matches.Publish(r.Context(), pid, cid, in.RunID, v.PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toMatchRunJSON(run))
}

func (s *Server) apiSwap(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in struct {
		MenteeA string `json:"mentee_a"`
		MenteeB string `json:"mentee_b"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	run, err := s.matches.Swap(r.Context(), r.PathValue("id"), r.PathValue("cid"), in.MenteeA, in.MenteeB, v.PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toMatchRunJSON(run))
}

func (s *Server) apiSetAvailability(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	unavailable, err := decodeChoice(w, r, "unavailable", "is required: true to take no new mentees this cycle, false to take them again")
	if err != nil {
		return err
	}
	pid, cid := r.PathValue("id"), r.PathValue("cid")
	if err := s.matches.SetUnavailable(r.Context(), pid, cid, v.PersonID, unavailable); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"cycle_id": cid, "unavailable": unavailable})
}

func (s *Server) apiRequestRematch(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in struct {
		MenteeID string `json:"mentee_id"`
		Reason   string `json:"reason"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	req, err := s.matches.RequestRematch(r.Context(), mentorships.RematchInput{ProgramID: r.PathValue("id"), CycleID: r.PathValue("cid"),
		PersonID: v.PersonID, MenteeID: in.MenteeID, Reason: in.Reason})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toRematchJSON(req))
}

func (s *Server) apiResolveRematch(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	rematch, err := decodeChoice(w, r, "rematch", "is required: true to re-match the pair, false to dismiss the request")
	if err != nil {
		return err
	}
	req, run, err := s.matches.ResolveRematch(r.Context(), r.PathValue("id"), r.PathValue("cid"), r.PathValue("rid"), v.PersonID, rematch)
	if err != nil {
		return err
	}
	out := map[string]any{"request": toRematchJSON(req), "run": nil}
	if run != nil {
		out["run"] = toMatchRunJSON(*run)
	}
	return writeJSON(w, http.StatusOK, out)
}
