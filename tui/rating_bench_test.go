package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
)

// gridSink keeps benchmark results alive.
var gridSink string

// BenchmarkRatingGridKey measures one key in the rating grid of a session
// with 40 participants x 7 elements x 2 criteria: Update plus View, the
// work between a key press and its frame. The target is <= 5 ms. For a
// digit the store write is a tea.Cmd that runs outside the frame: it is
// excluded here (see the commit benchmark of the session package).
func BenchmarkRatingGridKey(b *testing.B) {
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("Expert%02d:%s", i+1, []string{"supplier", "user", "partner"}[i%3]))
	}
	env := newRTEnv(b, rtDefaultPack(b), names...)
	// Every cell of the round but one participant's holds a value, so the
	// progress counts and the cache have real work.
	for i, p := range env.sess.Participants[1:] {
		for _, e := range env.pack.Elements {
			for _, c := range env.pack.Criteria {
				env.c.Store.RecordRating(env.c.Ctx, env.pack, ratingInput(env.sess.ID, p.ID, e.ID, c.ID, 1+i%5))
			}
		}
	}
	for _, size := range [][2]int{{100, 30}, {200, 60}} {
		w, h := size[0], size[1]
		b.Run(fmt.Sprintf("move/%dx%d", w, h), func(b *testing.B) {
			m, _ := newGridDriver(b, env, "explain", w, h)
			m.View()
			down, up := press("down"), press("up")
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := down
				if i/39%2 == 1 { // sweep down and up through all 40 rows
					k = up
				}
				i++
				m.Update(k)
				gridSink = m.View()
			}
		})
		b.Run(fmt.Sprintf("digit/%dx%d", w, h), func(b *testing.B) {
			m, _ := newGridDriver(b, env, "explain", w, h)
			m.View()
			keys := []tea.KeyPressMsg{press("3"), press("4")}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_, cmd := m.Update(keys[i%2])
				i++
				gridSink = m.View()
				// The write's result, without the write: the queue empties
				// as it would when the store answers.
				b.StopTimer()
				if cmd != nil && len(m.ed.queue) > 0 {
					m.Update(ratingSavedMsg{owner: m.ed, write: m.ed.queue[0]})
				}
				b.StartTimer()
			}
		})
		b.Run(fmt.Sprintf("poll-all-changed/%dx%d", w, h), func(b *testing.B) {
			// A read arriving every second, at worst: every cell changed.
			m, _ := newGridDriver(b, env, "explain", w, h)
			msg := m.ed.loadCmd(1, false)().(ratingsLoadedMsg)
			b.ReportAllocs()
			for b.Loop() {
				m.ed.cells = map[cellKey]cellState{}
				m.Update(msg)
				gridSink = m.View()
			}
		})
	}
}

func ratingInput(sessionID string, pid int64, element, criterion string, v int) session.RatingInput {
	return session.RatingInput{
		RatingKey: session.RatingKey{SessionID: sessionID, ParticipantID: pid, ElementID: element, CriterionID: criterion, Round: 1},
		Value:     &v,
	}
}

// BenchmarkRatingGridKeyInWalkthrough is the same key measured as the
// facilitator gets it: the root model with the walkthrough around the grid
// (agenda, frame, footer), Update plus View.
func BenchmarkRatingGridKeyInWalkthrough(b *testing.B) {
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("Expert%02d:%s", i+1, []string{"supplier", "user", "partner"}[i%3]))
	}
	env := newRTEnv(b, rtDefaultPack(b), names...)
	if err := env.st.SetStep(env.c.Ctx, env.sess.ID, lastElementStep(env.pack)); err != nil {
		b.Fatal(err)
	}
	for _, size := range [][2]int{{100, 30}, {200, 60}} {
		w, h := size[0], size[1]
		b.Run(fmt.Sprintf("move/%dx%d", w, h), func(b *testing.B) {
			var root tea.Model = newModel(env.c, newWalkthrough(env.c, env.sess.ID, false))
			d := &rtDriver{tb: b, all: true, update: func(msg tea.Msg) tea.Cmd {
				var cmd tea.Cmd
				root, cmd = root.Update(msg)
				return cmd
			}}
			d.run(root.Init())
			d.send(tea.WindowSizeMsg{Width: w, Height: h})
			d.press("r")
			if v := root.View().Content; !strings.Contains(v, "Expert01") {
				b.Fatalf("the grid is not shown:\n%s", v)
			}
			down, up := press("down"), press("up")
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := down
				if i/39%2 == 1 {
					k = up
				}
				i++
				root, _ = root.Update(k)
				gridSink = root.View().Content
			}
		})
	}
}
