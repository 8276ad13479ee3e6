package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/exportdialog"
	"github.com/trustshop/trustshop/tui/home"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/results"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// q quits normally; ctrl+c quits too, but marks the program as interrupted
// so that the shell sees exit status 130.
func TestQuitKeys(t *testing.T) {
	for _, tc := range []struct {
		key         string
		interrupted bool
	}{{"q", false}, {"ctrl+c", true}} {
		e := tuitest.NewEnv(t)
		m := NewModel(e.Ctx, options(e, ""))
		next, cmd := m.Update(tuitest.Press(tc.key))
		if cmd == nil {
			t.Fatalf("%s: no quit command", tc.key)
		}
		if got := next.(Model).interrupted; got != tc.interrupted {
			t.Errorf("%s: interrupted = %v, want %v", tc.key, got, tc.interrupted)
		}
	}
}

// In a small window the help scrolls, so every key can be read.
func TestHelpScrollsInSmallWindow(t *testing.T) {
	e := tuitest.NewEnv(t)
	var m tea.Model = NewModel(e.Ctx, options(e, e.Sess.ID))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	m, _ = m.Update(tuitest.Press("?"))
	first := tuitest.Plain(m.View().Content)
	if !strings.Contains(first, "scroll (1–") {
		t.Fatalf("no scroll hint at 60x15:\n%s", first)
	}
	for range 30 {
		m, _ = m.Update(tuitest.Press("j"))
	}
	last := tuitest.Plain(m.View().Content)
	if !strings.Contains(last, "quit") || !strings.Contains(last, "next theme") || strings.Contains(last, "(1–") {
		t.Errorf("the end of the help is not reachable:\n%s", last)
	}
	m, _ = m.Update(tuitest.Press("esc"))
	if m.(Model).showHelp {
		t.Error("esc did not close the help")
	}
}

// x on the home screen exports the selected session; esc comes back.
func TestExportFromHome(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, "")), 100, 30)
	d.Press("x")
	if _, ok := d.screen().(*exportdialog.Model); !ok {
		t.Fatalf("x on the home screen opened %T", d.screen())
	}
	if !strings.Contains(d.text(), "Export “Pilot workshop”") || !strings.Contains(d.text(), e.Sess.ID+".md") {
		t.Errorf("the dialog:\n%s", d.text())
	}
	d.Press("esc")
	if _, ok := d.screen().(*home.Model); !ok {
		t.Errorf("esc: %T", d.screen())
	}
}

// TestResultsOverTheGrid: R works while the rating grid is open and esc
// comes back to the grid.
func TestResultsOverTheGrid(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	e.AtStep(t, "element:explain")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("r")
	w, ok := d.screen().(*walkthrough.Model)
	if !ok || !strings.Contains(d.text(), "r: back to the text") {
		t.Fatalf("r did not open the grid:\n%s", d.text())
	}
	d.Press("R")
	if _, ok := d.screen().(*results.Model); !ok {
		t.Fatalf("R over the grid opened %T", d.screen())
	}
	d.Press("esc")
	if d.screen() != common.Screen(w) || !strings.Contains(d.text(), "r: back to the text") {
		t.Errorf("esc went to %T, without the grid:\n%s", d.screen(), d.text())
	}
	// x is the grid's own key (clear), not export
	d.Press("x")
	if _, ok := d.screen().(*exportdialog.Model); ok {
		t.Error("x over the grid opened the export dialog")
	}
}

// recorder is a screen that records the messages it gets.
type recorder struct{ got []tea.Msg }

func (r *recorder) Init() tea.Cmd { return nil }
func (r *recorder) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	r.got = append(r.got, msg)
	return r, nil
}
func (r *recorder) View() string              { return "" }
func (r *recorder) SetSize(int, int)          {}
func (r *recorder) ShortHelp() []key.Binding  { return nil }
func (r *recorder) FullHelp() [][]key.Binding { return nil }
func (r *recorder) Title() string             { return "recorder" }
func (r *recorder) Capturing() bool           { return false }

// A screen opened over another (the results over the walkthrough) gets
// the input; the one underneath keeps getting every other message, so its
// timer, polling and writes go on.
func TestScreensUnderneathGetWhatIsNotInput(t *testing.T) {
	below, top := &recorder{}, &recorder{}
	m, _ := newModel(tuitest.NewEnv(t).Common(t), below).push(top)
	type tick struct{}
	var next tea.Model = m
	for _, msg := range []tea.Msg{tick{}, tuitest.Press("j"), tea.PasteMsg{Content: "x"}} {
		next, _ = next.Update(msg)
	}
	if len(top.got) != 3 {
		t.Errorf("the screen on top got %v", top.got)
	}
	if len(below.got) != 1 || below.got[0] != (tick{}) {
		t.Errorf("the screen underneath got %v, want the tick alone", below.got)
	}
}
