//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPackCheckFIFO checks that a FIFO in a pack is reported, not opened:
// opening one blocks every command for good.
func TestPackCheckFIFO(t *testing.T) {
	dir := copyDir(t, minimalPack)
	if err := syscall.Mkfifo(filepath.Join(dir, "elements", "03-x.md"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	c := newCLI(t)
	type result struct {
		code      int
		out, errs string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := c.run("", "pack", "show", dir)
		done <- result{code, out, errs}
	}()
	select {
	case r := <-done:
		if r.code != 1 || !strings.Contains(r.errs, "elements/03-x.md: a named pipe (FIFO), not a regular file") {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.out, r.errs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("pack show blocked on a FIFO")
	}
}
