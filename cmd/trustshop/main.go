// Command trustshop runs Digital Twin Trust Framework workshops in the
// terminal and keeps every rating and note in a local SQLite database.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	// SIGTERM and SIGHUP (the terminal closed) end the program as ctrl+c
	// does: the workshop screen saves what was typed first
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := run(ctx, os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr})
	stop()
	os.Exit(code)
}
