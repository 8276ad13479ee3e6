package walkthrough

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// lastElementStep is the index of the agenda's last element step.
func lastElementStep(p *content.Pack) int {
	for i := len(p.Agenda) - 1; i >= 0; i-- {
		if p.Agenda[i].Kind == content.StepElement {
			return i
		}
	}
	return -1
}

// walkAt opens the walkthrough at an agenda step, with a driver that
// delivers the outbox's results and the feed's changes.
func walkAt(t *testing.T, env *tuitest.RatingEnv, step int) (*Model, *tuitest.Driver) {
	t.Helper()
	if err := env.St.MoveTo(context.Background(), session.Facilitator(), env.Sess.ID, step, false); err != nil {
		t.Fatal(err)
	}
	w := New(env.C, env.Sess.ID, false)
	w.SetSize(100, 28)
	d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
	d.Run(w.Init())
	d.Settle()
	if !w.loaded || w.step != step {
		t.Fatalf("walkthrough loaded %v at step %d, want %d", w.loaded, w.step, step)
	}
	return w, d
}

func status(t *testing.T, env *tuitest.RatingEnv) session.Status {
	t.Helper()
	s, err := env.St.Session(context.Background(), env.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s.Status
}

func TestFinishingWarnsAboutMissingRatings(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0) // Ana rated everything, Ben one cell, Chi nothing
	ben := env.Sess.Participants[1]
	if err := env.St.RecordRating(context.Background(), session.CommandLine(), tuitest.RatingInput(env.Sess.ID, ben.ID, "explain", "impact", 4)); err != nil {
		t.Fatal(err)
	}
	w, d := walkAt(t, env, lastElementStep(env.Pack))
	last := w.step
	d.Press("n")
	if w.step != last || !w.gate.asking || !w.Capturing() {
		t.Fatalf("n at the last element: step %d (want %d), asking %v", w.step, last, w.gate.asking)
	}
	v := tuitest.Plain(w.View())
	for _, want := range []string{"Ratings are missing: 27 open cells", "Ben (user) → Explain your twin properly! (Effort); Create a common",
		"Chi (partner) → nothing rated yet (14 cells)", "y finishes anyway", "Finishing shows every result to the room"} {
		if !strings.Contains(v, want) {
			t.Errorf("warning lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Ana (supplier) →") {
		t.Errorf("Ana rated everything but is listed:\n%s", v)
	}
	d.Press("n")
	if w.step != last || w.gate.asking || status(t, env) == session.StatusFinished {
		t.Fatalf("n in the warning: step %d, asking %v, status %s", w.step, w.gate.asking, status(t, env))
	}
	d.Press("n", "y")
	if w.step != last+1 || w.gate.asking || status(t, env) != session.StatusFinished {
		t.Fatalf("y in the warning: step %d (want %d), asking %v, status %s", w.step, last+1, w.gate.asking, status(t, env))
	}
	d.Press("p", "y") // back to the last element: a reopen, asked
	if w.step != last || w.gate.asking || w.reopen.asking || status(t, env) != session.StatusRunning {
		t.Fatalf("p y: step %d, asking %v, status %s", w.step, w.gate.asking, status(t, env))
	}
}

// The regression of the issue: a jump in the agenda straight to the
// summary (tab, G, enter) with ratings blind and missing asks before
// finishing, like the next-step key, and finishes nothing until yes.
func TestAgendaJumpToTheSummaryAsksToo(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0)
	w, d := walkAt(t, env, 3)
	d.Press("tab", "G", "enter")
	if w.step != 3 || !w.gate.asking {
		t.Fatalf("a jump to the summary: step %d, asking %v", w.step, w.gate.asking)
	}
	if status(t, env) == session.StatusFinished {
		t.Fatal("the jump finished the session before the answer")
	}
	d.Press("y")
	if w.currentStep().Kind != content.StepSummary || status(t, env) != session.StatusFinished {
		t.Fatalf("after y: step %v, status %s", w.currentStep(), status(t, env))
	}
}

func TestFinishingWithAllRatedGoesOn(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0, 1, 2)
	w, d := walkAt(t, env, lastElementStep(env.Pack))
	last := w.step
	d.Press("n")
	if w.step != last+1 || w.gate.asking {
		t.Fatalf("n with every rating in: step %d (want %d), asking %v", w.step, last+1, w.gate.asking)
	}
	if w.currentStep().Kind != content.StepSummary || status(t, env) != session.StatusFinished {
		t.Errorf("after the last element: %v, %s", w.currentStep(), status(t, env))
	}
}

func TestFinishingTwiceQuicklyIsStillHeld(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	w, d := walkAt(t, env, lastElementStep(env.Pack))
	last := w.step
	w.Update(tuitest.Press("n")) // handed to the engine; no answer yet
	w.Update(tuitest.Press("n"))
	if w.step != last {
		t.Fatalf("a second n while the engine decides moved to step %d", w.step)
	}
	d.Settle()
	if w.step != last || !w.gate.asking {
		t.Errorf("after the engine's answer: step %d (want %d), asking %v", w.step, last, w.gate.asking)
	}
}

// Only y finishes: enter or any other key stays, and the question says
// so. It counts in the right number ("1 open cell"), leaves out a late
// participant who could not rate a round closed before they joined, and
// names the elements the room never saw revealed.
func TestFinishGateOnlyYesFinishes(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	env.RateAll(t, 0, 1, 2)
	ctx, fac := context.Background(), session.Facilitator()
	first := env.Pack.Elements[0]
	for _, el := range env.Pack.Elements[1:] {
		if err := env.St.Reveal(ctx, fac, env.Sess.ID, el.ID, 1, session.AudienceRoom); err != nil {
			t.Fatal(err)
		}
	}
	// One cell of the first element open again, then a late participant.
	k := session.RatingKey{SessionID: env.Sess.ID, ParticipantID: env.Sess.Participants[2].ID, ElementID: first.ID, CriterionID: env.Pack.Criteria[0].ID, Round: 1}
	if err := env.St.ClearRating(ctx, fac, k, ""); err != nil {
		t.Fatal(err)
	}
	dev, err := env.St.AddParticipant(ctx, fac, env.Sess.ID, session.Participant{Name: "Dev", Role: "user"})
	if err != nil {
		t.Fatal(err)
	}
	for _, cr := range env.Pack.Criteria { // Dev rates the one round still open
		if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, dev.ID, first.ID, cr.ID, 3)); err != nil {
			t.Fatal(err)
		}
	}
	w, d := walkAt(t, env, lastElementStep(env.Pack))
	last := w.step
	d.Press("n")
	if !w.gate.asking {
		t.Fatal("n with a cell open does not ask")
	}
	v := tuitest.Plain(w.View())
	for _, want := range []string{"Ratings are missing: 1 open cell ", "Chi (partner) →", "y finishes anyway · any", "other key stays",
		"Not revealed to the room yet (1 element): " + first.Title} {
		if !strings.Contains(v, want) {
			t.Errorf("the question lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Dev") {
		t.Errorf("Dev joined after every round but one closed, and is asked about them:\n%s", v)
	}
	d.Press("enter")
	if w.step != last || w.gate.asking || status(t, env) == session.StatusFinished {
		t.Fatalf("enter finished or kept asking: step %d, asking %v, status %s", w.step, w.gate.asking, status(t, env))
	}
	if !strings.Contains(d.LastStatus().Text, "not finished") {
		t.Errorf("enter: status %q", d.LastStatus().Text)
	}
	d.Press("n", "x")
	if w.gate.asking || status(t, env) == session.StatusFinished {
		t.Fatal("x in the question finished or kept asking")
	}
	d.Press("n", "y")
	if w.step != last+1 || status(t, env) != session.StatusFinished {
		t.Fatalf("y: step %d, status %s", w.step, status(t, env))
	}
}
