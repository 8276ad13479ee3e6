package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// benchSink keeps the compiler from dropping frames.
var benchSink string

// loadedModel is the root model with the session open at w x h, loaded
// synchronously.
func loadedModel(b *testing.B, e *tsEnv, w, h int) tea.Model {
	b.Helper()
	var m tea.Model = NewModel(e.ctx, e.options(e.sess.ID))
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = m.Update(m.Init()())
	return m
}

// BenchmarkKeyFrame is the cost of one key press to the next frame in the
// walkthrough with a warm markdown cache: Update (the key) plus View. Keys
// alternate between going to the next step and back, so each frame shows
// other content; the cache holds both renders after the first round.
func BenchmarkKeyFrame(b *testing.B) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"200x60", 200, 60}, {"80x24", 80, 24}} {
		b.Run(size.name, func(b *testing.B) {
			e := newTSEnv(b)
			e.atStep(b, "story:user-supplier")
			m := loadedModel(b, e, size.w, size.h)
			keys := []tea.KeyPressMsg{press("n"), press("p")}
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
	e := newTSEnv(b)
	e.atStep(b, "persona:user")
	m := loadedModel(b, e, 200, 60)
	down, up := press("j"), press("k")
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
	e := newTSEnv(b)
	e.atStep(b, "element:explain")
	b.ReportAllocs()
	for b.Loop() {
		m := loadedModel(b, e, 100, 30)
		benchSink = m.View().Content
	}
}
