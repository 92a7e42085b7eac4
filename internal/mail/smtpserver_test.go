package mail_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/kindredhq/kindred/internal/mail"
)

// received is one message the test server accepted.
type received struct {
	From string
	To   []string
	Raw  []byte
}

// smtpServer is a real SMTP server (go-smtp) on 127.0.0.1 in the test
// process, which accepts mail from user "kindred" with password "secret"
// and keeps what it receives; while refuse is set it answers DATA with it.
type smtpServer struct {
	t    *testing.T
	addr *net.TCPAddr
	mu   sync.Mutex
	got  []received
	// refuse, when set, is the error every DATA gets.
	refuse error
	cert   *x509.Certificate
}

// tlsMode says how the test server speaks TLS.
type tlsMode int

const (
	plainOnly   tlsMode = iota // no TLS at all
	startTLS                   // STARTTLS offered on the plain port
	implicitTLS                // TLS from the first byte
)

func newSMTPServer(t *testing.T, mode tlsMode) *smtpServer {
	t.Helper()
	s := &smtpServer{t: t}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = mode == plainOnly
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if mode != plainOnly {
		conf := s.selfSigned()
		srv.TLSConfig = conf
		if mode == implicitTLS {
			l = tls.NewListener(l, conf)
		}
	}
	s.addr = l.Addr().(*net.TCPAddr)
	done := make(chan struct{})
	go func() { defer close(done); _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close(); <-done })
	return s
}

// sender returns an SMTP sender to this server, signing in as kindred.
func (s *smtpServer) sender(implicit bool) *mail.SMTP {
	scheme := "smtp"
	if implicit {
		scheme = "smtps"
	}
	snd, err := mail.ParseSMTP(scheme + "://kindred:secret@127.0.0.1:" + strconv.Itoa(s.addr.Port))
	if err != nil {
		s.t.Fatal(err)
	}
	snd.Implicit = implicit
	if s.cert != nil {
		pool := x509.NewCertPool()
		pool.AddCert(s.cert)
		snd.TLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	}
	return snd
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *smtpServer) setRefuse(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = err
}

// selfSigned makes a certificate for 127.0.0.1 that the sender trusts.
func (s *smtpServer) selfSigned() *tls.Config {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		s.t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		s.t.Fatal(err)
	}
	s.cert, err = x509.ParseCertificate(der)
	if err != nil {
		s.t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

// session is one SMTP conversation with the test server.
type session struct {
	srv    *smtpServer
	authed bool
	msg    received
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "kindred" || pass != "secret" {
			return errors.New("wrong user or password")
		}
		se.authed = true
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if !se.authed {
		return smtp.ErrAuthRequired
	}
	se.msg = received{From: from}
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.msg.To = append(se.msg.To, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return err
	}
	se.srv.mu.Lock()
	defer se.srv.mu.Unlock()
	if se.srv.refuse != nil {
		return se.srv.refuse
	}
	se.msg.Raw = b.Bytes()
	se.srv.got = append(se.srv.got, se.msg)
	return nil
}

func (se *session) Reset()        { se.msg = received{} }
func (se *session) Logout() error { return nil }
