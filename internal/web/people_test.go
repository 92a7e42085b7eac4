package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
)

// accessCase is one row of the route x role table: who asks, and the
// status they must get.
type accessCase struct {
	method, path string
	form         url.Values // for POST forms
	json         string     // for API calls (sent with a Bearer token)
	want         map[string]int
}

// roles are the askers of every access table: nobody, a member asking about
// their own object (m2 is the "own" one in paths below), another member,
// a sponsor and an admin.
var roles = []string{"anon", "m1", "m2", "sponsor", "admin"}

func runAccessTable(t *testing.T, o *org, cases []accessCase) {
	t.Helper()
	for _, c := range cases {
		for _, who := range roles {
			want, ok := c.want[who]
			if !ok {
				want = c.want["*"]
			}
			var got int
			var body string
			switch {
			case strings.HasPrefix(c.path, "/api/"):
				got, body = o.apiDo(who, c.method, c.path, c.json)
			case c.method == http.MethodPost:
				got, body = o.post(who, c.path, c.form)
			default:
				got, body = o.get(who, c.path)
			}
			if got != want {
				t.Errorf("%s %s as %s: status %d, want %d\n%.300s", c.method, c.path, who, got, want, body)
			}
		}
	}
}

func TestPeopleRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		profile := url.Values{"role": {"mentee"}, "capacity": {"1"}, "timezone": {"Asia/Kathmandu"}, "work_hours": {"09:00-17:00"}}
		runAccessTable(t, o, []accessCase{
			{method: "GET", path: "/people", want: map[string]int{"anon": 303, "*": 200}},
			{method: "GET", path: "/people/m2", want: map[string]int{"anon": 303, "*": 200}},
			{method: "GET", path: "/people/nobody", want: map[string]int{"anon": 303, "*": 404}},
			{method: "GET", path: "/people/m2/edit", want: map[string]int{"anon": 303, "m1": 404, "m2": 200, "sponsor": 404, "admin": 200}},
			{method: "POST", path: "/people/m2/edit", form: profile, want: map[string]int{"anon": 303, "m1": 404, "m2": 303, "sponsor": 404, "admin": 303}},
			{method: "GET", path: "/people/new", want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "POST", path: "/people/m2/role", form: url.Values{"role": {"member"}}, want: map[string]int{"anon": 303, "admin": 303, "*": 403}},
			{method: "POST", path: "/people/m2/invite", want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "GET", path: "/import", want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "GET", path: "/people/pick?for=person_id&return=%2F&q=max", want: map[string]int{"anon": 303, "admin": 200, "*": 403}},
			{method: "GET", path: "/people/pick?for=person_id&return=https%3A%2F%2Fevil.example", want: map[string]int{"anon": 303, "admin": 422, "*": 403}},
			{method: "GET", path: "/settings/tokens", want: map[string]int{"anon": 303, "*": 200}},
			{method: "POST", path: "/settings/tokens", form: url.Values{"name": {"script"}}, want: map[string]int{"anon": 303, "*": 200}},
			{method: "POST", path: "/settings/tokens/tok_nobody/revoke", want: map[string]int{"anon": 303, "*": 404}},
			{method: "GET", path: "/invite/inv_bogus", want: map[string]int{"*": 404}},
			{method: "POST", path: "/invite/inv_bogus", form: url.Values{"password": {"long-enough-pw"}, "confirm": {"long-enough-pw"}}, want: map[string]int{"*": 404}},
			{method: "GET", path: "/healthz", want: map[string]int{"*": 200}},
			{method: "GET", path: "/", want: map[string]int{"anon": 303, "*": 200}},
			{method: "GET", path: "/no/such/page", want: map[string]int{"*": 404}},
			{method: "GET", path: "/api/v1/me", want: map[string]int{"anon": 401, "*": 200}},
			{method: "GET", path: "/api/v1/people", want: map[string]int{"anon": 401, "*": 200}},
			{method: "GET", path: "/api/v1/people/m2", want: map[string]int{"anon": 401, "*": 200}},
			{method: "GET", path: "/api/v1/people/nobody", want: map[string]int{"anon": 401, "*": 404}},
			{method: "GET", path: "/api/v1/people/pick?q=max", want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			{method: "PATCH", path: "/api/v1/people/m2", json: `{"bio":"Learning Go"}`, want: map[string]int{"anon": 401, "m1": 404, "m2": 200, "sponsor": 404, "admin": 200}},
			{method: "POST", path: "/api/v1/people", json: `{"id":"n1","name":"New One","email":"n1@example.com","level":2,"function":"Sales","location":"Lagos","timezone":"Africa/Lagos"}`,
				want: map[string]int{"anon": 401, "admin": 201, "*": 403}},
			{method: "PUT", path: "/api/v1/people/m2/role", json: `{"role":"member"}`, want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			{method: "GET", path: "/api/v1/nothing-here", want: map[string]int{"anon": 401, "*": 404}},
		})
	})
}

// TestPrivateFieldsAndDemographicsStayPrivate checks that another member
// sees only the public part of a profile, and that demographic attributes
// appear nowhere, not even for admins.
func TestPrivateFieldsAndDemographicsStayPrivate(t *testing.T) {
	o := newOrg(t, db.SQLite)
	for _, who := range []string{"m1", "sponsor"} {
		_, body := o.apiDo(who, "GET", "/api/v1/people/m2", "")
		if strings.Contains(body, "max@example.com") || strings.Contains(body, "work_hours") || strings.Contains(body, "manager_id") {
			t.Errorf("%s sees m2's private fields: %s", who, body)
		}
		_, page := o.get(who, "/people/m2")
		if strings.Contains(page, "max@example.com") || strings.Contains(page, "Private details") {
			t.Errorf("%s's page of m2 shows private fields", who)
		}
	}
	for _, who := range []string{"m2", "admin"} {
		_, body := o.apiDo(who, "GET", "/api/v1/people/m2", "")
		var p map[string]any
		if err := json.Unmarshal([]byte(body), &p); err != nil || p["email"] != "max@example.com" || p["manager_id"] != "m1" {
			t.Errorf("%s does not see m2's private fields: %s", who, body)
		}
	}
	for _, who := range []string{"m2", "admin"} {
		for _, path := range []string{"/api/v1/people/m2", "/api/v1/people", "/api/v1/me"} {
			_, body := o.apiDo(who, "GET", path, "")
			if strings.Contains(body, "gender") || strings.Contains(body, `"man"`) || strings.Contains(body, "woman") {
				t.Errorf("%s %s shows a demographic attribute: %s", who, path, body)
			}
		}
		_, page := o.get(who, "/people/m2")
		if strings.Contains(page, "gender") {
			t.Errorf("%s's profile page shows a demographic attribute", who)
		}
	}
}

func TestProfileFormErrorsRerender(t *testing.T) {
	o := newOrg(t, db.SQLite)
	code, body := o.post("m2", "/people/m2/edit", url.Values{"role": {"wizard"}, "capacity": {"lots"}, "timezone": {"Mars/Base"}, "work_hours": {"18:00-09:00"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", code)
	}
	for _, want := range []string{"Mars/Base", "is not after start", "is not a whole number", `role="alert"`} {
		if !strings.Contains(body, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}
	code, body = o.post("m2", "/people/m2/edit", url.Values{"role": {"wizard"}, "capacity": {"2"}, "timezone": {"Mars/Base"}, "work_hours": {"08:00-16:00"}})
	if code != 422 || !strings.Contains(body, "is not a known IANA time zone") || !strings.Contains(body, "must be one of mentor") {
		t.Fatalf("status %d; body lacks zone and role errors", code)
	}
	_, body = o.apiDo("m2", "GET", "/api/v1/people/m2", "")
	if !strings.Contains(body, `"timezone": "Asia/Kathmandu"`) {
		t.Fatalf("a rejected form changed the profile: %s", body)
	}
}

func TestAPIErrorsAreJSONWithField(t *testing.T) {
	o := newOrg(t, db.SQLite)
	cases := []struct{ body, code, field string }{
		{`{"capacity":"two"}`, "invalid", "capacity"},
		{`{"capacity":0}`, "invalid", "capacity"},
		{`{"shoe_size":42}`, "invalid", "shoe_size"},
		{`{"timezone":"Nowhere/Land"}`, "invalid", "timezone"},
		{`{"work_hours":"9-5"}`, "invalid", "work_hours"},
		{`{not json`, "invalid", ""},
		{``, "invalid", ""},
	}
	for _, c := range cases {
		status, body := o.apiDo("m2", "PATCH", "/api/v1/people/m2", c.body)
		var e apiError
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			t.Fatalf("%s: not JSON: %s", c.body, body)
		}
		if status != 422 || e.Error.Code != c.code || e.Error.Field != c.field || e.Error.Message == "" {
			t.Errorf("%s: status %d, error %+v; want 422 %s field %q", c.body, status, e.Error, c.code, c.field)
		}
	}
	status, body := o.apiDo("anon", "GET", "/api/v1/me", "")
	if status != 401 || !strings.Contains(body, `"code": "unauthorized"`) {
		t.Errorf("anonymous: %d %s", status, body)
	}
	req, _ := http.NewRequest("GET", o.ts.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer kdt_forged")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("forged token: %d, want 401", resp.StatusCode)
	}
}

func TestDirectoryFiltersAndBadQuery(t *testing.T) {
	o := newOrg(t, db.SQLite)
	_, body := o.apiDo("m2", "GET", "/api/v1/people?skill=go&function=Engineering", "")
	var page struct {
		People []personJSON `json:"people"`
		Total  int          `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 {
		t.Fatalf("skill=go in Engineering: %d people, want 2 (offered and wanted)", page.Total)
	}
	_, body = o.apiDo("m2", "GET", "/api/v1/people?mentors=1", "")
	if !strings.Contains(body, `"total": 1`) || !strings.Contains(body, "Mia Mentor") {
		t.Fatalf("mentors only: %s", body)
	}
	status, body := o.get("m2", "/people?level=eleven")
	if status != 422 || !strings.Contains(body, "level") {
		t.Fatalf("bad level: %d", status)
	}
	_, body = o.get("admin", "/people?q=mia")
	if !strings.Contains(body, "Mia Mentor") || strings.Contains(body, "Max Mentee") {
		t.Fatal("search by name does not filter")
	}
}

func TestImportUploadAllOrNothing(t *testing.T) {
	o := newOrg(t, db.SQLite)
	upload := func(who, name, content string) (int, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
		mw.Close()
		return o.do(who, "POST", "/import", &buf, mw.FormDataContentType())
	}
	bad := "id,name,email,level,function,location,timezone\nn1,New One,n1@example.com,3,Sales,Lagos,Africa/Lagos\nn2,New Two,n2@example.com,3,Sales,Lagos,Mars/Olympus\n"
	code, body := upload("admin", "hr.csv", bad)
	if code != 422 || !strings.Contains(body, "hr.csv") || !strings.Contains(body, "<strong>Line 3</strong>") || !strings.Contains(body, "column 7 (timezone)") {
		t.Fatalf("bad upload: %d", code)
	}
	if c, _ := o.apiDo("admin", "GET", "/api/v1/people/n1", ""); c != 404 {
		t.Fatal("a rejected file stored its good rows")
	}
	good := strings.Replace(bad, "Mars/Olympus", "Africa/Lagos", 1)
	code, body = upload("admin", "hr.csv", good)
	if code != 200 || !strings.Contains(body, "<strong>2</strong> added") {
		t.Fatalf("good upload: %d", code)
	}
	if code, _ := upload("m1", "hr.csv", good); code != 403 {
		t.Fatalf("member upload: %d, want 403", code)
	}
}

func TestCrossOriginFormPostRefused(t *testing.T) {
	o := newOrg(t, db.SQLite)
	req, _ := http.NewRequest("POST", o.ts.URL+"/people/m2/role", strings.NewReader("role=admin"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := o.clients["admin"].Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site post: %d, want 403", resp.StatusCode)
	}
}
