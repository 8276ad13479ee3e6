package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui"
)

var rescueNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func unsavedOps() []session.Op {
	return []session.Op{
		{What: "note on Introduction", Keep: "We agreed:\n- a glossary\n- one owner", LastErr: errors.New("database /x/t.db is locked by another program")},
		{What: "rating Ana · explain · impact", Keep: "4"},
	}
}

func TestUnsavedChangesAreKept(t *testing.T) {
	dbDir := t.TempDir()
	db := filepath.Join(dbDir, "t.db")
	full := filepath.Join(t.TempDir(), "full")
	os.WriteFile(full, nil, 0o600) // a file where a folder should be: nothing goes there
	state := t.TempDir()
	for name, tc := range map[string]struct {
		dirs   []string
		inDir  string // where the file must be; "" none
		inText bool   // the message holds the changes themselves
	}{
		"beside the database":  {dirs: []string{dbDir, state}, inDir: dbDir},
		"in the state folder":  {dirs: []string{filepath.Join(full, "x"), state}, inDir: state},
		"nowhere: the message": {dirs: []string{filepath.Join(full, "x")}, inText: true},
	} {
		t.Run(name, func(t *testing.T) {
			err := tuiEnd(&tui.UnsavedError{Ops: unsavedOps()}, db, tc.dirs, rescueNow)
			msg := err.Error()
			for _, w := range []string{"2 changes could not be saved in " + db, "note on Introduction (database /x/t.db is locked", "rating Ana · explain · impact"} {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if tc.inText {
				if !strings.Contains(msg, "- one owner") {
					t.Errorf("the message does not hold the note:\n%s", msg)
				}
				return
			}
			path := filepath.Join(tc.inDir, "trustshop-unsaved-20261125-093000.txt")
			if !strings.Contains(msg, "is kept in "+path) {
				t.Errorf("message does not name %s:\n%s", path, msg)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			os.Remove(path)
			for _, w := range []string{"1. note on Introduction", "     We agreed:", "     - one owner", "2. rating Ana · explain · impact", "     4"} {
				if !strings.Contains(string(b), w) {
					t.Errorf("%s lacks %q:\n%s", path, w, b)
				}
			}
			if info, _ := os.Stat(filepath.Dir(path)); info != nil {
				if fi, _ := os.Stat(path); fi != nil && fi.Mode().Perm() != 0o600 {
					t.Errorf("mode %v", fi.Mode())
				}
			}
		})
	}
}

// Changes of the program's own (the step clock, the view) are named but
// not kept in a file as if someone had to type them in again.
func TestBookkeepingIsNotKeptAsTyped(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	clock := session.Op{What: "stopping the clock", LastErr: errors.New("database is locked")}
	msg := tuiEnd(&tui.UnsavedError{Ops: []session.Op{clock}}, db, []string{dir}, rescueNow).Error()
	if !strings.Contains(msg, "1 change could not be saved") || !strings.Contains(msg, "nothing to type in again") || strings.Contains(msg, "trustshop-unsaved-") {
		t.Errorf("only the clock unsaved:\n%s", msg)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "trustshop-unsaved-*")); len(files) != 0 {
		t.Errorf("a rescue file for the clock alone: %v", files)
	}
	msg = tuiEnd(&tui.UnsavedError{Ops: append(unsavedOps(), clock)}, db, []string{dir}, rescueNow).Error()
	b, err := os.ReadFile(filepath.Join(dir, "trustshop-unsaved-20261125-093000.txt"))
	if err != nil || strings.Contains(string(b), "stopping the clock") || !strings.Contains(string(b), "- one owner") {
		t.Errorf("the file holds %q (%v); message:\n%s", b, err, msg)
	}
}

func TestPanicSaysWhereTheDataIs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	err := tuiEnd(&tui.PanicError{Value: "index out of range", Stack: []byte("goroutine 1 [running]:\nmain.main()")}, db, []string{dir}, rescueNow)
	msg := err.Error()
	for _, w := range []string{"internal error: index out of range", "Everything typed before it was saved in " + db, "trustshop-crash-20261125-093000.txt"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	err = tuiEnd(&tui.PanicError{Value: "boom", Unsaved: unsavedOps()[:1]}, db, []string{dir}, rescueNow)
	if msg := err.Error(); !strings.Contains(msg, "1 change could not be saved") || !strings.Contains(msg, "trustshop-unsaved-") {
		t.Errorf("panic with unsaved changes:\n%s", msg)
	}
	var out, errb bytes.Buffer
	a := &app{streams: streams{out: &out, err: &errb}}
	_ = a
	if code := exitCode(tuiEnd(&tui.UnsavedError{Ops: unsavedOps()}, db, []string{dir}, rescueNow)); code == 0 {
		t.Error("unsaved changes exit 0")
	}
}

// exitCode is the status run gives an error a command returned.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, tui.ErrInterrupted), errors.Is(err, context.Canceled):
		return exitInterrupt
	case errors.As(err, &ue):
		return exitUsage
	}
	return exitError
}

// screen runs the built trustshop on a pty and collects what it draws.
type screen struct {
	cmd *exec.Cmd
	pty *os.File
	mu  sync.Mutex
	out bytes.Buffer
	// read is closed when the reader has read everything the program
	// wrote (the pty ends once the program has exited)
	read chan struct{}
}

func startScreen(t *testing.T, bin string, args ...string) *screen {
	t.Helper()
	s := &screen{cmd: exec.Command(bin, args...), read: make(chan struct{})}
	s.cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1")
	f, err := pty.StartWithSize(s.cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	s.pty = f
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		f.Close()
	})
	go func() {
		defer close(s.read)
		buf := make([]byte, 32<<10)
		for {
			n, err := f.Read(buf)
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return s
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

func (s *screen) waitFor(t *testing.T, want string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(s.text(), want) {
			return
		}
	}
	t.Fatalf("no %q on the screen:\n%q", want, s.text())
}

// waitTyped waits until what was typed into the notes editor is drawn:
// the renderer draws each key as it comes, between cursor moves and the
// step timer, so the typed letters are looked for in order in what was
// drawn since the editor opened.
func (s *screen) waitTyped(t *testing.T, typed string) {
	t.Helper()
	want := strings.Join(strings.Fields(typed), "")
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		drawn := ansi.Strip(s.text())
		if i := strings.LastIndex(drawn, "esc closes"); i >= 0 && subsequence(want, drawn[i:]) {
			return
		}
	}
	t.Fatalf("%q not drawn:\n%q", typed, s.text())
}

// subsequence reports whether the runes of sub appear in s in order.
func subsequence(sub, s string) bool {
	r := []rune(sub)
	for _, c := range s {
		if len(r) > 0 && c == r[0] {
			r = r[1:]
		}
	}
	return len(r) == 0
}

// wait waits for the program to end and returns its exit status.
func (s *screen) wait(t *testing.T) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		select { // the last words the program wrote, before they are looked for
		case <-s.read:
		case <-time.After(5 * time.Second):
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(40 * time.Second):
		t.Fatalf("the program did not end:\n%q", s.text())
	}
	return -1
}

// noteOf reads the note of a step from the database.
func noteOf(t *testing.T, db, id, step string) string {
	t.Helper()
	e, err := session.OpenEngine(context.Background(), db, session.Options{ReadOnly: true}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	w, err := e.Workshop(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return w.Notes[step].Body
}

// TestSignalsSaveWhatWasTyped: SIGTERM and SIGHUP end the workshop screen
// as ctrl+c does, with the note being typed saved.
func TestSignalsSaveWhatWasTyped(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not building trustshop")
	}
	bin := buildBinary(t, t.TempDir())
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			c := newCLI(t)
			id := c.newSession()
			s := startScreen(t, bin, "--db", c.db, "open", id)
			s.waitFor(t, "Step 1 of")
			s.pty.Write([]byte("e"))
			s.waitFor(t, "esc") // the notes editor
			s.pty.Write([]byte("Typed before " + sig.String()))
			s.waitTyped(t, "Typed before "+sig.String())
			s.cmd.Process.Signal(sig)
			if code := s.wait(t); code != exitInterrupt {
				t.Errorf("exit %d, want %d:\n%q", code, exitInterrupt, s.text())
			}
			if got := noteOf(t, c.db, id, "intro"); got != "Typed before "+sig.String() {
				t.Errorf("note = %q", got)
			}
		})
	}
}

// TestLockedDatabaseKeepsTheNote: a note that cannot be saved (another
// program holds the database locked) is named on quitting, kept in a file
// beside the database, and the exit status is not 0.
func TestLockedDatabaseKeepsTheNote(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not building trustshop, nor waiting for a lock")
	}
	bin := buildBinary(t, t.TempDir())
	c := newCLI(t)
	id := c.newSession()
	s := startScreen(t, bin, "--db", c.db, "open", id)
	s.waitFor(t, "Step 1 of")
	other, err := sql.Open("sqlite3", c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	s.pty.Write([]byte("e"))
	s.waitFor(t, "esc")
	s.pty.Write([]byte("Kept while locked"))
	s.waitTyped(t, "Kept while locked")
	s.pty.Write([]byte{3}) // ctrl+c
	if code := s.wait(t); code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	text := s.text()
	path := filepath.Join(filepath.Dir(c.db), "trustshop-unsaved-")
	if !strings.Contains(text, "could not be saved") || !strings.Contains(text, path) {
		t.Fatalf("the message does not say where the note is:\n%s", text)
	}
	files, _ := filepath.Glob(path + "*.txt")
	if len(files) != 1 {
		t.Fatalf("rescue files: %v", files)
	}
	if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "Kept while locked") {
		t.Errorf("%s:\n%s", files[0], b)
	}
}
