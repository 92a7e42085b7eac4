package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/schedule"
)

const benchCirclesUsage = `usage: kindred bench circles [--people N] [--size K] [--min-size A --max-size B] [--rounds R] [--seed S] [--effort E] [--world]
       kindred bench circles --golfers [--seed S]`

// benchCircles runs kindred bench circles: it generates a seeded
// organization with circles.Generate (or GenerateWorld, with --world),
// forms circles and prints the time,
// the memory and how close the diversity comes to its bound. With
// --golfers it runs the social golfer instance instead: 32 people in
// circles of 4 for 9 rounds with no pair meeting twice, then tries 10.
// args are the flags after "bench circles".
func benchCircles(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench circles", stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, benchCirclesUsage) }
	n := fs.Int("people", 1000, "number of people in the generated organization")
	size := fs.Int("size", 6, "circle size (exact when it divides --people, else the preferred size)")
	minSize := fs.Int("min-size", 0, "smallest circle (default --size - 1 when --size does not divide --people)")
	maxSize := fs.Int("max-size", 0, "largest circle (default --size + 1 when --size does not divide --people)")
	rounds := fs.Int("rounds", 1, "number of rounds")
	seed := fs.Uint64("seed", 1, "seed of the organization and of the search")
	effort := fs.Int("effort", 1, "search effort (circles.Options.Effort)")
	world := fs.Bool("world", false, "offices from UTC-8 to UTC+10 (circles.GenerateWorld) instead of UTC-5 to UTC+5:30")
	golfers := fs.Bool("golfers", false, "run the 32 people, circles of 4, 9 (and 10) rounds zero-repeat plan")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{fmt.Sprintf("unexpected argument %q\n%s", fs.Arg(0), benchCirclesUsage)}
	case *n < 2 || *size < 2 || *rounds < 1 || *effort < 1:
		return usageError{"--people and --size must be at least 2, --rounds and --effort at least 1\n" + benchCirclesUsage}
	case (*minSize == 0) != (*maxSize == 0):
		return usageError{"--min-size and --max-size go together\n" + benchCirclesUsage}
	}
	if *golfers {
		return benchGolfers(ctx, *seed, *effort, stdout)
	}

	opts := circles.Options{Size: *size, MinSize: *minSize, MaxSize: *maxSize, Rounds: *rounds, Effort: *effort}
	if opts.MinSize == 0 && *n%*size != 0 {
		opts.MinSize, opts.MaxSize = *size-1, *size+1
	}
	sizes := fmt.Sprintf("circles of %d", *size)
	if opts.MinSize > 0 {
		sizes = fmt.Sprintf("circles of %d to %d (preferred %d)", opts.MinSize, opts.MaxSize, *size)
	}

	t := time.Now()
	generate := circles.Generate
	if *world {
		generate = circles.GenerateWorld
	}
	people := generate(*n, rand.NewPCG(*seed, 2026))
	fmt.Fprintf(stdout, "instance  %d people, %s, %d round(s), seed %d, effort %d\n", *n, sizes, *rounds, *seed, *effort)
	fmt.Fprintf(stdout, "generate  %.3fs\n", time.Since(t).Seconds())

	opts.Rand = rand.NewPCG(*seed, *seed)
	plan, m, elapsed, err := measureForm(ctx, people, opts)
	if err != nil {
		return fmt.Errorf("bench circles: %w", err)
	}
	circlesN := 0
	for _, r := range plan.Rounds {
		circlesN += len(r.Circles)
	}
	fmt.Fprintf(stdout, "form      %.3fs, %s\n", elapsed.Seconds(), m)
	fmt.Fprintf(stdout, "diversity %d of at most %d, gap %.3f%%\n", plan.Diversity, plan.UpperBound, 100*plan.Gap)
	fmt.Fprintf(stdout, "repeats   %d repeat pairs (lower bound %d)\n", plan.RepeatPairs, plan.RepeatLowerBound)
	fmt.Fprintf(stdout, "slots     %d of %d circles without a meeting slot\n", plan.CirclesWithoutSlot, circlesN)
	return nil
}

// benchGolfers forms 32 interchangeable, always available people into
// circles of 4 for 9 rounds, where a plan with no repeats exists, and 10,
// the known optimum, and reports how many rounds came out repeat-free.
func benchGolfers(ctx context.Context, seed uint64, effort int, stdout io.Writer) error {
	people := make([]circles.Participant, 32)
	for i := range people {
		people[i] = circles.Participant{Avail: schedule.FullWeek()}
	}
	fmt.Fprintf(stdout, "golfers   32 people, circles of 4, seed %d, effort %d\n", seed, effort)
	achieved := 0
	for _, rounds := range []int{9, 10} {
		opts := circles.Options{Size: 4, Rounds: rounds, Effort: effort, Rand: rand.NewPCG(seed, seed)}
		plan, m, elapsed, err := measureForm(ctx, people, opts)
		if err != nil {
			return fmt.Errorf("bench circles: golfers, %d rounds: %w", rounds, err)
		}
		fmt.Fprintf(stdout, "%2d rounds %d repeat pairs (lower bound %d) in %.3fs, %s\n",
			rounds, plan.RepeatPairs, plan.RepeatLowerBound, elapsed.Seconds(), m)
		if plan.RepeatPairs == 0 {
			achieved = rounds
		}
	}
	fmt.Fprintf(stdout, "achieved  %d rounds with zero repeats (9 required, 10 the known optimum)\n", achieved)
	return nil
}

// formMemory is what one Form call did to the heap.
type formMemory struct {
	allocated uint64 // bytes allocated during the call
	heap      uint64 // live heap right after, with the plan
	sys       uint64 // memory obtained from the system, in total
}

func (m formMemory) String() string {
	const mb = 1 << 20
	return fmt.Sprintf("allocated %.1f MB, heap after %.1f MB, sys %.1f MB",
		float64(m.allocated)/mb, float64(m.heap)/mb, float64(m.sys)/mb)
}

// measureForm runs circles.Form and measures its time and memory with
// runtime.MemStats.
func measureForm(ctx context.Context, people []circles.Participant, opts circles.Options) (*circles.Plan, formMemory, time.Duration, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t := time.Now()
	plan, err := circles.Form(ctx, people, opts)
	elapsed := time.Since(t)
	runtime.ReadMemStats(&after)
	m := formMemory{allocated: after.TotalAlloc - before.TotalAlloc, heap: after.HeapAlloc, sys: after.Sys}
	return plan, m, elapsed, err
}
