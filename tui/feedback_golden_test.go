package tui

import (
	"fmt"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// delphiEnv is a session in round 2 on explain: in round 1 Ana, Ben and
// Chi rated its impact 4, 2 and 5 and its effort 2, 3 and "can't judge";
// Ben and Chi commented.
func delphiEnv(t *testing.T) *tuitest.RatingEnv {
	t.Helper()
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := env.C.Ctx, session.Facilitator()
	for i, v := range [][2]int{{4, 2}, {2, 3}, {5, 0}} {
		pid := env.Sess.Participants[i].ID
		must(t, env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, pid, "explain", "impact", v[0])))
		in := tuitest.RatingInput(env.Sess.ID, pid, "explain", "effort", v[1])
		if v[1] == 0 {
			in.Value, in.Abstain = nil, true
		}
		must(t, env.St.RecordRating(ctx, fac, in))
	}
	for i, c := range []string{"", "Only with an NDA in place", "Depends on who pays for the twin"} {
		if c != "" {
			k := session.RatingKey{SessionID: env.Sess.ID, ParticipantID: env.Sess.Participants[i].ID, ElementID: "explain", CriterionID: "impact", Round: 1}
			must(t, env.St.CommentRating(ctx, fac, k, c))
		}
	}
	must(t, env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{"explain"}))
	return env
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// roundTwoSizes are the sizes of the round-2 goldens: the laptop's, a
// terminal's (compact) and the smallest.
var roundTwoSizes = [][2]int{{100, 30}, {80, 24}, {60, 15}}

// Pass-the-laptop in round 2: Ana sees, above each criterion's scale, the
// group's round-1 answers with her own marked, then rates impact again.
func TestGoldenLaptopFeedback(t *testing.T) {
	for _, sz := range roundTwoSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			env := delphiEnv(t)
			l := newLaptopTestScreen(t, env)
			runGoldenAt(t, sz[0], sz[1], l, l.sync, env, "enter", "3")
		})
	}
}

// f shows the feedback in full: bars, the roles, the comments.
func TestGoldenLaptopFeedbackDetails(t *testing.T) {
	for _, sz := range roundTwoSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			env := delphiEnv(t)
			l := newLaptopTestScreen(t, env)
			runGoldenAt(t, sz[0], sz[1], l, l.sync, env, "enter", "f")
		})
	}
}
