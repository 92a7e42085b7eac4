package circles

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

func TestTmpGolf(t *testing.T) {
	effort, _ := strconv.Atoi(os.Getenv("EFFORT"))
	rounds, _ := strconv.Atoi(os.Getenv("ROUNDS"))
	xSeedRounds, _ = strconv.Atoi(os.Getenv("SEEDROUNDS"))
	for seed := range 3 {
		t0 := time.Now()
		p, err := form(context.Background(), golfers(32), Options{Size: 4, Rounds: rounds, Effort: effort, Rand: rand.NewPCG(uint64(seed), 1)}, false)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %v repeats %d", seed, time.Since(t0), p.RepeatPairs)
	}
}
