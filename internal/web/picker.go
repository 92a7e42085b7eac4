package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
)

// The person picker: every form that names a person (enroll, move, swap,
// lock, exclude) finds them by name, email or employee id. Without
// JavaScript a link opens a search page (pickPage) whose buttons go back
// to the form with the chosen id in its query string; with JavaScript
// static/picker.js asks the JSON twin of that page as you type. Both read
// one source: any active person, or the mentees of a cycle's latest match
// run (every pair of the run, not one page of them).

// pickLimit is how many choices one search offers.
const pickLimit = 20

// pickChoice is one person a picker offers, with what tells namesakes
// apart: function, location, email and employee id.
type pickChoice struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Function string `json:"function"`
	Location string `json:"location"`
	Note     string `json:"note,omitempty"` // e.g. "with Mia Mentor", the mentee's mentor in the run
}

// pickSource finds the choices for a search.
type pickSource func(ctx context.Context, q string) ([]pickChoice, error)

func choiceOf(p person.Person, note string) pickChoice {
	return pickChoice{ID: p.ID, Name: p.Name, Email: p.Email, Function: p.Function, Location: p.Location, Note: note}
}

// anyPerson finds among all active people. Only program managers pick
// people (the routes say so), and they may see anyone active.
func (s *Server) anyPerson(ctx context.Context, q string) ([]pickChoice, error) {
	ps, err := s.people.Find(ctx, q, pickLimit)
	if err != nil {
		return nil, err
	}
	out := make([]pickChoice, len(ps))
	for i, p := range ps {
		out[i] = choiceOf(p, "")
	}
	return out, nil
}

// runMentees finds among the mentees paired by the cycle's latest match
// run, the run a swap changes; an empty search lists the first of them.
func (s *Server) runMentees(p programs.Program, c programs.Cycle) pickSource {
	return func(ctx context.Context, q string) ([]pickChoice, error) {
		ov, err := s.matches.Overview(ctx, p.ID, c.ID)
		if err != nil || ov.Latest == nil {
			return nil, err
		}
		pairs, err := s.matches.FindPairs(ctx, p.ID, c.ID, ov.Latest.ID, q, pickLimit)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(pairs))
		for i, pr := range pairs {
			ids[i] = pr.MenteeID
		}
		ps, err := s.people.GetMany(ctx, ids)
		if err != nil {
			return nil, err
		}
		byID := make(map[string]person.Person, len(ps))
		for _, x := range ps {
			byID[x.ID] = x
		}
		out := make([]pickChoice, len(pairs))
		for i, pr := range pairs {
			pe, ok := byID[pr.MenteeID]
			if !ok {
				pe = person.Person{ID: pr.MenteeID, Name: pr.MenteeName}
			}
			out[i] = choiceOf(pe, "with "+pr.MentorName)
		}
		return out, nil
	}
}

// pickQuery reads the search, at most 100 characters of it.
func pickQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 100 {
		q = q[:100]
	}
	return q
}

// apiPick answers a picker's search as JSON: {"choices": [...]}.
func (s *Server) apiPick(src pickSource) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		cs, err := src(r.Context(), pickQuery(r))
		if err != nil {
			return err
		}
		if cs == nil {
			cs = []pickChoice{}
		}
		return writeJSON(w, http.StatusOK, map[string]any{"choices": cs})
	}
}

func (s *Server) apiPickPerson(w http.ResponseWriter, r *http.Request) error {
	return s.apiPick(s.anyPerson)(w, r)
}

func (s *Server) apiPickMentee(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	return s.apiPick(s.runMentees(p, c))(w, r)
}

// pickReturn is where a choice on the search page goes: the form's page
// (a path on this site, never another site) with its query string kept
// and the chosen id under the form's field.
type pickReturn struct {
	Action string     // path and fragment of the form's page
	Keep   url.Values // its query string, less the field
	Field  string     // the form field the id fills
}

// pickFields are the form fields a choice can fill, each the query
// parameter its page reads to fill the form.
var pickFields = map[string]string{
	"person_id": "the person to enroll", "move": "the person to move", "mentee_a": "the mentee to swap",
	"mentee_b": "the mentee to swap with", "mentor_id": "the mentor", "mentee_id": "the mentee",
}

// readPickReturn checks the search page's for= and return= parameters.
func readPickReturn(q url.Values) (pickReturn, errs.Fields) {
	bad := errs.Fields{}
	field := q.Get("for")
	if _, ok := pickFields[field]; !ok {
		bad.Add("for", "%q is not a form field a person is picked for", field)
	}
	back := q.Get("return")
	u := &url.URL{Path: "/"}
	if p, ok := sitePath(back); !ok {
		bad.Add("return", "%q is not a page of this site to go back to", back)
	} else if parsed, err := url.Parse(p); err == nil {
		u = parsed
	}
	keep := u.Query()
	keep.Del(field)
	action := u.Path
	if u.Fragment != "" {
		action += "#" + u.Fragment
	}
	return pickReturn{Action: action, Keep: keep, Field: field}, bad
}

// pickPage is the search page a picker links to: it works without
// JavaScript. A bad for= or return= answers 422 with the reason.
func (s *Server) pickPage(title string, src pickSource) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		q := pickQuery(r)
		ret, bad := readPickReturn(r.URL.Query())
		data := map[string]any{"Title": title, "Section": "programs", "Q": q, "Return": ret,
			"ReturnURL": r.URL.Query().Get("return"), "For": ret.Field, "What": pickFields[ret.Field]}
		if len(bad) > 0 {
			data["Errors"] = map[string]string(bad)
			return s.render(w, r, http.StatusUnprocessableEntity, "pick", data)
		}
		cs, err := src(r.Context(), q)
		if err != nil {
			return err
		}
		data["Choices"] = cs
		return s.render(w, r, http.StatusOK, "pick", data)
	}
}

func (s *Server) pickPersonPage(w http.ResponseWriter, r *http.Request) error {
	return s.pickPage("Find a person", s.anyPerson)(w, r)
}

func (s *Server) pickMenteePage(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	return s.pickPage("Find a mentee of "+c.Name, s.runMentees(p, c))(w, r)
}

// picker is what the "picker" template draws: a form field that names a
// person, its search page (the fallback without JavaScript) and its JSON
// source (for static/picker.js).
type picker struct {
	ID, Name, Label, Value, Error string
	Source                        string // the JSON search
	Fallback                      string // the search page, coming back to the form
}

// pickerArgs are a picker's place in its form: the input's id and name,
// the query parameter its page reads to fill it (see pickFields), its
// label, value and error, and the page (with fragment) of the form.
type pickerArgs struct{ ID, Name, Param, Label, Value, Error, Back string }

// newPicker builds a picker searching the search page page and its JSON
// twin source.
func newPicker(a pickerArgs, page, source string) picker {
	return picker{ID: a.ID, Name: a.Name, Label: a.Label, Value: a.Value, Error: a.Error, Source: source,
		Fallback: page + "?" + url.Values{"for": {a.Param}, "return": {a.Back}}.Encode()}
}

// pickPaths are the search pages and JSON sources of the pickers.
const (
	pickPersonPage = "/people/pick"
	pickPersonAPI  = "/api/v1/people/pick"
)

// personPicker is the template function for a picker of any active
// person: id, name, param, label, value, error and back as in pickerArgs.
func personPicker(id, name, param, label, value, errMsg, back string) picker {
	return newPicker(pickerArgs{id, name, param, label, value, errMsg, back}, pickPersonPage, pickPersonAPI)
}

// menteePicker is the template function for a picker of the mentees of a
// cycle's latest match run.
func menteePicker(programID, cycleID, id, name, label, value, errMsg, back string) picker {
	return newPicker(pickerArgs{id, name, name, label, value, errMsg, back},
		matchingPath(programID, cycleID)+"/pick", "/api/v1/programs/"+programID+"/cycles/"+cycleID+"/matches/pick")
}

// pickedValues are the values a page's pickers show: those the search
// page came back with in the query string, or those a form posted when it
// is shown again with its problems.
func pickedValues(r *http.Request) url.Values {
	if err := r.ParseForm(); err != nil {
		return r.URL.Query()
	}
	return r.Form
}
