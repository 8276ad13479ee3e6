package tui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
)

// Closing the grid, by r, esc or a step change, while ratings typed in quick
// succession are still queued behind the write under way commits them all.
func TestClosingTheGridKeepsQueuedRatings(t *testing.T) {
	for _, closeKey := range []string{"esc", "r", "n", "p"} {
		t.Run(closeKey, func(t *testing.T) {
			env := newRTEnv(t, rtDefaultPack(t))
			step := -1
			for i, s := range env.pack.Agenda {
				if s.Kind == content.StepElement && step < 0 {
					step = i
				}
			}
			if err := env.st.SetStep(context.Background(), env.sess.ID, step); err != nil {
				t.Fatal(err)
			}
			w := newWalkthrough(env.c, env.sess.ID, false)
			w.SetSize(100, 28)
			d := &rtDriver{tb: t, all: true, update: func(msg tea.Msg) tea.Cmd { _, cmd := w.Update(msg); return cmd }}
			d.run(w.Init())
			d.press("r")
			if w.rating == nil {
				t.Fatal("r did not open the grid")
			}
			// The first digit's write is under way (its command not yet run);
			// the others queue behind it.
			for _, k := range []string{"4", "j", "2", "j", "3"} {
				w.Update(press(k))
			}
			_, cmd := w.Update(press(closeKey))
			if w.rating != nil {
				t.Fatalf("%s did not close the grid", closeKey)
			}
			d.run(cmd)
			rs, err := env.st.Ratings(context.Background(), env.sess.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 3 {
				t.Fatalf("%d ratings in the store after %s, want the 3 typed: %+v", len(rs), closeKey, rs)
			}
		})
	}
}
