package rating

import (
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// A slow read of the round the grid showed before lands after the user
// moved to another round: it is dropped (the editor's query generation),
// so the round shown keeps its own cells and counts.
func TestRatingGridDropsAReadOfAnotherRound(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := context.Background(), session.Facilitator()
	for _, p := range env.Sess.Participants {
		if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, p.ID, "explain", "impact", 4)); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{"explain"}); err != nil {
		t.Fatal(err)
	}
	m, d := newGridDriver(t, env, "explain", 100, 30)
	if m.round != 2 {
		t.Fatalf("the grid opens in round %d, want 2", m.round)
	}
	d.Press("[")
	stale := m.ed.loadCmd()() // a read of round 1, slow to come back
	d.Press("]")
	if m.round != 2 {
		t.Fatalf("] back: round %d", m.round)
	}
	m.Update(stale)
	if v := tuitest.Plain(m.View()); !strings.Contains(v, "0/6 given") {
		t.Errorf("round 2 after a late read of round 1:\n%s", v)
	}
	for k := range m.ed.cells {
		if k.round != 2 {
			t.Errorf("round 2's grid holds a cell of round %d: %+v", k.round, k)
		}
	}
}

// In pass-the-laptop, a slow read of the previous expert's cells (their
// own values, as they may see them) that lands after the hand-over to the
// next is dropped: it neither counts as the next expert's read nor puts
// the previous expert's cells on the screen.
func TestLaptopDropsAReadOfThePreviousExpert(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ana := env.Sess.Participants[0]
	if err := env.St.RecordRating(context.Background(), session.Facilitator(), tuitest.RatingInput(env.Sess.ID, ana.ID, "explain", "impact", 4)); err != nil {
		t.Fatal(err)
	}
	m, _ := newLaptopDriver(t, env)
	stale := m.ed.loadCmd()()    // Ana's cells, slow to come back
	m.Update(tuitest.Press("n")) // hand over to Ben; his read is on its way
	if m.turn != 1 || m.ed.loaded {
		t.Fatalf("after n: turn %d, loaded %v", m.turn, m.ed.loaded)
	}
	m.Update(stale)
	if m.ed.loaded {
		t.Error("Ana's late read counts as Ben's")
	}
	for k := range m.ed.cells {
		if k.pid == ana.ID {
			t.Errorf("Ben's turn holds Ana's cell %+v", k)
		}
	}
}
