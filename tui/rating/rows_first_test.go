package rating

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// In round 2 the rows of all participants come before the round-1
// feedback under the table: the panel gets what is left. The sizes are
// the walkthrough's right pane at 100x30, 80x24 and 60x15.
func TestRoundTwoGridShowsEveryParticipant(t *testing.T) {
	names := []string{"Ana", "Ben", "Chi", "Dee", "Eli", "Fay"}
	for _, sz := range [][2]int{{62, 25}, {66, 24}, {74, 18}, {54, 11}} {
		env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t), "Ana:supplier", "Ben:user", "Chi:partner", "Dee:supplier", "Eli:user", "Fay:partner")
		ctx, fac := env.C.Ctx, session.Facilitator()
		for i, v := range []int{4, 2, 5, 3, 1, 2} {
			pid := env.Sess.Participants[i].ID
			for _, cr := range []string{"impact", "effort"} {
				if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, pid, "explain", cr, v)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{"explain"}); err != nil {
			t.Fatal(err)
		}
		m, _ := newGridDriver(t, env, "explain", sz[0], sz[1])
		view := tuitest.Plain(m.View())
		shown := 0
		for _, n := range names {
			if strings.Contains(view, n) {
				shown++
			}
		}
		if want := 6; sz[1] >= 18 && shown != want {
			t.Errorf("%dx%d: %d of 6 participants shown:\n%s", sz[0], sz[1], shown, view)
		}
		if sz[1] >= 24 && !strings.Contains(view, "ctrl+o reveals") {
			t.Errorf("%dx%d: the hint gave way though a cut table left room:\n%s", sz[0], sz[1], view)
		}
		if lines := strings.Count(view, "\n") + 1; lines > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], lines)
		}
	}
}
