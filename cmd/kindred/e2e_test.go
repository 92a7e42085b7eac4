package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// lineWaiter is an io.Writer that hands over the first line containing a
// marker, so a test can wait for the server to say it is listening without
// sleeping or polling.
type lineWaiter struct {
	w      *io.PipeWriter
	found  chan string
	marker string
}

func newLineWaiter(marker string) *lineWaiter {
	r, w := io.Pipe()
	lw := &lineWaiter{w: w, found: make(chan string, 1), marker: marker}
	go func() {
		sc := bufio.NewScanner(r)
		sent := false
		for sc.Scan() {
			if !sent && strings.Contains(sc.Text(), marker) {
				lw.found <- sc.Text()
				sent = true
			}
		}
	}()
	return lw
}

func (lw *lineWaiter) Write(p []byte) (int, error) { return lw.w.Write(p) }

// startKindred runs the binary's run function with args (which must listen
// on 127.0.0.1:0) and returns the base URL once it is serving. The server
// stops when the test ends.
func startKindred(t *testing.T, args ...string) (string, *lineWaiter) {
	t.Helper()
	return startKindredLogging(t, io.Discard, args...)
}

// startKindredLogging is startKindred with the log written to logs.
func startKindredLogging(t *testing.T, logs io.Writer, args ...string) (string, *lineWaiter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := newLineWaiter("Kindred is running at ")
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, func(string) string { return "" }, out, logs) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		out.w.Close()
	})
	select {
	case line := <-out.found:
		url := strings.TrimSpace(strings.TrimPrefix(line, "Kindred is running at "))
		resp, err := http.Get(url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("healthz: %d", resp.StatusCode)
		}
		return url, out
	case err := <-done:
		t.Fatalf("kindred stopped before serving: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("kindred did not start within 2 minutes")
	}
	return "", nil
}
