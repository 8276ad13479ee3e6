package tui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/trustshop/trustshop/tui/common"
)

// elementPane is the right pane of an element step when the facilitator
// presses r (common.KeyMap.Rate): the rating grid of issue 4. The walkthrough gives
// it the pane's size, forwards every message while it is shown, lists its
// keys in the footer and help, and treats it as typing while Capturing.
// It is built by newRatingPane(c, pack, sess, elementID).
type elementPane interface {
	Update(tea.Msg) (elementPane, tea.Cmd)
	View() string
	SetSize(w, h int)
	help.KeyMap
	Capturing() bool
}

// closeRating drops the rating pane after committing the writes it still
// has queued behind the one under way: a key typed just before closing the
// grid must not be lost.
func (w *walkthrough) closeRating() tea.Cmd {
	var cmd tea.Cmd
	if f, ok := w.rating.(common.Flusher); ok {
		cmd = f.Flush()
	}
	w.rating = nil
	return cmd
}

// indexOr returns the index of the first item that matches, or fallback.
func indexOr[T any](items []T, match func(T) bool, fallback int) int {
	if i := slices.IndexFunc(items, match); i >= 0 {
		return i
	}
	return fallback
}
