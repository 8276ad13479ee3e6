package rating

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The grid shows what the engine's visibility function lets the
// facilitator's screen show, so it can never disagree with the results
// screen: blind until revealed to the room (a reveal to the devices does
// not count), and every value once the session is finished.
func TestGridShowsWhatTheEngineAllows(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(env *tuitest.RatingEnv)
		shown bool
	}{
		{"blind", func(*tuitest.RatingEnv) {}, false},
		{"revealed to the devices only", func(env *tuitest.RatingEnv) {
			if err := env.St.Reveal(env.C.Ctx, session.Facilitator(), env.Sess.ID, "explain", 1, session.AudienceDevices); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"revealed to the room", func(env *tuitest.RatingEnv) {
			if err := env.St.Reveal(env.C.Ctx, session.Facilitator(), env.Sess.ID, "explain", 1, session.AudienceRoom); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"finished without a reveal", func(env *tuitest.RatingEnv) {
			if err := env.St.Finish(env.C.Ctx, session.Facilitator(), env.Sess.ID, true); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
			ana := env.Sess.Participants[0]
			if err := env.St.RecordRating(env.C.Ctx, session.CommandLine(), tuitest.RatingInput(env.Sess.ID, ana.ID, "explain", "impact", 4)); err != nil {
				t.Fatal(err)
			}
			tc.setup(env)
			m, _ := newGridDriver(t, env, "explain", 100, 30)
			v := tuitest.Plain(m.View())
			row := ""
			for _, l := range strings.Split(v, "\n") {
				if strings.Contains(l, "Ana (supplier)") {
					row = l
				}
			}
			if got := strings.Contains(row, "4 Strongly"); got != tc.shown {
				t.Errorf("value shown %v, want %v:\n%s", got, tc.shown, v)
			}
			if !tc.shown && !strings.Contains(row, "✓ rated") {
				t.Errorf("a blind cell does not say it is rated:\n%s", v)
			}
		})
	}
}
