package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// elementPane is the right pane of an element step when the facilitator
// presses r (KeyMap.Rate): the rating grid of issue 4. The walkthrough gives
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
