package rating

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
)

// The keys that change a cell, the same in the grid and in pass-the-laptop:
// a digit (two quick ones compose 10 on a 0..10 scale), abstain, clear, a
// comment, and undo through the store.

// composeWindow is how soon a second digit must follow the first to make a
// two-digit value (1 then 0 = 10 on a 0..10 scale).
const composeWindow = 700 * time.Millisecond

// maxUndo bounds the undo stack of one screen.
const maxUndo = 500

// editKey handles the keys that change cell k, the same in the grid and in
// pass-the-laptop: a digit, abstain, clear and comment. The engine's rules
// are asked first (a closed round takes a comment but no value), so the
// facilitator hears no at once. It reports whether the key was one of them.
func (e *ratingEditor) editKey(msg tea.KeyPressMsg, keys KeyMap, k cellKey, cr content.Criterion, width int) (tea.Cmd, bool) {
	if key.Matches(msg, keys.Digit, keys.Abstain, keys.Clear) {
		if err := e.ws.MayWrite(e.actor(), e.key(k)); err != nil {
			e.compose.ok = false
			return e.refused(k, err), true
		}
	}
	if key.Matches(msg, keys.Comment) {
		if err := e.ws.MayComment(e.actor(), e.key(k)); err != nil {
			return e.refused(k, err), true
		}
	}
	switch {
	case key.Matches(msg, keys.Digit):
		return e.digit(k, cr, int(msg.String()[0]-'0')), true
	case key.Matches(msg, keys.Abstain):
		return e.abstain(k), true
	case key.Matches(msg, keys.Clear):
		return e.clear(k), true
	case key.Matches(msg, keys.Comment):
		return e.startComment(k, width), true
	}
	return nil, false
}

// digit handles a typed digit on cell k. Digits typed within composeWindow
// on the same cell make one number when it is on the scale, so 1 then 0 is
// 10 on a 0..10 scale. A value off the scale is refused and nothing is
// written.
func (e *ratingEditor) digit(k cellKey, cr content.Criterion, d int) tea.Cmd {
	now := e.c.Now()
	v, merge := d, false
	if e.compose.ok && e.compose.key == k && now.Sub(e.compose.at) <= composeWindow {
		if cv := e.compose.value*10 + d; cr.InScale(cv) {
			v, merge = cv, true
		}
	}
	if !cr.InScale(v) {
		e.compose.ok = false
		return common.ErrorCmd(fmt.Errorf("%d is not on the %s scale (%d to %d): nothing saved", v, cr.Label, cr.Min, cr.Max))
	}
	e.compose.key, e.compose.value, e.compose.at, e.compose.ok = k, v, now, true
	after := e.cells[k]
	after.value, after.hasValue, after.abstain, after.hidden = v, true, false, false
	return e.change(k, after, writeValue, merge)
}

// abstain records "can't judge" on cell k.
func (e *ratingEditor) abstain(k cellKey) tea.Cmd {
	e.compose.ok = false
	after := e.cells[k]
	after.value, after.hasValue, after.abstain, after.hidden = 0, false, true, false
	return e.change(k, after, writeAbstain, false)
}

// clear removes the value or abstention of cell k; its comment stays.
func (e *ratingEditor) clear(k cellKey) tea.Cmd {
	e.compose.ok = false
	after := e.cells[k]
	if !after.given() {
		return common.StatusCmd(e.cellName(k) + " is open already: nothing to clear")
	}
	after.value, after.hasValue, after.abstain, after.hidden = 0, false, false, false
	return e.change(k, after, writeClear, false)
}

// startComment opens the comment input on cell k, holding its comment.
func (e *ratingEditor) startComment(k cellKey, width int) tea.Cmd {
	e.compose.ok = false
	e.commenting, e.commentKey = true, k
	e.comment.SetValue(e.cells[k].comment)
	e.comment.CursorEnd()
	e.comment.SetWidth(max(10, width-4))
	return e.comment.Focus()
}

// updateComment handles a message while the comment input is open: enter
// saves, esc cancels, the rest is typing.
func (e *ratingEditor) updateComment(msg tea.Msg) tea.Cmd {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case kp.String() == "enter":
			e.commenting = false
			e.comment.Blur()
			after := e.cells[e.commentKey]
			after.comment = e.comment.Value()
			return e.change(e.commentKey, after, writeComment, false)
		case key.Matches(kp, e.c.Keys.Back):
			e.commenting = false
			e.comment.Blur()
			return common.StatusCmd("comment not changed")
		}
	}
	var cmd tea.Cmd
	e.comment, cmd = e.comment.Update(msg)
	return cmd
}

// flushComment hands a comment still being typed to the outbox, as enter
// would: on quitting (ctrl+c, a signal) what was typed is saved, or kept
// with what could not be saved.
func (e *ratingEditor) flushComment() {
	if !e.commenting {
		return
	}
	e.commenting = false
	e.comment.Blur()
	after := e.cells[e.commentKey]
	after.comment = e.comment.Value()
	e.change(e.commentKey, after, writeComment, false)
}

// change sets cell k to after at once, pushes the undo entry (merged with
// the previous one for a composed digit) and queues the store write.
func (e *ratingEditor) change(k cellKey, after cellState, kind writeKind, merge bool) tea.Cmd {
	before := e.cells[k]
	if before == after {
		return nil
	}
	e.set(k, after)
	w := ratingWrite{key: k, kind: kind, before: before, after: after}
	cmd := e.enqueue(&w)
	if n := len(e.undo); merge && n > 0 && e.undo[n-1].key == k && !e.undo[n-1].comment {
		e.undo[n-1].after, e.undo[n-1].write = after, w.id
	} else {
		e.undo = append(e.undo, undoEntry{key: k, comment: kind == writeComment, before: before, after: after, write: w.id})
		if len(e.undo) > maxUndo {
			e.undo = e.undo[len(e.undo)-maxUndo:]
		}
	}
	return cmd
}

// set changes what the screen shows for a cell and notes it for redrawing.
func (e *ratingEditor) set(k cellKey, st cellState) {
	e.dirty = append(e.dirty, k)
	if st == (cellState{}) {
		delete(e.cells, k)
		return
	}
	e.cells[k] = st
}

// undoLast takes back the last change through the engine, which compares
// and sets: the cell must still hold what the change left there, else the
// undo is refused (someone changed it since: a device, another process).
// The screen keeps no rule of its own beyond the snapshot's "may this
// round be written" (a closed round says so at once). It reports the cell
// it changes.
func (e *ratingEditor) undoLast() (cellKey, tea.Cmd) {
	e.compose.ok = false
	if len(e.undo) == 0 {
		return cellKey{}, common.StatusCmd("nothing to undo")
	}
	u := e.undo[len(e.undo)-1]
	if err := e.ws.MayWrite(e.actor(), e.key(u.key)); !u.comment && err != nil {
		return cellKey{}, e.refused(u.key, err)
	}
	e.undo = e.undo[:len(e.undo)-1]
	cur := e.cells[u.key]
	restore := cur
	kind := writeComment
	if u.comment {
		restore.comment, restore.commented = u.before.comment, u.before.commented
	} else {
		restore.value, restore.hasValue, restore.abstain, restore.hidden = u.before.value, u.before.hasValue, u.before.abstain, u.before.hidden
		switch {
		case restore.hasValue:
			kind = writeValue
		case restore.abstain:
			kind = writeAbstain
		default:
			kind = writeClear
		}
	}
	e.set(u.key, restore)
	return u.key, e.enqueue(&ratingWrite{key: u.key, kind: kind, before: cur, after: restore, undo: &u})
}
