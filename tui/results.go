package tui

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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

// resultsScreen shows a session's results: each element's distribution,
// the ranking and the matrix, per round. As a review (trustshop review,
// v on the home screen) it opens on the session's summary and is
// read-only. The statistics are read in a tea.Cmd; every view is rendered
// once per (data version, view, round, axes, size) in Update and kept, so
// View only copies lines.
type resultsScreen struct {
	c      *common.Common
	keys   resultsKeys
	id     string
	review bool   // a review: the summary first, enter walks through the steps
	blind  bool   // during a session: only the revealed elements show
	focus  string // an element to show first (opened from its step)

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
	theme         Theme
}

// resultsRender is a rendered view: its lines and, for the elements view,
// where each element starts.
type resultsRender struct {
	lines  []string
	starts map[string]int
}

// newResultsScreen opens the results of a session the caller has loaded
// (the walkthrough). blind shows only the element x rounds revealed in the
// rating grid, for use during the session; focus is an element to show
// first, or "".
func newResultsScreen(c *common.Common, sess session.Session, p *content.Pack, blind bool, focus string) *resultsScreen {
	r := newResults(c, sess.ID, false)
	r.sess, r.pack, r.focus, r.blind = sess, p, focus, blind
	if focus != "" {
		r.tab = tabElements
	}
	return r
}

// newReviewScreen opens session id read-only on its summary.
func newReviewScreen(c *common.Common, id string) *resultsScreen {
	return newResults(c, id, true)
}

func newResults(c *common.Common, id string, review bool) *resultsScreen {
	r := &resultsScreen{c: c, keys: newResultsKeys(c), id: id, review: review,
		offset: map[resultsTab]int{}, cache: map[resultsKey]resultsRender{}}
	r.tabs = []resultsTab{tabElements, tabRanking, tabMatrix}
	if review {
		r.tabs = append([]resultsTab{tabSummary}, r.tabs...)
	}
	r.tab = r.tabs[0]
	r.syncKeys()
	return r
}

// Title implements screen.
func (r *resultsScreen) Title() string {
	switch {
	case r.sess.Title == "":
		return "Results"
	case r.review:
		return r.sess.Title + " (review, read-only)"
	case r.blind:
		return "Results so far · " + r.sess.Title
	}
	return "Results · " + r.sess.Title
}

// Capturing implements screen: nothing is typed here.
func (r *resultsScreen) Capturing() bool { return false }

// SetSize implements screen.
func (r *resultsScreen) SetSize(w, h int) {
	r.width, r.height = w, h
	r.refresh()
}

// Update implements screen.
func (r *resultsScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
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

func (r *resultsScreen) onLoaded(msg resultsLoadedMsg) {
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

func (r *resultsScreen) onKey(msg tea.KeyPressMsg) tea.Cmd {
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
func (r *resultsScreen) stepRound(next bool) tea.Cmd {
	choices := r.data.roundChoices()
	i, d := slices.Index(choices, r.round), len(choices)-1
	if next {
		d = 1
	}
	r.round = choices[(i+d)%len(choices)]
	r.refresh()
	return nil
}

func (r *resultsScreen) setTab(t resultsTab) {
	r.tab = t
	r.syncKeys()
	r.refresh()
}

// bodyHeight is the rows under the tab bar.
func (r *resultsScreen) bodyHeight() int { return max(1, r.height-1) }

// contentWidth is the width the views are drawn at; wide terminals get
// margins, as long lines are hard to read on a projector.
func (r *resultsScreen) contentWidth() int { return max(20, min(r.width-2, 120)) }

func (r *resultsScreen) scroll(d int) {
	r.offset[r.tab] += d
	r.clampOffset()
}

func (r *resultsScreen) clampOffset() {
	r.offset[r.tab] = max(0, min(r.offset[r.tab], len(r.shown.lines)-r.bodyHeight()))
}

// refresh makes shown the current view at the current size, from the
// cache or rendered now.
func (r *resultsScreen) refresh() {
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

// render draws one view.
func (r *resultsScreen) render(k resultsKey) resultsRender {
	r.Renders++
	s, d, w := r.c.Styles, r.data, k.width
	var out resultsRender
	switch k.tab {
	case tabSummary:
		h := fnv.New64a()
		h.Write([]byte(r.summary))
		md := r.c.Markdown.Render(fmt.Sprintf("review:%s:%x", r.sess.ID, h.Sum64()), r.summary, min(w, MaxTextWidth))
		out.lines = strings.Split(md, "\n")
	case tabElements:
		if len(d.rounds) == 0 {
			out.lines = noRatingsLines(s, w)
			break
		}
		out.lines, out.starts = d.elementsLines(s, k.round, w)
	case tabRanking:
		if len(d.rounds) == 0 {
			out.lines = noRatingsLines(s, w)
			break
		}
		out.lines = d.rankingLines(s, k.round, w)
	case tabMatrix:
		axes := matrixAxes(r.pack)
		switch {
		case len(axes) == 0:
			out.lines = wrapLines(s.Faint, "The matrix needs two criteria; this pack has one.", w)
		case len(d.rounds) == 0:
			out.lines = noRatingsLines(s, w)
		default:
			a := axes[k.axes]
			out.lines = d.matrixLines(s, a[0], a[1], k.round, w, k.height)
		}
	}
	return out
}

func noRatingsLines(s common.Styles, w int) []string {
	return wrapLines(s.Faint, "No ratings yet. Rate the elements (r on an element step), then come back here.", w)
}

// View implements screen.
func (r *resultsScreen) View() string {
	s := r.c.Styles
	switch {
	case r.err != nil:
		text := s.ErrorTitle.Render("The results could not be read") + "\n\n" +
			s.App.Render(common.WrapText(r.err.Error(), min(70, r.width-8))) + "\n\n" + s.Faint.Render("esc goes back · q quits")
		return lipgloss.Place(r.width, r.height, lipgloss.Center, lipgloss.Center, s.Dialog.Render(text))
	case !r.loaded:
		return s.Faint.Render("  Reading the results…")
	}
	lines := make([]string, 0, r.height)
	lines = append(lines, r.tabBar())
	margin := strings.Repeat(" ", max(1, (r.width-r.contentWidth())/2))
	off := r.offset[r.tab]
	end := min(len(r.shown.lines), off+r.bodyHeight())
	for _, l := range r.shown.lines[off:end] {
		lines = append(lines, margin+l)
	}
	return strings.Join(lines, "\n")
}

// tabBar names the views, the round shown and how far down the view is.
func (r *resultsScreen) tabBar() string {
	s := r.c.Styles
	var b strings.Builder
	for i, t := range r.tabs {
		label := fmt.Sprintf("%d %s", i+1, t)
		if t == r.tab {
			b.WriteString(s.Results.TabActive.Render(label))
		} else {
			b.WriteString(s.Results.Tab.Render(label))
		}
	}
	var right []string
	if len(r.data.rounds) > 1 {
		name := "latest"
		if r.round != latestRound {
			name = fmt.Sprintf("round %d", r.round)
		}
		right = append(right, "[ "+name+" ]")
	}
	if n, h := len(r.shown.lines), r.bodyHeight(); n > h {
		pct := 100 * r.offset[r.tab] / max(1, n-h)
		right = append(right, fmt.Sprintf("%d%% ↓", pct))
	}
	left := b.String()
	if lipgloss.Width(left) > r.width {
		left = ansi.Truncate(left, r.width, "…")
	}
	// the tabs come first: the round and the scroll position go when
	// there is no room for them
	for len(right) > 0 && lipgloss.Width(left)+1+lipgloss.Width(strings.Join(right, " · ")) > r.width {
		right = right[:len(right)-1]
	}
	return common.Spread(left, s.Faint.Render(strings.Join(right, " · ")), r.width)
}
