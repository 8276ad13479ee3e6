package session_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// listDir lists every file and folder under dir, for "nothing was written".
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			out = append(out, strings.TrimPrefix(p, dir))
		}
		return nil
	})
	return out
}

func TestOpenToReadCreatesNothing(t *testing.T) {
	for _, opt := range []session.Options{{ReadOnly: true}, {MustExist: true}} {
		dir := t.TempDir()
		path := filepath.Join(dir, "a", "b", "t.db")
		_, err := session.Open(context.Background(), path, opt)
		if !errors.Is(err, session.ErrNoDatabase) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "trustshop new") {
			t.Errorf("%+v: err = %v, want ErrNoDatabase naming the file and the fix", opt, err)
		}
		if got := listDir(t, dir); len(got) > 0 {
			t.Errorf("%+v: created %v", opt, got)
		}
	}
}

// walDatabase makes a database with one session, in WAL mode as the app
// leaves it, and closes it.
func walDatabase(t *testing.T, path string) {
	t.Helper()
	s := openStore(t, path)
	newSession(t, s, defaultPack(t))
	s.Close()
	for _, ext := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + ext); err == nil {
			t.Fatalf("%s%s is left after a clean close", path, ext)
		}
	}
}

// readAll opens path read-only, as the read-only commands do, and lists
// its sessions.
func readAll(t *testing.T, path string) error {
	t.Helper()
	e, err := session.OpenEngine(context.Background(), path, session.Options{ReadOnly: true}, session.EngineOptions{})
	if err != nil {
		return err
	}
	defer e.Close()
	list, err := e.Sessions(context.Background())
	if err == nil && len(list) != 1 {
		t.Errorf("sessions = %v", list)
	}
	return err
}

func TestReadOnlyFileLeavesNothingBeside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.db")
	walDatabase(t, path)
	os.Chmod(path, 0o444)
	unchanged(t, path, func() {
		if err := readAll(t, path); err != nil {
			t.Fatal(err)
		}
	})
	if got := listDir(t, dir); !slices.Equal(got, []string{"/t.db"}) {
		t.Errorf("the folder holds %v, want only t.db", got)
	}
}

func TestReadOnlyFolderStillReads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o700)
	path := filepath.Join(dir, "t.db")
	walDatabase(t, path)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	unchanged(t, path, func() {
		if err := readAll(t, path); err != nil {
			t.Fatalf("read a writable database in a read-only folder: %v", err)
		}
		_, err := session.Open(context.Background(), path, session.Options{})
		if !errors.Is(err, session.ErrReadOnly) || !strings.Contains(err.Error(), "chmod u+w "+dir) {
			t.Errorf("open to write in a read-only folder: err = %v, want ErrReadOnly naming the folder", err)
		}
	})
}

// A database another program is writing (its -wal holds commits) is read
// with them, not as the file alone.
func TestReadOnlyReadsTheWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	walDatabase(t, path)
	w := openStore(t, path) // keeps the -wal open, as a running workshop does
	newSession(t, w, defaultPack(t))
	os.Chmod(path, 0o444)
	e, err := session.OpenEngine(context.Background(), path, session.Options{ReadOnly: true}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if list, err := e.Sessions(context.Background()); err != nil || len(list) != 2 {
		t.Errorf("sessions = %d, %v; want the 2 in the database and its -wal", len(list), err)
	}
}

func TestDroppedTableIsNamed(t *testing.T) {
	for name, sql := range map[string]string{
		"table":  "DROP TABLE notes",
		"column": "ALTER TABLE step_state DROP COLUMN scroll",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.db")
			walDatabase(t, path)
			execSQL(t, path, sql)
			for _, opt := range []session.Options{{}, {ReadOnly: true}} {
				_, err := session.Open(context.Background(), path, opt)
				if !errors.Is(err, session.ErrCorrupt) || !strings.Contains(err.Error(), path) ||
					!strings.Contains(err.Error(), "is missing") || strings.Contains(err.Error(), "no such") {
					t.Errorf("%+v: err = %v, want ErrCorrupt naming what is missing", opt, err)
				}
			}
		})
	}
}

func execSQL(t *testing.T, path, q string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestFullDiskLeavesNoEmptyDatabase creates a database in a process that
// may write no more than a few bytes to any file (RLIMIT_FSIZE), as a full
// disk would: the open fails, and neither the file nor its folders stay.
func TestFullDiskLeavesNoEmptyDatabase(t *testing.T) {
	if path := os.Getenv("TRUSTSHOP_FULL_DISK_DB"); path != "" {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 512, Max: 512}); err != nil {
			t.Fatal(err)
		}
		_, err := session.Open(context.Background(), path, session.Options{})
		if err == nil {
			t.Fatal("opened a new database with no room to write it")
		}
		t.Log(err)
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "t.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestFullDiskLeavesNoEmptyDatabase$", "-test.v")
	cmd.Env = append(os.Environ(), "TRUSTSHOP_FULL_DISK_DB="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if got := listDir(t, dir); len(got) > 0 {
		t.Errorf("a failed create left %v\n%s", got, out)
	}
}

// TestTableCheckIsRecorded: a database whose tables passed the check
// records it (user_version holds SQLite's schema count), so the next open
// reads two numbers instead of comparing every table again.
func TestTableCheckIsRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	walDatabase(t, path)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cookie, checked int
	db.QueryRow("PRAGMA schema_version").Scan(&cookie)
	db.QueryRow("PRAGMA user_version").Scan(&checked)
	if cookie == 0 || checked != cookie {
		t.Errorf("schema_version %d, user_version %d: the check was not recorded", cookie, checked)
	}
}
