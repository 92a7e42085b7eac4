package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestBenchMatch(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"bench", "match", "--mentees", "300", "--mentors", "150", "--per-mentee", "5", "--seed", "7"}, noEnv, &out, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"instance  300 mentees, 150 mentors, 5 candidates each (1500 arcs), seed 7", "generate  ",
		"solve     ", "participation: ", "total score ", "memory    peak heap ", "allocated while solving", "obtained from the OS", "optimal"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	for _, args := range [][]string{{"bench"}, {"bench", "frobnicate"}, {"bench", "match", "--mentees", "0"}, {"bench", "match", "extra"}, {"bench", "match", "--seed", "x"}} {
		if err := run(context.Background(), args, noEnv, &bytes.Buffer{}, &bytes.Buffer{}); exitCode(err) != 2 {
			t.Errorf("%v: %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}
