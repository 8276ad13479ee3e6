package tui

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Goldens of the results screen, the review and the export dialog: the
// last frame as plain text, as in golden_test.go. Refresh them with
// go test ./tui/ -run 'TestGolden(Results|Review|Export)' -update.

func TestGoldenResults(t *testing.T) {
	tests := []struct {
		name, step, wait string
		w, h             int
		keys             []string
	}{
		{name: "elements", step: "summary", w: 100, h: 30},
		{name: "ranking", step: "summary", wait: "by median, then mean", w: 100, h: 30, keys: []string{"2"}},
		{name: "matrix", step: "summary", wait: "↑ Impact", w: 100, h: 30, keys: []string{"3"}},
		{name: "matrix 80x24", step: "summary", wait: "↑ Impact", w: 80, h: 24, keys: []string{"3"}},
		{name: "matrix 60x15", step: "summary", wait: "↑ Impact", w: 60, h: 15, keys: []string{"3"}},
		{name: "matrix round 2", step: "summary", wait: "Not placed", w: 100, h: 30, keys: []string{"3", "]", "]"}},
		{name: "element during the session", step: "element:quality", w: 100, h: 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tuitest.NewRatedEnv(t, 6)
			e.Running(t)
			if err := e.Store.Reveal(e.Ctx, session.Facilitator(), e.Sess.ID, "quality", 1, session.AudienceRoom); err != nil {
				t.Fatal(err)
			}
			e.AtStep(t, tc.step)
			tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), tc.w, tc.h)
			tuitest.WaitForAll(t, tm, "Step ", ":00 left")
			tm.Send(tuitest.Press("R"))
			tuitest.WaitForText(t, tm, "Elements")
			for _, k := range tc.keys {
				tm.Send(tuitest.Press(k))
			}
			if tc.wait != "" {
				tuitest.WaitForText(t, tm, tc.wait)
			}
			golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
		})
	}
}

func TestGoldenReview(t *testing.T) {
	tests := []struct {
		name, wait string
		keys       []string
	}{
		{name: "summary", wait: "Who took part"},
		{name: "walkthrough", wait: "Press R for every", keys: []string{"enter"}}, // the side pane read its results
		{name: "matrix", wait: "↑ Impact", keys: []string{"4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tuitest.NewRatedEnv(t, 3)
			tm := tuitest.Start(t, NewModel(e.Ctx, reviewOptions(e)), 100, 30)
			if len(tc.keys) > 0 {
				tuitest.WaitForText(t, tm, "Summary")
			}
			for _, k := range tc.keys {
				tm.Send(tuitest.Press(k))
			}
			tuitest.WaitForText(t, tm, tc.wait)
			golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
		})
	}
}

func TestGoldenExportDialog(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	e.AtStep(t, "summary")
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	tuitest.WaitForAll(t, tm, "Step 20 of 20", ":00 left")
	tm.Send(tuitest.Press("x"))
	tuitest.WaitForText(t, tm, "enter exports")
	tm.Send(tuitest.Press("down"))
	tuitest.WaitForText(t, tm, "› csv")
	golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
}

// TestGoldenSummaryResults is the summary step's rating results (ranking,
// matrix, consensus), scrolled down in presenter zoom.
func TestGoldenSummaryResults(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 6)
	e.AtStep(t, "summary")
	tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), 100, 30)
	tuitest.WaitForAll(t, tm, "each element in the latest round", ":00 left")
	for _, k := range []string{"z", "pgdown", "pgdown"} {
		tm.Send(tuitest.Press(k))
	}
	tuitest.WaitForText(t, tm, "Effort →")
	golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
}
