// Package access decides who may do what. A Viewer is the signed-in person
// with their access role; each Can function answers one question about one
// object. Handlers call these explicitly, and queries that list objects
// also join on the viewer's relations, so a check is never the only guard.
//
// The rules:
//   - admins (program managers) manage people, programs, cycles and
//     enrollments, and see every profile's private part;
//   - sponsors see programs and aggregate figures, never individual
//     enrollments or private fields of others;
//   - members see the public part of every active profile, the charter of
//     every program, and their own enrollments; they edit their own profile;
//   - demographic attributes are never shown per person, to anyone.
package access

import "github.com/kindredhq/kindred/internal/person"

// Viewer is who is asking.
type Viewer struct {
	PersonID string
	Name     string
	Role     string // person.RoleAdmin, RoleSponsor or RoleMember
}

// IsAdmin reports whether the viewer is a program manager.
func (v Viewer) IsAdmin() bool { return v.Role == person.RoleAdmin }

// IsSponsor reports whether the viewer is a sponsor.
func (v Viewer) IsSponsor() bool { return v.Role == person.RoleSponsor }

// SignedIn reports whether there is a viewer at all.
func (v Viewer) SignedIn() bool { return v.PersonID != "" }

// CanSeePrivate reports whether v may see the private fields (email,
// manager, working hours, accessibility needs) of a person.
func CanSeePrivate(v Viewer, personID string) bool {
	return v.SignedIn() && (v.PersonID == personID || v.IsAdmin())
}

// CanEditProfile reports whether v may edit a person's profile.
func CanEditProfile(v Viewer, personID string) bool {
	return v.SignedIn() && (v.PersonID == personID || v.IsAdmin())
}

// CanManagePeople reports whether v may create people, import, invite and
// set access roles.
func CanManagePeople(v Viewer) bool { return v.IsAdmin() }

// CanManagePrograms reports whether v may create and change programs and
// cycles, enroll people and decide applications.
func CanManagePrograms(v Viewer) bool { return v.IsAdmin() }

// CanSeeAggregates reports whether v may see program-wide figures.
func CanSeeAggregates(v Viewer) bool { return v.IsAdmin() || v.IsSponsor() }

// CanSeeEnrollment reports whether v may see one enrollment: its own
// person and admins only.
func CanSeeEnrollment(v Viewer, enrollmentPersonID string) bool {
	return v.SignedIn() && (v.PersonID == enrollmentPersonID || v.IsAdmin())
}
