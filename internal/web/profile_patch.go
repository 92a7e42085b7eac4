package web

import (
	"net/http"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

// apply changes in pr only the fields the patch sent; people.EditProfile
// calls it inside its transaction, on the profile as stored then.
func (patch profilePatch) apply(pr *people.Profile) error {
	setStr := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setList := func(dst *[]string, src *[]string) {
		if src != nil {
			*dst = *src
		}
	}
	setStr(&pr.Bio, patch.Bio)
	setStr(&pr.Timezone, patch.Timezone)
	setStr(&pr.MentoringRole, patch.MentoringRole)
	setStr(&pr.LearningStyle, patch.LearningStyle)
	setStr(&pr.CommunicationStyle, patch.CommunicationStyle)
	setStr(&pr.AccessibilityNeeds, patch.AccessibilityNeeds)
	setList(&pr.SkillsOffered, patch.SkillsOffered)
	setList(&pr.SkillsWanted, patch.SkillsWanted)
	setList(&pr.Interests, patch.Interests)
	setList(&pr.Languages, patch.Languages)
	if patch.Capacity != nil {
		pr.Capacity = *patch.Capacity
	}
	if patch.WorkHours != nil {
		var err error
		if pr.WorkStart, pr.WorkEnd, err = person.ParseHours(*patch.WorkHours); err != nil {
			return errs.Field("work_hours", "%s", errs.As(err).Message)
		}
	}
	return nil
}

// etag quotes a version as a strong HTTP entity tag.
func etag(version string) string { return `"` + version + `"` }

// ifMatch returns the version named by the request's If-Match header, or ""
// when there is none or it is "*" (any stored version will do).
func ifMatch(r *http.Request) string {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	if v == "*" || v == "" {
		return ""
	}
	v = strings.TrimPrefix(v, "W/")
	return strings.Trim(v, `"`)
}
