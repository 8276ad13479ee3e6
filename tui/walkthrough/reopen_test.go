package walkthrough

import (
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The audit's walkthrough: "explain" in round 2 with 2 of 6 cells rated,
// a jump to the summary (tab, G, enter) and y finish the session and show
// every result to the room. Going back (p, ←, a jump in the agenda) asks
// to reopen; only y reopens, and the results the room saw stay revealed.
func TestGoingBackFromTheFinishedSummaryAsksToReopen(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := context.Background(), session.Facilitator()
	env.RateAll(t, 0, 1, 2)
	if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{"explain"}); err != nil {
		t.Fatal(err)
	}
	for who := range 2 {
		in := tuitest.RatingInput(env.Sess.ID, env.Sess.Participants[who].ID, "explain", env.Pack.Criteria[0].ID, 4)
		in.Round = 2
		if err := env.St.RecordRating(ctx, fac, in); err != nil {
			t.Fatal(err)
		}
	}
	explain := -1
	for i, st := range env.Pack.Agenda {
		if st.Kind == content.StepElement && st.Ref == "explain" {
			explain = i
		}
	}
	w, d := walkAt(t, env, explain)
	d.Press("tab", "G", "enter", "y")
	summary := len(env.Pack.Agenda) - 1
	if w.step != summary || status(t, env) != session.StatusFinished {
		t.Fatalf("finishing: step %d, status %s", w.step, status(t, env))
	}
	roomSees := func() bool {
		ws, err := env.St.Workshop(ctx, env.Sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ws.See(session.Viewer{Kind: session.ViewRoom}, "explain", 2).Values
	}
	if !roomSees() {
		t.Fatal("the finished session does not show explain/2 to the room")
	}
	for _, keys := range [][]string{{"p"}, {"left"}, {"tab", "g", "enter"}} {
		d.Press(keys...)
		if !w.reopen.asking || !w.Capturing() || w.step != summary {
			t.Fatalf("%v on the finished summary: asking %v, step %d", keys, w.reopen.asking, w.step)
		}
		v := tuitest.Plain(w.View())
		for _, want := range []string{"Reopen the finished session? Results stay revealed.", "y reopens · any other key stays"} {
			if !strings.Contains(v, want) {
				t.Errorf("%v: the question lacks %q:\n%s", keys, want, v)
			}
		}
		d.Press("enter") // a habit must not reopen
		if w.reopen.asking || w.step != summary || status(t, env) != session.StatusFinished {
			t.Fatalf("%v then enter: asking %v, step %d, status %s", keys, w.reopen.asking, w.step, status(t, env))
		}
		if w.agenda.focus {
			d.Press("tab")
		}
	}
	d.Press("p", "y")
	if w.reopen.asking || w.step != summary-1 || status(t, env) != session.StatusRunning {
		t.Fatalf("p y: asking %v, step %d, status %s", w.reopen.asking, w.step, status(t, env))
	}
	if !roomSees() {
		t.Error("reopening hid explain/2 from the room again")
	}
	h, err := env.St.History(ctx, env.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var reopened, revealed bool
	for _, c := range h {
		switch {
		case c.Entity == "session" && c.Field == "status" && *c.Old == "finished" && *c.New == "running":
			reopened = c.Actor == fac
		case c.Entity == "round" && c.Key == "explain/2" && c.Field == "revealed_room":
			revealed = c.Actor == fac
		}
	}
	if !reopened || !revealed {
		t.Errorf("history: reopen by the facilitator %v, explain/2 revealed to the room by them %v", reopened, revealed)
	}
	d.Press("p") // running now: a plain move
	if w.reopen.asking || w.step != summary-2 {
		t.Errorf("p after reopening: asking %v, step %d", w.reopen.asking, w.step)
	}
}

// A review is read-only: nothing to reopen, nothing asked.
func TestReviewOfAFinishedSessionDoesNotAsk(t *testing.T) {
	env := tuitest.NewRatedEnv(t, 3)
	w, _ := loadedWalkthrough(t, env, true, 100, 30)
	w.Update(tuitest.Press("p"))
	if w.reopen.asking {
		t.Error("a read-only review asks to reopen")
	}
}
