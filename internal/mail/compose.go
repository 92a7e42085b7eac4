package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"strings"
	"time"
)

// Address is a sender or reader: a name and an email address.
type Address struct {
	Name, Email string
}

// ParseAddress reads an address such as `Kindred <kindred@example.com>` or
// a bare `kindred@example.com`.
func ParseAddress(s string) (Address, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return Address{}, fmt.Errorf("mail address %q: %w", s, err)
	}
	return Address{Name: a.Name, Email: a.Address}, nil
}

func (a Address) String() string {
	return (&netmail.Address{Name: a.Name, Address: a.Email}).String()
}

// compose writes m as an RFC 5322 message from from, sent at now: a
// multipart/alternative of the plain-text and the HTML part, each
// quoted-printable.
func compose(from Address, m Message, now time.Time) ([]byte, error) {
	var body bytes.Buffer
	mp := multipart.NewWriter(&body)
	for _, part := range []struct{ typ, text string }{
		{"text/plain; charset=utf-8", m.Text},
		{"text/html; charset=utf-8", m.HTML},
	} {
		w, err := mp.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.typ},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, fmt.Errorf("compose mail %s: %w", m.ID, err)
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(strings.ReplaceAll(part.text, "\n", "\r\n"))); err != nil {
			return nil, fmt.Errorf("compose mail %s: %w", m.ID, err)
		}
		if err := qp.Close(); err != nil {
			return nil, fmt.Errorf("compose mail %s: %w", m.ID, err)
		}
	}
	if err := mp.Close(); err != nil {
		return nil, fmt.Errorf("compose mail %s: %w", m.ID, err)
	}
	var out bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&out, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", Address{Name: m.ToName, Email: m.To}.String())
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+m.ID+"."+randomHex(6)+"@"+domainOf(from.Email)+">")
	if m.Unsubscribe != "" {
		// RFC 8058 one-click unsubscribe: a POST to the link, no sign-in.
		header("List-Unsubscribe", "<"+m.Unsubscribe+">")
		header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	header("MIME-Version", "1.0")
	header("Content-Type", `multipart/alternative; boundary="`+mp.Boundary()+`"`)
	out.WriteString("\r\n")
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

func domainOf(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return email[i+1:]
	}
	return "kindred.invalid"
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
