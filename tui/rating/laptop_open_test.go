package rating

import (
	"context"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Every expert's turn starts at the first element whose current round is
// open: a round closed without a reveal is skipped like a revealed one,
// and an element in an open round 2 (its round 1 closed) is rated there.
func TestLaptopEveryTurnStartsAtTheFirstOpenRound(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := context.Background(), session.Facilitator()
	els := env.Pack.Elements
	if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, env.Sess.Participants[2].ID, els[0].ID, env.Pack.Criteria[0].ID, 3)); err != nil {
		t.Fatal(err)
	}
	if err := env.St.CloseRound(ctx, fac, env.Sess.ID, 1, []string{els[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, env.Sess.Participants[2].ID, els[1].ID, env.Pack.Criteria[0].ID, 3)); err != nil {
		t.Fatal(err) // a round with a rating: one nobody rated cannot be revealed
	}
	if err := env.St.Reveal(ctx, fac, env.Sess.ID, els[1].ID, 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	m, d := newLaptopDriver(t, env)
	for turn := range env.Sess.Participants[:2] {
		d.Press("enter")
		if m.turn != turn || m.el != 2 {
			t.Fatalf("turn %d starts at element %d, want 2 (0 closed, 1 revealed)", m.turn, m.el)
		}
		d.Press("esc", "y") // end the turn, leaving cells open
	}
	// Round 2 opens on the first element: the next turn starts there.
	if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{els[0].ID}); err != nil {
		t.Fatal(err)
	}
	d.Press("p", "n") // back to the previous expert's hand-over, and on: read afresh
	d.Press("enter")
	if m.el != 0 || m.roundOf(els[0].ID) != 2 {
		t.Fatalf("with round 2 open on the first element: starts at element %d (round %d)", m.el, m.roundOf(els[0].ID))
	}
	d.Press("4")
	if got := tuitest.CellString(env.StoredCell(t, m.expert().ID, els[0].ID, env.Pack.Criteria[0].ID, 2)); got != "4" {
		t.Errorf("the rating in round 2: %q", got)
	}
}

// With round 2 open on a later element, a turn starts there, in the round
// the group is in, although a cell of an earlier element is still open in
// round 1.
func TestLaptopTurnStartsInTheLatestRound(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := context.Background(), session.Facilitator()
	els := env.Pack.Elements
	for _, p := range env.Sess.Participants[1:] {
		if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, p.ID, els[2].ID, env.Pack.Criteria[0].ID, 3)); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{els[2].ID}); err != nil {
		t.Fatal(err)
	}
	m, d := newLaptopDriver(t, env)
	d.Press("enter")
	if m.el != 2 || m.crit != 0 || m.roundOf(els[2].ID) != 2 {
		t.Fatalf("%s's turn starts at element %d criterion %d (round %d), want element 2 in round 2",
			m.expert().Name, m.el, m.crit, m.roundOf(els[m.el].ID))
	}
	d.Press("5")
	if got := tuitest.CellString(env.StoredCell(t, m.expert().ID, els[2].ID, env.Pack.Criteria[0].ID, 2)); got != "5" {
		t.Errorf("the rating in round 2: %q", got)
	}
}
