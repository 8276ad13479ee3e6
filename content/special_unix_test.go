//go:build unix

package content_test

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSpecialFiles checks that a pack is a folder of regular files: a FIFO
// (opening one blocks for good), a device, a socket and any symbolic link,
// also one out of the pack, are refused without being opened.
func TestSpecialFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, []byte("---\nid: outside\ntitle: Outside\n---\n## Description\nNot part of the pack.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outsideDir := copyPack(t, filepath.Join(packs, "minimal", "elements"))
	cases := []packCase{
		{"FIFO as an element", fifo("elements/03-x.md"), "elements/03-x.md", "a named pipe (FIFO), not a regular file", 0},
		{"FIFO as pack.yaml", all(remove("pack.yaml"), fifo("pack.yaml")), "pack.yaml", "a named pipe (FIFO)", 0},
		{"FIFO as intro.md", all(remove("intro.md"), fifo("intro.md")), "intro.md", "a named pipe (FIFO)", 0},
		{"link to /dev/zero", link("/dev/zero", "elements/03-x.md"), "elements/03-x.md", "a symbolic link to /dev/zero, not a regular file", 0},
		{"link to a file outside the pack", link(outside, "elements/03-x.md"), "elements/03-x.md", "a symbolic link to " + outside, 0},
		{"link within the pack", link("01-explain.md", "elements/03-x.md"), "elements/03-x.md", "a pack holds regular files only", 0},
		{"intro.md a link outside the pack", all(remove("intro.md"), link(outside, "intro.md")), "intro.md", "a symbolic link", 0},
		{"elements folder a link outside the pack", all(removeAll("elements"), link(outsideDir, "elements")), "elements", "a symbolic link, not a folder", 0},
		{"socket as an element", socket("elements/03-x.md"), "elements/03-x.md", "a socket", 0},
		{"device as an element", device("elements/03-x.md"), "elements/03-x.md", "a device", 0},
	}
	runPackCases(t, cases)
}

func fifo(file string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := syscall.Mkfifo(filepath.Join(dir, file), 0o644); err != nil {
			t.Skipf("no FIFO here: %v", err)
		}
	}
}

func link(target, file string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
	}
}

func remove(file string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Remove(filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
	}
}

func removeAll(file string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
	}
}

// socket leaves a listening unix socket at file until the test ends.
func socket(file string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		ln, err := net.Listen("unix", filepath.Join(dir, file))
		if err != nil {
			t.Skipf("no unix socket here: %v", err)
		}
		t.Cleanup(func() { ln.Close() })
	}
}

// device makes a character device like /dev/null, where the test may.
func device(file string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		var st syscall.Stat_t
		if err := syscall.Stat("/dev/null", &st); err != nil {
			t.Skipf("no /dev/null: %v", err)
		}
		if err := syscall.Mknod(filepath.Join(dir, file), syscall.S_IFCHR|0o644, int(st.Rdev)); err != nil {
			t.Skipf("cannot make a device here (needs privileges): %v", err)
		}
	}
}
