package web

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/mentorships"
)

// TestRerunKeepsPublishedOnPageAndAPI: after a publish the run form offers
// "Re-optimize everyone"; a re-run keeps the published pairs, and the draft
// says against the published run what changed, on the page and in the API.
func TestRerunKeepsPublishedOnPageAndAPI(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		M, A := w.path(), w.api()
		if _, body := o.get("admin", M); strings.Contains(body, "Re-optimize everyone") {
			t.Errorf("the run form offers re-optimizing before anything is published")
		}
		pub := w.runAndPublish(t)
		before := w.mentorOf(t, pub.ID)
		_, body := o.get("admin", M)
		if !strings.Contains(body, `name="reoptimize"`) || !strings.Contains(body, "every pair of the published run 1 stays") {
			t.Errorf("the run form lacks the re-optimize box")
		}
		// Exclude m4's published pair: the re-run changes that pair only.
		if _, err := w.ms.Exclude(context.Background(), w.P.ID, w.C.ID, mentorships.IDPair{MentorID: before["m4"], MenteeID: "m4"}, "admin"); err != nil {
			t.Fatal(err)
		}
		code, loc, _ := o.submit("admin", M+"/run", url.Values{"objective": {"participation"}})
		if code != 303 || loc != M {
			t.Fatalf("run: %d %q", code, loc)
		}
		_, body = o.get("admin", M)
		for _, want := range []string{"Against the published run 1", "2 pairs stay as published", "Against the published run 1: no new pairs"} {
			if !strings.Contains(body, want) {
				t.Errorf("the draft page lacks %q", want)
			}
		}
		if !strings.Contains(body, "Changed: ") && !strings.Contains(body, "Gone: was with") {
			t.Errorf("the draft page does not show m4's change")
		}
		if !strings.Contains(body, `<span class="badge locked">kept</span>`) {
			t.Errorf("kept published pairs are not marked kept")
		}

		// The API: changes of the draft; re-optimizing everyone through it.
		code, js := o.apiDo("admin", "GET", A, "")
		var got struct {
			Draft struct {
				Changes *struct {
					PublishedSeq int `json:"published_seq"`
					Same         int `json:"same"`
					Changed      []struct {
						MenteeID    string `json:"mentee_id"`
						OldMentorID string `json:"old_mentor_id"`
					} `json:"changed"`
					Gone []struct {
						MenteeID string `json:"mentee_id"`
					} `json:"gone"`
				} `json:"changes"`
			} `json:"draft"`
			Published struct {
				Changes *json.RawMessage `json:"changes"`
			} `json:"published"`
		}
		if err := json.Unmarshal([]byte(js), &got); err != nil || code != 200 {
			t.Fatalf("%d %s %v", code, js, err)
		}
		// The stability report: the page words the API's examples.
		var stab struct {
			Draft struct {
				Run struct {
					Blocking int `json:"blocking_pairs"`
				} `json:"run"`
				Examples []struct {
					Words string `json:"words"`
				} `json:"blocking_examples"`
			} `json:"draft"`
		}
		if err := json.Unmarshal([]byte(js), &stab); err != nil {
			t.Fatal(err)
		}
		if n := stab.Draft.Run.Blocking; n != len(stab.Draft.Examples) && len(stab.Draft.Examples) != 5 {
			t.Errorf("%d blocking pairs, %d examples", n, len(stab.Draft.Examples))
		}
		for _, ex := range stab.Draft.Examples {
			if !strings.Contains(body, html.EscapeString(ex.Words)) {
				t.Errorf("the page lacks the blocking pair %q", ex.Words)
			}
		}
		if stab.Draft.Run.Blocking == 0 && !strings.Contains(body, "Stable: no mentor and mentee") {
			t.Errorf("the page does not say the run is stable")
		}
		ch := got.Draft.Changes
		if ch == nil || ch.PublishedSeq != 1 || ch.Same != 2 || len(ch.Changed)+len(ch.Gone) != 1 {
			t.Errorf("draft changes: %s", js)
		}
		code, js = o.apiDo("admin", "POST", A+"/runs", `{"reoptimize": true}`)
		if code != 201 || !strings.Contains(js, `"trigger": "reoptimize"`) {
			t.Errorf("re-optimize through the API: %d %s", code, js)
		}
		if _, body := o.get("admin", M); !strings.Contains(body, "re-optimization of everyone") {
			t.Errorf("the page does not say the draft re-optimized everyone")
		}
	})
}

// TestMatchingRulesBlankAndStability: the matching page sets the program's
// minimum of shared working hours (a hard rule), lists the mentees who
// left factors blank, and shows the run's stability report; the API reads
// and changes the rules.
func TestMatchingRulesBlankAndStability(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newMatchWorld(t, o)
		M := w.path()
		R := "/api/v1/programs/" + w.P.ID + "/matching-rules"
		_, body := o.get("admin", M)
		if !strings.Contains(body, `id="min_shared_hours" name="min_shared_hours" inputmode="decimal" value="2"`) {
			t.Errorf("the rules form lacks the default of 2 hours")
		}
		// Mentees who left factors blank, in words.
		if !strings.Contains(body, "Profiles left blank") || !strings.Contains(body, "Shared interests, Language") {
			t.Errorf("the page does not list blank profiles: %s", between(body, "Profiles left blank", "</section>"))
		}

		code, body := o.post("admin", M+"/rules", url.Values{"min_shared_hours": {"lots"}})
		if code != 422 || !strings.Contains(body, "The rule was not changed.") || !strings.Contains(body, `&#34;lots&#34; is not a number of hours`) ||
			!strings.Contains(body, `value="lots"`) {
			t.Errorf("a bad minimum: %d %s", code, between(body, "rules-h", "</form>"))
		}
		code, loc, _ := o.submit("admin", M+"/rules", url.Values{"min_shared_hours": {"1.5"}})
		if code != 303 || loc != M {
			t.Fatalf("save the rule: %d %q", code, loc)
		}
		if _, body := o.get("admin", M); !strings.Contains(body, "must share at least 1.5 hours of working time a week") || !strings.Contains(body, `value="1.5"`) {
			t.Errorf("no feedback after saving the rule")
		}
		code, js := o.apiDo("admin", "GET", R, "")
		if code != 200 || !strings.Contains(js, `"min_shared_hours": 1.5`) || !strings.Contains(js, `"skills": 35`) {
			t.Errorf("GET rules: %d %s", code, js)
		}
		code, js = o.apiDo("admin", "PUT", R, `{"min_shared_hours": 50}`)
		if code != 422 || !strings.Contains(js, `"field": "min_shared_hours"`) {
			t.Errorf("PUT a bad minimum: %d %s", code, js)
		}
		// A minimum no pair can meet leaves everyone unmatched, saying why.
		if code, js = o.apiDo("admin", "PUT", R, `{"min_shared_hours": 40}`); code != 200 {
			t.Fatalf("PUT 40: %d %s", code, js)
		}
		if code, _, _ := o.submit("admin", M+"/run", url.Values{"objective": {"participation"}}); code != 303 {
			t.Fatalf("run: %d", code)
		}
		_, body = o.get("admin", M)
		if !strings.Contains(body, "share fewer working hours a week with the mentee than the program") {
			t.Errorf("the unmatched do not say the minimum kept them apart: %s", between(body, "unmatched-h", "</table>"))
		}
		if !strings.Contains(body, "Stability") || !strings.Contains(body, "Stable: no mentor and mentee") {
			t.Errorf("no stability report")
		}
	})
}

// between returns the part of s from the first from to the next to after
// it, for messages.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
