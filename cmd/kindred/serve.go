package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/web"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlags("serve", stderr)
	dsn := fs.String("db", envOr(getenv, "KINDRED_DB", "./kindred.db"), "SQLite file path or postgres:// URL")
	addr := fs.String("addr", envOr(getenv, "KINDRED_ADDR", ":8080"), "address to listen on")
	baseURL := fs.String("base-url", getenv("KINDRED_BASE_URL"), "external address, used in invitation links (default from --addr)")
	smtpURL := fs.String("smtp", getenv("KINDRED_SMTP_URL"), "SMTP server to send mail through: smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS); without it mail stays in the outbox")
	mailFrom := fs.String("mail-from", getenv("KINDRED_MAIL_FROM"), "sender of mail, e.g. 'Kindred <kindred@example.com>'")
	proxyList := fs.String("trusted-proxies", getenv("KINDRED_TRUSTED_PROXIES"), "comma-separated CIDRs of reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.0/8; default none")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	mc, err := parseMailConfig(*smtpURL, *mailFrom)
	if err != nil {
		return err
	}
	proxies, err := web.ParseTrustedProxies(*proxyList)
	if err != nil {
		return usageError{"--trusted-proxies (or KINDRED_TRUSTED_PROXIES): " + err.Error()}
	}
	d, err := openAndMigrate(ctx, *dsn, log)
	if err != nil {
		return err
	}
	defer d.Close()
	return serve(ctx, d, *addr, *baseURL, mc, proxies, stdout, log, nil)
}

// openAndMigrate opens the database and brings its schema up to date.
func openAndMigrate(ctx context.Context, dsn string, log *slog.Logger) (*db.DB, error) {
	d, err := db.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	n, err := d.Migrate(ctx)
	if err != nil {
		d.Close()
		return nil, err
	}
	if n > 0 {
		log.Info("database migrated", "dialect", d.Dialect, "applied", n)
	}
	return d, nil
}

// serve listens on addr and serves until ctx ends, then shuts down
// gracefully. proxies are the trusted reverse proxies (see
// web.ParseTrustedProxies). announce, if set, prints extra lines once
// listening.
func serve(ctx context.Context, d *db.DB, addr, baseURL string, mc mailConfig, proxies []netip.Prefix, stdout io.Writer, log *slog.Logger, announce func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	url := "http://" + displayAddr(ln.Addr().String())
	if baseURL == "" {
		baseURL = url
	}
	baseURL = strings.TrimSuffix(baseURL, "/")
	stores := webStores(d, time.Now, baseURL)
	srv, err := web.New(web.Config{BaseURL: baseURL, SecureCookies: strings.HasPrefix(baseURL, "https://"), MailSending: mc.smtp != nil,
		TrustedProxies: proxies}, log, stores, nil)
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "Kindred is running at %s\n", url)
	if announce != nil {
		announce(url)
	}
	log.Info("serving", "addr", ln.Addr().String(), "database", d.Dialect)
	if err := announceSetup(ctx, stores.Auth, baseURL, log); err != nil {
		hs.Close()
		return err
	}
	workerCtx, stopWorker := context.WithCancel(ctx)
	workerDone := mc.start(workerCtx, d, log)
	defer func() { stopWorker(); <-workerDone }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// announceSetup logs, once, a new one-time setup link when the database
// has no admin who can sign in, so whoever started Kindred can make the
// first admin in the browser. Only the link's hash is stored.
func announceSetup(ctx context.Context, as *auth.Store, baseURL string, log *slog.Logger) error {
	needs, err := as.NeedsSetup(ctx)
	if err != nil || !needs {
		return err
	}
	secret, until, err := as.CreateSetupLink(ctx)
	if err != nil {
		return err
	}
	log.Info("no admin yet: open this one-time link to create the first admin (or run `kindred admin create`)",
		"setup_url", baseURL+"/setup/"+secret, "valid_until", until.Format(time.RFC3339))
	return nil
}

// webStores builds the stores the web server calls, over d; the mails
// their changes write link to baseURL.
func webStores(d *db.DB, now func() time.Time, baseURL string) web.Stores {
	out := mail.NewOutbox(baseURL)
	ps := people.NewStore(d, now)
	gs := programs.NewStore(d, ps, out, now)
	return web.Stores{DB: d, DBName: string(d.Dialect), People: ps, Auth: auth.NewStore(d, ps, now), Programs: gs,
		Mentorships: mentorships.NewStore(d, ps, gs, out, now), Formations: formations.NewStore(d, ps, gs, out, now), Mail: mail.NewStore(d), Outbox: out}
}

// displayAddr turns a listen address into one a browser can open.
func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
