package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserImportAndCycleHousekeeping walks issue 9's import and cycle
// pages in a real Chromium as the demo's admin, at phone width: one upload
// of a file with many problems lists them all, grouped by line; a cycle
// edited to absurd dates is refused with the reason next to the field; an
// archived cycle says so and offers no enrollment.
func TestBrowserImportAndCycleHousekeeping(t *testing.T) {
	base, _ := startKindred(t, "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--people", "60", "--seed", "5", "--password", browserPassword)
	ctx := newBrowser(t)
	if err := do(ctx, chromedp.EmulateViewport(390, 844), signIn(base, "admin@kindred.example")); err != nil {
		t.Fatal(err)
	}

	waves, err := filepath.Abs("../../internal/people/testdata/waves.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := do(ctx, chromedp.Navigate(base+"/import"), chromedp.WaitVisible(chromedp.CSS(`#file`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{waves}),
		chromedp.Click(chromedp.CSS(`form[action="/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.error-box`))); err != nil {
		t.Fatalf("upload: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.error-box`)))
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, "import", text, "waves.csv was not imported: 15 problems", "Line 2", "Line 3", "Line 4", "Line 5",
		"2020-02-30: February 2020 has 29 days", "manager cycle: E3 reports to E4 reports to E3")
	screenshot(ctx, t, base+"/import")

	// The demo's mentoring program, its current cycle (listed first).
	program := firstLink(ctx, t, base+"/programs", `main a[href^="/programs/prg_"]`)
	cycle := firstLink(ctx, t, base+program, `main a[href*="/cycles/"]`)
	if err := do(ctx, chromedp.Navigate(base+cycle), chromedp.WaitVisible(chromedp.CSS(`#settings-h`)),
		chromedp.SetValue(chromedp.CSS(`#starts_on`), "1900-01-01"),
		chromedp.SetValue(chromedp.CSS(`#ends_on`), "9999-12-31"),
		chromedp.Click(chromedp.CSS(`form[action$="/edit"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`section[aria-labelledby="settings-h"] .error-box`))); err != nil {
		t.Fatalf("edit with absurd dates: %v", err)
	}
	text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, "cycle edit", text, "The cycle was not saved", "1900-01-01 is more than 10 years from today", "9999-12-31 is more than 10 years from today")
	screenshot(ctx, t, base+cycle+"/edit")

	if err := do(ctx, chromedp.Navigate(base+cycle), chromedp.WaitVisible(chromedp.CSS(`#settings-h`)),
		chromedp.Click(chromedp.CSS(`form[action$="/archive"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.badge.cycle-archived`))); err != nil {
		t.Fatalf("archive: %v", err)
	}
	text = pageText(ctx, t, base+cycle)
	wantText(t, "archived cycle", text, "Unarchive cycle", "is archived: it is read-only")
	if strings.Contains(text, "Employee id") {
		t.Errorf("an archived cycle's page still offers to enroll a person")
	}
}

// firstLink visits a page and returns the address of its first link that
// matches css.
func firstLink(ctx context.Context, t *testing.T, url, css string) string {
	t.Helper()
	if err := do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`main h1`))); err != nil {
		t.Fatalf("visit %s: %v", url, err)
	}
	a, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(css), "href"))
	if err != nil || !a.Exists {
		t.Fatalf("%s has no link %s: %v", url, css, err)
	}
	return a.Value
}

// TestBrowserStaleCharterForm opens one program's charter form in two tabs
// as the demo's admin, at phone width: the first tab saves; the second,
// sent afterwards from the form it showed before, is not saved and says the
// charter was changed by someone else meanwhile, showing what is stored
// (issue 10, finding 4).
func TestBrowserStaleCharterForm(t *testing.T) {
	base, _ := startKindred(t, "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--people", "60", "--seed", "5", "--password", browserPassword)
	ctx := newBrowser(t)
	if err := do(ctx, chromedp.EmulateViewport(390, 844), signIn(base, "admin@kindred.example")); err != nil {
		t.Fatal(err)
	}
	edit := base + firstLink(ctx, t, base+"/programs", `main a[href^="/programs/prg_"]`) + "/edit"
	if err := do(ctx, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.CSS(`#purpose`))); err != nil {
		t.Fatalf("first tab: %v", err)
	}
	other, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := do(other, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.CSS(`#purpose`)),
		chromedp.SetValue(chromedp.CSS(`#purpose`), "Saved in the other tab"),
		chromedp.Click(chromedp.CSS(`form[action$="/edit"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`))); err != nil {
		t.Fatalf("second tab saves: %v", err)
	}
	if err := do(ctx, chromedp.SetValue(chromedp.CSS(`#purpose`), "Saved from an old form"),
		chromedp.Click(chromedp.CSS(`form[action$="/edit"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.error-box`))); err != nil {
		t.Fatalf("first tab saves late: %v", err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.error-box`)))
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, "stale charter form", msg, "changed by someone else meanwhile", "was not saved")
	purpose, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#purpose`)))
	if err != nil {
		t.Fatal(err)
	}
	if purpose != "Saved in the other tab" {
		t.Errorf("the re-rendered form shows purpose %q, want what is stored", purpose)
	}
	screenshot(ctx, t, edit)
}
