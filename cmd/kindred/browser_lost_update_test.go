package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

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
