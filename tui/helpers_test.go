package tui

import (
	"testing"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// options opens the env's session (or the home screen when id is "").
func options(e *tuitest.Env, id string) Options {
	return Options{Engine: e.Store, Pack: e.Pack, Theme: ThemeDark, Now: e.Clock.Now, Session: id}
}

// reviewOptions reviews the env's session (trustshop review ID).
func reviewOptions(e *tuitest.Env) Options {
	o := options(e, e.Sess.ID)
	o.Review = true
	return o
}

// rootDriver runs the root model synchronously (tuitest.RootDriver),
// dropping the messages of timers.
type rootDriver struct{ *tuitest.RootDriver }

func newRootDriver(tb testing.TB, m tea.Model, w, h int) *rootDriver {
	if root, ok := m.(Model); ok {
		// a synchronous driver collects the outbox's results and the
		// feed's changes itself (common.Common.Pumped)
		root.common.Pumped = true
		tb.Cleanup(root.common.Close)
	}
	return &rootDriver{tuitest.NewRootDriver(tb, m, w, h, isTimer)}
}

// isTimer reports the messages of timers: the clock's tick and the
// cursor blink would go on for ever.
func isTimer(msg tea.Msg) bool {
	switch msg.(type) {
	case clockTickMsg, cursor.BlinkMsg:
		return true
	}
	return false
}

// model is the root model now.
func (d *rootDriver) model() Model { return d.M.(Model) }

// screen is the active screen.
func (d *rootDriver) screen() common.Screen { return d.model().active }

// text is the frame as plain text.
func (d *rootDriver) text() string { return tuitest.ScreenText(d.M) }
