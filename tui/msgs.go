package tui

import (
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// clearStatusMsg removes the footer message with the given sequence number
// (a newer message is left alone).
type clearStatusMsg struct{ seq int }

// statusTTL is how long a footer message stays.
func statusTTL(isErr bool) time.Duration {
	if isErr {
		return 8 * time.Second
	}
	return 3 * time.Second
}

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
