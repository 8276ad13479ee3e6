package rating

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

func TestRatingGridRounds(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("]")
	if m.round != 1 || m.opening || !strings.Contains(d.LastStatus().Text, "holds no ratings yet") {
		t.Fatalf("] on an empty round 1: round %d, status %q", m.round, d.LastStatus().Text)
	}
	d.Press("4", "]")
	if !m.opening || !strings.Contains(tuitest.Plain(m.View()), "Open round 2 of Explain your twin properly!") {
		t.Fatalf("] asks nothing:\n%s", tuitest.Plain(m.View()))
	}
	d.Press("n")
	if m.round != 1 || m.opening {
		t.Fatalf("n: round %d", m.round)
	}
	d.Press("]", "y")
	if m.round != 2 {
		t.Fatalf("round %d after ] y, want 2", m.round)
	}
	if strings.Contains(tuitest.Plain(m.View()), "✓ rated") {
		t.Error("round 2 shows round 1's rating")
	}
	d.Press("2")
	pid := env.Sess.Participants[0].ID
	r1, _ := env.StoredCell(t, pid, "explain", "impact", 1)
	r2, _ := env.StoredCell(t, pid, "explain", "impact", 2)
	if tuitest.CellString(r1, true) != "4" || tuitest.CellString(r2, true) != "2" {
		t.Errorf("round 1 %q, round 2 %q; want 4 and 2", tuitest.CellString(r1, true), tuitest.CellString(r2, true))
	}
	// Rounds are per element: another element stays in round 1.
	m2, _ := newGridDriver(t, env, "quality", 100, 30)
	if m2.round != 1 {
		t.Errorf("another element's grid opens in round %d, want 1", m2.round)
	}
	m3, _ := newGridDriver(t, env, "explain", 100, 30)
	if m3.round != 2 {
		t.Errorf("explain's grid opens in round %d, want 2", m3.round)
	}
	// Round 1 is closed and its results are round 2's feedback.
	d.Press("[")
	v := tuitest.Plain(m.View())
	if m.round != 1 || !strings.Contains(v, "4 Strongly") {
		t.Errorf("[ back to round 1: round %d\n%s", m.round, v)
	}
	d.Press("3")
	if !strings.Contains(d.LastStatus().Text, "Round 1 of \"Explain your twin properly!\" is revealed") {
		t.Errorf("a digit in the closed round 1: %q", d.LastStatus().Text)
	}
}

func TestRatingGridFollowsOtherWriters(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	ben := env.Sess.Participants[1]
	v := 3
	// Another process records a rating: the feed brings it, no polling.
	err := env.St.RecordRating(context.Background(), session.CommandLine(), session.RatingInput{
		RatingKey: session.RatingKey{SessionID: env.Sess.ID, ParticipantID: ben.ID, ElementID: "explain", CriterionID: "effort", Round: 1},
		Value:     &v,
	})
	if err != nil {
		t.Fatal(err)
	}
	d.Settle()
	st := m.ed.cells[cellKey{ben.ID, "explain", "effort", 1}]
	if !st.given() || st.hasValue {
		t.Fatalf("the feed did not bring the other process's rating as a blind one: %+v", st)
	}
	if got := tuitest.Plain(m.View()); !strings.Contains(got, "1/6 given") {
		t.Errorf("progress not updated:\n%s", got)
	}
	// ctrl+r reads at once as well.
	err = env.St.ClearRating(context.Background(), session.CommandLine(), session.RatingKey{SessionID: env.Sess.ID, ParticipantID: ben.ID, ElementID: "explain", CriterionID: "effort", Round: 1}, "")
	if err != nil {
		t.Fatal(err)
	}
	d.Press("ctrl+r")
	if m.ed.cells[cellKey{ben.ID, "explain", "effort", 1}].given() {
		t.Error("ctrl+r did not refresh")
	}
}

func TestRatingGridStaleReadKeepsPendingWrites(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	// A read that began before a write must not undo it on screen.
	stale := m.ed.loadCmd()()
	m.Update(tuitest.Press("4"))
	k := m.cursorKey()
	if !m.ed.cells[k].hasValue {
		t.Fatal("the digit does not show at once")
	}
	m.Update(stale) // the read finishes late, without the value
	if !m.ed.cells[k].hasValue {
		t.Fatal("a stale read hid a pending write")
	}
	d.Settle()      // the write lands and its result comes back
	m.Update(stale) // still older than the write
	if !m.ed.cells[k].given() {
		t.Fatal("a read older than the write hid it")
	}
}

func TestRatingGridFailedWriteIsShownAndUndone(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	env.St.Close() // every change is refused now
	d.Press("4")
	k := m.cursorKey()
	if m.ed.cells[k].given() {
		t.Error("the screen shows a value the engine does not hold")
	}
	if len(m.ed.undo) != 0 {
		t.Error("a failed change stays on the undo stack")
	}
	var errs []string
	for _, s := range d.Statuses {
		if s.IsErr {
			errs = append(errs, s.Text)
		}
	}
	if len(errs) == 0 || !strings.Contains(errs[0], "not saved, Ana · Impact (round 1)") {
		t.Errorf("error statuses %q", errs)
	}
}

func TestRatingGridKeysBeforeTheFirstRead(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m := NewGrid(env.C, env.Workshop(t), "explain")
	m.SetSize(100, 30)
	var load tea.Cmd
	_, load = m.Update(tuitest.Press("down")) // starts the read; the key waits for it
	_, cmd := m.Update(tuitest.Press("3"))
	if cmd != nil || m.ed.loaded {
		t.Fatal("a key before the read was acted on")
	}
	d := &tuitest.Driver{TB: t, C: env.C, Feed: isRatingMsg, Update: func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }}
	d.Run(load)
	d.Settle()
	ben := env.Sess.Participants[1]
	if got := tuitest.CellString(env.StoredCell(t, ben.ID, "explain", "impact", 1)); got != "3" {
		t.Errorf("the keys typed early were not replayed: Ben/impact = %q", got)
	}
}

func TestRatingGridPassLaptopKey(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	_, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("P")
	if len(d.Others) != 1 {
		t.Fatalf("P sent %v", d.Others)
	}
	msg, ok := d.Others[0].(common.PassLaptopMsg)
	if !ok || msg.Workshop.Session.ID != env.Sess.ID {
		t.Errorf("P sent %#v", d.Others[0])
	}
}

func TestRatingGridScrollsManyParticipants(t *testing.T) {
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("Expert%02d:user", i+1))
	}
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t), names...)
	m, d := newGridDriver(t, env, "explain", 100, 30)
	for range 39 {
		d.Press("down")
	}
	v := tuitest.Plain(m.View())
	if !strings.Contains(v, "› Expert40") {
		t.Errorf("the cursor row is not on screen:\n%s", v)
	}
	if strings.Contains(v, "Expert01") {
		t.Errorf("the first row did not scroll away:\n%s", v)
	}
	if n := strings.Count(v, "\n") + 1; n > 30 {
		t.Errorf("view has %d lines for a height of 30", n)
	}
	// A move redraws two rows only.
	before := m.view.Renders
	d.Press("up")
	m.View()
	if got := m.view.Renders - before; got != 2 {
		t.Errorf("a move rendered %d rows, want 2", got)
	}
}

func TestRatingGridLegendShowsEveryPoint(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.EdgePack(t))
	m, d := newGridDriver(t, env, "explain", 60, 20)
	v := tuitest.Plain(m.View())
	for _, want := range []string{"0 none", "5 middling", "10 perfect", "Score: How good is it, from 0 to 10?"} {
		if !strings.Contains(v, want) {
			t.Errorf("0..10 legend lacks %q:\n%s", want, v)
		}
	}
	d.Press("right")
	v = tuitest.Plain(m.View())
	for v2 := 1; v2 <= 7; v2++ {
		want := strconv.Itoa(v2) + " " + env.Pack.Criteria[1].Points[v2]
		if !strings.Contains(v, want) {
			t.Errorf("7-point legend lacks %q:\n%s", want, v)
		}
	}
	for _, line := range strings.Split(v, "\n") {
		if w := len([]rune(line)); w > 60 {
			t.Errorf("line wider than 60: %q", line)
		}
	}
}

// Keys typed in quick succession reach the engine in the order typed,
// through the outbox, whenever the screen closes.
func TestRatingGridWritesInOrder(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	env.Clock.Advance(time.Second)
	m.Update(tuitest.Press("4")) // handed to the outbox, not waited for
	env.Clock.Advance(time.Second)
	m.Update(tuitest.Press("5"))
	d.Settle()
	pid := env.Sess.Participants[0].ID
	if got := tuitest.CellString(env.StoredCell(t, pid, "explain", "impact", 1)); got != "5" {
		t.Errorf("the engine holds %q, want 5", got)
	}
	want := []string{env.Expand("rating {Ana}/explain/impact/1 value ∅→4"), env.Expand("rating {Ana}/explain/impact/1 value 4→5")}
	if got := env.RatingHistory(t); !slices.Equal(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
	if m.Busy() {
		t.Error("the grid still waits for its changes")
	}
}
