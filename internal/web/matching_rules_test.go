package web

import (
	"net/url"
	"strings"
	"testing"
)

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
