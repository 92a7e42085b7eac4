package mail

import (
	"bytes"
	"fmt"
	htmlstd "html"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/people"
)

// view is what a kind's templates read: the reader and what the mail says.
type view struct {
	Reader people.Recipient
	Data   any
	zone   *time.Location
	base   string
}

// Link is the whole address of a path of this installation.
func (v view) Link(path string) string { return v.base + path }

// When shows t in the reader's own time zone, naming the zone, e.g.
// "Tuesday 8 December 2026, 15:30 (Europe/Paris)".
func (v view) When(t time.Time) string {
	return t.In(v.zone).Format("Monday 2 January 2006, 15:04") + " (" + v.zone.String() + ")"
}

// rendered is a mail written for its reader.
type rendered struct {
	subject, text, html string
}

// render writes a mail of kind k with data for r.
// render writes a mail of kind k with data for r; an optional kind ends
// with its unsubscribe link and where to choose which mails to get.
func render(k Kind, r people.Recipient, data any, baseURL, unsubscribe string) (rendered, error) {
	d, ok := kinds[k]
	if !ok {
		return rendered{}, fmt.Errorf("render mail: no kind %q", k)
	}
	zone, err := time.LoadLocation(r.Timezone)
	if err != nil || r.Timezone == "" {
		zone = time.UTC
	}
	v := view{Reader: r, Data: data, zone: zone, base: baseURL}
	var subject, text, html bytes.Buffer
	if err := d.subject.Execute(&subject, v); err != nil {
		return rendered{}, fmt.Errorf("render %s subject: %w", k, err)
	}
	if err := d.text.Execute(&text, v); err != nil {
		return rendered{}, fmt.Errorf("render %s text: %w", k, err)
	}
	if err := d.html.Execute(&html, v); err != nil {
		return rendered{}, fmt.Errorf("render %s html: %w", k, err)
	}
	if unsubscribe != "" {
		settings := baseURL + "/settings/mail"
		fmt.Fprintf(&text, "\n--\nStop mails like this one (%s): %s\nChoose which mails you get: %s\n", d.label, unsubscribe, settings)
		fmt.Fprintf(&html, `<hr><p style="font-size:small"><a href="%s">Stop mails like this one</a> (%s) · <a href="%s">Choose which mails you get</a></p>`+"\n",
			htmlstd.EscapeString(unsubscribe), htmlstd.EscapeString(d.label), htmlstd.EscapeString(settings))
	}
	// A subject is one line: a newline in it would end the header.
	oneLine := strings.Join(strings.Fields(subject.String()), " ")
	return rendered{subject: oneLine, text: text.String(), html: html.String()}, nil
}
