package common

import (
	tea "charm.land/bubbletea/v2"
)

// StatusMsg shows a short message in the footer; errors stay longer. The
// zero value empties the footer.
type StatusMsg struct {
	Text  string
	IsErr bool
}

// StatusCmd returns a command that shows text in the footer.
func StatusCmd(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text} }
}

// ErrorCmd returns a command that shows an error in the footer. The screen
// keeps what the user typed, so nothing is lost.
func ErrorCmd(err error) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: err.Error(), IsErr: true} }
}

// ThemeChangedMsg tells the screens that Common.Styles changed, so they
// re-render what they keep rendered.
type ThemeChangedMsg struct{}

// SetThemeMsg asks the root for a theme: a session reopens in the theme
// it was left in, unless the command line chose one (Common.KeepTheme).
type SetThemeMsg struct{ Theme Theme }

// TickMsg comes to every screen once a second while a session's clock is
// shown (the root's tick): screens redraw their time and save what they
// keep as they go (the walkthrough's scroll).
type TickMsg struct{}
