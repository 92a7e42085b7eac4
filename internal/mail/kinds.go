package mail

import (
	htmltemplate "html/template"
	"text/template"
	"time"
)

// Kind names a kind of mail.
type Kind string

// The kinds of mail Kindred sends.
const (
	// Invitation carries the link where an invited person sets their
	// password. Always sent.
	Invitation Kind = "invitation"
	// PasswordReset carries a link to set a new password. Always sent.
	PasswordReset Kind = "password_reset"
	// Decision tells a person that their application to a cycle was
	// approved or declined.
	Decision Kind = "decision"
	// Matched tells a mentor or a mentee who they are paired with, when
	// matches are published.
	Matched Kind = "matched"
	// RematchRequested tells the program managers that a mentor or mentee
	// asked for a re-match.
	RematchRequested Kind = "rematch_requested"
	// RematchResolved tells whoever asked for a re-match how it was
	// answered.
	RematchResolved Kind = "rematch_resolved"
	// CirclePublished tells a person which circle they are in, with whom,
	// and when it first meets.
	CirclePublished Kind = "circle_published"
)

// kind is how one kind of mail is written: a subject and a plain-text and
// an HTML body, all templates over a view (Reader, Data).
type kind struct {
	label   string // what a person calls it
	always  bool   // sent whatever the reader chose (no unsubscribe)
	subject *template.Template
	text    *template.Template
	html    *htmltemplate.Template
}

// InvitationData is what an Invitation mail says.
type InvitationData struct {
	By      string // who invited them; empty from the shell
	Link    string // where they set their password
	Expires time.Time
}

// DecisionData is what a Decision mail says.
type DecisionData struct {
	Approved       bool
	Role           string // in words: "mentor", "mentee", "circle member"
	Program, Cycle string
	Path           string // the cycle's page
}

// MatchedData is what a Matched mail says.
type MatchedData struct {
	Role           string // the reader's: "mentor" or "mentee"
	Other          string // the name of the person they are paired with
	OtherRole      string // "mentor" or "mentee"
	Program, Cycle string
	Path           string // the cycle's matching page
}

// RematchData is what the mails of a re-match request say.
type RematchData struct {
	Asker, Mentor, Mentee string // names
	Reason                string
	Rematched             bool // answered by matching again (not dismissed)
	Program, Cycle        string
	Path                  string // the cycle's matching page
}

// CircleData is what a CirclePublished mail says.
type CircleData struct {
	Program, Cycle string
	Number         int      // the circle's number in the cycle
	Members        []string // the names of the other members
	HasMeeting     bool     // a first meeting is still to come
	FirstMeeting   time.Time
	Minutes        int    // how long a session lasts
	Path           string // the cycle's circles page
}

// ResetData is what a PasswordReset mail says.
type ResetData struct {
	Link    string
	Expires time.Time
}

// kinds is every kind of mail, declared once.
var kinds = map[Kind]kind{
	Invitation: alwaysSent("Invitations to Kindred",
		`You are invited to Kindred`,
		`Hello {{.Reader.Name}},

{{with .Data.By}}{{.}} invited you{{else}}You are invited{{end}} to Kindred, where your organization runs its mentoring and circles.

Set your password here to sign in:
{{.Data.Link}}

The link works once, until {{.When .Data.Expires}}.
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>{{with .Data.By}}{{.}} invited you{{else}}You are invited{{end}} to Kindred, where your organization runs its mentoring and circles.</p>
<p><a href="{{.Data.Link}}">Set your password</a> to sign in.</p>
<p>The link works once, until {{.When .Data.Expires}}.</p>
`),
	PasswordReset: alwaysSent("Password resets",
		`Set a new Kindred password`,
		`Hello {{.Reader.Name}},

Someone (we hope you) asked to set a new password for your Kindred account. Set it here:
{{.Data.Link}}

The link works once, until {{.When .Data.Expires}}. If you did not ask, ignore this mail: your password stays as it is.
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>Someone (we hope you) asked to set a new password for your Kindred account.</p>
<p><a href="{{.Data.Link}}">Set a new password</a></p>
<p>The link works once, until {{.When .Data.Expires}}. If you did not ask, ignore this mail: your password stays as it is.</p>
`),
	Decision: newKind("Decisions on your applications",
		`{{if .Data.Approved}}You are in{{else}}Your application{{end}}: {{.Data.Program}} · {{.Data.Cycle}}`,
		`Hello {{.Reader.Name}},

{{if .Data.Approved}}Your application to take part in {{.Data.Program}} · {{.Data.Cycle}} as {{.Data.Role}} was approved. Welcome!{{else}}Your application to take part in {{.Data.Program}} · {{.Data.Cycle}} as {{.Data.Role}} was declined this time. Your program manager can tell you more.{{end}}

See the cycle:
{{.Link .Data.Path}}
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>{{if .Data.Approved}}Your application to take part in {{.Data.Program}} · {{.Data.Cycle}} as {{.Data.Role}} was approved. Welcome!{{else}}Your application to take part in {{.Data.Program}} · {{.Data.Cycle}} as {{.Data.Role}} was declined this time. Your program manager can tell you more.{{end}}</p>
<p><a href="{{.Link .Data.Path}}">See the cycle</a></p>
`),
	Matched: newKind("New matches",
		`Your {{.Data.OtherRole}} in {{.Data.Program}} · {{.Data.Cycle}}: {{.Data.Other}}`,
		`Hello {{.Reader.Name}},

You are matched in {{.Data.Program}} · {{.Data.Cycle}}: {{.Data.Other}} is your {{.Data.OtherRole}}, and you are their {{.Data.Role}}.

See why you were paired and reach out:
{{.Link .Data.Path}}
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>You are matched in {{.Data.Program}} · {{.Data.Cycle}}: <strong>{{.Data.Other}}</strong> is your {{.Data.OtherRole}}, and you are their {{.Data.Role}}.</p>
<p><a href="{{.Link .Data.Path}}">See why you were paired</a> and reach out.</p>
`),
	RematchRequested: newKind("Re-match requests (program managers)",
		`Re-match asked for in {{.Data.Program}} · {{.Data.Cycle}}: {{.Data.Mentee}} and {{.Data.Mentor}}`,
		`Hello {{.Reader.Name}},

{{.Data.Asker}} asks for a new match in {{.Data.Program}} · {{.Data.Cycle}}, where {{.Data.Mentee}} is paired with {{.Data.Mentor}}. Their reason:

{{.Data.Reason}}

Answer the request on the cycle's matching page:
{{.Link .Data.Path}}
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>{{.Data.Asker}} asks for a new match in {{.Data.Program}} · {{.Data.Cycle}}, where {{.Data.Mentee}} is paired with {{.Data.Mentor}}. Their reason:</p>
<blockquote>{{.Data.Reason}}</blockquote>
<p><a href="{{.Link .Data.Path}}">Answer the request</a> on the cycle's matching page.</p>
`),
	RematchResolved: newKind("Answers to your re-match requests",
		`Your re-match request in {{.Data.Program}} · {{.Data.Cycle}} was answered`,
		`Hello {{.Reader.Name}},

{{if .Data.Rematched}}Your program manager agreed to a new match: {{.Data.Mentee}} and {{.Data.Mentor}} will not be paired again, and matching was run anew. You will hear from Kindred when the new matches are published.{{else}}Your program manager kept the pair of {{.Data.Mentee}} and {{.Data.Mentor}} for now. They may be in touch to talk it over.{{end}}

{{.Link .Data.Path}}
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>{{if .Data.Rematched}}Your program manager agreed to a new match: {{.Data.Mentee}} and {{.Data.Mentor}} will not be paired again, and matching was run anew. You will hear from Kindred when the new matches are published.{{else}}Your program manager kept the pair of {{.Data.Mentee}} and {{.Data.Mentor}} for now. They may be in touch to talk it over.{{end}}</p>
<p><a href="{{.Link .Data.Path}}">See the cycle's matching</a></p>
`),
	CirclePublished: newKind("Your circles",
		`Your circle in {{.Data.Program}} · {{.Data.Cycle}}`,
		`Hello {{.Reader.Name}},

You are in circle {{.Data.Number}} of {{.Data.Program}} · {{.Data.Cycle}}, with:
{{range .Data.Members}}- {{.}}
{{end}}
{{if .Data.HasMeeting}}Your first meeting: {{.When .Data.FirstMeeting}}, for {{.Data.Minutes}} minutes.{{else}}Your circle has no meeting time everyone can make yet; your program manager will be in touch.{{end}}

See your circle and its roster:
{{.Link .Data.Path}}
`,
		`<p>Hello {{.Reader.Name}},</p>
<p>You are in circle {{.Data.Number}} of {{.Data.Program}} · {{.Data.Cycle}}, with:</p>
<ul>{{range .Data.Members}}<li>{{.}}</li>{{end}}</ul>
<p>{{if .Data.HasMeeting}}Your first meeting: <strong>{{.When .Data.FirstMeeting}}</strong>, for {{.Data.Minutes}} minutes.{{else}}Your circle has no meeting time everyone can make yet; your program manager will be in touch.{{end}}</p>
<p><a href="{{.Link .Data.Path}}">See your circle and its roster</a></p>
`),
}

// Kinds lists the kinds of mail in a fixed order: the order of the
// Settings → Mail page.
var Kinds = []Kind{Invitation, PasswordReset, Decision, Matched, RematchRequested, RematchResolved, CirclePublished}

// Optional reports whether a person may choose not to get mails of kind k.
func (k Kind) Optional() bool {
	d, ok := kinds[k]
	return ok && !d.always
}

// Label is what a person calls mails of kind k, e.g. on the Outbox page.
func (k Kind) Label() string {
	if d, ok := kinds[k]; ok {
		return d.label
	}
	return string(k)
}

// alwaysSent declares a kind nobody can turn off.
func alwaysSent(label, subject, text, html string) kind {
	k := newKind(label, subject, text, html)
	k.always = true
	return k
}

func newKind(label, subject, text, html string) kind {
	return kind{
		label:   label,
		subject: template.Must(template.New("subject").Parse(subject)),
		text:    template.Must(template.New("text").Parse(text)),
		html:    htmltemplate.Must(htmltemplate.New("html").Parse(html)),
	}
}
