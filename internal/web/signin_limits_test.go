package web

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/kindredhq/kindred/internal/auth"
)

// postSignin signs in anonymously through the real server, with an
// X-Forwarded-For header if xff is set, and returns the response; safe to
// call from several goroutines.
func postSignin(o *org, email, password, xff string) (*http.Response, error) {
	form := url.Values{"email": {email}, "password": {password}}
	req, err := http.NewRequest(http.MethodPost, o.ts.URL+"/signin", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return resp, nil
}

// attempts counts the sign-in attempts recorded under key.
func attempts(t *testing.T, o *org, key string) int {
	t.Helper()
	var n int
	if err := o.d.Read().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM signin_attempts WHERE key = ?", key).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Finding 1: parallel wrong passwords against the real server are hashed
// at most MaxFailures times (each hashed attempt is one recorded row); the
// others answer 429, or 503 with Retry-After when every hash slot is busy.
func TestParallelWrongSignInsAreBounded(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		const tries = 40
		var wg sync.WaitGroup
		codes := make(chan *http.Response, tries)
		for range tries {
			wg.Go(func() {
				resp, err := postSignin(o, "mia@example.com", "wrong-password", "")
				if err != nil {
					t.Error(err)
					return
				}
				codes <- resp
			})
		}
		wg.Wait()
		close(codes)
		wrong := 0
		for resp := range codes {
			switch resp.StatusCode {
			case http.StatusUnauthorized:
				wrong++
			case http.StatusTooManyRequests:
			case http.StatusServiceUnavailable:
				if resp.Header.Get("Retry-After") == "" {
					t.Error("503 without Retry-After")
				}
			default:
				t.Errorf("status %d, want 401, 429 or 503", resp.StatusCode)
			}
		}
		if n := attempts(t, o, "email:mia@example.com"); n > auth.MaxFailures || wrong > auth.MaxFailures {
			t.Errorf("%d attempts recorded and %d answered as wrong passwords, want at most %d", n, wrong, auth.MaxFailures)
		}
	})
}

// Finding 3: a mentor's failures do not refuse the mentee's right password
// from the same address.
func TestOthersFailuresDoNotLockOutAnAddress(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		if err := o.srv.auth.SetPassword(context.Background(), "m2", "max-long-password"); err != nil {
			t.Fatal(err)
		}
		for range auth.MaxFailures + 2 {
			if _, err := postSignin(o, "mia@example.com", "wrong-password", ""); err != nil {
				t.Fatal(err)
			}
		}
		resp, err := postSignin(o, "max@example.com", "max-long-password", "")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the mentee's right password after the mentor's failures: %d, want 303", resp.StatusCode)
		}
	})
}

// Finding 3: X-Forwarded-For names the client only when the peer is a
// trusted proxy, and then its right-most hop that is not one.
func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		if _, err := postSignin(o, "mia@example.com", "wrong-password", "203.0.113.5"); err != nil {
			t.Fatal(err)
		}
		if n := attempts(t, o, "addr:203.0.113.5"); n != 0 {
			t.Errorf("X-Forwarded-For from an untrusted peer was believed (%d attempts)", n)
		}
		if n := attempts(t, o, "addr:127.0.0.1"); n != 1 {
			t.Errorf("the untrusted peer's own address: %d attempts, want 1", n)
		}
		o.srv.cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8")}
		if _, err := postSignin(o, "mia@example.com", "wrong-password", "198.51.100.9, 203.0.113.5, 10.1.2.3"); err != nil {
			t.Fatal(err)
		}
		if n := attempts(t, o, "addr:203.0.113.5"); n != 1 {
			t.Errorf("the right-most untrusted hop behind trusted proxies: %d attempts, want 1", n)
		}
		if n := attempts(t, o, "addr:198.51.100.9"); n != 0 {
			t.Errorf("a hop left of the first untrusted one was believed (%d attempts)", n)
		}
	})
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := ParseTrustedProxies(" 10.0.0.0/8, ,192.168.1.7/32,::1/128")
	if err != nil || len(got) != 3 || got[0].String() != "10.0.0.0/8" {
		t.Errorf("a good list: %v %v", got, err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8,10.0.0.1"); err == nil || !strings.Contains(err.Error(), `entry 2 "10.0.0.1"`) {
		t.Errorf("a bare address: %v, want an error naming entry 2", err)
	}
}
