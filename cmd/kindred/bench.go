package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/kindredhq/kindred/internal/matching"
)

const benchUsage = `usage: kindred bench match [--mentees N] [--mentors M] [--per-mentee K] [--seed S] [--verify=false] [--write-scores DIR]`

// cmdBench runs kindred bench: benchmarks that admins and reviewers can
// repeat on their own machines.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "match":
			return benchMatch(ctx, args[1:], stdout, stderr)
		case "circles":
			return benchCircles(ctx, args[1:], stdout, stderr)
		}
	}
	return usageError{benchUsage + "\n" + benchCirclesUsage}
}

// benchMatch generates a seeded instance with matching.Generate, solves it
// and prints the time, the memory and the objective.
func benchMatch(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench match", stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, benchUsage) }
	mentees := fs.Int("mentees", 10_000, "number of mentees")
	mentors := fs.Int("mentors", 5_000, "number of mentors (capacity 1 to 4 each)")
	perMentee := fs.Int("per-mentee", 20, "candidate mentors per mentee")
	seed := fs.Uint64("seed", 1, "seed of the generated instance")
	verify := fs.Bool("verify", true, "check the optimality certificate independently")
	writeScores := fs.String("write-scores", "", "write the instance as DIR/mentors.csv and DIR/scores.csv for kindred match, and stop")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{fmt.Sprintf("unexpected argument %q\n%s", fs.Arg(0), benchUsage)}
	case *mentees < 1 || *mentors < 1 || *perMentee < 1:
		return usageError{"--mentees, --mentors and --per-mentee must be at least 1\n" + benchUsage}
	case int64(*mentees)*int64(min(*perMentee, *mentors)) > 200_000_000:
		return usageError{"more than 200 million arcs is beyond this benchmark\n" + benchUsage}
	}

	t := time.Now()
	p := matching.Generate(*mentees, *mentors, *perMentee, rand.NewPCG(*seed, 2026))
	gen := time.Since(t)
	fmt.Fprintf(stdout, "instance  %d mentees, %d mentors, %d candidates each (%d arcs), seed %d\n",
		*mentees, *mentors, min(*perMentee, *mentors), len(p.Arcs), *seed)
	fmt.Fprintf(stdout, "generate  %.3fs\n", gen.Seconds())
	if *writeScores != "" {
		if err := writeScoresFiles(*writeScores, p); err != nil {
			return fmt.Errorf("bench match: %w", err)
		}
		fmt.Fprintf(stdout, "written   %s and %s\n", filepath.Join(*writeScores, "mentors.csv"), filepath.Join(*writeScores, "scores.csv"))
		return nil
	}

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := watchHeap()
	t = time.Now()
	r, err := matching.Solve(p)
	elapsed := time.Since(t)
	peakHeap := peak()
	runtime.ReadMemStats(&after)
	if err != nil {
		return fmt.Errorf("bench match: %w", err)
	}
	fmt.Fprintf(stdout, "solve     %.3fs  %s: %d of %d matched, total score %d, %d steps\n",
		elapsed.Seconds(), p.Objective, r.Matched, *mentees, r.Total, r.Steps)
	fmt.Fprintf(stdout, "memory    peak heap %s (instance %s before solving), %s allocated while solving, %s obtained from the OS\n",
		mb(max(peakHeap, after.HeapAlloc, before.HeapAlloc)), mb(before.HeapAlloc), mb(after.TotalAlloc-before.TotalAlloc), mb(after.Sys))
	if *verify {
		t = time.Now()
		if err := r.Verify(p); err != nil {
			return fmt.Errorf("bench match: the certificate does not check out: %w", err)
		}
		fmt.Fprintf(stdout, "verify    certificate checked in %.3fs: optimal\n", time.Since(t).Seconds())
	}
	return nil
}

// watchHeap samples the live heap every millisecond until the returned
// function is called, which returns the highest value seen. Reading
// runtime/metrics does not stop the world, so the solver runs unhindered.
func watchHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	read := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			peak = max(peak, sample[0].Value.Uint64())
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			read()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		wg.Wait()
		read()
		return peak
	}
}

func mb(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
