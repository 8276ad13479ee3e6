package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/rating"
)

// typeText types s key by key.
func (d *rootDriver) typeText(s string) {
	for _, r := range s {
		d.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// ctrl+c in the middle of a rating comment saves what was typed, in the
// grid as in pass-the-laptop.
func TestCtrlCSavesAHalfTypedRatingComment(t *testing.T) {
	for _, where := range []string{"grid", "laptop"} {
		t.Run(where, func(t *testing.T) {
			e := tuitest.NewEnv(t)
			e.AtStep(t, "element:explain")
			d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
			d.Press("r")
			if where == "laptop" {
				d.Press("P", "enter")
				if _, ok := d.screen().(*rating.Laptop); !ok {
					t.Fatalf("P opened %T", d.screen())
				}
			}
			d.Press("c")
			d.typeText("half a thou")
			d.Press("ctrl+c")
			if len(d.model().unsaved) != 0 {
				t.Fatalf("unsaved: %+v", d.model().unsaved)
			}
			ana := e.Sess.Participants[0]
			cells, err := e.Store.Cells(e.Ctx, session.Viewer{Kind: session.ViewResearcher}, e.Sess.ID, session.CellQuery{Element: "explain", Round: 1})
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, c := range cells {
				if c.ParticipantID == ana.ID && c.CriterionID == e.Pack.Criteria[0].ID {
					got = c.Comment
				}
			}
			if got != "half a thou" {
				t.Errorf("the comment being typed at ctrl+c: stored %q", got)
			}
		})
	}
}

// A session deleted by another process while it is open: every write
// says so in a sentence (no SQLite wording), and what was typed (a note,
// a rating, a comment half-written at ctrl+c) is kept for the rescue
// file rather than dropped.
func TestSessionDeletedWhileOpenKeepsWhatWasTyped(t *testing.T) {
	check := func(t *testing.T, d *rootDriver, want ...string) {
		t.Helper()
		for _, s := range d.Statuses {
			if strings.Contains(s.Text, "FOREIGN KEY") || strings.Contains(s.Text, "constraint") {
				t.Errorf("status in SQLite's words: %q", s.Text)
			}
		}
		var kept []string
		for _, op := range d.model().unsaved {
			kept = append(kept, op.Keep)
		}
		all := strings.Join(kept, "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%q was lost; kept:\n%s", w, all)
			}
		}
		if n := strings.Count(all, "Note on"); n > 1 {
			t.Errorf("the note is kept %d times, once per key:\n%s", n, all)
		}
	}
	t.Run("grid", func(t *testing.T) {
		e := tuitest.NewEnv(t)
		e.AtStep(t, "element:explain")
		d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
		d.Press("r") // the grid reads its cells while the session is there
		if err := e.Store.DeleteSession(e.Ctx, session.CommandLine(), e.Sess.ID); err != nil {
			t.Fatal(err)
		}
		d.Press("4", "down", "c")
		d.typeText("why not")
		d.Press("enter", "down", "c")
		d.typeText("half")
		d.Press("ctrl+c")
		if last := d.Statuses[len(d.Statuses)-1].Text; !strings.Contains(last, "deleted by another trustshop") {
			t.Errorf("last status %q", last)
		}
		check(t, d, "Ana · Impact, round 1: 4", "why not", "half")
	})
	t.Run("note", func(t *testing.T) {
		e := tuitest.NewEnv(t)
		e.AtStep(t, "element:explain")
		d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
		if err := e.Store.DeleteSession(e.Ctx, session.CommandLine(), e.Sess.ID); err != nil {
			t.Fatal(err)
		}
		d.Press("e")
		d.typeText("a note")
		d.Press("esc", "r")
		if v := d.text(); !strings.Contains(v, "deleted by another trustshop") {
			t.Errorf("the grid of a deleted session:\n%s", v)
		}
		d.Press("ctrl+c")
		check(t, d, "a note")
	})
}
