package rating

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// isRatingMsg reports the messages a grid or pass-the-laptop sends itself.
func isRatingMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case ratingsLoadedMsg, missingMsg:
		return true
	}
	return false
}

// newGridDriver builds a grid on the env's session and sends it its first
// message so that it reads its cells.
func newGridDriver(tb testing.TB, env *tuitest.RatingEnv, element string, w, h int) (*Grid, *tuitest.Driver) {
	tb.Helper()
	ws := env.Workshop(tb)
	m := NewGrid(env.C, ws, element)
	m.SetSize(w, h)
	d := &tuitest.Driver{TB: tb, C: env.C, Feed: isRatingMsg, Update: func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }}
	d.Run(env.C.Follow(ws.Session.ID, ws.Seq))     // as the walkthrough does
	d.Others = nil                                 // the read of the clock, the root's
	d.Send(tea.WindowSizeMsg{Width: w, Height: h}) // any first message starts the read
	if !m.ed.loaded {
		tb.Fatal("the grid did not read the store")
	}
	return m, d
}
