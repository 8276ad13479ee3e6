package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/home"
)

// Screens can open a screen over themselves and get back to where they
// were: the results over the walkthrough, the export dialog over the
// results, the read-only walkthrough over the review. The root keeps the
// screens underneath (Model.below), sizes them, and passes them every
// message that is not input, so their timers, polls and writes go on; esc
// on the top screen comes back with common.PopMsg (or common.GoHomeMsg,
// which pops while there is a screen underneath).

// isInput reports whether msg is the user's input, which only the active
// screen gets.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg, tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg:
		return true
	}
	return false
}

// updateBelow passes a message that is not input to the screens underneath.
func (m *Model) updateBelow(msg tea.Msg) tea.Cmd {
	if len(m.below) == 0 || isInput(msg) {
		return nil
	}
	var cmds []tea.Cmd
	for i, s := range m.below {
		var cmd tea.Cmd
		m.below[i], cmd = s.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// push shows s over the active screen.
func (m Model) push(s common.Screen) (Model, tea.Cmd) {
	m.below = append(m.below, m.active)
	return m.switchTo(s)
}

// pop closes the active screen; the one underneath comes back at the
// current size. Without one it goes home.
func (m Model) pop() (Model, tea.Cmd) {
	if len(m.below) == 0 {
		return m.switchTo(home.New(m.common))
	}
	m.active = m.below[len(m.below)-1]
	m.below = m.below[:len(m.below)-1]
	m.showHelp = false
	m.status = common.StatusMsg{} // what the closed screen said is stale
	if m.width > 0 {
		m.active.SetSize(m.contentSize())
	}
	return m, nil
}

// flushAll hands the pending input of the active screen and of those
// underneath (a note typed before the results were opened) to the outbox,
// then waits for the outbox to deliver everything, at most flushWait. What
// could not be saved comes back in flushedMsg.
func (m Model) flushAll() tea.Cmd {
	var cmds []tea.Cmd
	for _, s := range append([]common.Screen{m.active}, m.below...) {
		if f, ok := s.(common.Flusher); ok {
			if cmd := f.Flush(); cmd != nil {
				cmds = append(cmds, cmd)
			}
		}
	}
	outbox := m.common.Outbox
	cmds = append(cmds, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), flushWait)
		defer cancel()
		return flushedMsg{undelivered: outbox.Flush(ctx)}
	})
	return tea.Sequence(cmds...)
}

// flushWait is how long quitting waits for the outbox: long enough for a
// database another program holds locked for a moment.
const flushWait = 10 * time.Second

// flushedMsg reports the changes that could not be saved before quitting.
type flushedMsg struct{ undelivered []session.Op }
