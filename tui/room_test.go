package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// plainLines are the frame's lines, trimmed.
func plainLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		out = append(out, strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "│")))
	}
	return out
}

// hasLine reports whether a line of the frame holds want.
func hasLine(text, want string) bool {
	for _, l := range plainLines(text) {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

// A note's lines stay lines in the review's summary (the Markdown of
// package export quotes it), and its header reads without stray spaces
// around code: "(dttf)", "Session: 5e551011, finished".
func TestReviewSummaryReads(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	if err := e.Store.SaveNote(e.Ctx, session.Facilitator(), e.Sess.ID, "element:explain", "Users want test data.\nSuppliers fear for their IP."); err != nil {
		t.Fatal(err)
	}
	d := newRootDriver(t, NewModel(e.Ctx, reviewOptions(e)), 100, 200)
	text := e.Scrub(d.text())
	for _, want := range []string{"│ Users want test data.\n", "│ Suppliers fear for their IP.\n", "(dttf)", "Session: 5e551011, finished"} {
		if !strings.Contains(text, want) {
			t.Errorf("the review lacks the line %q:\n%s", want, text)
		}
	}
	for _, never := range []string{"( dttf )", "## ", "### "} {
		if strings.Contains(text, never) {
			t.Errorf("the review shows %q", never)
		}
	}
}

// A read-only review's steps do not offer "e edits" under a note.
func TestReviewStepsOfferNoEditing(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	if err := e.Store.SaveNote(e.Ctx, session.Facilitator(), e.Sess.ID, "intro", "A note."); err != nil {
		t.Fatal(err)
	}
	d := newRootDriver(t, NewModel(e.Ctx, reviewOptions(e)), 100, 30)
	d.Press("enter", "g") // the steps, from the summary; back to the first
	for range 19 {
		d.Press("p")
	}
	if !strings.Contains(d.text(), "A note.") || strings.Contains(d.text(), "e edits") {
		t.Errorf("the review's step:\n%s", d.text())
	}
}

// Without colour (NO_COLOR) the agenda's selection is marked by a sign,
// not by bold alone.
func TestAgendaSelectionWithoutColour(t *testing.T) {
	e := tuitest.NewEnv(t)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("tab", "down", "down")
	if !hasLine(d.text(), "›  Digital Twin Supplier") {
		t.Errorf("no mark on the selection:\n%s", d.text())
	}
}

// A story opened from the stakeholder map: esc goes back to the story
// from one of its elements, and from the story to the map; the bar says
// where esc goes.
func TestDetoursFromTheMap(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "map")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	d.Press("4") // Trust from the user to the supplier
	if !strings.Contains(d.text(), "esc: back to Stakeholder map") || !strings.Contains(d.text(), "1-3 opens an element") {
		t.Fatalf("the story from the map:\n%s", d.text())
	}
	d.Press("2") // its second element
	if !strings.Contains(d.text(), "esc: back to Trust from the user to the supplier") {
		t.Fatalf("the element from the story:\n%s", d.text())
	}
	d.Press("esc")
	if !strings.Contains(d.text(), "esc: back to Stakeholder map") {
		t.Errorf("esc from the element did not come back to the story:\n%s", d.text())
	}
	d.Press("esc")
	if w := d.screen().(*walkthrough.Model); strings.Contains(d.text(), "esc: back to") || w.Scroll() != 0 {
		t.Errorf("esc from the story did not come back to the map:\n%s", d.text())
	}
}

// The summary's matrix names all four quadrants, as the results screen
// does.
func TestSummaryMatrixQuadrants(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 6)
	e.AtStep(t, "summary")
	d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 60)
	d.Press("z")
	for range 80 {
		if strings.Contains(d.text(), "↑ Impact") {
			break
		}
		d.Press("j")
	}
	d.Press("pgdown") // the whole matrix in view
	for _, q := range []string{"quick wins", "major projects", "fill-ins", "thankless tasks"} {
		if !strings.Contains(d.text(), q) {
			t.Errorf("the summary's matrix lacks %q:\n%s", q, d.text())
		}
	}
}

// The README's screen capture is today's screen: the golden of the
// walkthrough at the stakeholder map.
func TestReadmeCaptureIsTodaysScreen(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/TestGoldenWalkthrough/map.golden")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "The walkthrough at the stakeholder map")
	_, block, ok2 := strings.Cut(after, "```text\n")
	block, _, ok3 := strings.Cut(block, "\n```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("the README has no capture of the walkthrough at the stakeholder map")
	}
	if block != strings.TrimRight(string(golden), "\n") {
		t.Errorf("the README's capture differs from today's screen (%s); copy the golden into the README", "testdata/TestGoldenWalkthrough/map.golden")
	}
}
