package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// resetLink finds a password reset link in a mail's text.
var resetLink = regexp.MustCompile(`https?://\S+/reset/rst_\S+`)

// TestBrowserForgotPasswordThroughTheOutbox: in the demo (no --smtp) a
// mentee asks for a new password in Chromium; the mail stays in the
// outbox, where the admin reads it on the Outbox page (also at phone
// width); the mentee follows its link, sets a new password and signs in
// with it. Mail choices are saved under Settings → Mail.
func TestBrowserForgotPasswordThroughTheOutbox(t *testing.T) {
	base, _ := startKindred(t, "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--people", "60", "--seed", "5", "--password", browserPassword)
	ctx := newBrowser(t)
	err := do(ctx, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.Click(chromedp.CSS(`a[href="/reset"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/reset"] #email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "mentee@kindred.example"),
		chromedp.Click(chromedp.CSS(`form[action="/reset"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`p[role=status]`)))
	if err != nil {
		t.Fatalf("ask for a reset: %v", err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p[role=status]`)))
	if err != nil || !strings.Contains(msg, "If an account uses mentee@kindred.example") {
		t.Fatalf("answer %q: %v", msg, err)
	}

	if err := do(ctx, signIn(base, "admin@kindred.example")); err != nil {
		t.Fatal(err)
	}
	text := pageText(ctx, t, base+"/outbox")
	wantText(t, "outbox", text, "No mail server is set", "Set a new Kindred password", "Password resets", "Waiting")
	atPhoneWidth(ctx, t, func() { screenshot(ctx, t, base+"/outbox") })
	err = do(ctx, chromedp.Click(chromedp.CSS(`main a[href^="/outbox/mail_"]`)), chromedp.WaitVisible(chromedp.CSS(`pre.mail-text`)))
	if err != nil {
		t.Fatalf("open the mail: %v", err)
	}
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`pre.mail-text`)))
	if err != nil {
		t.Fatal(err)
	}
	link := resetLink.FindString(body)
	if link == "" {
		t.Fatalf("no reset link in the mail:\n%s", body)
	}
	if err := do(ctx, signOut()); err != nil {
		t.Fatal(err)
	}

	const fresh = "a-fresh-browser-password"
	err = do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`#password`)),
		chromedp.SendKeys(chromedp.CSS(`#password`), fresh),
		chromedp.SendKeys(chromedp.CSS(`#confirm`), fresh),
		chromedp.Click(chromedp.CSS(`form[action^="/reset/"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Main"]`)))
	if err != nil {
		t.Fatalf("set the new password: %v", err)
	}
	err = do(ctx, chromedp.Navigate(base+"/settings/mail"), chromedp.WaitVisible(chromedp.CSS(`#kind-matched`)),
		chromedp.Click(chromedp.CSS(`#kind-matched`)),
		chromedp.Click(chromedp.CSS(`form[action="/settings/mail"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`[role=status]`)))
	if err != nil {
		t.Fatalf("choose mails: %v", err)
	}
	saved, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`body`)))
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, "mail settings", saved, "Your mail choices are saved.", "New matches", "always sent")
	if text := pageText(ctx, t, base+"/settings/mail"); !strings.Contains(text, "Mail") {
		t.Errorf("Settings → Mail: %q", text)
	}
	err = do(ctx, signOut(), chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "mentee@kindred.example"),
		chromedp.SendKeys(chromedp.CSS(`#password`), fresh),
		chromedp.Click(chromedp.CSS(`form[action="/signin"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Main"]`)))
	if err != nil {
		t.Fatalf("sign in with the new password: %v", err)
	}
}
