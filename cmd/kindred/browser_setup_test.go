package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kindredhq/kindred/internal/db/dbtest"
)

// setupURL finds the setup link in serve's log line.
var setupURL = regexp.MustCompile(`setup_url=(\S+)`)

// TestBrowserFirstRunSetup starts `kindred serve` on an empty SQLite and
// an empty PostgreSQL database, reads the one-time setup link from its
// log, makes the first admin through the page in Chromium, signs out and
// signs in again as that admin; the used link then answers 404.
func TestBrowserFirstRunSetup(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			logs := newLineWaiter("setup_url=")
			t.Cleanup(func() { logs.w.Close() })
			base, _ := startKindredLogging(t, logs, "serve", "--db", dbtest.DSN(t, dialect), "--addr", "127.0.0.1:0")
			var link string
			select {
			case line := <-logs.found:
				m := setupURL.FindStringSubmatch(line)
				if m == nil || !strings.HasPrefix(m[1], base+"/setup/") || !strings.Contains(line, "level=INFO") {
					t.Fatalf("setup line %q", line)
				}
				link = m[1]
			case <-time.After(time.Minute):
				t.Fatal("serve logged no setup link")
			}
			ctx := newBrowser(t)
			err := do(ctx,
				chromedp.Navigate(link),
				chromedp.WaitVisible(chromedp.CSS(`#name`)),
				chromedp.SendKeys(chromedp.CSS(`#name`), "Fay First"),
				chromedp.SendKeys(chromedp.CSS(`#email`), "fay@example.com"),
				chromedp.SetValue(chromedp.CSS(`#timezone`), "Europe/Berlin"),
				chromedp.SendKeys(chromedp.CSS(`#password`), browserPassword),
				chromedp.SendKeys(chromedp.CSS(`#confirm`), browserPassword),
				chromedp.Click(chromedp.CSS(`form[action^="/setup/"] button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Main"]`)))
			if err != nil {
				t.Fatalf("setup form: %v", err)
			}
			screenshot(ctx, t, base+"/import")
			text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
			if err != nil {
				t.Fatal(err)
			}
			wantText(t, "after setup", text, "Welcome, Fay First", "first program manager", "Import people")
			if err := do(ctx, signOut(), signIn(base, "fay@example.com")); err != nil {
				t.Fatalf("sign in as the new admin: %v", err)
			}
			who, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.who`)))
			if err != nil || !strings.Contains(who, "Fay First") || !strings.Contains(who, "program manager") {
				t.Fatalf("signed in as %q: %v", who, err)
			}
			if text := pageText(ctx, t, link); !strings.Contains(text, "unknown, used or expired") {
				t.Errorf("the used link shows %q", text)
			}
		})
	}
}
