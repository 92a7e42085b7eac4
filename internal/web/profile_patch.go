package web

import (
	"net/http"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

// setIf sets *dst to *src when the patch sent src.
func setIf[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

// apply changes in pr only the fields the patch sent; people.EditProfile
// calls it inside its transaction, on the profile as stored then.
func (patch profilePatch) apply(pr *people.Profile) error {
	setIf(&pr.Bio, patch.Bio)
	setIf(&pr.Timezone, patch.Timezone)
	setIf(&pr.MentoringRole, patch.MentoringRole)
	setIf(&pr.LearningStyle, patch.LearningStyle)
	setIf(&pr.CommunicationStyle, patch.CommunicationStyle)
	setIf(&pr.AccessibilityNeeds, patch.AccessibilityNeeds)
	setIf(&pr.SkillsOffered, patch.SkillsOffered)
	setIf(&pr.SkillsWanted, patch.SkillsWanted)
	setIf(&pr.Interests, patch.Interests)
	setIf(&pr.Languages, patch.Languages)
	setIf(&pr.Capacity, patch.Capacity)
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
