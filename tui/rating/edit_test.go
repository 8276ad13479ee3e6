package rating

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
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
				// The screen shows what the engine lets the facilitator see.
				st := m.ed.shown(cellKey{byName[c.who], "explain", c.criterion, 1})
				r, ok := env.VisibleCell(t, session.Viewer{Kind: session.ViewFacilitator}, byName[c.who], "explain", c.criterion, 1)
				if ok && stateOf(r) != st || !ok && st != (cellState{}) {
					t.Errorf("screen %s/%s = %+v, engine %+v", c.who, c.criterion, st, r)
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
