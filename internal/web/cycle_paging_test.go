package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// TestCycleEnrollmentsArePaged checks that a large cycle's page lists one
// page of enrollments at a time, with a pager, and refuses a bad page.
func TestCycleEnrollmentsArePaged(t *testing.T) {
	o := newOrg(t, db.SQLite)
	w := newProgramWorld(t, o)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString("id,name,email,level,function,location,timezone\n")
	for i := range 60 {
		fmt.Fprintf(&b, "c%02d,Circle Person %02d,c%02d@example.com,3,Sales,Lagos,Africa/Lagos\n", i, i, i)
	}
	f, err := people.ParseCSV("more.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := people.NewStore(o.d, nil).Import(ctx, f); err != nil {
		t.Fatal(err)
	}
	var apps []programs.Application
	for i := range 60 {
		apps = append(apps, programs.Application{ProgramID: w.P.ID, CycleID: w.C.ID, PersonID: fmt.Sprintf("c%02d", i),
			Role: programs.RoleCircleMember, Motivation: "Curious", AcceptConduct: true})
	}
	st := programs.NewStore(o.d, o.srv.people, func() time.Time { return testNow })
	if _, err := st.ApplyMany(ctx, apps, false, "admin"); err != nil {
		t.Fatal(err)
	}
	path := "/programs/" + w.P.ID + "/cycles/" + w.C.ID
	_, first := o.get("admin", path+"?role=circle_member")
	if !strings.Contains(first, "61 enrollments · page 1 of 2") || strings.Count(first, "Circle Person") != enrollmentPageSize {
		t.Fatalf("first page does not list %d of 61 circle members", enrollmentPageSize)
	}
	if !strings.Contains(first, "page=2") {
		t.Fatal("first page has no link to the second")
	}
	_, second := o.get("admin", path+"?role=circle_member&page=2")
	if !strings.Contains(second, "page 2 of 2") || strings.Count(second, "Circle Person") != 60-enrollmentPageSize+0 {
		t.Fatalf("second page lists %d circle people", strings.Count(second, "Circle Person"))
	}
	if code, _ := o.get("admin", path+"?page=zero"); code != 422 {
		t.Fatalf("bad page: %d, want 422", code)
	}
	code, body := o.apiDo("admin", "GET", "/api/v1/programs/"+w.P.ID+"/cycles/"+w.C.ID+"/enrollments?limit=5&offset=10", "")
	if code != 200 || strings.Count(body, `"person_id"`) != 5 {
		t.Fatalf("API page: %d, %d enrollments", code, strings.Count(body, `"person_id"`))
	}
}
