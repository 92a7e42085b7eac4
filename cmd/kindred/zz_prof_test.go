package main

import (
	"context"
	"io"
	"testing"
)

func BenchmarkZZMatchFiles(b *testing.B) {
	for b.Loop() {
		if err := run(context.Background(), []string{"match", "--mentors", "/tmp/wm/big/mentors.csv", "--scores", "/tmp/wm/big/scores.csv", "--out", "/tmp/wm/pm.csv", "--summary", "/tmp/wm/ps.json"}, noEnv, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
