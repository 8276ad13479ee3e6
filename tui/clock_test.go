package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/rating"
	"github.com/trustshop/trustshop/tui/results"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// header is the frame's first line.
func (d *rootDriver) header() string { return strings.SplitN(d.text(), "\n", 2)[0] }

// The step's time shows in the header over every screen of the session:
// the walkthrough, the grid, zoom, the results and pass-the-laptop; time
// spent in pass-the-laptop and the results counts on the step.
func TestClockOverEveryScreen(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	e.Running(t)
	e.AtStep(t, "element:explain") // 10 minutes
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	check := func(where, want string) {
		t.Helper()
		if h := d.header(); !strings.Contains(h, want) {
			t.Errorf("%s: header %q, want %q", where, h, want)
		}
	}
	// the time passes as the program lives it: ticking, and saying it
	// runs the clock (session.ClockAlive), which going back to the
	// walkthrough asks
	advance := func(dur time.Duration) {
		e.Clock.Advance(dur)
		d.M, _ = d.M.Update(clockTickMsg{})
	}
	check("walkthrough", "step 13/20 · 10:00 left")
	advance(time.Minute)
	d.Press("z")
	check("zoom", "9:00 left")
	d.Press("z", "r")
	advance(time.Minute)
	check("grid", "8:00 left")
	d.Press("R")
	if _, ok := d.screen().(*results.Model); !ok {
		t.Fatalf("R opened %T", d.screen())
	}
	advance(time.Minute)
	check("results", "7:00 left")
	d.Press("esc", "P")
	if _, ok := d.screen().(*rating.Laptop); !ok {
		t.Fatalf("P opened %T", d.screen())
	}
	advance(5 * time.Minute)
	check("pass-the-laptop", "2:00 left")
	advance(3*time.Minute + 30*time.Second)
	check("over", "over by 1:30")
	d.Press("esc", "enter") // end pass-the-laptop, back to the walkthrough
	if _, ok := d.screen().(*walkthrough.Model); !ok {
		t.Fatalf("not back in the walkthrough: %T", d.screen())
	}
	if !strings.Contains(d.text(), "11:30 of 10:00 · over by 1:30") {
		t.Errorf("the agenda lost the time of pass-the-laptop:\n%s", d.text())
	}
}

// b pauses the clock for a break and resumes it; the pause is the
// engine's, with a history row, so the projector window sees it.
func TestPauseTheClock(t *testing.T) {
	e := tuitest.NewEnv(t)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	e.Clock.Advance(time.Minute)
	d.Press("b")
	if h := d.header(); !strings.Contains(h, "paused · 4:00 left") {
		t.Fatalf("header %q", h)
	}
	e.Clock.Advance(20 * time.Minute)
	if h := d.header(); !strings.Contains(h, "paused · 4:00 left") {
		t.Errorf("the break counted: %q", h)
	}
	d.Press("b")
	e.Clock.Advance(time.Minute)
	if h := d.header(); !strings.Contains(h, "3:00 left") || strings.Contains(h, "paused") {
		t.Errorf("resumed: %q", h)
	}
	hist, err := e.Store.History(e.Ctx, e.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var pauses []string
	for _, c := range hist {
		if c.Entity == "clock" && c.Field == "paused" {
			pauses = append(pauses, *c.New)
		}
	}
	if strings.Join(pauses, ",") != "1,0" {
		t.Errorf("history of the pause: %v", pauses)
	}
}

// Leaving the session (home, quitting) stops its clock: the time away
// does not count, and reopening runs it on.
func TestLeavingStopsTheClock(t *testing.T) {
	e := tuitest.NewEnv(t)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	e.Clock.Advance(time.Minute)
	d.Press("esc") // home
	e.Clock.Advance(time.Hour)
	d.Press("enter") // the session again
	e.Clock.Advance(time.Minute)
	if h := d.header(); !strings.Contains(h, "3:00 left") {
		t.Errorf("header %q, want 2 minutes spent", h)
	}
	d.Press("q")
	e.Clock.Advance(time.Hour)
	w, err := e.Store.Workshop(e.Ctx, e.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w.Clock.Running() || w.Elapsed(0, e.Clock.Now()) != 2*time.Minute {
		t.Errorf("after quitting: running %v, elapsed %v", w.Clock.Running(), w.Elapsed(0, e.Clock.Now()))
	}
}

// --bell rings once when the step runs over; without it, never.
func TestBellRingsOnceWhenOver(t *testing.T) {
	for _, bell := range []bool{true, false} {
		e := tuitest.NewEnv(t) // intro: 5 minutes
		o := options(e, e.Sess.ID)
		o.Bell = bell
		d := newRootDriver(t, NewModel(e.Ctx, o), 100, 30)
		rings := 0
		for _, after := range []time.Duration{4 * time.Minute, time.Minute + time.Second, time.Minute, time.Minute} {
			e.Clock.Advance(after)
			var cmd tea.Cmd
			d.M, cmd = d.M.Update(clockTickMsg{})
			rings += countRaw(cmd)
		}
		if want := map[bool]int{true: 1, false: 0}[bell]; rings != want {
			t.Errorf("bell %v: rang %d times, want %d", bell, rings, want)
		}
	}
}

// countRaw counts the terminal writes (the bell) a command tree would make,
// without waiting for ticks.
func countRaw(cmd tea.Cmd) int {
	if cmd == nil {
		return 0
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case tea.BatchMsg:
			n := 0
			for _, c := range msg {
				n += countRaw(c)
			}
			return n
		case tea.RawMsg:
			return 1
		}
	case <-time.After(100 * time.Millisecond): // a tick
	}
	return 0
}

// Reopening a session restores its zoom and its theme (unless the command
// line chose one), and the summary's scroll.
func TestReopenRestoresZoomThemeAndScroll(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	e.Running(t)
	e.AtStep(t, "summary")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("z", "t", "t", "G") // zoomed, high-contrast, at the bottom of the summary
	w := d.screen().(*walkthrough.Model)
	off := w.Scroll()
	if off == 0 {
		t.Fatal("G did not scroll the summary")
	}
	d.Press("q")

	d = newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	w = d.screen().(*walkthrough.Model)
	if !w.Zoomed() || d.model().common.Styles.Theme != ThemeHighContrast || w.Scroll() != off {
		t.Errorf("reopened: zoom %v, theme %s, scroll %d (want %d)", w.Zoomed(), d.model().common.Styles.Theme, w.Scroll(), off)
	}

	o := options(e, e.Sess.ID)
	o.ThemeFixed = true // --theme dark
	d = newRootDriver(t, NewModel(e.Ctx, o), 100, 30)
	if th := d.model().common.Styles.Theme; th != ThemeDark {
		t.Errorf("--theme dark gave %s", th)
	}
}

// The keys to get help and to quit end the key bar at every size, and on
// screens that take every key (f1, ctrl+c there).
func TestKeyBarAlwaysEndsWithHelpAndQuit(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	e.Running(t)
	e.AtStep(t, "story:user-supplier")
	for _, size := range [][2]int{{200, 60}, {100, 30}, {80, 24}, {60, 15}} {
		d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), size[0], size[1])
		for _, keys := range [][]string{nil, {"n", "n", "n", "n", "r"}, {"P"}} {
			d.Press(keys...)
			lines := strings.Split(strings.TrimRight(d.text(), "\n"), "\n")
			foot := lines[len(lines)-1]
			want := "? help • q quit"
			if d.screen().Capturing() {
				want = "f1 help • ctrl+c quit"
			}
			if !strings.HasSuffix(foot, want) {
				t.Errorf("%dx%d after %v: key bar %q", size[0], size[1], keys, foot)
			}
		}
	}
}

// f1 opens the help where ? is typed (pass-the-laptop).
func TestF1OpensTheHelpWhileTyping(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	e.Running(t)
	e.AtStep(t, "element:explain")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("r", "P", "f1")
	if !d.model().showHelp {
		t.Errorf("f1 did not open the help:\n%s", d.text())
	}
}

// E in the walkthrough adds a late participant, who gets a row in the
// open grid at once.
func TestLateParticipantFromTheWalkthrough(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "element:explain")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("r", "E", "a")
	for _, r := range "Eve: partner" {
		d.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	d.Press("enter", "esc")
	if !strings.Contains(d.text(), "Eve (partner)") {
		t.Errorf("the grid has no row for Eve:\n%s", d.text())
	}
	sess, _ := e.Store.Session(e.Ctx, e.Sess.ID)
	if n := len(sess.Participants); n != 4 {
		t.Errorf("%d participants", n)
	}
	hist, _ := e.Store.History(e.Ctx, e.Sess.ID)
	last := hist[len(hist)-1]
	if last.Entity != "participant" || last.Field != "added" || last.Actor != session.Facilitator() {
		t.Errorf("last history row %+v", last)
	}
}
