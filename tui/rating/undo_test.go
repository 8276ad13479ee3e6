package rating

import (
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Undo is the engine's compare-and-set: the grid hands every undo to the
// engine (no comparison of its own), which refuses it when the cell
// changed since, here by a participant's device the screen has not heard
// of yet. The refused entry leaves the stack; a granted undo is a history
// row naming the facilitator.
func TestRatingGridUndoIsTheEnginesCompareAndSet(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	ana := env.Sess.Participants[0]
	d.Press("4", "right", "3") // Ana: impact 4, effort 3
	// Another process (trustshop rate) sets Ana's impact to 2.
	two := 2
	k := session.RatingKey{SessionID: env.Sess.ID, ParticipantID: ana.ID, ElementID: "explain", CriterionID: "impact", Round: 1}
	if err := env.St.RecordRating(context.Background(), session.CommandLine(), session.RatingInput{RatingKey: k, Value: &two}); err != nil {
		t.Fatal(err)
	}
	// u takes back effort 3: nobody touched it.
	d.Press("u")
	if got := tuitest.CellString(env.StoredCell(t, ana.ID, "explain", "effort", 1)); got != "" {
		t.Fatalf("undo of effort: stored %q, want open", got)
	}
	h, err := env.St.History(context.Background(), env.Sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := h[len(h)-1]; last.Field != "value" || last.Actor != session.Facilitator() {
		t.Errorf("the undo's history row: %+v, want a value change by the facilitator", last)
	}
	// u again: impact was changed by the other process since; the
	// engine says no, whether the screen heard of it or not.
	d.Press("u")
	if got := tuitest.CellString(env.StoredCell(t, ana.ID, "explain", "impact", 1)); got != "2" {
		t.Fatalf("an undo over the device's rating: stored %q, want the other process's 2", got)
	}
	if st := d.LastStatus().Text; !strings.Contains(st, "changed since") {
		t.Errorf("status %q, want it to say the cell was changed since", st)
	}
	if len(m.ed.undo) != 0 {
		t.Errorf("the refused undo stays on the stack: %+v", m.ed.undo)
	}
	if st := m.ed.shown(cellKey{ana.ID, "explain", "impact", 1}); !st.hidden {
		t.Errorf("the screen shows %+v of a blind round", st)
	}
}
