package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// statusMsg shows a short message in the footer; errors stay longer.
type statusMsg struct {
	text  string
	isErr bool
}

// clearStatusMsg removes the footer message with the given sequence number
// (a newer message is left alone).
type clearStatusMsg struct{ seq int }

// openSessionMsg asks the root to open a session's walkthrough.
type openSessionMsg struct {
	id       string
	readOnly bool // review: nothing editable
}

// goHomeMsg asks the root to show the home screen again.
type goHomeMsg struct{}

// newSessionMsg asks the root to show the new-session form.
type newSessionMsg struct{}

// statusCmd returns a command that shows text in the footer.
func statusCmd(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}

// errorCmd returns a command that shows an error in the footer. The screen
// keeps what the user typed, so nothing is lost.
func errorCmd(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: err.Error(), isErr: true} }
}

// statusTTL is how long a footer message stays.
func statusTTL(isErr bool) time.Duration {
	if isErr {
		return 8 * time.Second
	}
	return 3 * time.Second
}

// themeChangedMsg tells the active screen that Common.Styles changed, so it
// re-renders what it keeps rendered.
type themeChangedMsg struct{}

// sessionsLoadedMsg carries the session list for the home screen.
type sessionsLoadedMsg struct {
	list []session.Summary
	err  error
}

// sessionDeletedMsg reports a deletion from the home screen.
type sessionDeletedMsg struct {
	id, title string
	err       error
}

// sessionCreatedMsg reports the result of the new-session form.
type sessionCreatedMsg struct {
	sess session.Session
	err  error
}

// packCheckedMsg carries the result of validating a pack folder typed in
// the new-session form.
type packCheckedMsg struct {
	dir  string // as typed
	abs  string // the absolute folder; "" for the embedded pack
	pack *content.Pack
	err  error
}
