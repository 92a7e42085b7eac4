package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// testNow is the fixed "today" of web tests.
var testNow = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

// org is a small organization for web tests: an admin, a sponsor and two
// members (m1 manages m2), each with a signed-in client and an API token.
type org struct {
	t       *testing.T
	d       *db.DB
	srv     *Server
	ts      *httptest.Server
	clients map[string]*http.Client // by person id; "anon" has no session
	tokens  map[string]string       // API token by person id
}

const orgCSV = "id,name,email,level,function,location,timezone,manager_id,skills_offered,skills_wanted,role,capacity,demo_gender\n" +
	"admin,Ada Admin,ada@example.com,8,People,Berlin,Europe/Berlin,,,,member,,woman\n" +
	"sponsor,Sam Sponsor,sam@example.com,10,Executive,London,Europe/London,,,,member,,man\n" +
	"m1,Mia Mentor,mia@example.com,7,Engineering,Bangalore,Asia/Kolkata,,Go;Public speaking,,mentor,2,woman\n" +
	"m2,Max Mentee,max@example.com,2,Engineering,Kathmandu,Asia/Kathmandu,m1,,Go,mentee,,man\n"

func newOrg(t *testing.T, dialect db.Dialect) *org {
	t.Helper()
	ctx := context.Background()
	d := dbtest.Open(t, dialect)
	now := func() time.Time { return testNow }
	og := orgtest.New(t, d, now)
	og.Import(orgCSV)
	out := mail.NewOutbox("http://kindred.test")
	ps, as := og.People, auth.NewStore(d, og.People, now)
	gs := programs.NewStore(d, ps, out, now)
	for id, role := range map[string]string{"admin": "admin", "sponsor": "sponsor"} {
		if err := as.SetAccessRole(ctx, id, role); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := New(Config{BaseURL: "http://kindred.test"}, log, Stores{DB: d, DBName: string(d.Dialect), People: ps, Auth: as, Programs: gs,
		Mentorships: mentorships.NewStore(d, ps, gs, out, now), Formations: formations.NewStore(d, ps, gs, out, now), Mail: mail.NewStore(d), Outbox: out}, now)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	o := &org{t: t, d: d, srv: srv, ts: ts, clients: map[string]*http.Client{}, tokens: map[string]string{}}
	o.clients["anon"] = newClient(t, ts.URL, "")
	for _, id := range []string{"admin", "sponsor", "m1", "m2"} {
		tok, err := as.CreateSession(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		o.clients[id] = newClient(t, ts.URL, tok)
		secret, _, err := as.CreateToken(ctx, id, "tests")
		if err != nil {
			t.Fatal(err)
		}
		o.tokens[id] = secret
	}
	return o
}

// newClient returns a client that does not follow redirects, with a
// session cookie if token is set.
func newClient(t *testing.T, base, token string) *http.Client {
	jar, _ := cookiejar.New(nil)
	if token != "" {
		u, _ := url.Parse(base)
		jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// do sends a request as a person and returns the status and body.
func (o *org) do(who, method, path string, body io.Reader, contentType string) (int, string) {
	o.t.Helper()
	req, err := http.NewRequest(method, o.ts.URL+path, body)
	if err != nil {
		o.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := o.clients[who].Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// get fetches a page as a person.
func (o *org) get(who, path string) (int, string) { return o.do(who, http.MethodGet, path, nil, "") }

// post submits a form as a person.
func (o *org) post(who, path string, form url.Values) (int, string) {
	return o.do(who, http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// apiDo calls the JSON API with a person's Bearer token (no cookie).
func (o *org) apiDo(who, method, path, body string) (int, string) {
	o.t.Helper()
	req, err := http.NewRequest(method, o.ts.URL+path, strings.NewReader(body))
	if err != nil {
		o.t.Fatal(err)
	}
	if who != "anon" {
		req.Header.Set("Authorization", "Bearer "+o.tokens[who])
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// onEachDialect runs test, in parallel, once on SQLite and once on
// PostgreSQL, each time over a new test org.
func onEachDialect(t *testing.T, test func(t *testing.T, o *org)) {
	t.Helper()
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			test(t, newOrg(t, dialect))
		})
	}
}
