package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// What a screen said in the status line does not outlive it: a screen
// opened over it (the export dialog over the grid that said "9 is not on
// the Impact scale") or its closing starts with an empty status line.
func TestANewScreenClearsTheStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(m Model) Model
	}{
		{name: "push", change: func(m Model) Model { m, _ = m.push(&recorder{}); return m }},
		{name: "pop", change: func(m Model) Model { m, _ = m.pop(); return m }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := newModel(tuitest.NewEnv(t).Common(t), &recorder{}).push(&recorder{})
			var next tea.Model
			next, _ = m.Update(common.StatusMsg{Text: "9 is not on the Impact scale"})
			m = tc.change(next.(Model))
			if m.status.Text != "" {
				t.Errorf("the status line still says %q", m.status.Text)
			}
		})
	}
}
