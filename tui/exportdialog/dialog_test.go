package exportdialog

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// openExport is the export dialog of the env's session, loaded, at 100x28
// (a 100x30 window less the header and footer), with a driver.
func openExport(t *testing.T, e *tuitest.Env) (*tuitest.Driver, *Model) {
	t.Helper()
	dlg := New(e.Common(t), e.Sess, e.Pack)
	dlg.SetSize(100, 28)
	d := &tuitest.Driver{TB: t, Feed: isDialogMsg, Update: func(msg tea.Msg) tea.Cmd { _, cmd := dlg.Update(msg); return cmd }}
	d.Run(dlg.Init())
	return d, dlg
}

// isDialogMsg reports the messages the dialog sends itself.
func isDialogMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case exportSessionMsg, exportedMsg:
		return true
	}
	return false
}

// closed reports whether the dialog asked to be closed.
func closed(d *tuitest.Driver) bool {
	return slices.ContainsFunc(d.Others, func(m tea.Msg) bool { _, ok := m.(common.PopMsg); return ok })
}

func TestExportDialogWrites(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d, dlg := openExport(t, e)
	if want := "./pilot-workshop-" + e.Sess.ID + ".md"; dlg.path.Value() != want {
		t.Errorf("proposed %q, want %q", dlg.path.Value(), want)
	}
	d.Press("down")
	if want := "./pilot-workshop-" + e.Sess.ID + ".csv"; dlg.path.Value() != want {
		t.Errorf("csv: proposed %q, want %q", dlg.path.Value(), want)
	}
	path := filepath.Join(t.TempDir(), "ratings.csv")
	dlg.path.SetValue(path)
	d.Press("enter")
	if !closed(d) {
		t.Fatalf("after writing the dialog is still open:\n%s", tuitest.Plain(dlg.View()))
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := d.LastStatus(); st.IsErr || st.Text != fmt.Sprintf("Wrote %d bytes to %s", info.Size(), path) {
		t.Errorf("status %+v, file of %d bytes", st, info.Size())
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "session_id,session_title,participant") || strings.Count(string(b), "\n") < 40 {
		t.Errorf("the csv: %.200q", b)
	}
}

// TestExportDialogKeepsInputOnError: a folder that cannot be written to
// leaves the dialog open with the format and the name, and says why.
func TestExportDialogKeepsInputOnError(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d, dlg := openExport(t, e)
	dir := t.TempDir()
	blocker := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []string{filepath.Join(blocker, "out.html")}
	if os.Geteuid() != 0 { // root writes into a read-only folder anyway
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, filepath.Join(ro, "out.html"))
	}
	d.Press("up") // html
	for _, path := range cases {
		dlg.path.SetValue(path)
		d.Press("enter")
		if closed(d) {
			t.Fatalf("%s: the dialog closed on a failed write", path)
		}
		if dlg.path.Value() != path || exportFormats[dlg.format].name != "html" {
			t.Errorf("%s: input lost: %q, %s", path, dlg.path.Value(), exportFormats[dlg.format].name)
		}
		st := d.LastStatus()
		if !st.IsErr || !strings.Contains(st.Text, "cannot create a file in") || !strings.Contains(tuitest.Plain(dlg.View()), "cannot create") {
			t.Errorf("%s: status %+v:\n%s", path, st, tuitest.Plain(dlg.View()))
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s: written", path)
		}
	}
	d.Press("esc")
	if !closed(d) || d.LastStatus().Text != "Not exported" {
		t.Errorf("esc: closed %v, %+v", closed(d), d.LastStatus())
	}
}

func TestExportDialogAsksBeforeReplacing(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d, dlg := openExport(t, e)
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	dlg.path.SetValue(path)
	d.Press("enter")
	if b, _ := os.ReadFile(path); string(b) != "keep me" || !strings.Contains(tuitest.Plain(dlg.View()), "The file exists") {
		t.Fatalf("replaced without asking:\n%s", tuitest.Plain(dlg.View()))
	}
	d.Press("enter")
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "# Pilot workshop") {
		t.Errorf("not replaced on the second enter: %.80q", b)
	}
}

func TestSlugify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"Pilot workshop", "pilot-workshop"},
		{"  Trust & IP: round 2!  ", "trust-ip-round-2"},
		{"Übung März", "übung-märz"},
		{"../../etc/passwd", "etc-passwd"},
		{"", "session"},
		{"!!!", "session"},
		{strings.Repeat("abc ", 20), "abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-a"},
	} {
		if got := slugify(tc.in); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The file's path is edited with the keys of a text field: typed,
// erased, moved through; the export goes where it says.
func TestExportDialogPathIsEdited(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d, dlg := openExport(t, e)
	dir := t.TempDir()
	d.Press("ctrl+u") // the proposed name goes
	d.TypeText(dir + "/pilot.md")
	d.Press("left", "left", "left", "backspace") // "pilot.md" → "pilo.md"
	d.TypeText("t-notes")
	d.Press("ctrl+a")
	d.TypeText(" ") // a space at the start: trimmed when written
	if got, want := dlg.path.Value(), " "+dir+"/pilot-notes.md"; got != want {
		t.Fatalf("path %q, want %q", got, want)
	}
	d.Press("enter")
	if !closed(d) {
		t.Fatalf("not written:\n%s", tuitest.Plain(dlg.View()))
	}
	if _, err := os.Stat(filepath.Join(dir, "pilot-notes.md")); err != nil {
		t.Error(err)
	}
}
