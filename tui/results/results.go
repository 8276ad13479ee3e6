// Package results is the results screen and what it draws: each element's
// distribution (bar charts, median, IQR, consensus), the ranking per
// criterion and the matrix of two criteria, per round; the rating results
// of the walkthrough's summary step (SummaryMarkdown); and the review of a
// finished session (review.go), which is this screen opened on the
// session's summary, read-only.
//
// The statistics come from session/stats through the store, read in a
// tea.Cmd (load.go); every view is rendered once per data version, view,
// round, axes and size, in Update, and kept.
package results

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// resultsTab is a view of the results screen.
type resultsTab int

const (
	tabSummary  resultsTab = iota // the session's summary (review only)
	tabElements                   // each element's distribution, median, IQR, consensus
	tabRanking                    // per criterion, by median then mean
	tabMatrix                     // two criteria against each other
)

func (t resultsTab) String() string {
	switch t {
	case tabSummary:
		return "Summary"
	case tabElements:
		return "Elements"
	case tabRanking:
		return "Ranking"
	default:
		return "Matrix"
	}
}

// Model shows a session's results: each element's distribution,
// the ranking and the matrix, per round. As a review (trustshop review,
// v on the home screen) it opens on the session's summary and is
// read-only. The statistics are read in a tea.Cmd; every view is rendered
// once per (data version, view, round, axes, size) in Update and kept, so
// View only copies lines.
type Model struct {
	c      *common.Common
	keys   KeyMap
	id     string
	review bool           // a review: the summary first, enter walks through the steps
	viewer session.Viewer // who looks: the engine decides what they may see
	focus  string         // an element to show first (opened from its step)

	sess    session.Session
	pack    *content.Pack // nil until loaded when opened by id
	loaded  bool
	err     error
	data    *resultsData
	summary string // the review's Markdown summary
	version int    // counts loads: the cache key of the data

	tabs   []resultsTab
	tab    resultsTab
	round  int
	axes   int // index into matrixAxes(pack)
	offset map[resultsTab]int

	width, height int
	cache         map[resultsKey]resultsRender
	shown         resultsRender
	// Renders counts views rendered (cache misses), for tests.
	Renders int
}

type resultsKey struct {
	version       int
	tab           resultsTab
	round, axes   int
	width, height int
	theme         common.Theme
}

// resultsRender is a rendered view: its lines and, for the elements view,
// where each element starts.
type resultsRender struct {
	lines  []string
	starts map[string]int
}

// New opens the results of a session the caller has loaded (the
// walkthrough) as the facilitator's screen shows them: during the session
// only what was revealed to the room, the engine decides. focus is an
// element to show first, or "".
func New(c *common.Common, sess session.Session, p *content.Pack, viewer session.Viewer, focus string) *Model {
	r := newModel(c, sess.ID, false)
	r.sess, r.pack, r.focus = sess, p, focus
	if viewer.Kind != "" {
		r.viewer = viewer
	}
	if focus != "" {
		r.tab = tabElements
	}
	return r
}

func newModel(c *common.Common, id string, review bool) *Model {
	r := &Model{c: c, keys: DefaultKeyMap(c), id: id, review: review, viewer: session.Viewer{Kind: session.ViewFacilitator},
		offset: map[resultsTab]int{}, cache: map[resultsKey]resultsRender{}}
	r.tabs = []resultsTab{tabElements, tabRanking, tabMatrix}
	if review {
		r.tabs = append([]resultsTab{tabSummary}, r.tabs...)
	}
	r.tab = r.tabs[0]
	r.syncKeys()
	return r
}

// Title implements common.Screen.
func (r *Model) Title() string {
	switch {
	case r.sess.Title == "":
		return "Results"
	case r.review:
		return r.sess.Title + " (review, read-only)"
	case r.sess.Status != session.StatusFinished:
		return "Results so far · " + r.sess.Title
	}
	return "Results · " + r.sess.Title
}

// Capturing implements common.Screen: nothing is typed here.
func (r *Model) Capturing() bool { return false }

// SetSize implements common.Screen.
func (r *Model) SetSize(w, h int) {
	r.width, r.height = w, h
	r.refresh()
}

// Update implements common.Screen.
func (r *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case resultsLoadedMsg:
		if msg.owner != r {
			return r, nil
		}
		if msg.err != nil {
			r.err = msg.err
			return r, common.ErrorCmd(msg.err)
		}
		r.onLoaded(msg)
		return r, nil
	case common.ThemeChangedMsg:
		clear(r.cache)
		r.refresh()
	case tea.KeyPressMsg:
		return r, r.onKey(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			r.scroll(-3)
		case tea.MouseWheelDown:
			r.scroll(3)
		}
	}
	return r, nil
}

func (r *Model) onLoaded(msg resultsLoadedMsg) {
	r.err = nil
	r.loaded = true
	r.sess, r.pack, r.data, r.summary = msg.sess, msg.pack, msg.data, msg.summary
	r.version++
	if msg.summaryLines != nil {
		k := resultsKey{version: r.version, tab: tabSummary, width: msg.summaryWidth, theme: msg.summaryTheme}
		r.cache[k] = resultsRender{lines: msg.summaryLines}
	}
	if choices := r.data.roundChoices(); !slices.Contains(choices, r.round) {
		r.round = choices[0]
	}
	r.axes = min(r.axes, max(0, len(matrixAxes(r.pack))-1))
	r.syncKeys()
	r.refresh()
	if r.focus != "" {
		if at, ok := r.shown.starts[r.focus]; ok && r.tab == tabElements {
			r.offset[tabElements] = at
			r.clampOffset()
		}
		r.focus = ""
	}
}

func (r *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := r.keys
	if !r.loaded {
		if key.Matches(msg, k.Back) {
			return common.Pop
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return common.Pop
	case key.Matches(msg, k.NextTab):
		r.setTab(r.tabs[(slices.Index(r.tabs, r.tab)+1)%len(r.tabs)])
	case key.Matches(msg, k.PrevTab):
		r.setTab(r.tabs[(slices.Index(r.tabs, r.tab)+len(r.tabs)-1)%len(r.tabs)])
	case key.Matches(msg, k.TabNum):
		if i := int(msg.Code - '1'); i >= 0 && i < len(r.tabs) {
			r.setTab(r.tabs[i])
		}
	case key.Matches(msg, k.Up):
		r.scroll(-1)
	case key.Matches(msg, k.Down):
		r.scroll(1)
	case key.Matches(msg, k.PageUp):
		r.scroll(-r.bodyHeight())
	case key.Matches(msg, k.PageDown):
		r.scroll(r.bodyHeight())
	case key.Matches(msg, k.Top):
		r.scroll(-len(r.shown.lines))
	case key.Matches(msg, k.Bottom):
		r.scroll(len(r.shown.lines))
	case key.Matches(msg, k.RoundPrev, k.RoundNext):
		return r.stepRound(key.Matches(msg, k.RoundNext))
	case key.Matches(msg, k.Axes):
		r.axes = (r.axes + 1) % len(matrixAxes(r.pack))
		r.refresh()
	case key.Matches(msg, k.Refresh):
		return tea.Batch(r.loadCmd(), common.StatusCmd("Results read again"))
	case key.Matches(msg, k.Export):
		sess, p := r.sess, r.pack
		return func() tea.Msg { return common.OpenExportMsg{ID: sess.ID, Sess: sess, Pack: p} }
	case key.Matches(msg, k.Walk):
		id := r.sess.ID
		return func() tea.Msg { return common.OpenStepsMsg{ID: id} }
	}
	return nil
}

// stepRound shows the previous or next of the rounds that hold ratings
// and each element's latest round, round and round.
func (r *Model) stepRound(next bool) tea.Cmd {
	choices := r.data.roundChoices()
	i, d := slices.Index(choices, r.round), len(choices)-1
	if next {
		d = 1
	}
	r.round = choices[(i+d)%len(choices)]
	r.refresh()
	return nil
}

func (r *Model) setTab(t resultsTab) {
	r.tab = t
	r.syncKeys()
	r.refresh()
}

// bodyHeight is the rows under the tab bar.
func (r *Model) bodyHeight() int { return max(1, r.height-1) }

// contentWidth is the width the views are drawn at. The summary is prose
// (it keeps its measure, see summaryLines); the elements and the ranking
// use a wide terminal for blocks side by side; the matrix gets margins.
func (r *Model) contentWidth() int {
	switch r.tab {
	case tabElements, tabRanking:
		return max(20, r.width-2)
	}
	return max(20, min(r.width-2, 160))
}

func (r *Model) scroll(d int) {
	r.offset[r.tab] += d
	r.clampOffset()
}

func (r *Model) clampOffset() {
	r.offset[r.tab] = max(0, min(r.offset[r.tab], len(r.shown.lines)-r.bodyHeight()))
}

// refresh makes shown the current view at the current size, from the
// cache or rendered now.
func (r *Model) refresh() {
	if !r.loaded || r.width <= 0 || r.height <= 0 {
		return
	}
	k := resultsKey{version: r.version, tab: r.tab, round: r.round, width: r.contentWidth(), theme: r.c.Styles.Theme}
	switch r.tab {
	case tabMatrix:
		k.axes, k.height = r.axes, r.bodyHeight()
	case tabSummary:
		k.round = 0 // the summary shows every round
	}
	out, ok := r.cache[k]
	if !ok {
		out = r.render(k)
		r.cache[k] = out
	}
	r.shown = out
	r.clampOffset()
}

// SessionID implements common.SessionScreen: the results opened from a
// session under way show its clock; a review's do not.
func (r *Model) SessionID() string {
	if r.review {
		return ""
	}
	return r.sess.ID
}
