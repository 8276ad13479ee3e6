package results

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// benchSink keeps the compiler from dropping views.
var benchSink string

// BenchmarkResultsKey is a key on the results screen to its next view
// (the screen's Update and View, without the root's header and footer) in
// a 200x60 window, for a session of 40 participants
// x 7 elements x 2 criteria in two rounds. "scroll" moves a line; "view"
// switches views with every view cached; "cold" switches views with the
// cache emptied first, so each frame renders its view (what the first
// visit of a view, a resize or new data costs).
func BenchmarkResultsKey(b *testing.B) {
	e := tuitest.NewRatedEnv(b, 40)
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
			d := openResults(b, e, "", 200, 60)
			r := d.r
			d.Press("tab", "tab", "tab") // every view rendered once
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
				r.Update(msgs[i%len(msgs)])
				benchSink = r.View()
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
	o := e.Options()
	o.ReadOnly = true
	r := NewReview(common.New(e.Ctx, o), e.Sess.ID)
	r.SetSize(100, 28)
	d := &tuitest.Driver{TB: b, Feed: isResultsMsg, Update: func(msg tea.Msg) tea.Cmd { _, cmd := r.Update(msg); return cmd }}
	d.Run(r.Init())
	b.ReportAllocs()
	for b.Loop() {
		clear(r.cache)
		r.c.Markdown.Reset(r.c.Styles)
		r.refresh()
		benchSink = r.View()
	}
}
