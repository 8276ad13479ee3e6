package tui

import (
	tea "charm.land/bubbletea/v2"
)

// closeRating drops the rating pane after committing the writes it still
// has queued behind the one under way: a key typed just before closing the
// grid must not be lost.
func (w *walkthrough) closeRating() tea.Cmd {
	if w.rating == nil {
		return nil
	}
	cmd := w.rating.Flush()
	w.rating = nil
	return cmd
}
