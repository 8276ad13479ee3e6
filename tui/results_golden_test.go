package tui

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// waitForText waits until the program has drawn text, read without escape
// sequences (styles split styled text in the raw stream).
func waitForText(tb testing.TB, tm *teatest.TestModel, text string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

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
			e := newRatedEnv(t, 6)
			e.running(t)
			if err := e.store.Reveal(e.ctx, e.sess.ID, "quality", 1); err != nil {
				t.Fatal(err)
			}
			e.atStep(t, tc.step)
			tm := start(t, NewModel(e.ctx, e.options(e.sess.ID)), tc.w, tc.h)
			waitForText(t, tm, "Step ")
			tm.Send(press("R"))
			waitForText(t, tm, "Elements")
			for _, k := range tc.keys {
				tm.Send(press(k))
			}
			if tc.wait != "" {
				waitForText(t, tm, tc.wait)
			}
			golden.RequireEqual(t, e.scrub(finalScreen(t, tm)))
		})
	}
}

func TestGoldenReview(t *testing.T) {
	tests := []struct {
		name, wait string
		keys       []string
	}{
		{name: "summary", wait: "Who took part"},
		{name: "walkthrough", wait: "Step 20 of 20", keys: []string{"enter"}},
		{name: "matrix", wait: "↑ Impact", keys: []string{"4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newRatedEnv(t, 3)
			tm := start(t, NewModel(e.ctx, e.reviewOptions()), 100, 30)
			if len(tc.keys) > 0 {
				waitForText(t, tm, "Summary")
			}
			for _, k := range tc.keys {
				tm.Send(press(k))
			}
			waitForText(t, tm, tc.wait)
			golden.RequireEqual(t, e.scrub(finalScreen(t, tm)))
		})
	}
}

func TestGoldenExportDialog(t *testing.T) {
	e := newRatedEnv(t, 3)
	e.atStep(t, "summary")
	tm := start(t, NewModel(e.ctx, e.options(e.sess.ID)), 100, 30)
	waitForText(t, tm, "Step 20 of 20")
	tm.Send(press("x"))
	waitForText(t, tm, "enter exports")
	tm.Send(press("down"))
	waitForText(t, tm, "› csv")
	golden.RequireEqual(t, e.scrub(finalScreen(t, tm)))
}

// TestGoldenSummaryResults is the summary step's rating results (ranking,
// matrix, consensus), scrolled down in presenter zoom.
func TestGoldenSummaryResults(t *testing.T) {
	e := newRatedEnv(t, 6)
	e.atStep(t, "summary")
	tm := start(t, NewModel(e.ctx, e.options(e.sess.ID)), 100, 30)
	waitForText(t, tm, "each element in the latest round")
	for _, k := range []string{"z", "pgdown", "pgdown"} {
		tm.Send(press(k))
	}
	waitForText(t, tm, "Effort →")
	golden.RequireEqual(t, e.scrub(finalScreen(t, tm)))
}
