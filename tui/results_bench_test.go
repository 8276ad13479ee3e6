package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// BenchmarkResultsKey is a key on the results screen to the next frame
// (the root's Update and View) at 200x60, for a session of 40 participants
// x 7 elements x 2 criteria in two rounds. "scroll" moves a line; "view"
// switches views with every view cached; "cold" switches views with the
// cache emptied first, so each frame renders its view (what the first
// visit of a view, a resize or new data costs).
func BenchmarkResultsKey(b *testing.B) {
	e := tuitest.NewRatedEnv(b, 40)
	e.AtStep(b, "summary")
	for _, bc := range []struct {
		name  string
		keys  []string
		clear bool
	}{
		{"scroll", []string{"j", "k"}, false},
		{"view", []string{"tab"}, false},
		{"cold", []string{"tab"}, true},
		{"round", []string{"]"}, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			d := newRootDriver(b, NewModel(e.Ctx, options(e, e.Sess.ID)), 200, 60)
			d.Press("R")
			r := d.screen().(*resultsScreen)
			d.Press("tab", "tab", "tab") // every view rendered once
			var m tea.Model = d.model()
			msgs := make([]tea.KeyPressMsg, len(bc.keys))
			for i, k := range bc.keys {
				msgs[i] = tuitest.Press(k)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if bc.clear {
					clear(r.cache)
				}
				m, _ = m.Update(msgs[i%len(msgs)])
				benchSink = m.View().Content
				i++
			}
		})
	}
}

// BenchmarkReviewSummary is the review's summary tab rendered at a width
// not seen before (a resize): the export's Markdown through glamour, in
// Update. The first frame does not pay it: the load Cmd renders it.
func BenchmarkReviewSummary(b *testing.B) {
	e := tuitest.NewRatedEnv(b, 40)
	d := newRootDriver(b, NewModel(e.Ctx, reviewOptions(e)), 100, 30)
	r := d.screen().(*resultsScreen)
	b.ReportAllocs()
	for b.Loop() {
		clear(r.cache)
		r.c.Markdown.Reset(r.c.Styles)
		r.refresh()
		benchSink = d.model().View().Content
	}
}
