package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mail"
)

// mailInterval is how often the mail worker looks for due mail.
const mailInterval = 15 * time.Second

// mailConfig is where serve sends mail; without an SMTP server mail stays
// in the outbox.
type mailConfig struct {
	smtp *mail.SMTP
	from mail.Address
}

// parseMailConfig reads --smtp and --mail-from; a sender is required when
// a server is given.
func parseMailConfig(smtpURL, from string) (mailConfig, error) {
	if smtpURL == "" {
		return mailConfig{}, nil
	}
	s, err := mail.ParseSMTP(smtpURL)
	if err != nil {
		return mailConfig{}, usageError{"--smtp: " + err.Error()}
	}
	if from == "" {
		return mailConfig{}, usageError{"--smtp needs a sender: --mail-from (or KINDRED_MAIL_FROM), e.g. 'Kindred <kindred@example.com>'"}
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return mailConfig{}, usageError{"--mail-from: " + err.Error()}
	}
	return mailConfig{smtp: s, from: a}, nil
}

// start runs the mail worker until ctx ends, when there is an SMTP server,
// and returns a channel closed once it has stopped.
func (mc mailConfig) start(ctx context.Context, d *db.DB, log *slog.Logger) <-chan struct{} {
	done := make(chan struct{})
	if mc.smtp == nil {
		log.Info("no --smtp: mail stays in the outbox")
		close(done)
		return done
	}
	log.Info("sending mail", "smtp", mc.smtp.Host, "port", mc.smtp.Port, "from", mc.from.Email)
	w := mail.NewWorker(d, mc.smtp, mc.from, time.Now, log)
	go func() {
		defer close(done)
		w.Run(ctx, mailInterval)
	}()
	return done
}
