// Command kindred is the whole of Kindred in one binary: the web server
// (serve), a demo organization (demo), migrations (migrate), imports
// (import) and the command-line tools admins script with.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // time zones work on machines without a zoneinfo database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := runWithInput(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kindred:", err)
		os.Exit(exitCode(err))
	}
}
