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
	if m.ed.round != 1 || !strings.Contains(d.LastStatus().Text, "holds no ratings yet") {
		t.Fatalf("] on an empty round 1: round %d, status %q", m.ed.round, d.LastStatus().Text)
	}
	d.Press("4", "]")
	if m.ed.round != 2 {
		t.Fatalf("round %d after ], want 2", m.ed.round)
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
	// A grid opened now starts in the latest round.
	m2, _ := newGridDriver(t, env, "quality", 100, 30)
	if m2.ed.round != 2 {
		t.Errorf("a new grid opens in round %d, want 2", m2.ed.round)
	}
	d.Press("[")
	if m.ed.round != 1 || !strings.Contains(tuitest.Plain(m.View()), "✓ rated") {
		t.Errorf("[ back to round 1: round %d\n%s", m.ed.round, tuitest.Plain(m.View()))
	}
}

func TestRatingGridShowsOtherWriters(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	ben := env.Sess.Participants[1]
	v := 3
	// Another process records a rating.
	err := env.St.RecordRating(context.Background(), env.Pack, session.RatingInput{
		RatingKey: session.RatingKey{SessionID: env.Sess.ID, ParticipantID: ben.ID, ElementID: "explain", CriterionID: "effort", Round: 1},
		Value:     &v,
	})
	if err != nil {
		t.Fatal(err)
	}
	d.Send(PollMsg{owner: m.ed}) // what the tick sends every second
	if !m.ed.cells[cellKey{ben.ID, "explain", "effort", 1}].hasValue {
		t.Fatal("the poll did not bring the other process's rating")
	}
	if got := tuitest.Plain(m.View()); !strings.Contains(got, "1/6 given") {
		t.Errorf("progress not updated:\n%s", got)
	}
	// ctrl+r reads at once as well.
	err = env.St.ClearRating(context.Background(), env.Pack, session.RatingKey{SessionID: env.Sess.ID, ParticipantID: ben.ID, ElementID: "explain", CriterionID: "effort", Round: 1})
	if err != nil {
		t.Fatal(err)
	}
	d.Press("ctrl+r")
	if m.ed.cells[cellKey{ben.ID, "explain", "effort", 1}].given() {
		t.Error("ctrl+r did not refresh")
	}
}

func TestRatingGridPollKeepsPendingWrites(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, _ := newGridDriver(t, env, "explain", 100, 30)
	// A read that began before a write must not undo it on screen.
	stale := m.ed.loadCmd(1, false)
	_, write := m.Update(tuitest.Press("4"))
	k := m.cursorKey()
	if !m.ed.cells[k].hasValue {
		t.Fatal("the digit does not show at once")
	}
	m.Update(stale()) // the read finishes first, without the value
	if !m.ed.cells[k].hasValue {
		t.Fatal("a stale read hid a pending write")
	}
	m.Update(write())
	m.Update(stale()) // still older than the write
	if !m.ed.cells[k].hasValue {
		t.Fatal("a read older than the write hid it")
	}
}

func TestRatingGridFailedWriteIsShownAndUndone(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	env.St.Close() // every write fails now
	d.Press("4")
	k := m.cursorKey()
	if m.ed.cells[k].given() {
		t.Error("the screen shows a value the store does not hold")
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
	m := NewGrid(env.C, env.Pack, env.Sess, "explain")
	m.Poll = 0
	m.SetSize(100, 30)
	var load tea.Cmd
	_, load = m.Update(tuitest.Press("down")) // starts the read; the key waits for it
	_, cmd := m.Update(tuitest.Press("3"))
	if cmd != nil || m.ed.loaded {
		t.Fatal("a key before the read was acted on")
	}
	d := &tuitest.Driver{TB: t, Feed: isRatingMsg, Update: func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }}
	d.Run(load)
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
	if !ok || msg.Sess.ID != env.Sess.ID || msg.Round != 1 {
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

func TestRatingGridFlushBeforeQuit(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, _ := newGridDriver(t, env, "explain", 100, 30)
	env.Clock.Advance(time.Second)
	_, first := m.Update(tuitest.Press("4")) // under way, not yet run
	env.Clock.Advance(time.Second)
	m.Update(tuitest.Press("5")) // queued behind it
	flush := m.Flush()
	if flush == nil {
		t.Fatal("nothing to flush with two writes queued")
	}
	flush() // what the root runs before tea.Quit
	first() // the first write's command ends after the flush: it must not write 4 again
	pid := env.Sess.Participants[0].ID
	if got := tuitest.CellString(env.StoredCell(t, pid, "explain", "impact", 1)); got != "5" {
		t.Errorf("after the flush the store holds %q, want 5", got)
	}
	want := []string{env.Expand("rating {Ana}/explain/impact/1 value ∅→4"), env.Expand("rating {Ana}/explain/impact/1 value 4→5")}
	if got := env.RatingHistory(t); !slices.Equal(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
}
