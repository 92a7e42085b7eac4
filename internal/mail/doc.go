// Package mail writes the mails Kindred sends and sends them.
//
// A mail is written to the outbox table (mail_outbox, owned here) by
// Enqueue, in the same transaction as the change that causes it, already
// rendered for its reader: their name in the greeting and every time shown
// in their own time zone, as a plain-text and an HTML part. What kinds of
// mail exist, with their subject and both templates, is declared once in
// kinds.go.
//
// A Worker, started by `kindred serve`, claims the messages that are due
// (on PostgreSQL with FOR UPDATE SKIP LOCKED, so replicas sharing a
// database send each message once; on SQLite through its single writer),
// sends them through SMTP, and marks them sent, or records the error and
// tries again later with exponential backoff until MaxAttempts, when the
// message is marked failed and stays in the outbox for an admin to read.
// Without an SMTP server nothing is sent and the outbox is where mail is
// read. Times come from the caller's clock; nothing here sleeps.
package mail
