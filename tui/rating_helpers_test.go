package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// rtClock is a clock tests move by hand; it starts at a fixed time.
type rtClock struct{ t time.Time }

func (c *rtClock) now() time.Time          { return c.t }
func (c *rtClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newRTClock() *rtClock                 { return &rtClock{time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)} }
func rtStoreClock() func() time.Time {
	c := newRTClock()
	return func() time.Time { c.advance(time.Second); return c.t }
}
func rtDefaultPack(tb testing.TB) *content.Pack {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// rtEdgePack is the default pack with two unusual scales: 0..10 and a
// seven-point scale, for the edge cases of digit entry.
func rtEdgePack(tb testing.TB) *content.Pack {
	tb.Helper()
	p := *rtDefaultPack(tb)
	score := content.Criterion{ID: "score", Label: "Score", Question: "How good is it, from 0 to 10?", Min: 0, Max: 10, Points: map[int]string{}}
	for v := 0; v <= 10; v++ {
		score.Points[v] = []string{"none", "minimal", "very low", "low", "fair", "middling", "decent", "good", "very good", "excellent", "perfect"}[v]
	}
	seven := content.Criterion{ID: "seven", Label: "Agreement", Question: "How much do you agree?", Min: 1, Max: 7, Points: map[int]string{
		1: "Strongly disagree", 2: "Disagree", 3: "Somewhat disagree", 4: "Neutral", 5: "Somewhat agree", 6: "Agree", 7: "Strongly agree",
	}}
	p.Criteria = []content.Criterion{score, seven}
	return &p
}

// rtEnv is a store with one session and the Common of the app around it.
type rtEnv struct {
	c     *common.Common
	st    *session.Store
	pack  *content.Pack
	sess  session.Session
	clock *rtClock
}

func newRTEnv(tb testing.TB, p *content.Pack, names ...string) *rtEnv {
	tb.Helper()
	ctx := context.Background()
	st, err := session.Open(ctx, filepath.Join(tb.TempDir(), "t.db"), session.Options{Now: rtStoreClock()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if len(names) == 0 {
		names = []string{"Ana:supplier", "Ben:user", "Chi:partner"}
	}
	var parts []session.Participant
	for _, n := range names {
		name, role, _ := strings.Cut(n, ":")
		parts = append(parts, session.Participant{Name: name, Role: role})
	}
	sess, err := st.CreateSession(ctx, p, session.NewSession{Title: "Pilot", Facilitator: "Dana", Date: "2026-11-25", Participants: parts})
	if err != nil {
		tb.Fatal(err)
	}
	clock := newRTClock()
	c := NewCommon(ctx, Options{Store: st, Pack: p, Now: clock.now})
	return &rtEnv{c: c, st: st, pack: p, sess: sess, clock: clock}
}

// rtDriver sends messages to a model and runs the commands it returns, as
// the program would, but synchronously: a command that does not answer
// within a short time (a tick, the cursor blink) is dropped.
type rtDriver struct {
	tb       testing.TB
	update   func(tea.Msg) tea.Cmd
	statuses []common.StatusMsg
	others   []tea.Msg // messages for the root (openSessionMsg, passLaptopMsg)
	all      bool      // send every message back (a whole screen, not a pane)
}

func (d *rtDriver) send(msg tea.Msg) {
	d.run(d.update(msg))
}

func (d *rtDriver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(150 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case common.StatusMsg:
		d.statuses = append(d.statuses, msg)
	case ratingsLoadedMsg, ratingSavedMsg, revealedMsg, ratingPollMsg:
		d.send(msg)
	default:
		if d.all {
			d.send(msg)
			return
		}
		d.others = append(d.others, msg)
	}
}

// press sends keys by name: "up", "tab", "shift+tab", "enter", "esc",
// "ctrl+o", "ctrl+r", or single characters.
func (d *rtDriver) press(keys ...string) {
	for _, k := range keys {
		d.send(press(k))
	}
}

// typeText sends each rune of s as a key press.
func (d *rtDriver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (d *rtDriver) lastStatus() common.StatusMsg {
	if len(d.statuses) == 0 {
		return common.StatusMsg{}
	}
	return d.statuses[len(d.statuses)-1]
}

// newGridDriver builds a grid on the env's session, without polling, and
// sends it its first message so that it reads the store.
func newGridDriver(tb testing.TB, env *rtEnv, element string, w, h int) (*ratingPane, *rtDriver) {
	tb.Helper()
	m := newRatingGrid(env.c, env.pack, env.sess, element)
	m.poll = 0
	m.SetSize(w, h)
	d := &rtDriver{tb: tb, update: func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }}
	d.send(tea.WindowSizeMsg{Width: w, Height: h}) // any first message starts the read
	if !m.ed.loaded {
		tb.Fatal("the grid did not read the store")
	}
	return m, d
}

// storedCell reads one cell back from the store.
func (env *rtEnv) storedCell(tb testing.TB, pid int64, element, criterion string, round int) (session.Rating, bool) {
	tb.Helper()
	rows, err := env.st.Ratings(context.Background(), env.sess.ID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows {
		if r.ParticipantID == pid && r.ElementID == element && r.CriterionID == criterion && r.Round == round {
			return r, true
		}
	}
	return session.Rating{}, false
}

// ratingHistory lists the history rows of ratings as "key field old→new".
func (env *rtEnv) ratingHistory(tb testing.TB) []string {
	tb.Helper()
	h, err := env.st.History(context.Background(), env.sess.ID)
	if err != nil {
		tb.Fatal(err)
	}
	str := func(p *string) string {
		if p == nil {
			return "∅"
		}
		return *p
	}
	var out []string
	for _, c := range h {
		if c.Entity == "rating" || c.Entity == "reveal" {
			out = append(out, c.Entity+" "+c.Key+" "+c.Field+" "+str(c.Old)+"→"+str(c.New))
		}
	}
	return out
}

// plain is a view without styling, for assertions.
func plain(s string) string { return ansi.Strip(s) }
