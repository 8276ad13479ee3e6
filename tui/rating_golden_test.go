package tui

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/rating"
)

// gridScreen shows a rating grid as the whole screen, as the walkthrough's
// right pane would, for end-to-end tests through the root model.
type gridScreen struct {
	pane *rating.Grid
	sync chan struct{}
}

// rtSyncMsg asks a test screen to report once its writes are done; quiet
// counts the checks in a row that found it idle.
type rtSyncMsg struct{ quiet int }

// rtSyncedMsg comes back to the screen when the program is idle.
type rtSyncedMsg struct{}

func (g *gridScreen) Init() tea.Cmd { return g.pane.Init() }
func (g *gridScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case rtSyncMsg:
		return g, syncWhenIdle(g.pane.Busy(), msg)
	case rtSyncedMsg:
		close(g.sync)
		return g, nil
	}
	_, cmd := g.pane.Update(msg)
	return g, cmd
}
func (g *gridScreen) View() string              { return g.pane.View() }
func (g *gridScreen) SetSize(w, h int)          { g.pane.SetSize(w, h) }
func (g *gridScreen) ShortHelp() []key.Binding  { return g.pane.ShortHelp() }
func (g *gridScreen) FullHelp() [][]key.Binding { return g.pane.FullHelp() }
func (g *gridScreen) Title() string             { return "Rating" }
func (g *gridScreen) Capturing() bool           { return g.pane.Capturing() }

// syncWhenIdle waits for the screen's reads and writes (and a reveal), then
// for the status messages they send, then clears the footer's status (so
// the golden does not depend on its timer) and reports.
func syncWhenIdle(busy bool, msg rtSyncMsg) tea.Cmd {
	again := func(quiet int) tea.Cmd {
		return tea.Tick(10*time.Millisecond, func(time.Time) tea.Msg { return rtSyncMsg{quiet} })
	}
	switch {
	case busy:
		return again(0)
	case msg.quiet < 3:
		return again(msg.quiet + 1)
	}
	return tea.Sequence(func() tea.Msg { return common.StatusMsg{} }, func() tea.Msg { return rtSyncedMsg{} })
}

// laptopTestScreen adds the sync barrier to pass-the-laptop.
type laptopTestScreen struct {
	*rating.Laptop
	sync chan struct{}
}

func (l *laptopTestScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case rtSyncMsg:
		return l, syncWhenIdle(l.Busy(), msg)
	case rtSyncedMsg:
		close(l.sync)
		return l, nil
	}
	_, cmd := l.Laptop.Update(msg)
	return l, cmd
}

// runGolden drives the root model around s in a real program at 100x30
// with the ASCII colour profile and a fixed clock, sends the keys, waits
// for the writes and compares the final frame, without styling, with
// testdata/<TestName>.golden.
func runGolden(t *testing.T, s common.Screen, sync chan struct{}, env *tuitest.RatingEnv, keys ...string) {
	t.Helper()
	runGoldenAt(t, 100, 30, s, sync, env, keys...)
}

// runGoldenAt is runGolden at another window size.
func runGoldenAt(t *testing.T, w, h int, s common.Screen, sync chan struct{}, env *tuitest.RatingEnv, keys ...string) {
	t.Helper()
	env.C.Pumped = false // a real program listens to the outbox itself
	root := newModel(env.C, s)
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	for _, k := range keys {
		tm.Send(tuitest.Press(k))
	}
	tm.Send(rtSyncMsg{})
	select {
	case <-sync:
	case <-time.After(10 * time.Second):
		tm.Quit()
		final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
		t.Fatalf("the screen did not become idle; it shows:\n%s", tuitest.Plain(final.View().Content))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	teatest.RequireEqualOutput(t, []byte(tuitest.Plain(final.View().Content)+"\n"))
}

func newGridScreen(t testing.TB, env *tuitest.RatingEnv, element string) *gridScreen {
	m := rating.NewGrid(env.C, env.Workshop(t), element)
	return &gridScreen{pane: m, sync: make(chan struct{})}
}

func TestGoldenRatingGridBlind(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	g := newGridScreen(t, env, "explain")
	runGolden(t, g, g.sync, env, "4", "tab", "2", "tab", "a", "down", "down", "c", "s", "o", "o", "n", "enter")
}

func TestGoldenRatingGridRevealed(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	g := newGridScreen(t, env, "explain")
	runGolden(t, g, g.sync, env, "4", "tab", "2", "tab", "a", "tab", "3", "tab", "5", "c", "s", "o", "o", "n", "enter", "tab", "1",
		"ctrl+o", "up", "up")
}

func TestGoldenRatingGridRevealAsks(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	g := newGridScreen(t, env, "explain")
	runGolden(t, g, g.sync, env, "4", "down", "a", "ctrl+o")
}

func TestGoldenRatingGridEdgeScales(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.EdgePack(t))
	g := newGridScreen(t, env, "explain")
	runGolden(t, g, g.sync, env, "1", "0", "down", "0", "right")
}

func newLaptopTestScreen(t testing.TB, env *tuitest.RatingEnv) *laptopTestScreen {
	return &laptopTestScreen{Laptop: rating.NewLaptop(env.C, env.Workshop(t)), sync: make(chan struct{})}
}

func TestGoldenLaptopHandover(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	l := newLaptopTestScreen(t, env)
	// Ana rates the first element, hands over; the screen names Ben and
	// shows nothing of Ana's.
	runGolden(t, l, l.sync, env, "enter", "4", "down", "2", "esc", "y")
}

func TestGoldenLaptopRating(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	l := newLaptopTestScreen(t, env)
	runGolden(t, l, l.sync, env, "enter", "4", "down", "a", "n", "5", "c", "m", "a", "y", "b", "e", "enter")
}

func TestGoldenLaptopMissingWarning(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	l := newLaptopTestScreen(t, env)
	runGolden(t, l, l.sync, env, "enter", "4", "down", "2", "esc", "y", "enter", "3", "esc", "y", "esc")
}

// The root starts pass-the-laptop on the session it is given, each
// element in its current round (here a round 2 on every element).
func TestRootRoutesPassLaptop(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0)
	if err := env.St.OpenRound(env.C.Ctx, session.Facilitator(), env.Sess.ID, 2, nil); err != nil {
		t.Fatal(err)
	}
	root := newModel(env.C, newGridScreen(t, env, "explain"))
	next, cmd := root.Update(common.PassLaptopMsg{Workshop: env.Workshop(t)})
	l, ok := next.(Model).active.(*rating.Laptop)
	if !ok || cmd == nil {
		t.Fatalf("common.PassLaptopMsg: active screen %T, init %v", next.(Model).active, cmd != nil)
	}
	l.SetSize(100, 28)
	d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd { _, cmd := l.Update(msg); return cmd }}
	d.Run(cmd)
	if v := tuitest.Plain(l.View()); !strings.Contains(v, "Pass the laptop to Ana (supplier)") || !strings.Contains(v, "Expert 1 of 3 · round 2") {
		t.Errorf("the laptop is not on round 2 of the session:\n%s", v)
	}
}
