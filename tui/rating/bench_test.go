package rating

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
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
	env := tuitest.NewRatingEnv(b, tuitest.DefaultPack(b), names...)
	// Every cell of the round but one participant's holds a value, so the
	// progress counts and the cache have real work.
	for i, p := range env.Sess.Participants[1:] {
		for _, e := range env.Pack.Elements {
			for _, c := range env.Pack.Criteria {
				env.St.RecordRating(env.C.Ctx, session.CommandLine(), tuitest.RatingInput(env.Sess.ID, p.ID, e.ID, c.ID, 1+i%5))
			}
		}
	}
	for _, size := range [][2]int{{100, 30}, {200, 60}} {
		w, h := size[0], size[1]
		b.Run(fmt.Sprintf("move/%dx%d", w, h), func(b *testing.B) {
			m, _ := newGridDriver(b, env, "explain", w, h)
			m.View()
			down, up := tuitest.Press("down"), tuitest.Press("up")
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
			keys := []tea.KeyPressMsg{tuitest.Press("3"), tuitest.Press("4")}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_, cmd := m.Update(keys[i%2])
				i++
				gridSink = m.View()
				// The write and its result, outside the timing: the key
				// costs what Update and View cost.
				b.StopTimer()
				_ = cmd
				for _, msg := range env.C.Pump() {
					m.Update(msg)
				}
				b.StartTimer()
			}
		})
		b.Run(fmt.Sprintf("reload-all-changed/%dx%d", w, h), func(b *testing.B) {
			// A read after a change of the feed, at worst: every cell changed.
			m, _ := newGridDriver(b, env, "explain", w, h)
			msg := m.ed.loadCmd()().(ratingsLoadedMsg)
			b.ReportAllocs()
			for b.Loop() {
				m.ed.cells = map[cellKey]cellState{}
				m.Update(msg)
				gridSink = m.View()
			}
		})
	}
}
