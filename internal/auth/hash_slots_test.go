package auth_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/kindredhq/kindred/internal/auth"
)

// Finding 1: with MaxConcurrentHashes checks running, one more is refused
// at once with ErrBusy rather than queued; once one ends, the next runs.
func TestHashSlotsBoundConcurrentChecks(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	block := func() { started <- struct{}{}; <-release }
	var wg sync.WaitGroup
	for range auth.MaxConcurrentHashes {
		wg.Go(func() {
			if _, err := auth.VerifyPassword("", "pw", block); err != nil {
				t.Errorf("within the bound: %v", err)
			}
		})
		<-started
	}
	if _, err := auth.VerifyPassword("", "pw", nil); !errors.Is(err, auth.ErrBusy) {
		t.Errorf("past the bound: %v, want ErrBusy", err)
	}
	close(release)
	wg.Wait()
	if _, err := auth.VerifyPassword("", "pw", nil); err != nil {
		t.Errorf("after the others ended: %v", err)
	}
}
