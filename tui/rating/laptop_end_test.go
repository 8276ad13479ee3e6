package rating

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Esc on an expert's hand-over ends pass-the-laptop early: the end says
// how many had the laptop instead of claiming everyone did, and esc goes
// back to the hand-over where it stopped.
func TestLaptopEndedEarlySaysSo(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t), "Ana:supplier", "Ben:user", "Chi:partner", "Dee:supplier", "Eli:user", "Fay:partner")
	m, d := newLaptopDriver(t, env)
	d.Press("enter", "4", "esc", "y") // Ana rates one cell, hands over with cells open
	d.Press("enter", "esc", "y")      // Ben too, with nothing
	d.Press("esc")                    // Chi's hand-over: esc
	view := tuitest.Plain(m.View())
	if m.stage != stageDone || strings.Contains(view, "Everyone has had the laptop") || !strings.Contains(view, "2 of 6 experts had the laptop") {
		t.Fatalf("esc on Chi's hand-over shows:\n%s", view)
	}
	d.Press("esc")
	if m.stage != stageHandover || m.expert().Name != "Chi" {
		t.Errorf("esc from the end goes to %s's stage %d, want Chi's hand-over", m.expert().Name, m.stage)
	}
}

// In round 2 on one element the hand-over says "1 element"; an expert who
// already rated some cells of the round starts at their first open cell.
func TestLaptopRoundTwoStartsAtTheFirstOpenCell(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := env.C.Ctx, session.Facilitator()
	els := env.Pack.Elements
	for _, el := range els[:2] {
		for _, p := range env.Sess.Participants {
			for _, cr := range env.Pack.Criteria {
				if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, p.ID, el.ID, cr.ID, 3)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{els[1].ID}); err != nil {
		t.Fatal(err)
	}
	// Ana rated the first two elements (the second in round 2 too):
	// her turn starts at the third.
	ana := env.Sess.Participants[0]
	for _, cr := range env.Pack.Criteria {
		in := tuitest.RatingInput(env.Sess.ID, ana.ID, els[1].ID, cr.ID, 4)
		in.Round = 2
		if err := env.St.RecordRating(ctx, fac, in); err != nil {
			t.Fatal(err)
		}
	}
	m, d := newLaptopDriver(t, env)
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "round 2 on 1 element,") {
		t.Errorf("the hand-over does not say %q:\n%s", "round 2 on 1 element,", view)
	}
	d.Press("enter")
	if m.stage != stageRating || m.el != 2 || m.crit != 0 {
		t.Errorf("Ana's turn starts at element %d criterion %d, want element 2 criterion 0", m.el, m.crit)
	}
}
