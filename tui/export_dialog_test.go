package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// openExport is a driver on the env's session at the summary step with
// the export dialog open (x).
func openExport(t *testing.T, e *tuitest.Env) (*rootDriver, *exportDialog) {
	t.Helper()
	e.AtStep(t, "summary")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("x")
	dlg, ok := d.screen().(*exportDialog)
	if !ok {
		t.Fatalf("x opened %T", d.screen())
	}
	return d, dlg
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
	if _, ok := d.screen().(*walkthrough); !ok {
		t.Fatalf("after writing: %T", d.screen())
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
		if d.screen() != common.Screen(dlg) {
			t.Fatalf("%s: the dialog closed on a failed write", path)
		}
		if dlg.path.Value() != path || exportFormats[dlg.format].name != "html" {
			t.Errorf("%s: input lost: %q, %s", path, dlg.path.Value(), exportFormats[dlg.format].name)
		}
		st := d.LastStatus()
		if !st.IsErr || !strings.Contains(st.Text, "cannot create a file in") || !strings.Contains(d.text(), "cannot create") {
			t.Errorf("%s: status %+v:\n%s", path, st, d.text())
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s: written", path)
		}
	}
	d.Press("esc")
	if _, ok := d.screen().(*walkthrough); !ok || d.LastStatus().Text != "Not exported" {
		t.Errorf("esc: %T, %+v", d.screen(), d.LastStatus())
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
	if b, _ := os.ReadFile(path); string(b) != "keep me" || !strings.Contains(d.text(), "The file exists") {
		t.Fatalf("replaced without asking:\n%s", d.text())
	}
	d.Press("enter")
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "# Pilot workshop") {
		t.Errorf("not replaced on the second enter: %.80q", b)
	}
}

func TestExportFromHome(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, "")), 100, 30)
	d.Press("x")
	dlg, ok := d.screen().(*exportDialog)
	if !ok {
		t.Fatalf("x on the home screen opened %T", d.screen())
	}
	if !strings.Contains(d.text(), "Export “Pilot workshop”") || !strings.HasSuffix(dlg.path.Value(), e.Sess.ID+".md") {
		t.Errorf("the dialog:\n%s", d.text())
	}
	d.Press("esc")
	if _, ok := d.screen().(*homeScreen); !ok {
		t.Errorf("esc: %T", d.screen())
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
