package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

// directoryFilter reads the directory's query string, with a clear error
// for values that are not numbers.
func directoryFilter(q url.Values) (people.Filter, error) {
	f := people.Filter{Query: q.Get("q"), Function: q.Get("function"), Location: q.Get("location"),
		Skill: q.Get("skill"), Mentors: q.Get("mentors") == "1" || q.Get("mentors") == "true", Limit: 30}
	// The first problem, in this order, is the one reported.
	params := []intParam{{name: "level", dst: &f.Level, min: 1, max: 10}, {name: "page", dst: &f.Offset, min: 1, max: 100000},
		{name: "limit", dst: &f.Limit, min: 1, max: 200}}
	bad := errs.Fields{}
	readInts(q, bad, params...)
	for _, p := range params {
		if msg, ok := bad[p.name]; ok {
			return f, errs.Field(p.name, "%s", msg)
		}
	}
	if q.Get("page") != "" {
		f.Offset = (f.Offset - 1) * f.Limit
	}
	return f, nil
}

// searchPeople runs the directory search the query string asks for.
func (s *Server) searchPeople(r *http.Request) (people.Filter, people.Page, error) {
	f, err := directoryFilter(r.URL.Query())
	if err != nil {
		return f, people.Page{}, err
	}
	page, err := s.people.Search(r.Context(), f)
	return f, page, err
}

func (s *Server) directory(w http.ResponseWriter, r *http.Request) error {
	f, page, err := s.searchPeople(r)
	if err != nil {
		return err
	}
	facets, err := s.people.Facets(r.Context())
	if err != nil {
		return err
	}
	cur := f.Offset/f.Limit + 1
	pages := (page.Total + f.Limit - 1) / f.Limit
	q := r.URL.Query()
	q.Del("page")
	return s.render(w, r, http.StatusOK, "directory", map[string]any{
		"Title": "People", "Section": "people", "Page": page, "Filter": f, "Facets": facets,
		"Levels": []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "Current": cur, "Pages": pages, "BaseQuery": q.Encode(),
	})
}

func (s *Server) showPerson(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	p, err := s.people.Get(r.Context(), r.PathValue("id"))
	if err != nil || (!p.Active && !v.IsAdmin()) {
		return errs.E(errs.NotFound, "no such person")
	}
	return s.render(w, r, http.StatusOK, "person", s.personPage(r, p))
}

// personPage is the data of a profile page: the private part only for the
// person and admins.
func (s *Server) personPage(r *http.Request, p person.Person) map[string]any {
	v := viewer(r)
	data := map[string]any{"Title": p.Name, "Section": "people", "Person": p,
		"Private": access.CanSeePrivate(v, p.ID), "CanEdit": access.CanEditProfile(v, p.ID),
		"CanManage": access.CanManagePeople(v), "Roles": person.AccessRoles, "Self": v.PersonID == p.ID}
	if access.CanSeePrivate(v, p.ID) && p.ManagerID != "" {
		if m, err := s.people.Get(r.Context(), p.ManagerID); err == nil {
			data["Manager"] = m
		}
	}
	return data
}

// profileFromForm reads the profile form; list fields accept commas,
// semicolons or one item a line.
func profileFromForm(r *http.Request) (people.Profile, errs.Fields) {
	bad := errs.Fields{}
	list := func(name string) []string {
		v := strings.NewReplacer(",", ";", "\n", ";", "\r", "").Replace(r.PostFormValue(name))
		return person.SplitList(v)
	}
	pr := people.Profile{Bio: r.PostFormValue("bio"), SkillsOffered: list("skills_offered"), SkillsWanted: list("skills_wanted"),
		Interests: list("interests"), Languages: list("languages"), Timezone: strings.TrimSpace(r.PostFormValue("timezone")),
		MentoringRole: r.PostFormValue("role"), LearningStyle: strings.TrimSpace(r.PostFormValue("learning_style")),
		CommunicationStyle: strings.TrimSpace(r.PostFormValue("communication_style")), AccessibilityNeeds: r.PostFormValue("accessibility_needs")}
	start, end, err := person.ParseHours(r.PostFormValue("work_hours"))
	if err != nil {
		bad.Add("work_hours", "%s", errs.As(err).Message)
	}
	pr.WorkStart, pr.WorkEnd = start, end
	if c := strings.TrimSpace(r.PostFormValue("capacity")); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil {
			bad.Add("capacity", "%q is not a whole number", c)
		}
		pr.Capacity = n
	} else {
		pr.Capacity = 1
	}
	return pr, bad
}

// editablePerson returns the person of the path if the viewer may edit
// their profile; others get NotFound, so profiles do not leak.
func (s *Server) editablePerson(r *http.Request) (person.Person, error) {
	id := r.PathValue("id")
	if !access.CanEditProfile(viewer(r), id) {
		return person.Person{}, errs.E(errs.NotFound, "no such person")
	}
	return s.people.Get(r.Context(), id)
}

func (s *Server) editProfileForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.editablePerson(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "profile_edit", s.profileFormData(p, people.ProfileOf(p), nil))
}

func (s *Server) profileFormData(p person.Person, pr people.Profile, errors map[string]string) map[string]any {
	return map[string]any{"Title": "Edit profile", "Section": "people", "Person": p, "Profile": pr, "Version": people.ProfileVersion(p),
		"WorkHours": person.FormatHours(pr.WorkStart, pr.WorkEnd), "Errors": errors,
		"MentoringRoles": person.MentoringRoles, "Zones": commonZones,
		"LearningStyles":      []string{"visual", "reading", "hands-on", "discussion"},
		"CommunicationStyles": []string{"direct", "reflective", "structured", "casual"}}
}

func (s *Server) updateProfile(w http.ResponseWriter, r *http.Request) error {
	p, err := s.editablePerson(r)
	if err != nil {
		return err
	}
	id := p.ID
	pr, bad := profileFromForm(r)
	if len(bad) == 0 {
		_, err = s.people.EditProfile(r.Context(), id, r.PostFormValue("version"), func(dst *people.Profile) error { *dst = pr; return nil })
		var fe *errs.FieldsError
		if errs.Is(err, errs.Stale) {
			return s.staleProfileForm(w, r, id)
		} else if errors.As(err, &fe) {
			bad = fe.Fields
		} else if err != nil {
			return err
		}
	}
	if len(bad) > 0 {
		data := s.profileFormData(p, pr, bad)
		data["Version"] = r.PostFormValue("version") // kept, so the form sent again is still checked against what it was based on
		return s.render(w, r, http.StatusUnprocessableEntity, "profile_edit", data)
	}
	return s.redirect(w, r, "/people/"+id, "Profile saved.")
}

// staleProfileForm answers a profile form sent against a version that is no
// longer stored: 409 with the form showing the stored values, their version
// and a message saying why nothing was saved.
func (s *Server) staleProfileForm(w http.ResponseWriter, r *http.Request, id string) error {
	cur, err := s.people.Get(r.Context(), id)
	if err != nil {
		return err
	}
	data := s.profileFormData(cur, people.ProfileOf(cur), nil)
	data["Stale"] = true
	return s.render(w, r, http.StatusConflict, "profile_edit", data)
}

func (s *Server) newPersonForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "person_new", map[string]any{"Title": "Add a person", "Section": "people",
		"Form": map[string]string{"work_hours": "09:00-17:00", "level": "3"}, "Zones": commonZones, "MentoringRoles": person.MentoringRoles})
}

func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) error {
	form := map[string]string{}
	for _, k := range []string{"id", "name", "email", "level", "function", "department", "location", "timezone", "work_hours", "hire_date", "manager_id", "role"} {
		form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	bad := errs.Fields{}
	p := person.Person{ID: form["id"], Name: form["name"], Email: form["email"], Function: form["function"], Department: form["department"],
		Location: form["location"], Timezone: form["timezone"], HireDate: form["hire_date"], ManagerID: form["manager_id"], MentoringRole: form["role"]}
	if n, err := strconv.Atoi(form["level"]); err == nil {
		p.Level = n
	}
	var err error
	if p.WorkStart, p.WorkEnd, err = person.ParseHours(form["work_hours"]); err != nil {
		bad.Add("work_hours", "%s", errs.As(err).Message)
	}
	if len(bad) == 0 {
		_, err = s.people.Create(r.Context(), p)
		if bad = fieldErrors(err); err != nil && bad == nil {
			return err
		}
	}
	if len(bad) > 0 {
		return s.render(w, r, http.StatusUnprocessableEntity, "person_new", map[string]any{"Title": "Add a person", "Section": "people",
			"Form": form, "Errors": map[string]string(bad), "Zones": commonZones, "MentoringRoles": person.MentoringRoles})
	}
	return s.redirect(w, r, "/people/"+p.ID, p.Name+" was added. Send them an invitation so they can sign in.")
}

func (s *Server) setRole(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	id := r.PathValue("id")
	if id == v.PersonID && r.PostFormValue("role") != person.RoleAdmin {
		return errs.Field("role", "you cannot take away your own admin role; ask another admin")
	}
	if err := s.auth.SetAccessRole(r.Context(), id, r.PostFormValue("role")); err != nil {
		return err
	}
	return s.redirect(w, r, "/people/"+id, "Role updated.")
}

func (s *Server) invitePerson(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	id := r.PathValue("id")
	p, err := s.people.Get(r.Context(), id)
	if err != nil {
		return err
	}
	secret, err := s.auth.MailInvite(r.Context(), s.outbox, id, v.PersonID)
	if err != nil {
		return err
	}
	// The link is mailed and shown once, in this response, and never put
	// in a URL that browsers or proxies would keep.
	data := s.personPage(r, p)
	data["InviteLink"] = auth.InviteLink(s.outbox, secret)
	return s.render(w, r, http.StatusOK, "person", data)
}

// commonZones are offered in the time zone picker; any IANA name typed in
// is accepted too.
var commonZones = []string{"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Toronto",
	"America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Warsaw",
	"Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Singapore", "Asia/Shanghai",
	"Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "UTC"}
