package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// q quits normally; ctrl+c quits too, but marks the program as interrupted
// so that the shell sees exit status 130.
func TestQuitKeys(t *testing.T) {
	for _, tc := range []struct {
		key         string
		interrupted bool
	}{{"q", false}, {"ctrl+c", true}} {
		e := newTSEnv(t)
		m := NewModel(e.ctx, e.options(""))
		next, cmd := m.Update(press(tc.key))
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
	e := newTSEnv(t)
	var m tea.Model = NewModel(e.ctx, e.options(e.sess.ID))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	m, _ = m.Update(press("?"))
	first := plain(m.View().Content)
	if !strings.Contains(first, "scroll (1–") {
		t.Fatalf("no scroll hint at 60x15:\n%s", first)
	}
	for range 30 {
		m, _ = m.Update(press("j"))
	}
	last := plain(m.View().Content)
	if !strings.Contains(last, "quit") || !strings.Contains(last, "next theme") || strings.Contains(last, "(1–") {
		t.Errorf("the end of the help is not reachable:\n%s", last)
	}
	m, _ = m.Update(press("esc"))
	if m.(Model).showHelp {
		t.Error("esc did not close the help")
	}
}
