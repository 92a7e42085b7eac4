// Command pgcluster starts and stops the throwaway PostgreSQL cluster that
// make test shares among all test packages.
//
//	pgcluster start      prints "URL&dir=DIR" of a new running cluster
//	pgcluster stop DIR   stops it and removes DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kindredhq/kindred/internal/db/dbtest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pgcluster start | pgcluster stop DIR")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "start":
		c, err := dbtest.StartCluster(os.TempDir())
		if err != nil {
			fmt.Fprintln(os.Stderr, "pgcluster:", err)
			os.Exit(1)
		}
		fmt.Printf("%s&dir=%s\n", c.URL, c.Dir)
	case "stop":
		if len(os.Args) != 3 || filepath.Dir(os.Args[2]) != filepath.Clean(os.TempDir()) {
			fmt.Fprintln(os.Stderr, "usage: pgcluster stop DIR (a directory made by start)")
			os.Exit(2)
		}
		if err := dbtest.StopCluster(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "pgcluster:", err)
			os.Exit(1)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: pgcluster start | pgcluster stop DIR")
		os.Exit(2)
	}
}
