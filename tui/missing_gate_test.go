package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/trustshop/trustshop/content"
)

// rateAll records a value for every cell of the participants given.
func (env *rtEnv) rateAll(t *testing.T, who ...int) {
	t.Helper()
	for _, i := range who {
		p := env.sess.Participants[i]
		for _, e := range env.pack.Elements {
			for _, c := range env.pack.Criteria {
				if err := env.st.RecordRating(context.Background(), env.pack, ratingInput(env.sess.ID, p.ID, e.ID, c.ID, 3)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// walkAtLastElement opens the walkthrough at the last element step.
func walkAtLastElement(t *testing.T, env *rtEnv) (*walkthrough, *rtDriver) {
	t.Helper()
	last := lastElementStep(env.pack)
	if err := env.st.SetStep(context.Background(), env.sess.ID, last); err != nil {
		t.Fatal(err)
	}
	w := newWalkthrough(env.c, env.sess.ID, false)
	w.SetSize(100, 28)
	d := &rtDriver{tb: t, all: true, update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
	d.run(w.Init())
	if !w.loaded || w.step != last {
		t.Fatalf("walkthrough loaded %v at step %d, want %d", w.loaded, w.step, last)
	}
	return w, d
}

func TestLeavingLastElementWarnsAboutMissingRatings(t *testing.T) {
	env := newRTEnv(t, rtDefaultPack(t))
	env.rateAll(t, 0) // Ana rated everything, Ben one cell, Chi nothing
	ben := env.sess.Participants[1]
	if err := env.st.RecordRating(context.Background(), env.pack, ratingInput(env.sess.ID, ben.ID, "explain", "impact", 4)); err != nil {
		t.Fatal(err)
	}
	w, d := walkAtLastElement(t, env)
	last := w.step
	d.press("n")
	if w.step != last || !w.gate.asking || !w.Capturing() {
		t.Fatalf("n at the last element: step %d (want %d), asking %v", w.step, last, w.gate.asking)
	}
	v := plain(w.View())
	for _, want := range []string{"Ratings are missing in round 1: 27 open cells", "Ben (user) → Explain your twin properly! (Effort); Create a common",
		"Chi (partner) → nothing rated yet (14 cells)", "y goes on anyway"} {
		if !strings.Contains(v, want) {
			t.Errorf("warning lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Ana (supplier) →") {
		t.Errorf("Ana rated everything but is listed:\n%s", v)
	}
	d.press("n")
	if w.step != last || w.gate.asking {
		t.Fatalf("n in the warning: step %d, asking %v", w.step, w.gate.asking)
	}
	d.press("n", "y")
	if w.step != last+1 || w.gate.asking {
		t.Fatalf("y in the warning: step %d (want %d), asking %v", w.step, last+1, w.gate.asking)
	}
	d.press("p") // back to the last element: going back never asks
	if w.step != last || w.gate.asking {
		t.Fatalf("p: step %d, asking %v", w.step, w.gate.asking)
	}
}

func TestLeavingLastElementWithAllRatedGoesOn(t *testing.T) {
	env := newRTEnv(t, rtDefaultPack(t))
	env.rateAll(t, 0, 1, 2)
	w, d := walkAtLastElement(t, env)
	last := w.step
	d.press("n")
	if w.step != last+1 || w.gate.asking {
		t.Fatalf("n with every rating in: step %d (want %d), asking %v", w.step, last+1, w.gate.asking)
	}
	if w.currentStep().Kind != content.StepSummary {
		t.Errorf("after the last element: %v", w.currentStep())
	}
}

func TestGoldenMissingRatingsWarning(t *testing.T) {
	env := newRTEnv(t, rtDefaultPack(t))
	env.rateAll(t, 0)
	if err := env.st.SetStep(context.Background(), env.sess.ID, lastElementStep(env.pack)); err != nil {
		t.Fatal(err)
	}
	root := NewModel(context.Background(), Options{Store: env.st, Pack: env.pack, Session: env.sess.ID, Now: env.clock.now})
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	last, _ := env.pack.Element(env.pack.Agenda[lastElementStep(env.pack)].Ref)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(last.Title)) },
		teatest.WithDuration(5*time.Second))
	tm.Send(press("n"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("open cells")) },
		teatest.WithDuration(5*time.Second))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	teatest.RequireEqualOutput(t, []byte(plain(final.View().Content)+"\n"))
}

func TestLeavingLastElementTwiceQuicklyIsStillHeld(t *testing.T) {
	env := newRTEnv(t, rtDefaultPack(t))
	w, d := walkAtLastElement(t, env)
	last := w.step
	_, check := w.Update(press("n")) // the read has not answered yet
	_, cmd := w.Update(press("n"))
	if w.step != last {
		t.Fatalf("a second n during the check moved to step %d", w.step)
	}
	d.run(cmd)
	d.run(check)
	if w.step != last || !w.gate.asking {
		t.Errorf("after the check: step %d (want %d), asking %v", w.step, last, w.gate.asking)
	}
}
