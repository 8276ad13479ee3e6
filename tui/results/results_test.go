package results

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// resultsDriver drives the results screen of a session.
type resultsDriver struct {
	*tuitest.Driver
	r *Model
}

// openResults is the results screen of the env's session, as the
// walkthrough opens it (for the facilitator's screen, on an element),
// loaded, in a window of w x h: the screen gets all but the header and the
// footer.
func openResults(tb testing.TB, e *tuitest.Env, focus string, w, h int) *resultsDriver {
	tb.Helper()
	r := New(e.Common(tb), e.Sess, e.Pack, session.Viewer{Kind: session.ViewFacilitator}, focus)
	r.SetSize(w, h-2)
	d := &tuitest.Driver{TB: tb, Feed: isResultsMsg, Update: func(msg tea.Msg) tea.Cmd { _, cmd := r.Update(msg); return cmd }}
	d.Run(r.Init())
	if !r.loaded {
		tb.Fatalf("the results did not load: %v", r.err)
	}
	return &resultsDriver{d, r}
}

// isResultsMsg reports the messages the screen sends itself.
func isResultsMsg(msg tea.Msg) bool {
	_, ok := msg.(resultsLoadedMsg)
	return ok
}

// text is the title, as the header shows it, and the screen, as plain text.
func (d *resultsDriver) text() string { return d.r.Title() + "\n" + tuitest.Plain(d.r.View()) }

// closed reports whether the screen asked to be closed.
func (d *resultsDriver) closed() bool {
	return slices.ContainsFunc(d.Others, func(m tea.Msg) bool { _, ok := m.(common.PopMsg); return ok })
}

func TestResultsViewsAndKeys(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "", 100, 30)
	r := d.r
	steps := []struct {
		keys []string
		tab  resultsTab
		want []string
	}{
		{nil, tabElements, []string{"1 Elements", "[ latest ]", "1. Explain your twin properly! · round 1", "✓ consensus"}},
		{[]string{"tab"}, tabRanking, []string{"Impact · each element's latest round · by median, then mean", "Round"}},
		{[]string{"tab"}, tabMatrix, []string{"↑ Impact", "Effort →", "quick wins", "4 Protect the IP!"}},
		{[]string{"c"}, tabMatrix, []string{"↑ Effort", "Impact →"}},
		{[]string{"c"}, tabMatrix, []string{"↑ Impact"}},
		{[]string{"]"}, tabMatrix, []string{"[ round 1 ]", "medians · round 1"}},
		{[]string{"]"}, tabMatrix, []string{"[ round 2 ]", "Not placed (no median on both in one round): 1. Explain"}},
		{[]string{"]"}, tabMatrix, []string{"[ latest ]"}},
		{[]string{"["}, tabMatrix, []string{"[ round 2 ]"}},
		{[]string{"1"}, tabElements, []string{"1. Explain your twin properly!", "1. Explain your twin properly!\n No ratings in this round.", "3. Make one step at a time!\n No ratings in this round."}},
		{[]string{"shift+tab"}, tabMatrix, nil},
		{[]string{"left"}, tabRanking, []string{"round 2 · by median"}},
	}
	for i, st := range steps {
		d.Press(st.keys...)
		if r.tab != st.tab {
			t.Fatalf("step %d (%v): view %v, want %v", i, st.keys, r.tab, st.tab)
		}
		text := d.text()
		for _, w := range st.want {
			if !strings.Contains(text, w) {
				t.Errorf("step %d (%v): the frame lacks %q:\n%s", i, st.keys, w, text)
			}
		}
	}
	d.Press("esc")
	if !d.closed() {
		t.Fatal("esc did not close the results")
	}
}

func TestResultsScroll(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "", 100, 30)
	r := d.r
	d.Press("j", "j")
	if r.offset[tabElements] != 2 {
		t.Errorf("offset %d after j j", r.offset[tabElements])
	}
	d.Press("G")
	last := r.offset[tabElements]
	if last != len(r.shown.lines)-r.bodyHeight() || !strings.Contains(d.text(), "100% ↓") {
		t.Errorf("G: offset %d of %d lines:\n%s", last, len(r.shown.lines), d.text())
	}
	d.Press("pgdown")
	if r.offset[tabElements] != last {
		t.Error("scrolled past the end")
	}
	d.Press("tab", "g", "shift+tab")
	if r.offset[tabElements] != last {
		t.Error("each view keeps its own scroll position")
	}
}

// TestResultsDuringTheSession: the results opened from an element step
// during the session on the facilitator's screen show only what was
// revealed to the room (the engine decides), and open on the element.
// Quality is in round 2 in this session; its round 2 is revealed.
func TestResultsDuringTheSession(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	e.Running(t)
	if err := e.Store.Reveal(e.Ctx, session.Facilitator(), e.Sess.ID, "quality", 2, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	d := openResults(t, e, "quality", 100, 15)
	if r := d.r; r.tab != tabElements {
		t.Fatalf("view %v", r.tab)
	}
	text := d.text()
	for _, w := range []string{"Results so far", "5. Prove your quality! · round 2", "median 3"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q:\n%s", w, text)
		}
	}
	if first := strings.Split(text, "\n")[2]; !strings.Contains(first, "5. Prove your quality!") {
		t.Errorf("the view does not open on the element: %q", first)
	}
	d.Press("g")
	if text := d.text(); !strings.Contains(text, "1. Explain your twin properly!") || !strings.Contains(text, "Not revealed yet") {
		t.Errorf("an unrevealed element shows:\n%s", text)
	}
	d.Press("2")
	text = d.text()
	if !strings.Contains(text, "1 5. Prove your quality!") || strings.Contains(text, "4. Protect the IP!      ") || !strings.Contains(text, "Not revealed yet: 1. Explain") {
		t.Errorf("the ranking holds unrevealed elements:\n%s", text)
	}
}

func TestResultsKeysFollowTheState(t *testing.T) {
	t.Parallel()
	e := tuitest.NewEnv(t) // no ratings: one round choice
	d := openResults(t, e, "", 100, 30)
	r := d.r
	if !strings.Contains(d.text(), "No ratings yet") {
		t.Errorf("no ratings:\n%s", d.text())
	}
	enabled := func(b key.Binding) bool { return b.Enabled() }
	if enabled(r.keys.RoundPrev) || enabled(r.keys.Axes) || enabled(r.keys.Walk) {
		t.Error("round, axes or walk-through keys enabled with nothing to do")
	}
	d.Press("3")
	if !enabled(r.keys.Axes) {
		t.Error("c is off on the matrix")
	}
	help := help.New().FullHelpView(r.FullHelp()) // what ? shows
	if strings.Contains(help, "round") || !strings.Contains(help, "other criteria") {
		t.Errorf("the help lists keys that do nothing:\n%s", help)
	}
}

func TestResultsCache(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "", 100, 30)
	r := d.r
	d.Press("2", "3", "1")
	n := r.Renders
	if n != 3 {
		t.Errorf("%d renders for three views", n)
	}
	d.Press("2", "3", "1", "j", "k")
	if r.Renders != n {
		t.Errorf("coming back to a view rendered it again (%d renders)", r.Renders-n)
	}
	r.SetSize(80, 22) // a window of 80x24
	if r.Renders != n+1 {
		t.Errorf("a resize: %d renders, want 1", r.Renders-n)
	}
	r.SetSize(100, 28)
	if r.Renders != n+1 {
		t.Error("the size seen before was rendered again")
	}
	r.c.SetTheme(common.ThemeLight) // t, as the root does it
	d.Send(common.ThemeChangedMsg{})
	if r.Renders != n+2 {
		t.Errorf("a theme change: %d renders", r.Renders-n-1)
	}
	d.Press("ctrl+r")
	if r.Renders != n+3 || r.version != 2 {
		t.Errorf("reading again: version %d, %d renders", r.version, r.Renders-n-2)
	}
}

func TestResultsFitTheWindow(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "", 100, 30)
	for _, size := range [][2]int{{100, 30}, {80, 24}, {60, 15}, {200, 60}} {
		d.r.SetSize(size[0], size[1]-2) // the window less the header and the footer
		for _, k := range []string{"1", "2", "3", "c", "G"} {
			d.Press(k)
			view := tuitest.Plain(d.r.View())
			if n := strings.Count(view, "\n") + 1; n > size[1]-2 {
				t.Errorf("%dx%d %s: %d lines", size[0], size[1], k, n)
			}
			for i, l := range strings.Split(view, "\n") {
				if n := len([]rune(l)); n > size[0] {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", size[0], size[1], k, i, n, l)
				}
			}
		}
	}
}
