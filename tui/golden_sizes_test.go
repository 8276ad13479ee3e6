package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The goldens of the walkthrough, the rating grid and the results at the
// sizes of a real room: a projector's 200x60, the laptop's 100x30, an
// 80x24 terminal and the 60x15 minimum. Each shows the layout using the
// space: the text at its measure, centred, the agenda and the ratings in
// what it leaves, the keys to get help and to quit at the end of the bar.
// Refresh them with go test ./tui/ -run TestGoldenSizes -update.

// roomSizes are the window sizes of the goldens.
var roomSizes = [][2]int{{200, 60}, {100, 30}, {80, 24}, {60, 15}}

// sizeCase is a screen of a session to draw at every size: from the
// session opened (its clock running), keys pressed in steps.
type sizeCase struct {
	name  string
	env   func(*testing.T) *tuitest.Env
	steps []sizeStep
}

// sizeStep is keys, and what the frame shows once every read they started
// has landed, at a window width. The first step's keys may be none: it
// waits for what the opened session shows.
type sizeStep struct {
	keys []string
	wait func(width int) []string
}

func waitFor(texts ...string) func(int) []string { return func(int) []string { return texts } }

// opened waits for the session to open; then, pressing keys, for texts.
func opened(wait func(int) []string, then ...sizeStep) []sizeStep {
	return append([]sizeStep{{wait: wait}}, then...)
}

// press is a step: keys, then texts.
func press(wait func(int) []string, keys ...string) sizeStep { return sizeStep{keys: keys, wait: wait} }

func TestGoldenSizesWalkthrough(t *testing.T) {
	wide := func(always string, at200 string) func(int) []string {
		return func(w int) []string {
			if w >= 200 {
				return []string{always, at200}
			}
			return []string{always}
		}
	}
	runSizes(t, []sizeCase{
		{name: "intro", env: at("intro"), steps: opened(waitFor("Step 1 of"))},
		{name: "map", env: at("map"), steps: opened(waitFor("Step 2 of"))},
		{name: "story element", env: at("story:user-supplier"), steps: opened(waitFor("Step 9 of"), press(waitFor("esc: back to"), "2"))},
		{name: "element", env: rated("element:explain", false), steps: opened(wide("Step 13 of", "cells given"))},
		{name: "element revealed", env: rated("element:explain", true), steps: opened(wide("Step 13 of", "median 3"))},
		{name: "agenda", env: at("persona:user"), steps: opened(waitFor("Step 4 of"), press(waitFor("Skipped"), "tab", "down", "s"))},
		// z changes nothing that is read: the keys are handled in order,
		// before the program ends
		{name: "zoom", env: at("persona:user"), steps: opened(waitFor("Step 4 of"), press(waitFor(), "z"))},
		// below 200 columns the results are further down than the window
		{name: "summary", env: summary, steps: opened(wide("Step 20 of", "By median, then mean"))},
	})
}

func TestGoldenSizesGrid(t *testing.T) {
	runSizes(t, []sizeCase{
		{name: "blind", env: rated("element:explain", false), steps: opened(waitFor("Step 13 of"), press(waitFor("6/6"), "r"))},
		{name: "revealed", env: rated("element:explain", true), steps: opened(waitFor("Step 13 of"), press(waitFor("6/6", "median"), "r"))},
		// round 2 of explain, blind: the panel shows round 1's answers
		{name: "feedback", env: roundTwo("element:explain"), steps: opened(waitFor("Step 13 of"), press(waitFor("r2 blind 0/6"), "r"))},
	})
}

func TestGoldenSizesResults(t *testing.T) {
	open := press(waitFor("Elements", "consensus"), "R")
	runSizes(t, []sizeCase{
		{name: "elements", env: underWay, steps: opened(waitFor("Step 17 of"), open)},
		{name: "ranking", env: underWay, steps: opened(waitFor("Step 17 of"), open, press(waitFor("Median"), "2"))},
		{name: "matrix", env: underWay, steps: opened(waitFor("Step 17 of"), open, press(waitFor("↑ Impact"), "3"))},
	})
}

// runSizes draws each case at every size in a real program and compares
// the last frame with its golden.
func runSizes(t *testing.T, cases []sizeCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, size := range roomSizes {
				t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
					e := tc.env(t)
					tm := tuitest.Start(t, NewModel(e.Ctx, options(e, e.Sess.ID)), size[0], size[1])
					for i, st := range tc.steps {
						for _, k := range st.keys {
							tm.Send(tuitest.Press(k))
						}
						wait := st.wait(size[0])
						if i == 0 {
							wait = append(wait, ":00 left") // the step's clock runs
						}
						tuitest.WaitForAll(t, tm, wait...)
					}
					golden.RequireEqual(t, e.Scrub(tuitest.FinalScreen(t, tm)))
				})
			}
		})
	}
}

// at is a session of Ana, Ben and Chi at an agenda step.
func at(step string) func(*testing.T) *tuitest.Env {
	return func(t *testing.T) *tuitest.Env {
		e := tuitest.NewEnv(t)
		e.AtStep(t, step)
		return e
	}
}

// rated is a session at an element step where everyone rated the first
// element, its round revealed to the room or blind.
func rated(step string, reveal bool) func(*testing.T) *tuitest.Env {
	return func(t *testing.T) *tuitest.Env {
		e := at(step)(t)
		fac := session.Facilitator()
		for i, p := range e.Sess.Participants {
			for _, c := range []string{"impact", "effort"} {
				v := 2 + i
				if c == "effort" {
					v = 4 - i
				}
				k := session.RatingKey{SessionID: e.Sess.ID, ParticipantID: p.ID, ElementID: "explain", CriterionID: c, Round: 1}
				if err := e.Store.RecordRating(e.Ctx, fac, session.RatingInput{RatingKey: k, Value: &v}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if reveal {
			if err := e.Store.Reveal(e.Ctx, fac, e.Sess.ID, "explain", 1, session.AudienceRoom); err != nil {
				t.Fatal(err)
			}
		}
		return e
	}
}

// roundTwo is rated with explain's round 2 open: its round 1 is the
// feedback.
func roundTwo(step string) func(*testing.T) *tuitest.Env {
	return func(t *testing.T) *tuitest.Env {
		e := rated(step, false)(t)
		if err := e.Store.OpenRound(e.Ctx, session.Facilitator(), e.Sess.ID, 2, []string{"explain"}); err != nil {
			t.Fatal(err)
		}
		return e
	}
}

// summary is a rated session of six at its summary, with notes of
// several lines.
func summary(t *testing.T) *tuitest.Env {
	e := tuitest.NewRatedEnv(t, 6)
	fac := session.Facilitator()
	for k, body := range map[string]string{
		"story:user-supplier": "Users want to see the supplier's test data.\nSuppliers fear for their IP.",
		"element:explain":     "Measures:\n- a shared glossary\n- one page per twin: scope, limits, validity",
	} {
		if err := e.Store.SaveNote(e.Ctx, fac, e.Sess.ID, k, body); err != nil {
			t.Fatal(err)
		}
	}
	e.AtStep(t, "summary")
	return e
}

// underWay is a rated session of six under way, at an element step, with
// three elements revealed to the room: quality in both its rounds.
func underWay(t *testing.T) *tuitest.Env {
	e := tuitest.NewRatedEnv(t, 6)
	e.Running(t)
	for _, r := range []struct {
		el    string
		round int
	}{{"explain", 1}, {"protect-ip", 1}, {"quality", 1}, {"quality", 2}} {
		if err := e.Store.Reveal(e.Ctx, session.Facilitator(), e.Sess.ID, r.el, r.round, session.AudienceRoom); err != nil {
			t.Fatal(err)
		}
	}
	e.AtStep(t, "element:quality")
	return e
}
