package walkthrough

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Closing the grid, by r, esc or a step change, while ratings typed in quick
// succession are still queued behind the write under way commits them all.
// Ratings typed just before the grid closes reach the engine: the grid
// hands them to the program's outbox, which outlives it.
func TestClosingTheGridKeepsQueuedRatings(t *testing.T) {
	for _, closeKey := range []string{"esc", "r", "n", "p"} {
		t.Run(closeKey, func(t *testing.T) {
			env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
			step := -1
			for i, s := range env.Pack.Agenda {
				if s.Kind == content.StepElement && step < 0 {
					step = i
				}
			}
			if err := env.St.MoveTo(context.Background(), session.Facilitator(), env.Sess.ID, step, false); err != nil {
				t.Fatal(err)
			}
			w := New(env.C, env.Sess.ID, false)
			w.SetSize(100, 28)
			d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
			d.Run(w.Init())
			d.Press("r")
			if w.rating == nil {
				t.Fatal("r did not open the grid")
			}
			// The first digit's write is under way (its command not yet run);
			// the others queue behind it.
			for _, k := range []string{"4", "j", "2", "j", "3"} {
				w.Update(tuitest.Press(k))
			}
			_, cmd := w.Update(tuitest.Press(closeKey))
			if w.rating != nil {
				t.Fatalf("%s did not close the grid", closeKey)
			}
			d.Run(cmd)
			d.Settle() // the outbox delivers what the grid handed it
			rs, err := env.Ratings(t)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 3 {
				t.Fatalf("%d ratings in the store after %s, want the 3 typed: %+v", len(rs), closeKey, rs)
			}
		})
	}
}
