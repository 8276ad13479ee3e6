package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Screen is one page of the app (soft-serve's common.Component). Screens
// return strings; only the root returns a tea.View. They change screens by
// returning the messages of screens.go, never by holding the root.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	help.KeyMap
	// Title names the screen in the header.
	Title() string
	// Capturing reports whether the screen takes text input right now, so
	// that q and ? are typed rather than acted on.
	Capturing() bool
}

// Flusher is a screen with pending writes (a note being typed) that must
// be committed before the program quits.
type Flusher interface {
	Flush() tea.Cmd
}
