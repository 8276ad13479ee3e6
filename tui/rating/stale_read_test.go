package rating

import (
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Reads run side by side, so an older one can land after a newer one: it
// is dropped, lest the grid go back to its snapshot. A round revealed
// between the two showed as blind again (TestGoldenRatingGridRevealed
// failed so, now and then, under load).
func TestGridDropsAnOlderReadLandingLast(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, _ := newGridDriver(t, env, "explain", 100, 30)
	ctx, fac := env.C.Ctx, session.Facilitator()
	for _, p := range env.Sess.Participants {
		for _, c := range env.Pack.Criteria {
			if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, p.ID, "explain", c.ID, 3)); err != nil {
				t.Fatal(err)
			}
		}
	}
	oldMsg := m.ed.loadCmd()() // read before the reveal
	if err := env.St.Reveal(ctx, fac, env.Sess.ID, "explain", 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	newMsg := m.ed.loadCmd()()
	m.Update(newMsg)
	if !m.isRevealed() {
		t.Fatal("the newer read does not show the reveal")
	}
	m.Update(oldMsg)
	if !m.isRevealed() {
		t.Error("the older read, landing last, took the grid back to blind")
	}
	if m.Busy() {
		t.Error("both reads are back, yet the grid is busy")
	}
}
