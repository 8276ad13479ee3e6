package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The goldens are the last frame at 100x30, as plain text: the program runs
// in teatest with the ASCII colour profile and a fixed clock, and the frame
// is stripped of escape sequences so it reads in a diff. Refresh them with
// go test ./tui/ -run TestGolden -update.

func TestGoldenHome(t *testing.T) {
	e := tuitest.NewEnv(t)
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, "")), 100, 30)
	tuitest.WaitFor(t, tm, "Pilot workshop")
	golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
}

func TestGoldenHomeEmpty(t *testing.T) {
	e := tuitest.NewEnv(t)
	if err := e.Store.DeleteSession(e.Ctx, session.Facilitator(), e.Sess.ID); err != nil {
		t.Fatal(err)
	}
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, "")), 100, 30)
	tuitest.WaitFor(t, tm, "No sessions yet")
	golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
}

func TestGoldenNewSessionForm(t *testing.T) {
	e := tuitest.NewEnv(t)
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, "")), 100, 30)
	tuitest.WaitFor(t, tm, "Pilot workshop")
	tm.Send(tuitest.Press("n"))
	tuitest.WaitFor(t, tm, "Facilitator")
	// typing into the next field would race huh's focus command; one field shows the form
	tm.Type("Kick-off")
	golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
}

func TestGoldenWalkthrough(t *testing.T) {
	tests := []struct {
		name, step, wait string
		keys             []string
	}{
		{name: "intro", step: "intro", wait: "Step 1 of"},
		{name: "map", step: "map", wait: "Step 2 of"},
		{name: "persona", step: "persona:supplier", wait: "Step 3 of"},
		{name: "story", step: "story:user-supplier", wait: "Step 9 of"},
		{name: "story element", step: "story:user-supplier", wait: "Step 9 of", keys: []string{"2"}},
		{name: "element", step: "element:explain", wait: "Step 13 of"},
		{name: "summary", step: "summary", wait: "Step 20 of"},
		{name: "zoom", step: "persona:user", wait: "Step 4 of", keys: []string{"z"}},
		{name: "help", step: "element:explain", wait: "Step 13 of", keys: []string{"?"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tuitest.NewEnv(t)
			e.AtStep(t, tc.step)
			tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
			tuitest.WaitForAll(t, tm, tc.wait, ":00 left") // the step's clock runs
			for _, k := range tc.keys {
				tm.Send(tuitest.Press(k))
			}
			golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
		})
	}
}

func TestGoldenTooSmall(t *testing.T) {
	e := tuitest.NewEnv(t)
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 59, 14)
	tuitest.WaitFor(t, tm, "Enlarge")
	golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
}

func TestResizeReflows(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "persona:supplier")
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	tuitest.WaitFor(t, tm, "Step 3 of")
	for _, size := range []tea.WindowSizeMsg{{Width: 60, Height: 15}, {Width: 59, Height: 14}, {Width: 200, Height: 60}, {Width: 80, Height: 24}} {
		tm.Send(size)
	}
	tm.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	tuitest.WaitFor(t, tm, "Step 3 of")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	checkFrame(t, m, 120, 40)

	// every size on the way reflows at once, without a broken frame
	for _, size := range []tea.WindowSizeMsg{{Width: 60, Height: 15}, {Width: 59, Height: 14}, {Width: 200, Height: 60}, {Width: 80, Height: 24}} {
		next, _ := m.Update(size)
		m = next.(Model)
		checkFrame(t, m, size.Width, size.Height)
	}
}

// checkFrame asserts that the frame fills w x h exactly, or asks for a
// bigger terminal below the minimum.
func checkFrame(t *testing.T, m Model, w, h int) {
	t.Helper()
	view := m.View().Content
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%dx%d: line %d is %d wide", w, h, i+1, lw)
		}
	}
	text := tuitest.ScreenText(m)
	small := w < MinWidth || h < MinHeight
	if small != strings.Contains(text, "Enlarge") {
		t.Errorf("%dx%d: too-small message shown = %v, want %v:\n%s", w, h, !small, small, text)
	}
	if !small && !strings.Contains(text, "Step 3 of") {
		t.Errorf("%dx%d: no step line:\n%s", w, h, text)
	}
}

func TestNoteSurvivesQuitAndReopen(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "element:explain")
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	tuitest.WaitFor(t, tm, "Step 13 of")
	tm.Send(tuitest.Press("e"))
	tm.Type("Measures: a shared glossary")
	tm.Send(tuitest.Press("ctrl+c")) // in the middle of typing: the flush saves it
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	w, err := e.Store.Workshop(e.Ctx, e.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Notes["element:explain"].Body; got != "Measures: a shared glossary" {
		t.Fatalf("stored note = %q", got)
	}

	// reopened: same step, the note on screen
	tm = tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	tuitest.WaitFor(t, tm, "Step 13 of")
	screen := tuitest.FinalScreen(t, tm)
	if !strings.Contains(screen, "Measures: a shared glossary") {
		t.Errorf("reopened screen lacks the note:\n%s", screen)
	}
}

func TestGoldenMissingRatingsWarning(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0)
	if err := env.St.MoveTo(context.Background(), session.Facilitator(), env.Sess.ID, lastElementStep(env.Pack), false); err != nil {
		t.Fatal(err)
	}
	root := NewModel(context.Background(), Options{Engine: env.St, Pack: env.Pack, Session: env.Sess.ID, Now: env.Clock.Now})
	t.Cleanup(root.common.Close)
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	last, _ := env.Pack.Element(env.Pack.Agenda[lastElementStep(env.Pack)].Ref)
	tuitest.WaitForAll(t, tm, last.Title, ":00 left")
	tm.Send(tuitest.Press("n"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("open cells")) },
		teatest.WithDuration(5*time.Second))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	teatest.RequireEqualOutput(t, []byte(tuitest.Plain(final.View().Content)+"\n"))
}
