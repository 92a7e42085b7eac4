package web

import (
	"errors"
	"net/http"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

// personJSON is a person as the API shows them. Private fields are empty
// (and omitted) unless the viewer is the person or an admin. Demographic
// attributes are never part of it.
type personJSON struct {
	ID                 string   `json:"id"`
	Name               string   `json:"name"`
	Level              int      `json:"level"`
	Function           string   `json:"function"`
	Department         string   `json:"department,omitempty"`
	Location           string   `json:"location"`
	Timezone           string   `json:"timezone"`
	Languages          []string `json:"languages"`
	SkillsOffered      []string `json:"skills_offered"`
	SkillsWanted       []string `json:"skills_wanted"`
	Interests          []string `json:"interests"`
	MentoringRole      string   `json:"mentoring_role"`
	Capacity           int      `json:"capacity,omitempty"`
	Facilitator        bool     `json:"facilitator"`
	LearningStyle      string   `json:"learning_style,omitempty"`
	CommunicationStyle string   `json:"communication_style,omitempty"`
	Bio                string   `json:"bio,omitempty"`
	// Active is false for a person an admin deactivated; only admins see
	// them.
	Active bool `json:"active"`
	// Private part.
	Email              string `json:"email,omitempty"`
	WorkHours          string `json:"work_hours,omitempty"`
	HireDate           string `json:"hire_date,omitempty"`
	ManagerID          string `json:"manager_id,omitempty"`
	AccessibilityNeeds string `json:"accessibility_needs,omitempty"`
	AccessRole         string `json:"access_role,omitempty"`
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func toPersonJSON(v access.Viewer, p person.Person) personJSON {
	j := personJSON{ID: p.ID, Name: p.Name, Level: p.Level, Function: p.Function, Department: p.Department,
		Location: p.Location, Timezone: p.Timezone, Languages: orEmpty(p.Languages), SkillsOffered: orEmpty(p.SkillsOffered),
		SkillsWanted: orEmpty(p.SkillsWanted), Interests: orEmpty(p.Interests), MentoringRole: p.MentoringRole,
		Facilitator: p.Facilitator, LearningStyle: p.LearningStyle, CommunicationStyle: p.CommunicationStyle, Bio: p.Bio, Active: p.Active}
	if p.IsMentor() {
		j.Capacity = p.Capacity
	}
	if access.CanSeePrivate(v, p.ID) {
		j.Email, j.WorkHours, j.HireDate, j.ManagerID = p.Email, p.WorkHours(), p.HireDate, p.ManagerID
		j.AccessibilityNeeds, j.AccessRole = p.AccessibilityNeeds, p.AccessRole
	}
	return j
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) error {
	return errs.E(errs.NotFound, "no such API route: %s %s", r.Method, r.URL.Path)
}

// notFound answers every path no route claims, as a page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return errs.E(errs.NotFound, "There is no page at this address.")
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	p, err := s.people.Get(r.Context(), v.PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPersonJSON(v, p))
}

func (s *Server) apiListPeople(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	f, page, err := s.searchPeople(r)
	if err != nil {
		return err
	}
	out := make([]personJSON, len(page.People))
	for i, p := range page.People {
		out[i] = toPersonJSON(v, p)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"people": out, "total": page.Total, "limit": f.Limit, "offset": f.Offset})
}

func (s *Server) apiGetPerson(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	p, err := s.people.Get(r.Context(), r.PathValue("id"))
	if err != nil || (!p.Active && !v.IsAdmin()) {
		return errs.E(errs.NotFound, "no such person")
	}
	w.Header().Set("ETag", etag(people.ProfileVersion(p)))
	return writeJSON(w, http.StatusOK, toPersonJSON(v, p))
}

// profilePatch is the body of PATCH /api/v1/people/{id}: only the fields
// sent change.
type profilePatch struct {
	Bio                *string   `json:"bio"`
	SkillsOffered      *[]string `json:"skills_offered"`
	SkillsWanted       *[]string `json:"skills_wanted"`
	Interests          *[]string `json:"interests"`
	Languages          *[]string `json:"languages"`
	Timezone           *string   `json:"timezone"`
	WorkHours          *string   `json:"work_hours"`
	Capacity           *int      `json:"capacity"`
	MentoringRole      *string   `json:"mentoring_role"`
	LearningStyle      *string   `json:"learning_style"`
	CommunicationStyle *string   `json:"communication_style"`
	AccessibilityNeeds *string   `json:"accessibility_needs"`
}

func (s *Server) apiUpdateProfile(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	id := r.PathValue("id")
	if !access.CanEditProfile(v, id) {
		return errs.E(errs.NotFound, "no such person")
	}
	var patch profilePatch
	if err := decodeJSON(w, r, &patch); err != nil {
		return err
	}
	p, err := s.people.EditProfile(r.Context(), id, ifMatch(r), patch.apply)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(people.ProfileVersion(p)))
	return writeJSON(w, http.StatusOK, toPersonJSON(v, p))
}

// newPersonJSON is the body of POST /api/v1/people.
type newPersonJSON struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Email         string   `json:"email"`
	Level         int      `json:"level"`
	Function      string   `json:"function"`
	Department    string   `json:"department"`
	Location      string   `json:"location"`
	Timezone      string   `json:"timezone"`
	WorkHours     string   `json:"work_hours"`
	HireDate      string   `json:"hire_date"`
	ManagerID     string   `json:"manager_id"`
	MentoringRole string   `json:"mentoring_role"`
	Capacity      int      `json:"capacity"`
	Languages     []string `json:"languages"`
	SkillsOffered []string `json:"skills_offered"`
	SkillsWanted  []string `json:"skills_wanted"`
	Interests     []string `json:"interests"`
}

func (s *Server) apiCreatePerson(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in newPersonJSON
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p := person.Person{ID: in.ID, Name: in.Name, Email: in.Email, Level: in.Level, Function: in.Function, Department: in.Department,
		Location: in.Location, Timezone: in.Timezone, HireDate: in.HireDate, ManagerID: in.ManagerID, MentoringRole: in.MentoringRole,
		Capacity: in.Capacity, Languages: in.Languages, SkillsOffered: in.SkillsOffered, SkillsWanted: in.SkillsWanted, Interests: in.Interests}
	if in.WorkHours != "" {
		var err error
		if p.WorkStart, p.WorkEnd, err = person.ParseHours(in.WorkHours); err != nil {
			return errs.Field("work_hours", "%s", errs.As(err).Message)
		}
	}
	p, err := s.people.Create(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toPersonJSON(v, p))
}

func (s *Server) apiSetRole(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in struct {
		Role string `json:"role"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	id := r.PathValue("id")
	if id == v.PersonID && in.Role != person.RoleAdmin {
		return errs.Field("role", "you cannot take away your own admin role; ask another admin")
	}
	if err := s.auth.SetAccessRole(r.Context(), id, in.Role); err != nil {
		return err
	}
	p, err := s.people.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPersonJSON(v, p))
}

// importErrorJSON is the API's answer to a rejected import: every problem
// with its line, column and field.
type importErrorJSON struct {
	Error struct {
		Code     string            `json:"code"`
		Message  string            `json:"message"`
		File     string            `json:"file"`
		Problems []people.Problem  `json:"problems"`
		More     int               `json:"more,omitempty"`
		Fields   map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

func (s *Server) apiImportPeople(w http.ResponseWriter, r *http.Request) error {
	_, res, err := s.importUpload(w, r)
	var ie *people.ImportError
	if errors.As(err, &ie) {
		var out importErrorJSON
		out.Error.Code, out.Error.Message = "invalid", "the file was rejected and nothing was imported"
		out.Error.File, out.Error.Problems, out.Error.More = ie.File, ie.Problems, ie.More
		return writeJSON(w, http.StatusUnprocessableEntity, out)
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged, "warnings": orEmpty(res.Warnings)})
}
