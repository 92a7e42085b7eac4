package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/url"
	"strconv"
	"time"
)

// SMTP sends through an SMTP server: implicit TLS for smtps:// or port
// 465, otherwise STARTTLS whenever the server offers it (as it must on 587
// for credentials to be sent to anything but this machine).
type SMTP struct {
	Host     string
	Port     int
	Implicit bool // TLS from the first byte
	User     string
	Password string
	// TLS, when set, is the TLS configuration to use (tests set RootCAs);
	// by default the server's certificate is checked against Host.
	TLS *tls.Config
	// Timeout bounds one whole delivery, well within Lease.
	Timeout time.Duration
}

// ParseSMTP reads a server URL such as smtp://user:pass@host:587 or
// smtps://user:pass@host:465. The port defaults to 587 (smtp) or 465
// (smtps).
func ParseSMTP(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("SMTP URL: %w", err)
	}
	s := &SMTP{Host: u.Hostname(), Timeout: time.Minute}
	switch u.Scheme {
	case "smtp":
		s.Port = 587
	case "smtps":
		s.Port, s.Implicit = 465, true
	default:
		return nil, fmt.Errorf("SMTP URL %q: the scheme must be smtp:// or smtps://", u.Redacted())
	}
	if s.Host == "" {
		return nil, fmt.Errorf("SMTP URL %q: no host", u.Redacted())
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("SMTP URL %q: port %q is not a port number", u.Redacted(), p)
		}
		s.Port = n
	}
	if s.Port == 465 {
		s.Implicit = true
	}
	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

// Send delivers raw from from to to.
func (s *SMTP) Send(ctx context.Context, from, to string, raw []byte) error {
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	conf := s.TLS
	if conf == nil {
		conf = &tls.Config{ServerName: s.Host}
	}
	var conn net.Conn
	var err error
	if s.Implicit {
		conn, err = (&tls.Dialer{Config: conf}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("connect to SMTP server %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("SMTP server %s: %w", addr, err)
	}
	defer c.Close()
	if err := s.deliver(c, conf, from, to, raw); err != nil {
		return fmt.Errorf("SMTP server %s: %w", addr, err)
	}
	return nil
}

func (s *SMTP) deliver(c *smtp.Client, conf *tls.Config, from, to string, raw []byte) error {
	if !s.Implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(conf); err != nil {
				return fmt.Errorf("STARTTLS: %w", err)
			}
		}
	}
	if s.User != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("the server offers no AUTH, but the SMTP URL has credentials")
		}
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return fmt.Errorf("sign in as %s: %w", s.User, err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("RCPT TO %s: %w", to, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	return c.Quit()
}
