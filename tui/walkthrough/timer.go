package walkthrough

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The step clock is the engine's (session.Clock): opening the walkthrough
// starts it (StartClock), moving the agenda folds the time into the step
// left (MoveTo), b pauses it and leaving the session stops it (both the
// root's). The walkthrough shows it from its snapshot (Workshop.Elapsed
// at the app's clock) and reads the snapshot again when the feed brings a
// change of the clock or the steps, so the agenda shows the same time as
// the header and the projector window of another process.

// elapsed is the time spent on agenda step i now.
func (w *Model) elapsed(i int) time.Duration { return w.ws.Elapsed(i, w.c.Now()) }

// startClockCmd starts the clock of the session as it opens; a review
// writes nothing.
func (w *Model) startClockCmd() {
	if w.readOnly || w.c.ReadOnly {
		return
	}
	eng, actor, id := w.c.Engine, w.c.Facilitator(), w.sess.ID
	w.submit("clock", "starting the clock", "", func(ctx context.Context) error { return eng.StartClock(ctx, actor, id) })
}

// toggleSkip marks the agenda's selected step as skipped on purpose, or
// takes it back. The agenda shows it at once; the engine records it.
func (w *Model) toggleSkip(i int) tea.Cmd {
	if w.readOnly || w.c.ReadOnly || i == w.step {
		return nil
	}
	k := w.pack.Agenda[i].Key()
	st := w.ws.Steps[k]
	st.StepKey, st.Skipped = k, !st.Skipped
	w.ws.Steps[k] = st
	eng, actor, id, skipped := w.c.Engine, w.c.Facilitator(), w.sess.ID, st.Skipped
	w.submit("skip:"+k, "skipping "+w.pack.StepTitle(w.pack.Agenda[i]), "", func(ctx context.Context) error {
		return eng.SkipStep(ctx, actor, id, k, skipped)
	})
	w.agenda.rows = agendaRows{} // redraw the row
	if skipped {
		return common.StatusCmd("Skipped: " + w.pack.StepTitle(w.pack.Agenda[i]) + " (s takes it back)")
	}
	return nil
}

// saveViewCmd remembers the zoom and the theme with the session, for the
// next opening, and the item shown over the step, for the projector.
func (w *Model) saveViewCmd() {
	if w.readOnly || w.c.ReadOnly || !w.loaded {
		return
	}
	eng, actor, id := w.c.Engine, w.c.Facilitator(), w.sess.ID
	v := session.View{Zoom: w.zoom, Theme: string(w.c.Styles.Theme)}
	if top := w.detours.top(); top != nil {
		v.Shown = w.currentStep().Key() + "/" + top.ID
	}
	if v == w.ws.View {
		return
	}
	w.ws.View = v
	w.submit("view", "the zoom, the theme and the item shown", "", func(ctx context.Context) error { return eng.SetView(ctx, actor, id, v) })
}

// saveScrollCmd saves the step's scroll offset when it moved since the
// last save: the root's clock ticks once a second (common.TickMsg), so a
// crash loses at most a second of scrolling.
func (w *Model) saveScrollCmd() tea.Cmd {
	if w.readOnly || !w.loaded || w.scroll() == w.lastScroll {
		return nil
	}
	return w.saveStateCmd(w.recordState())
}
