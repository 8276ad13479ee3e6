package export_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/trustshop/trustshop/export"
)

func TestWriteFileLeavesNoHalfFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.md")
	if err := os.WriteFile(path, []byte("the old export"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := export.WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "the old export" {
		t.Errorf("the old file became %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1 (a temporary file was left)", len(entries))
	}

	if err := export.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if got, _ := os.ReadFile(path); err != nil || string(got) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("rewritten file %q, mode %v (%v); want \"new\", the old mode 0600", got, info.Mode(), err)
	}
}
