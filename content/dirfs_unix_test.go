//go:build unix

package content

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPackDirOpensFIFOWithoutBlocking covers a file swapped for a FIFO
// after the loader looked at it: opening must not wait for a writer.
func TestPackDirOpensFIFOWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.md"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	l := loader{fsys: newPackDir(dir)}
	done := make(chan error, 1)
	go func() {
		_, err := l.readLimited("x.md", MaxMarkdownBytes)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe (FIFO), not a regular file") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a FIFO blocked")
	}
}
