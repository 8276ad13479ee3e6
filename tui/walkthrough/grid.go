package walkthrough

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The rating grid of package rating takes the right pane of an element
// step while it is open (r): the walkthrough gives it the pane's size,
// forwards it every message, lists its keys in the footer and the help,
// and treats it as typing while it captures keys.

// updateGrid hands a message to the open grid; r or esc closes it, and n
// and p still change steps.
func (w *Model) updateGrid(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	switch {
	case !isKey || w.rating.Capturing():
	case key.Matches(k, w.keys.Rate, w.c.Keys.Back): // r or esc: back to the element's text
		cmd := w.closeRating()
		w.layout()
		return cmd
	case k.String() == "n" || k.String() == "p" || key.Matches(k, w.keys.Edit):
		// The grid moves with arrows and h/l; n and p still change steps,
		// so the facilitator can go on without closing the grid first,
		// and E adds a late participant to it.
		return w.onKey(k)
	}
	var cmd tea.Cmd
	w.rating, cmd = w.rating.Update(msg)
	return cmd
}

// closeRating drops the rating grid; the changes it handed to the outbox
// go on to the engine.
func (w *Model) closeRating() tea.Cmd {
	w.rating = nil
	return nil
}
