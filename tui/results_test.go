package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/exportdialog"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// openResults is a driver on the env's session at step, with R pressed.
func openResults(t *testing.T, e *tuitest.Env, step string, w, h int) *rootDriver {
	t.Helper()
	e.AtStep(t, step)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), w, h)
	d.Press("R")
	if _, ok := d.screen().(*resultsScreen); !ok {
		t.Fatalf("R opened %T", d.screen())
	}
	return d
}

func TestResultsViewsAndKeys(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "summary", 100, 30)
	r := d.screen().(*resultsScreen)
	if r.blind {
		t.Error("the results of the summary step hide unrevealed elements")
	}
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
		{[]string{"]"}, tabMatrix, []string{"[ round 2 ]", "Not placed (no median on both): 1. Explain"}},
		{[]string{"]"}, tabMatrix, []string{"[ latest ]"}},
		{[]string{"["}, tabMatrix, []string{"[ round 2 ]"}},
		{[]string{"1"}, tabElements, []string{"1. Explain your twin properly!", "no ratings"}},
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
	w, ok := d.screen().(*walkthrough)
	if !ok || w.currentStep().Kind != content.StepSummary || !strings.Contains(d.text(), "Step 20 of 20") {
		t.Fatalf("esc went to %T:\n%s", d.screen(), d.text())
	}
}

func TestResultsScroll(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "summary", 100, 30)
	r := d.screen().(*resultsScreen)
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
// show only what was revealed in the rating grid, and open on the element.
func TestResultsDuringTheSession(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	e.Running(t)
	if err := e.Store.Reveal(e.Ctx, e.Sess.ID, "quality", 1); err != nil {
		t.Fatal(err)
	}
	d := openResults(t, e, "element:quality", 100, 15)
	r := d.screen().(*resultsScreen)
	if !r.blind || r.tab != tabElements {
		t.Fatalf("blind %v, view %v", r.blind, r.tab)
	}
	text := d.text()
	for _, w := range []string{"Results so far", "5. Prove your quality! · round 1", "median 3"} {
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

// TestResultsOfAFinishedSession: a finished session (one imported from
// paper has no reveals) shows every result from an element step too.
func TestResultsOfAFinishedSession(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d := openResults(t, e, "element:quality", 100, 30)
	if r := d.screen().(*resultsScreen); r.blind || strings.Contains(d.text(), "Not revealed") {
		t.Errorf("blind:\n%s", d.text())
	}
}

// TestResultsOverTheGrid: R works while the rating grid is open and esc
// comes back to the grid.
func TestResultsOverTheGrid(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	e.AtStep(t, "element:explain")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("r")
	w := d.screen().(*walkthrough)
	if w.rating == nil {
		t.Fatal("r did not open the grid")
	}
	d.Press("R")
	if _, ok := d.screen().(*resultsScreen); !ok {
		t.Fatalf("R over the grid opened %T", d.screen())
	}
	// the walkthrough underneath keeps getting what is not input
	ticks := w.ticks
	d.Send(tickMsg{gen: w.tickGen})
	if w.ticks != ticks+1 {
		t.Error("the walkthrough underneath missed its timer")
	}
	d.Press("esc")
	if d.screen() != common.Screen(w) || w.rating == nil {
		t.Errorf("esc went to %T, grid open %v", d.screen(), w.rating != nil)
	}
	// x is the grid's own key (clear), not export
	d.Press("x")
	if _, ok := d.screen().(*exportdialog.Model); ok {
		t.Error("x over the grid opened the export dialog")
	}
}

func TestResultsKeysFollowTheState(t *testing.T) {
	t.Parallel()
	e := tuitest.NewEnv(t) // no ratings: one round choice
	e.AtStep(t, "summary")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("R")
	r := d.screen().(*resultsScreen)
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
	d.Press("?")
	help := d.text()
	if strings.Contains(help, "round") || !strings.Contains(help, "other criteria") {
		t.Errorf("the help lists keys that do nothing:\n%s", help)
	}
}

func TestResultsCache(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 6)
	d := openResults(t, e, "summary", 100, 30)
	r := d.screen().(*resultsScreen)
	d.Press("2", "3", "1")
	n := r.Renders
	if n != 3 {
		t.Errorf("%d renders for three views", n)
	}
	d.Press("2", "3", "1", "j", "k")
	if r.Renders != n {
		t.Errorf("coming back to a view rendered it again (%d renders)", r.Renders-n)
	}
	d.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if r.Renders != n+1 {
		t.Errorf("a resize: %d renders, want 1", r.Renders-n)
	}
	d.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if r.Renders != n+1 {
		t.Error("the size seen before was rendered again")
	}
	d.Press("t")
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
	d := openResults(t, e, "summary", 100, 30)
	for _, size := range [][2]int{{100, 30}, {80, 24}, {60, 15}, {200, 60}} {
		d.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, k := range []string{"1", "2", "3", "c", "G"} {
			d.Press(k)
			lines := strings.Split(d.model().View().Content, "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d %s: %d lines", size[0], size[1], k, len(lines))
			}
			for i, l := range strings.Split(d.text(), "\n") {
				if n := len([]rune(l)); n > size[0] {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", size[0], size[1], k, i, n, l)
				}
			}
		}
	}
}
