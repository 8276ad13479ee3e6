package common

import (
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// The messages of this file change screens. A screen returns one (as a
// tea.Cmd) and the root builds the next screen: screens never hold the
// root or each other, so no screen package imports another to open it.
// Some messages replace the screens shown, others open a screen over the
// active one, which comes back when the one on top closes (PopMsg).

// GoHomeMsg asks for the home screen: esc on a screen opened over another
// goes back to that one instead.
type GoHomeMsg struct{}

// GoHome is a command that sends GoHomeMsg.
func GoHome() tea.Msg { return GoHomeMsg{} }

// PopMsg closes the screen on top and shows the one underneath again, or
// the home screen when there is none.
type PopMsg struct{}

// Pop is a command that sends PopMsg.
func Pop() tea.Msg { return PopMsg{} }

// NewSessionMsg asks for the new-session form.
type NewSessionMsg struct{}

// OpenSessionMsg asks for a session's walkthrough, or its review when
// ReadOnly (or when the app is read-only).
type OpenSessionMsg struct {
	ID       string
	ReadOnly bool
}

// PassLaptopMsg starts pass-the-laptop on a session the caller has open:
// each element in its current round.
type PassLaptopMsg struct {
	Workshop session.Workshop
}

// OpenResultsMsg opens the results of a loaded session over the active
// screen, as the facilitator's screen may show them (the engine decides:
// during the session only what was revealed to the room); Focus is an
// element to show first, or "".
type OpenResultsMsg struct {
	Sess   session.Session
	Pack   *content.Pack
	Viewer session.Viewer // the facilitator's screen, or a review
	Focus  string
}

// OpenExportMsg opens the export dialog over the active screen, for a
// loaded session (Pack set) or for session ID, read by the dialog.
type OpenExportMsg struct {
	ID   string
	Sess session.Session
	Pack *content.Pack
}

// OpenStepsMsg opens the walkthrough of session ID read-only over the
// active screen (a review's steps).
type OpenStepsMsg struct{ ID string }

// OpenDevicesMsg opens the devices screen of session ID over the active
// screen: the join screen and the live progress of participants rating
// from their own devices. Start serves the session first (on Addr, ""
// for the laptop's address on the local network) unless it is served.
type OpenDevicesMsg struct {
	ID    string
	Addr  string
	Start bool
}
