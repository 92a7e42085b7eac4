package access_test

import (
	"testing"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/person"
)

// askers are the viewers of the table, each asking about an object that is
// their own ("own") or somebody else's ("other", owned by m2).
var askers = []struct {
	name  string
	v     access.Viewer
	owner string // the person the object belongs to
}{
	{"anonymous", access.Viewer{}, "m2"},
	{"anonymous on an object of nobody", access.Viewer{}, ""},
	{"member on own", access.Viewer{PersonID: "m1", Role: person.RoleMember}, "m1"},
	{"member on another's", access.Viewer{PersonID: "m1", Role: person.RoleMember}, "m2"},
	{"signed in without a role on another's", access.Viewer{PersonID: "m1"}, "m2"},
	{"sponsor on own", access.Viewer{PersonID: "s1", Role: person.RoleSponsor}, "s1"},
	{"sponsor on another's", access.Viewer{PersonID: "s1", Role: person.RoleSponsor}, "m2"},
	{"admin on own", access.Viewer{PersonID: "a1", Role: person.RoleAdmin}, "a1"},
	{"admin on another's", access.Viewer{PersonID: "a1", Role: person.RoleAdmin}, "m2"},
}

// TestCan checks every Can function against every asker: the rules of the
// package comment, one row per function, one answer per asker in the order
// of askers.
func TestCan(t *testing.T) {
	const (
		y = true
		n = false
	)
	for _, tc := range []struct {
		name string
		can  func(v access.Viewer, owner string) bool
		want []bool // anon, anon/nobody, member own, member other, no role, sponsor own, sponsor other, admin own, admin other
	}{
		{"CanSeePrivate", access.CanSeePrivate, []bool{n, n, y, n, n, y, n, y, y}},
		{"CanEditProfile", access.CanEditProfile, []bool{n, n, y, n, n, y, n, y, y}},
		{"CanSeeEnrollment", access.CanSeeEnrollment, []bool{n, n, y, n, n, y, n, y, y}},
		{"CanManagePeople", func(v access.Viewer, _ string) bool { return access.CanManagePeople(v) }, []bool{n, n, n, n, n, n, n, y, y}},
		{"CanManagePrograms", func(v access.Viewer, _ string) bool { return access.CanManagePrograms(v) }, []bool{n, n, n, n, n, n, n, y, y}},
		{"CanSeeAggregates", func(v access.Viewer, _ string) bool { return access.CanSeeAggregates(v) }, []bool{n, n, n, n, n, y, y, y, y}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.want) != len(askers) {
				t.Fatalf("%d answers for %d askers", len(tc.want), len(askers))
			}
			for i, a := range askers {
				if got := tc.can(a.v, a.owner); got != tc.want[i] {
					t.Errorf("%s: got %v, want %v", a.name, got, tc.want[i])
				}
			}
		})
	}
}

// TestViewer checks the viewer's own questions: signed in, admin, sponsor.
func TestViewer(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		v                        access.Viewer
		signedIn, admin, sponsor bool
	}{
		{"anonymous", access.Viewer{}, false, false, false},
		{"member", access.Viewer{PersonID: "m1", Role: person.RoleMember}, true, false, false},
		{"sponsor", access.Viewer{PersonID: "s1", Role: person.RoleSponsor}, true, false, true},
		{"admin", access.Viewer{PersonID: "a1", Role: person.RoleAdmin}, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.v.SignedIn(); got != tc.signedIn {
				t.Errorf("SignedIn() = %v, want %v", got, tc.signedIn)
			}
			if got := tc.v.IsAdmin(); got != tc.admin {
				t.Errorf("IsAdmin() = %v, want %v", got, tc.admin)
			}
			if got := tc.v.IsSponsor(); got != tc.sponsor {
				t.Errorf("IsSponsor() = %v, want %v", got, tc.sponsor)
			}
		})
	}
}

// TestObjectChecksNeedASignedInViewer checks that a viewer with no person
// is refused an object "owned" by the empty id, even with the admin role:
// the checks on objects ask for a signed-in viewer first.
func TestObjectChecksNeedASignedInViewer(t *testing.T) {
	v := access.Viewer{Role: person.RoleAdmin}
	for name, can := range map[string]func(access.Viewer, string) bool{
		"CanSeePrivate": access.CanSeePrivate, "CanEditProfile": access.CanEditProfile, "CanSeeEnrollment": access.CanSeeEnrollment,
	} {
		if can(v, "") || can(v, "m2") {
			t.Errorf("%s lets a viewer with no person in", name)
		}
	}
}
