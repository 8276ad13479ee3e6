package walkthrough

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

func TestWalkthroughKeys(t *testing.T) {
	tests := []struct {
		name       string
		from       string // step key to start on
		keys       []string
		wantStep   string
		wantDetour string // item id shown instead of the step, "" for none
		wantZoom   bool
		wantAgenda bool // the agenda has the focus
	}{
		{name: "n goes to the next step", from: "intro", keys: []string{"n"}, wantStep: "map"},
		{name: "right and l too", from: "intro", keys: []string{"right", "l"}, wantStep: "persona:supplier"},
		{name: "p and left go back", from: "persona:user", keys: []string{"p", "left"}, wantStep: "map"},
		{name: "no step before the first", from: "intro", keys: []string{"p", "h"}, wantStep: "intro"},
		{name: "no step after the last", from: "summary", keys: []string{"n"}, wantStep: "summary"},
		{name: "a number opens a story's element", from: "story:user-supplier", keys: []string{"2"}, wantStep: "story:user-supplier", wantDetour: "incentive"},
		{name: "esc returns to the story", from: "story:user-supplier", keys: []string{"3", "esc"}, wantStep: "story:user-supplier"},
		{name: "backspace too", from: "story:user-supplier", keys: []string{"1", "backspace"}, wantStep: "story:user-supplier"},
		{name: "another number switches element", from: "story:user-supplier", keys: []string{"1", "3"}, wantStep: "story:user-supplier", wantDetour: "quality"},
		{name: "a number past the list does nothing", from: "story:user-supplier", keys: []string{"9"}, wantStep: "story:user-supplier"},
		{name: "numbers on the map open stories", from: "map", keys: []string{"7"}, wantStep: "map", wantDetour: "partner-user"},
		{name: "numbers elsewhere do nothing", from: "intro", keys: []string{"1"}, wantStep: "intro"},
		{name: "next step leaves the detour", from: "story:user-supplier", keys: []string{"1", "n"}, wantStep: "story:user-user"},
		{name: "z zooms", from: "intro", keys: []string{"z"}, wantStep: "intro", wantZoom: true},
		{name: "z again unzooms", from: "intro", keys: []string{"z", "z"}, wantStep: "intro"},
		{name: "tab focuses the agenda", from: "intro", keys: []string{"tab"}, wantStep: "intro", wantAgenda: true},
		{name: "enter on the agenda goes to the step", from: "intro", keys: []string{"tab", "j", "j", "enter"}, wantStep: "persona:supplier"},
		{name: "esc leaves the agenda", from: "intro", keys: []string{"tab", "j", "esc"}, wantStep: "intro"},
		{name: "a wrong key does nothing", from: "persona:supplier", keys: []string{"w", "ä", "%"}, wantStep: "persona:supplier"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tuitest.NewEnv(t)
			e.AtStep(t, tc.from)
			w, _ := loadedWalkthrough(t, e, false, 100, 30)
			for _, k := range tc.keys {
				w.Update(tuitest.Press(k))
			}
			if got := w.currentStep().Key(); got != tc.wantStep {
				t.Errorf("step = %s, want %s", got, tc.wantStep)
			}
			gotDetour := ""
			if top := w.detours.top(); top != nil {
				gotDetour = top.ID
			}
			if gotDetour != tc.wantDetour {
				t.Errorf("detour = %q, want %q", gotDetour, tc.wantDetour)
			}
			if w.zoom != tc.wantZoom || w.agenda.focus != tc.wantAgenda {
				t.Errorf("zoom, agenda focus = %v, %v; want %v, %v", w.zoom, w.agenda.focus, tc.wantZoom, tc.wantAgenda)
			}
		})
	}
}

func TestWalkthroughReviewIsReadOnly(t *testing.T) {
	e := tuitest.NewEnv(t)
	w, _ := loadedWalkthrough(t, e, true, 100, 30)
	w.Update(tuitest.Press("e"))
	if w.notes.editor != nil {
		t.Error("e opened the note editor in a review")
	}
	w.Update(tuitest.Press("n"))
	if w.Flush() != nil {
		t.Error("a review has something to flush")
	}
	sess, err := e.Store.Session(e.Ctx, e.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Step != 0 || sess.Status != "planned" {
		t.Errorf("review changed the session: step %d, status %s", sess.Step, sess.Status)
	}
}

func TestNoteSavedWhileTyping(t *testing.T) {
	e := tuitest.NewEnv(t)
	w, c := loadedWalkthrough(t, e, false, 100, 30)
	now := tuitest.Now
	c.Now = func() time.Time { return now }
	w.Update(tuitest.Press("e"))
	var last tea.Cmd
	for _, r := range "Trust grows slowly" {
		_, last = w.Update(tuitest.Press(string(r)))
	}
	// the debounce fires after the last key: run what it asks for, and
	// let the outbox deliver it
	runCmds(t, w, last)
	settle(w, c)
	ws, _ := e.Store.Workshop(e.Ctx, e.Sess.ID)
	if got := ws.Notes["intro"].Body; got != "Trust grows slowly" {
		t.Errorf("note after the debounce = %q", got)
	}
}

// settle delivers what the outbox and the feed bring (the test's Common
// is pumped), as the root would, and the reads they ask for.
func settle(w *Model, c *common.Common) {
	for range 20 {
		msgs := c.Pump()
		if len(msgs) == 0 {
			return
		}
		for _, m := range msgs {
			_, cmd := w.Update(m)
			runLoads(w, cmd)
		}
	}
}

// runLoads runs the reads of the snapshot a command tree asks for.
func runLoads(w *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				runLoads(w, c)
			}
		case sessionLoadedMsg:
			_, next := w.Update(msg)
			runLoads(w, next)
		}
	case <-time.After(100 * time.Millisecond): // a tick
	}
}

// runCmds runs a command tree synchronously, feeding the walkthrough's own
// messages back to w (a tea.Tick runs after its delay); timer ticks and the
// cursor blink would go on for ever, so they stop there.
func runCmds(t *testing.T, w *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			runCmds(t, w, c)
		}
	case nil:
	case noteDebounceMsg, summaryResultsMsg:
		_, next := w.Update(msg)
		runCmds(t, w, next)
	}
}

func TestStepAndScrollRestored(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "persona:user")
	w, c := loadedWalkthrough(t, e, false, 100, 30)
	settle(w, c) // the clock starts
	e.Clock.Advance(90 * time.Second)
	w.Update(tuitest.Press("pgdown"))
	off := w.page.vp.YOffset()
	if off == 0 {
		t.Fatal("pgdown did not scroll")
	}
	runCmds(t, w, w.Flush())
	settle(w, c) // the outbox delivers what the flush handed it

	w2, _ := loadedWalkthrough(t, e, false, 100, 30)
	if got := w2.currentStep().Key(); got != "persona:user" {
		t.Errorf("reopened on %s", got)
	}
	if w2.page.vp.YOffset() != off {
		t.Errorf("scroll = %d, want %d", w2.page.vp.YOffset(), off)
	}
	if got := w2.elapsed(w2.step); got != 90*time.Second {
		t.Errorf("elapsed = %s, want 1m30s", got)
	}
}

func TestWalkthroughRendersThroughTheCache(t *testing.T) {
	e := tuitest.NewEnv(t)
	w, c := loadedWalkthrough(t, e, false, 100, 30)
	w.Update(tuitest.Press("n"))
	w.Update(tuitest.Press("p"))
	misses := c.Markdown.Misses
	for range 3 {
		w.Update(tuitest.Press("n"))
		w.Update(tuitest.Press("p"))
		_ = w.View()
	}
	if c.Markdown.Misses != misses {
		t.Errorf("going back and forth rendered again: %d misses, was %d", c.Markdown.Misses, misses)
	}
}

// The agenda shows the step's time against its suggestion, in one
// format, and the overrun once it is over.
func TestAgendaShowsTheOverrun(t *testing.T) {
	e := tuitest.NewEnv(t)
	w, c := loadedWalkthrough(t, e, false, 100, 30) // intro: 5 minutes
	settle(w, c)
	e.Clock.Advance(4 * time.Minute)
	if v := tuitest.Plain(w.View()); !strings.Contains(v, "4:00 of 5:00") || strings.Contains(v, "over by") {
		t.Errorf("at 4 minutes:\n%s", v)
	}
	e.Clock.Advance(2*time.Minute + 5*time.Second)
	if v := tuitest.Plain(w.View()); !strings.Contains(v, "6:05 of 5:00 · over by 1:05") {
		t.Errorf("at 6:05:\n%s", v)
	}
}

// R opens the results over the walkthrough for the facilitator's screen,
// on the element of an element step; what they show is the engine's
// answer for that viewer (only what was revealed, during the session), not
// the walkthrough's.
func TestWalkthroughOpensResults(t *testing.T) {
	for _, tc := range []struct {
		name, step string
		running    bool
		want       common.OpenResultsMsg
	}{
		{name: "the summary", step: "summary", running: true},
		{name: "an element during the session", step: "element:quality", running: true, want: common.OpenResultsMsg{Focus: "quality"}},
		{name: "an element of a finished session", step: "element:quality", want: common.OpenResultsMsg{Focus: "quality"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tuitest.NewRatedEnv(t, 3)
			if tc.running {
				e.Running(t)
			}
			e.AtStep(t, tc.step)
			if !tc.running { // AtStep reopened it: finished where it stands
				if err := e.Store.Finish(e.Ctx, session.Facilitator(), e.Sess.ID, true); err != nil {
					t.Fatal(err)
				}
			}
			w, _ := loadedWalkthrough(t, e, false, 100, 30)
			_, cmd := w.Update(tuitest.Press("R"))
			if cmd == nil {
				t.Fatal("R did nothing")
			}
			got, ok := cmd().(common.OpenResultsMsg)
			if !ok || got.Sess.ID != e.Sess.ID || got.Pack != e.Pack || got.Viewer.Kind != session.ViewFacilitator || got.Focus != tc.want.Focus {
				t.Errorf("R sent %+v, want the facilitator's view, focus %q", got, tc.want.Focus)
			}
		})
	}
}

// loadedWalkthrough returns a walkthrough of the env's session, loaded
// synchronously and sized for a window of w x h, for key tests without a
// program.
func loadedWalkthrough(tb testing.TB, e *tuitest.Env, readOnly bool, w, h int) (*Model, *common.Common) {
	tb.Helper()
	c := e.Common(tb)
	wt := New(c, e.Sess.ID, readOnly)
	msg := wt.Init()()
	wt.Update(msg)
	if wt.err != nil {
		tb.Fatal(wt.err)
	}
	wt.SetSize(w, h-2)
	return wt, c
}
