package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/tui"
)

// ctrl+c ends with a sentence saying where what was typed went, and the
// exit status of an interruption.
func TestInterruptSaysWhereWhatWasTypedIs(t *testing.T) {
	err := tuiEnd(tui.ErrInterrupted, "/data/w.db", nil, time.Now())
	if !errors.Is(err, tui.ErrInterrupted) || exitCode(err) != exitInterrupt {
		t.Fatalf("tuiEnd = %v (exit %d)", err, exitCode(err))
	}
	if !strings.Contains(err.Error(), "half-written included, is saved in /data/w.db") {
		t.Errorf("message %q does not say where", err)
	}
}
