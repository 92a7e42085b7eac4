package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's Chromium; a missing browser fails the test
// (make test installs it), it never skips.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("KINDRED_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Fatal("Chromium not found: run `make test`, which installs Debian's chromium, or set KINDRED_CHROMIUM")
	return ""
}

// newBrowser starts a headless Chromium for the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

const browserPassword = "browser-test-password"

// signIn fills the sign-in form like a person would.
func signIn(base, email string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/signin"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), browserPassword),
		chromedp.Click(chromedp.CSS(`form[action="/signin"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Main"]`)),
	)
}

func signOut() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS(`form[action="/signout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
	)
}

// stepTimeout bounds one batch of browser steps, so a missing element
// fails that step instead of the whole test's browser.
const stepTimeout = 30 * time.Second

// do runs steps with stepTimeout.
func do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) error {
	tctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.Do(tctx, steps...)
}

// pageText visits a page and returns its main text.
func pageText(ctx context.Context, t *testing.T, url string) string {
	t.Helper()
	if err := do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`main h1`))); err != nil {
		t.Fatalf("visit %s: %v", url, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	screenshot(ctx, t, url)
	return text
}

// screenshot saves the page as a PNG in $KINDRED_SCREENSHOTS, when set, so
// a person can look at what the test saw.
func screenshot(ctx context.Context, t *testing.T, url string) {
	dir := os.Getenv("KINDRED_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot of %s: %v", url, err)
		return
	}
	name := strings.NewReplacer("/", "_", "?", "_", "=", "_", "&", "_", ":", "").Replace(strings.SplitN(url, "//", 2)[1])
	name = t.Name()[strings.LastIndex(t.Name(), "/")+1:] + "-" + name[strings.Index(name, "_")+1:] + ".png"
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Errorf("save screenshot: %v", err)
	}
}

func wantText(t *testing.T, page, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: page does not show %q", page, w)
		}
	}
}

// TestBrowserWalkAsEachDemoRole signs in to a demo organization as each of
// the four demo accounts in a real headless Chromium and walks the main
// pages.
// noSlotZero matches the circles page's count of circles without a shared
// hour when it is zero.
var noSlotZero = regexp.MustCompile(`(^|\s)0\s+circles without a shared hour`)

func TestBrowserWalkAsEachDemoRole(t *testing.T) {
	base, _ := startKindred(t, "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--people", "120", "--seed", "3", "--password", browserPassword)
	ctx := newBrowser(t)

	t.Run("anonymous is sent to sign in", func(t *testing.T) {
		if err := do(ctx, chromedp.Navigate(base+"/people"), chromedp.WaitVisible(chromedp.CSS(`#email`))); err != nil {
			t.Fatal(err)
		}
		url, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(url, "/signin?next=%2Fpeople") {
			t.Fatalf("landed on %s", url)
		}
	})
	t.Run("wrong password shows an error", func(t *testing.T) {
		err := do(ctx, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), "mentee@kindred.example"),
			chromedp.SendKeys(chromedp.CSS(`#password`), "not-the-password"),
			chromedp.Click(chromedp.CSS(`form[action="/signin"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`.error-box`)))
		if err != nil {
			t.Fatal(err)
		}
		msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.error-box`)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(msg, "email or password is not right") {
			t.Fatalf("error says %q", msg)
		}
	})

	for _, acct := range []struct {
		email string
		check func(t *testing.T)
	}{
		{"admin@kindred.example", func(t *testing.T) {
			wantText(t, "home", pageText(ctx, t, base+"/"), "Pending mentor approvals")
			wantText(t, "people", pageText(ctx, t, base+"/people"), "People", "Add a person")
			wantText(t, "import", pageText(ctx, t, base+"/import"), "Import people", "Required")
			wantText(t, "programs", pageText(ctx, t, base+"/programs"), "Programs", "New program")
			// Follow the links a program manager would: program, open cycle.
			err := do(ctx,
				chromedp.Click(chromedp.CSS(`main a[href^="/programs/prg_"]`)),
				chromedp.WaitVisible(chromedp.CSS(`#charter-h`)),
				chromedp.Click(chromedp.CSS(`main a[href*="/cycles/cyc_"]`)),
				chromedp.WaitVisible(chromedp.CSS(`#enrollments-h`)))
			if err != nil {
				t.Fatalf("program to cycle: %v", err)
			}
			cycle, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
			if err != nil {
				t.Fatal(err)
			}
			screenshot(ctx, t, base+"/cycle")
			wantText(t, "cycle", cycle, "Enrollments", "Enroll")
			pickAPerson(ctx, t, base)
			// The demo's circles program lists first: its published circles.
			if strings.Contains(cycle, "Circles") {
				err := do(ctx, chromedp.Click(chromedp.CSS(`main a[href$="/circles"]`)), chromedp.WaitVisible(chromedp.CSS(`#state-h`)))
				if err != nil {
					t.Fatalf("cycle to circles: %v", err)
				}
				circles, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
				if err != nil {
					t.Fatal(err)
				}
				screenshot(ctx, t, base+"/circles")
				wantText(t, "circles", circles, "Published circles", "Circle 1", "Move a person", "diversity gap")
				// The demo spans offices from San Francisco to Sydney, and
				// every circle still has an hour that suits all its members.
				if !noSlotZero.MatchString(circles) || strings.Contains(circles, "No hour suits everyone") {
					t.Errorf("demo circles without a shared hour:\n%s", circles)
				}
			}
			// Approve the first waiting mentor from the start page.
			err = do(ctx, chromedp.Navigate(base+"/"),
				chromedp.WaitVisible(chromedp.CSS(`#pending-h`)),
				chromedp.Click(chromedp.CSS(`form[action$="/decide"] button.primary`)),
				chromedp.WaitVisible(chromedp.CSS(`.flash`)))
			if err != nil {
				t.Fatalf("approve a mentor: %v", err)
			}
			flash, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.flash`)))
			if err != nil {
				t.Fatal(err)
			}
			wantText(t, "after approving", flash, "Approved", "as Mentor")
		}},
		{"sponsor@kindred.example", func(t *testing.T) {
			wantText(t, "home", pageText(ctx, t, base+"/"), "Participation")
			wantText(t, "programs", pageText(ctx, t, base+"/programs"), "Programs")
			if text := pageText(ctx, t, base+"/people"); strings.Contains(text, "Add a person") {
				t.Error("sponsor sees admin tools in the directory")
			}
		}},
		{"mentor@kindred.example", func(t *testing.T) {
			wantText(t, "home", pageText(ctx, t, base+"/"), "Your programs")
			text := pageText(ctx, t, base+"/people?mentors=1")
			wantText(t, "mentor directory", text, "Mentor")
		}},
		{"mentee@kindred.example", func(t *testing.T) {
			wantText(t, "home", pageText(ctx, t, base+"/"), "Your programs", "Your mentor", "Your circle")
			// The demo's published circles: the mentee's circle, roster and
			// next meeting, from the start page's card.
			if err := do(ctx, chromedp.Click(chromedp.CSS(`section[aria-labelledby="your-circle-h"] a`)), chromedp.WaitVisible(chromedp.CSS(`#next-h`))); err != nil {
				t.Fatalf("start page to circle: %v", err)
			}
			circle, cerr := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
			if cerr != nil {
				t.Fatal(cerr)
			}
			screenshot(ctx, t, base+"/circle")
			wantText(t, "circle", circle, "Your next meeting", "Your circle", "Facilitator roster")
			if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/")); err != nil {
				t.Fatal(err)
			}
			// The demo's published matches: the mentee's card names a mentor
			// and links to why they were matched.
			mentor, merr := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`section[aria-labelledby="your-mentor-h"] .match-name`)))
			if merr != nil || strings.TrimSpace(mentor) == "" {
				t.Errorf("no mentor on the start page: %q %v", mentor, merr)
			}
			// Edit the profile through the form, as a person would.
			err := do(ctx,
				chromedp.Click(chromedp.CSS(`a.me`)),
				chromedp.WaitVisible(chromedp.CSS(`a[href$="/edit"]`)),
				chromedp.Click(chromedp.CSS(`a[href$="/edit"]`)),
				chromedp.WaitVisible(chromedp.CSS(`#skills_wanted`)),
				chromedp.SetValue(chromedp.CSS(`#skills_wanted`), "Negotiation, Public speaking"),
				chromedp.Click(chromedp.CSS(`form.form button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`.flash`)))
			if err != nil {
				t.Fatal(err)
			}
			saved, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
			if err != nil {
				t.Fatal(err)
			}
			wantText(t, "profile after save", saved, "Profile saved.", "Negotiation", "Public speaking")
		}},
	} {
		t.Run(acct.email, func(t *testing.T) {
			if err := do(ctx, signIn(base, acct.email)); err != nil {
				t.Fatalf("sign in: %v", err)
			}
			acct.check(t)
			if err := do(ctx, signOut()); err != nil {
				t.Fatalf("sign out: %v", err)
			}
		})
	}
}

// pickAPerson finds a person to enroll by typing part of a name in the
// cycle page's picker, as a program manager would, chooses the first
// offered, and checks the form then carries their employee id; at phone
// width too. Then the search page the picker falls back to without
// JavaScript.
func pickAPerson(ctx context.Context, t *testing.T, base string) {
	t.Helper()
	cycle, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	err = do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#person_id`), "an"),
		chromedp.WaitVisible(chromedp.CSS(`.pick-list li[role=option]`)))
	if err != nil {
		t.Fatalf("the enroll form offers nobody for %q: %v", "an", err)
	}
	screenshot(ctx, t, base+"/cycle-picker")
	atPhoneWidth(ctx, t, func() { screenshot(ctx, t, base+"/cycle-picker-phone") })
	offered, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.pick-list li[role=option]`)))
	if err != nil {
		t.Fatal(err)
	}
	if err := do(ctx, chromedp.Click(chromedp.CSS(`.pick-list li[role=option]`)), chromedp.WaitNotVisible(chromedp.CSS(`.pick-list`))); err != nil {
		t.Fatalf("choose %q: %v", offered, err)
	}
	id, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[type=hidden][name=person_id]`)))
	if err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#person_id`)))
	if err != nil {
		t.Fatal(err)
	}
	if id == "" || !strings.Contains(offered, id) || !strings.HasSuffix(shown, "("+id+")") {
		t.Errorf("chose %q: the form sends %q and shows %q", offered, id, shown)
	}
	search := base + "/people/pick?for=person_id&return=%2F&q=an"
	wantText(t, "person search", pageText(ctx, t, search), "Find a person", "Choose")
	atPhoneWidth(ctx, t, func() { pageText(ctx, t, search+"&phone") })
	if err := do(ctx, chromedp.Navigate(cycle), chromedp.WaitVisible(chromedp.CSS(`#enrollments-h`))); err != nil {
		t.Fatal(err)
	}
}

// atPhoneWidth runs look with the browser as wide as a phone, then as wide
// as newBrowser made it.
func atPhoneWidth(ctx context.Context, t *testing.T, look func()) {
	t.Helper()
	if err := do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	look()
	if err := do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
}
