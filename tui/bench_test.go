package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// benchSink keeps the compiler from dropping frames.
var benchSink string

// loadedModel is the root model with the session open at w x h, loaded
// synchronously (its commands run, the outbox and the feed pumped).
func loadedModel(b *testing.B, e *tuitest.Env, w, h int) tea.Model {
	b.Helper()
	d := newRootDriver(b, NewModel(e.Ctx, options(e, e.Sess.ID)), w, h)
	if !strings.Contains(d.text(), "Step ") {
		b.Fatalf("the session did not open:\n%s", d.text())
	}
	return d.M
}

// BenchmarkKeyFrame is the cost of one key press to the next frame in the
// walkthrough with a warm markdown cache: Update (the key) plus View. Keys
// alternate between going to the next step and back, so each frame shows
// other content; the cache holds both renders after the first round.
func BenchmarkKeyFrame(b *testing.B) {
	for _, size := range roomSizes {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			e := tuitest.NewEnv(b)
			e.AtStep(b, "story:user-supplier")
			m := loadedModel(b, e, size[0], size[1])
			keys := []tea.KeyPressMsg{tuitest.Press("n"), tuitest.Press("p")}
			for _, k := range keys { // warm the cache
				m, _ = m.Update(k)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m, _ = m.Update(keys[i%2])
				benchSink = m.View().Content
				i++
			}
		})
	}
}

// BenchmarkScrollFrame is a scroll key (j) to the next frame.
func BenchmarkScrollFrame(b *testing.B) {
	e := tuitest.NewEnv(b)
	e.AtStep(b, "persona:user")
	m := loadedModel(b, e, 200, 60)
	down, up := tuitest.Press("j"), tuitest.Press("k")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%40 >= 20 {
			k = up
		}
		m, _ = m.Update(k)
		benchSink = m.View().Content
		i++
	}
}

// BenchmarkFirstFrame is NewModel, Init (the session load), the first
// window size and the first View, in process: the part of "process start
// to first frame" that is ours (the whole process is measured by
// BenchmarkFirstFrameProcess in cmd/trustshop).
func BenchmarkFirstFrame(b *testing.B) {
	e := tuitest.NewEnv(b)
	e.AtStep(b, "element:explain")
	b.ReportAllocs()
	for b.Loop() {
		m := loadedModel(b, e, 100, 30)
		benchSink = m.View().Content
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
	env := tuitest.NewRatingEnv(b, tuitest.DefaultPack(b), names...)
	if err := env.St.MoveTo(env.C.Ctx, session.Facilitator(), env.Sess.ID, lastElementStep(env.Pack), false); err != nil {
		b.Fatal(err)
	}
	for _, size := range roomSizes {
		w, h := size[0], size[1]
		b.Run(fmt.Sprintf("move/%dx%d", w, h), func(b *testing.B) {
			var root tea.Model = newModel(env.C, walkthrough.New(env.C, env.Sess.ID, false))
			d := &tuitest.Driver{TB: b, All: true, Update: func(msg tea.Msg) tea.Cmd {
				var cmd tea.Cmd
				root, cmd = root.Update(msg)
				return cmd
			}}
			d.Run(root.Init())
			d.Send(tea.WindowSizeMsg{Width: w, Height: h})
			d.Press("r")
			if v := root.View().Content; !strings.Contains(v, "Expert01") {
				b.Fatalf("the grid is not shown:\n%s", v)
			}
			down, up := tuitest.Press("down"), tuitest.Press("up")
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := down
				if i/39%2 == 1 {
					k = up
				}
				i++
				root, _ = root.Update(k)
				benchSink = root.View().Content
			}
		})
	}
}

// lastElementStep is the index of the agenda's last element step.
func lastElementStep(p *content.Pack) int {
	for i := len(p.Agenda) - 1; i >= 0; i-- {
		if p.Agenda[i].Kind == content.StepElement {
			return i
		}
	}
	return -1
}

// BenchmarkNoteTyping is a key typed into a note of 3,000 characters, to
// the next frame, at 100x30: the editor, the note under it and the
// walkthrough around (issue 13: once ~130 keys a second).
func BenchmarkNoteTyping(b *testing.B) {
	e := tuitest.NewEnv(b)
	e.AtStep(b, "element:explain")
	note := strings.Repeat("The group wants a shared glossary of twin terms. ", 62)[:3000]
	if err := e.Store.SaveNote(e.Ctx, session.Facilitator(), e.Sess.ID, "element:explain", note); err != nil {
		b.Fatal(err)
	}
	for _, size := range [][2]int{{100, 30}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := loadedModel(b, e, size[0], size[1])
			m, _ = m.Update(tuitest.Press("e"))
			m, _ = m.Update(tuitest.Press("G")) // typing at the end of the note, as one does
			keys := []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m, _ = m.Update(keys[i%2])
				benchSink = m.View().Content
				i++
			}
		})
	}
}
