//go:build unix

package export_test

import (
	"context"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trustshop/trustshop/export"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// isCharDevice fails the test unless path is a character device.
func isCharDevice(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v, %v", path, info.Mode(), err)
	}
}

// An export onto a named pipe reaches the reader, and the pipe stays one.
func TestWriteFileStreamsToAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "ratings.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	want := strings.Repeat("session_id,value\n", 10000) // more than a pipe's buffer
	if err := export.WriteFile(fifo, writeString(want)); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != want {
			t.Errorf("the reader got %d bytes, want %d", len(s), len(want))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader got nothing")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe became %v (%v)", info.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(fifo)); len(entries) != 1 {
		t.Errorf("%d files beside the pipe, want none", len(entries)-1)
	}
}

// An export onto /dev/null through a link, or onto a device node of its
// own where the machine lets the test make one, leaves the device a
// device.
func TestWriteFileStreamsToADevice(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "out.csv")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := export.WriteFile(link, writeString("ratings")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link became %v (%v)", info.Mode(), err)
	}
	isCharDevice(t, "/dev/null")
	isCharDevice(t, link)

	// As root, a device node of our own (the same device as /dev/null):
	// the case where renaming over it turned it into a file.
	node := filepath.Join(dir, "null")
	if runtime.GOOS != "linux" || syscall.Mknod(node, syscall.S_IFCHR|0o666, 1<<8|3) != nil {
		t.Log("cannot make a device node here (needs root on Linux): checked through a link only")
		return
	}
	if err := export.WriteFile(node, writeString("ratings")); err != nil {
		t.Fatal(err)
	}
	isCharDevice(t, node)
}

func TestWriteFileRefusesASocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Skipf("no unix sockets here: %v", err)
	}
	defer l.Close()
	if err := export.WriteFile(path, writeString("x")); err == nil || !strings.Contains(err.Error(), "it is a socket") {
		t.Errorf("err = %v, want a socket refused", err)
	}
}

// A link to a file stays a link; the file it points to gets the export.
func TestWriteFileThroughALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "data", "ratings.csv")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := export.WriteFile(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link became %v (%v)", info.Mode(), err)
	}
	got, _ := os.ReadFile(target)
	st, _ := os.Stat(target)
	if string(got) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("the file it points to holds %q, mode %v; want \"new\", 0600", got, st.Mode().Perm())
	}
}

// An export onto a named pipe nobody reads waits for a reader only until
// its context ends (ctrl+c, SIGTERM), then says why; the pipe stays one.
func TestWriteFileGivesUpOnAPipeNobodyReads(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "ratings.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- export.WriteFileContext(ctx, fifo, writeString("a,b\n")) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "nobody read the named pipe") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the export still waits for a reader after its context ended")
	}
	if info, err := os.Stat(fifo); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe is no longer one: %v %v", info.Mode(), err)
	}
}
