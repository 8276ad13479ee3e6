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

func TestRatingGridKeys(t *testing.T) {
	type cell struct{ who, criterion string }
	cases := []struct {
		name    string
		edge    bool     // the pack with a 0..10 and a 7-point scale
		keys    []string // "+1s" moves the clock on
		cells   map[cell]string
		history []string // rating history rows, "{Ana}" for Ana's id
		status  string   // in the last status line
		isErr   bool
		cursor  *[2]int
	}{
		{name: "digit in scale", keys: []string{"4"},
			cells:   map[cell]string{{"Ana", "impact"}: "4"},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→4"}, status: "Ana · Impact: saved"},
		{name: "digit out of scale", keys: []string{"7"},
			cells: map[cell]string{{"Ana", "impact"}: ""}, status: "7 is not on the Impact scale (1 to 5): nothing saved", isErr: true},
		{name: "zero out of a 1..5 scale", keys: []string{"0"},
			cells: map[cell]string{{"Ana", "impact"}: ""}, status: "0 is not on the Impact scale", isErr: true},
		{name: "digit replaces the value", keys: []string{"4", "+1s", "2"},
			cells:   map[cell]string{{"Ana", "impact"}: "2"},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→4", "rating {Ana}/explain/impact/1 value 4→2"}},
		{name: "two quick digits on a 1..5 scale are two values", keys: []string{"1", "2"},
			cells: map[cell]string{{"Ana", "impact"}: "2"}},
		{name: "abstain", keys: []string{"a"},
			cells:   map[cell]string{{"Ana", "impact"}: "abstain"},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→abstain"}, status: "abstained"},
		{name: "clear", keys: []string{"4", "x"},
			cells:   map[cell]string{{"Ana", "impact"}: ""},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→4", "rating {Ana}/explain/impact/1 value 4→∅"}, status: "cleared"},
		{name: "clear an open cell", keys: []string{"x"},
			cells: map[cell]string{{"Ana", "impact"}: ""}, status: "open already: nothing to clear"},
		{name: "backspace clears", keys: []string{"3", "backspace"},
			cells: map[cell]string{{"Ana", "impact"}: ""}},
		{name: "comment enter saves", keys: []string{"4", "c", "t:clear evidence", "enter"},
			cells: map[cell]string{{"Ana", "impact"}: "4|clear evidence"},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→4",
				"rating {Ana}/explain/impact/1 comment →clear evidence"}, status: "comment saved"},
		{name: "comment on an open cell", keys: []string{"c", "t:no idea yet", "enter"},
			cells: map[cell]string{{"Ana", "impact"}: "|no idea yet"}},
		{name: "comment esc cancels", keys: []string{"4", "c", "t:draft", "esc"},
			cells: map[cell]string{{"Ana", "impact"}: "4"}, status: "comment not changed"},
		{name: "comment keys are typed, not acted on", keys: []string{"c", "t:ax u4", "enter"},
			cells: map[cell]string{{"Ana", "impact"}: "|ax u4"}},
		{name: "undo after set", keys: []string{"4", "u"},
			cells:   map[cell]string{{"Ana", "impact"}: ""},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→4", "rating {Ana}/explain/impact/1 value 4→∅"}, status: "undone"},
		{name: "undo after abstain", keys: []string{"3", "a", "u"},
			cells: map[cell]string{{"Ana", "impact"}: "3"},
			history: []string{"rating {Ana}/explain/impact/1 value ∅→3", "rating {Ana}/explain/impact/1 value 3→abstain",
				"rating {Ana}/explain/impact/1 value abstain→3"}},
		{name: "undo after clear", keys: []string{"5", "x", "u"},
			cells: map[cell]string{{"Ana", "impact"}: "5"}},
		{name: "undo after comment", keys: []string{"4", "c", "t:first", "enter", "c", "t: and more", "enter", "u"},
			cells: map[cell]string{{"Ana", "impact"}: "4|first"}},
		{name: "undo twice goes back two changes", keys: []string{"4", "down", "2", "u", "u"},
			cells: map[cell]string{{"Ana", "impact"}: "", {"Ben", "impact"}: ""}, cursor: &[2]int{0, 0}},
		{name: "undo moves to the cell it changes", keys: []string{"4", "down", "right", "u"},
			cells: map[cell]string{{"Ana", "impact"}: ""}, cursor: &[2]int{0, 0}},
		{name: "undo with nothing to undo", keys: []string{"u"}, status: "nothing to undo"},
		{name: "up at the top edge", keys: []string{"up", "k"}, cursor: &[2]int{0, 0}},
		{name: "left at the left edge", keys: []string{"left", "h"}, cursor: &[2]int{0, 0}},
		{name: "down at the bottom edge", keys: []string{"down", "j", "down", "down"}, cursor: &[2]int{2, 0}},
		{name: "right at the right edge", keys: []string{"right", "l", "right"}, cursor: &[2]int{0, 1}},
		{name: "tab wraps to the next row", keys: []string{"tab", "tab"}, cursor: &[2]int{1, 0}},
		{name: "shift+tab wraps to the previous row", keys: []string{"down", "shift+tab"}, cursor: &[2]int{0, 1}},
		{name: "tab stops at the last cell", keys: []string{"tab", "tab", "tab", "tab", "tab", "tab", "tab"}, cursor: &[2]int{2, 1}},
		{name: "rating after moving lands on that cell", keys: []string{"down", "right", "5"},
			cells: map[cell]string{{"Ben", "effort"}: "5", {"Ana", "impact"}: ""}},
		{name: "unknown keys do nothing", keys: []string{"z", "q", "!", "enter"},
			cells: map[cell]string{{"Ana", "impact"}: ""}, cursor: &[2]int{0, 0}},

		{name: "0..10: 1 then 0 quickly is 10", edge: true, keys: []string{"1", "0"},
			cells:   map[cell]string{{"Ana", "score"}: "10"},
			history: []string{"rating {Ana}/explain/score/1 value ∅→1", "rating {Ana}/explain/score/1 value 1→10"}},
		{name: "0..10: 1 then 0 slowly is 0", edge: true, keys: []string{"1", "+1s", "0"},
			cells: map[cell]string{{"Ana", "score"}: "0"}},
		{name: "0..10: 0 is on the scale", edge: true, keys: []string{"0"},
			cells: map[cell]string{{"Ana", "score"}: "0"}},
		{name: "0..10: 1 then 1 is 1 (11 is off the scale)", edge: true, keys: []string{"1", "1"},
			cells: map[cell]string{{"Ana", "score"}: "1"}},
		{name: "0..10: undo of 10 goes back to open", edge: true, keys: []string{"1", "0", "u"},
			cells: map[cell]string{{"Ana", "score"}: ""}},
		{name: "0..10: digits on another cell do not compose", edge: true, keys: []string{"1", "down", "0"},
			cells: map[cell]string{{"Ana", "score"}: "1", {"Ben", "score"}: "0"}},
		{name: "7 points: 7 is on the scale", edge: true, keys: []string{"right", "7"},
			cells: map[cell]string{{"Ana", "seven"}: "7"}},
		{name: "7 points: 8 is refused", edge: true, keys: []string{"right", "8"},
			cells: map[cell]string{{"Ana", "seven"}: ""}, status: "8 is not on the Agreement scale (1 to 7)", isErr: true},
		{name: "7 points: 0 is refused", edge: true, keys: []string{"right", "0"},
			cells: map[cell]string{{"Ana", "seven"}: ""}, isErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tuitest.DefaultPack(t)
			if tc.edge {
				p = tuitest.EdgePack(t)
			}
			env := tuitest.NewRatingEnv(t, p)
			m, d := newGridDriver(t, env, "explain", 100, 30)
			for _, k := range tc.keys {
				switch {
				case k == "+1s":
					env.Clock.Advance(time.Second)
				case strings.HasPrefix(k, "t:"):
					d.TypeText(k[2:])
				default:
					d.Press(k)
				}
			}
			if m.ed.busy() {
				t.Fatal("writes still queued")
			}
			byName := map[string]int64{}
			for _, p := range env.Sess.Participants {
				byName[p.Name] = p.ID
			}
			for c, want := range tc.cells {
				got := tuitest.CellString(env.StoredCell(t, byName[c.who], "explain", c.criterion, 1))
				if got != want {
					t.Errorf("stored %s/%s = %q, want %q", c.who, c.criterion, got, want)
				}
				// The screen shows what the store holds.
				st := m.ed.cells[cellKey{byName[c.who], "explain", c.criterion, 1}]
				r, ok := env.StoredCell(t, byName[c.who], "explain", c.criterion, 1)
				if ok && stateOf(r) != st || !ok && st != (cellState{}) {
					t.Errorf("screen %s/%s = %+v, store %+v", c.who, c.criterion, st, r)
				}
			}
			if tc.history != nil {
				var want []string
				for _, h := range tc.history {
					want = append(want, env.Expand(h))
				}
				if got := env.RatingHistory(t); !slices.Equal(got, want) {
					t.Errorf("history\n got %q\nwant %q", got, want)
				}
			}
			last := d.LastStatus()
			if tc.status != "" && !strings.Contains(last.Text, tc.status) {
				t.Errorf("status %q, want it to contain %q (all: %v)", last.Text, tc.status, d.Statuses)
			}
			if tc.isErr != last.IsErr {
				t.Errorf("status %q is an error: %v, want %v", last.Text, last.IsErr, tc.isErr)
			}
			if tc.cursor != nil && (m.row != tc.cursor[0] || m.col != tc.cursor[1]) {
				t.Errorf("cursor at %d,%d, want %v", m.row, m.col, *tc.cursor)
			}
			if m.Capturing() {
				t.Error("still capturing after the keys")
			}
		})
	}
}

func TestRatingGridCommentCaptures(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("c")
	if !m.Capturing() {
		t.Fatal("the comment input does not capture keys")
	}
	if v := tuitest.Plain(m.View()); !strings.Contains(v, "Comment on Ana · Impact:") {
		t.Errorf("the view does not show the comment input:\n%s", v)
	}
	d.Press("esc")
	if m.Capturing() {
		t.Error("esc did not close the comment input")
	}
}

func TestRatingGridRevealWithoutMissing(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("4", "tab", "2", "tab", "a", "tab", "3", "tab", "5", "tab", "1")
	if strings.Contains(tuitest.Plain(m.View()), "4 Strongly") {
		t.Fatal("a value shows while blind")
	}
	d.Press("ctrl+o")
	if m.confirming {
		t.Fatal("asked for confirmation with every cell given")
	}
	rev, err := env.St.Revealed(context.Background(), env.Sess.ID)
	if err != nil || !rev[session.RevealKey{ElementID: "explain", Round: 1}] {
		t.Fatalf("not revealed in the store: %v %v", rev, err)
	}
	v := tuitest.Plain(m.View())
	for _, want := range []string{"4 Strongly", "revealed", "n 2 · 1 abstained", "median 4.5 · IQR 0.5 (4.25–4.75) · ✓ consensus"} {
		if !strings.Contains(v, want) {
			t.Errorf("revealed view lacks %q:\n%s", want, v)
		}
	}
	// Revealed ratings are closed: they would be anchored on the results.
	before := len(env.RatingHistory(t))
	d.Press("1", "a", "x", "u")
	if after := len(env.RatingHistory(t)); after != before {
		t.Errorf("a revealed round was changed: %d history rows, was %d", after, before)
	}
	if last := d.Statuses[len(d.Statuses)-1].Text; !strings.Contains(last, "press ] to rate again in round 2") {
		t.Errorf("status after a key on a revealed round: %q", last)
	}
	// A new grid (another process, or coming back) opens revealed.
	m2, _ := newGridDriver(t, env, "explain", 100, 30)
	if !m2.isRevealed() {
		t.Error("the reveal did not persist")
	}
	if h := env.RatingHistory(t); h[len(h)-1] != "reveal explain/1 state ∅→revealed" {
		t.Errorf("last history row %q", h[len(h)-1])
	}
}

func TestRatingGridRevealWithMissing(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("4", "down", "a")
	d.Press("ctrl+o")
	if !m.confirming || !m.Capturing() {
		t.Fatal("no confirmation asked with cells open")
	}
	v := tuitest.Plain(m.View())
	for _, want := range []string{"Not everyone has rated this element:", "Ana (supplier) → Effort", "Ben (user) → Effort", "Chi (partner) → Impact, Effort", "Reveal the results anyway?"} {
		if !strings.Contains(v, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, v)
		}
	}
	d.Press("n")
	if m.confirming || m.isRevealed() {
		t.Fatal("n did not cancel")
	}
	rev, _ := env.St.Revealed(context.Background(), env.Sess.ID)
	if len(rev) != 0 {
		t.Fatalf("revealed after n: %v", rev)
	}
	d.Press("ctrl+o", "y")
	rev, _ = env.St.Revealed(context.Background(), env.Sess.ID)
	if !m.isRevealed() || !rev[session.RevealKey{ElementID: "explain", Round: 1}] {
		t.Fatal("y did not reveal")
	}
}

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
