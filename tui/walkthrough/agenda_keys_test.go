package walkthrough

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// While a narrow window shows the agenda in place of the text, keys meant
// for the hidden pane do nothing but say so: nothing is rated, noted or
// opened unseen. On a wide window they act and take the focus from the
// agenda.
func TestAgendaFocusKeepsHiddenPaneKeys(t *testing.T) {
	tests := []struct {
		name       string
		width      int
		keys       []string
		wantGrid   bool
		wantEditor bool
		wantDetour bool
		wantAgenda bool
		wantStatus bool // the last key left a status line
	}{
		{name: "narrow: r does not open the grid", width: 60, keys: []string{"tab", "r", "5"}, wantAgenda: true, wantStatus: true},
		{name: "narrow: e does not open the editor", width: 60, keys: []string{"tab", "e", "x"}, wantAgenda: true, wantStatus: true},
		{name: "narrow: a number opens nothing", width: 60, keys: []string{"tab", "1"}, wantAgenda: true, wantStatus: true},
		{name: "narrow: n changes no step", width: 60, keys: []string{"tab", "n"}, wantAgenda: true, wantStatus: true},
		{name: "narrow: E opens nothing", width: 60, keys: []string{"tab", "E"}, wantAgenda: true, wantStatus: true},
		{name: "narrow: R opens nothing", width: 60, keys: []string{"tab", "R"}, wantAgenda: true, wantStatus: true},
		{name: "narrow: tab back, then r rates", width: 60, keys: []string{"tab", "tab", "r"}, wantGrid: true},
		{name: "wide: r opens the grid and takes the focus", width: 100, keys: []string{"tab", "r"}, wantGrid: true},
		{name: "wide: e opens the editor and takes the focus", width: 100, keys: []string{"tab", "e"}, wantEditor: true},
		{name: "wide: a wrong key says so", width: 100, keys: []string{"w"}, wantStatus: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
			step := -1
			for i, s := range env.Pack.Agenda {
				if s.Kind == content.StepElement && step < 0 {
					step = i
				}
			}
			if err := env.St.MoveTo(context.Background(), session.Facilitator(), env.Sess.ID, step, false); err != nil {
				t.Fatal(err)
			}
			w := New(env.C, env.Sess.ID, false)
			w.SetSize(tc.width, 13)
			d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
			d.Run(w.Init())
			for _, k := range tc.keys {
				d.Statuses = nil
				d.Press(k)
			}
			status := d.LastStatus().Text
			if got := w.rating != nil; got != tc.wantGrid {
				t.Errorf("grid open = %v, want %v", got, tc.wantGrid)
			}
			if got := w.notes.editor != nil; got != tc.wantEditor {
				t.Errorf("editor open = %v, want %v", got, tc.wantEditor)
			}
			if got := w.detours.open(); got != tc.wantDetour {
				t.Errorf("detour open = %v, want %v", got, tc.wantDetour)
			}
			if w.agenda.focus != tc.wantAgenda {
				t.Errorf("agenda focus = %v, want %v", w.agenda.focus, tc.wantAgenda)
			}
			if w.currentStep().Kind != content.StepElement {
				t.Errorf("step moved to %s", w.currentStep().Key())
			}
			if (status != "") != tc.wantStatus {
				t.Errorf("status = %q, want one: %v", status, tc.wantStatus)
			}
		})
	}
}

// While a comment is typed, esc is the grid's (back from the comment):
// the key bar does not also offer "r/esc back to the text".
func TestCommentKeyBarHasOneEsc(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	step := -1
	for i, s := range env.Pack.Agenda {
		if s.Kind == content.StepElement && step < 0 {
			step = i
		}
	}
	if err := env.St.MoveTo(context.Background(), session.Facilitator(), env.Sess.ID, step, false); err != nil {
		t.Fatal(err)
	}
	w := New(env.C, env.Sess.ID, false)
	w.SetSize(100, 28)
	d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
	d.Run(w.Init())
	d.Press("r", "c")
	if w.rating == nil || !w.rating.Capturing() {
		t.Fatal("r, c did not start a comment")
	}
	escs := 0
	for _, b := range w.ShortHelp() {
		if strings.Contains(b.Help().Key, "esc") {
			escs++
		}
	}
	if escs != 1 {
		t.Errorf("the key bar offers esc %d times while a comment is typed", escs)
	}
}
