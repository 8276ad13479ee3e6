package walkthrough

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/rating"
)

// walkAtLastElement opens the walkthrough at the last element step.
func walkAtLastElement(t *testing.T, env *tuitest.RatingEnv) (*Model, *tuitest.Driver) {
	t.Helper()
	last := rating.LastElementStep(env.Pack)
	if err := env.St.SetStep(context.Background(), env.Sess.ID, last); err != nil {
		t.Fatal(err)
	}
	w := New(env.C, env.Sess.ID, false)
	w.SetSize(100, 28)
	d := &tuitest.Driver{TB: t, All: true, Update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
	d.Run(w.Init())
	if !w.loaded || w.step != last {
		t.Fatalf("walkthrough loaded %v at step %d, want %d", w.loaded, w.step, last)
	}
	return w, d
}

func TestLeavingLastElementWarnsAboutMissingRatings(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0) // Ana rated everything, Ben one cell, Chi nothing
	ben := env.Sess.Participants[1]
	if err := env.St.RecordRating(context.Background(), env.Pack, tuitest.RatingInput(env.Sess.ID, ben.ID, "explain", "impact", 4)); err != nil {
		t.Fatal(err)
	}
	w, d := walkAtLastElement(t, env)
	last := w.step
	d.Press("n")
	if w.step != last || !w.gate.asking || !w.Capturing() {
		t.Fatalf("n at the last element: step %d (want %d), asking %v", w.step, last, w.gate.asking)
	}
	v := tuitest.Plain(w.View())
	for _, want := range []string{"Ratings are missing in round 1: 27 open cells", "Ben (user) → Explain your twin properly! (Effort); Create a common",
		"Chi (partner) → nothing rated yet (14 cells)", "y goes on anyway"} {
		if !strings.Contains(v, want) {
			t.Errorf("warning lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Ana (supplier) →") {
		t.Errorf("Ana rated everything but is listed:\n%s", v)
	}
	d.Press("n")
	if w.step != last || w.gate.asking {
		t.Fatalf("n in the warning: step %d, asking %v", w.step, w.gate.asking)
	}
	d.Press("n", "y")
	if w.step != last+1 || w.gate.asking {
		t.Fatalf("y in the warning: step %d (want %d), asking %v", w.step, last+1, w.gate.asking)
	}
	d.Press("p") // back to the last element: going back never asks
	if w.step != last || w.gate.asking {
		t.Fatalf("p: step %d, asking %v", w.step, w.gate.asking)
	}
}

func TestLeavingLastElementWithAllRatedGoesOn(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0, 1, 2)
	w, d := walkAtLastElement(t, env)
	last := w.step
	d.Press("n")
	if w.step != last+1 || w.gate.asking {
		t.Fatalf("n with every rating in: step %d (want %d), asking %v", w.step, last+1, w.gate.asking)
	}
	if w.currentStep().Kind != content.StepSummary {
		t.Errorf("after the last element: %v", w.currentStep())
	}
}

func TestLeavingLastElementTwiceQuicklyIsStillHeld(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	w, d := walkAtLastElement(t, env)
	last := w.step
	_, check := w.Update(tuitest.Press("n")) // the read has not answered yet
	_, cmd := w.Update(tuitest.Press("n"))
	if w.step != last {
		t.Fatalf("a second n during the check moved to step %d", w.step)
	}
	d.Run(cmd)
	d.Run(check)
	if w.step != last || !w.gate.asking {
		t.Errorf("after the check: step %d (want %d), asking %v", w.step, last, w.gate.asking)
	}
}
