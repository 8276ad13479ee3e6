package tui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// composeWindow is how soon a second digit must follow the first to make a
// two-digit value (1 then 0 = 10 on a 0..10 scale).
const composeWindow = 700 * time.Millisecond

// maxUndo bounds the undo stack of one screen.
const maxUndo = 500

// cellKey names one rating cell: participant x element x criterion x round.
type cellKey struct {
	pid       int64
	element   string
	criterion string
	round     int
}

// cellState is what a cell holds: a value, an abstention ("can't judge")
// or neither, and a comment.
type cellState struct {
	value    int
	hasValue bool
	abstain  bool
	comment  string
}

// given reports whether the cell holds a value or an abstention.
func (c cellState) given() bool { return c.hasValue || c.abstain }

func stateOf(r session.Rating) cellState {
	st := cellState{abstain: r.Abstain, comment: r.Comment}
	if r.Value != nil && !r.Abstain {
		st.value, st.hasValue = *r.Value, true
	}
	return st
}

// undoEntry is one change that u takes back: the cell, its state before
// and after, and whether the change was to the comment or the rating.
type undoEntry struct {
	key           cellKey
	comment       bool
	before, after cellState
	write         uint64 // the last write of this change
}

// ratingsLoadedMsg carries the ratings of a round read from the store.
type ratingsLoadedMsg struct {
	owner     *ratingEditor
	round     int
	seq       uint64 // the editor's sequence number when the read began
	cells     map[cellKey]cellState
	revealed  map[session.RevealKey]bool
	scheduled bool // a poll: schedule the next one
	err       error
}

// ratingEditor holds the ratings of one round and changes them: the part of
// the rating grid and of pass-the-laptop that reads keys into store writes,
// keeps an undo stack and merges what the store says with what is being
// written. Every change is written by a tea.Cmd, in order, one at a time.
type ratingEditor struct {
	c     *common.Common
	pack  *content.Pack
	sess  session.Session
	round int
	cells map[cellKey]cellState

	loaded  bool
	undo    []undoEntry
	queue   []ratingWrite // queue[0] is being written
	nextID  uint64
	pending map[cellKey]int    // writes queued per cell
	seq     uint64             // counts reads begun and writes done
	doneAt  map[cellKey]uint64 // seq when a cell's last write ended

	compose struct {
		key   cellKey
		value int
		at    time.Time
		ok    bool
	}

	dirty []cellKey // cells changed since the screen last redrew
	log   *writeLog

	// revealed are the rounds of elements whose results the group has seen:
	// their ratings are closed, as values changed now would be anchored on
	// the results. closedHint says what the screen offers instead.
	revealed   map[session.RevealKey]bool
	closedHint func(cellKey) string

	comment    textinput.Model
	commenting bool
	commentKey cellKey
}

func newRatingEditor(c *common.Common, p *content.Pack, sess session.Session) *ratingEditor {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.Placeholder = "why this rating? enter saves, esc cancels"
	ti.CharLimit = 500
	// A steady cursor: calmer on a projector, and no blink ticks.
	st := textinput.DefaultStyles(c.Styles.Theme != ThemeLight)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return &ratingEditor{
		c: c, pack: p, sess: sess, round: 1, cells: map[cellKey]cellState{},
		pending: map[cellKey]int{}, doneAt: map[cellKey]uint64{}, comment: ti,
		log: &writeLog{done: map[uint64]bool{}}, revealed: map[session.RevealKey]bool{},
		closedHint: func(cellKey) string { return "a further round can rate it again" },
	}
}

func (e *ratingEditor) ctx() context.Context {
	if e.c.Ctx != nil {
		return e.c.Ctx
	}
	return context.Background()
}

// participant returns the session's participant with the id.
func (e *ratingEditor) participant(id int64) session.Participant {
	for _, p := range e.sess.Participants {
		if p.ID == id {
			return p
		}
	}
	return session.Participant{ID: id}
}

// cellName names a cell for status lines: "Ana · Impact".
func (e *ratingEditor) cellName(k cellKey) string {
	cr, _ := e.pack.Criterion(k.criterion)
	return e.participant(k.pid).Name + " · " + cr.Label
}

// loadCmd reads the round's ratings and the reveals. round 0 means the
// latest round that holds ratings (1 if none): a Delphi round 2, once
// begun, is where the screen opens.
func (e *ratingEditor) loadCmd(round int, scheduled bool) tea.Cmd {
	e.seq++
	st, ctx, id, owner, seq := e.c.Store, e.ctx(), e.sess.ID, e, e.seq
	return func() tea.Msg {
		msg := ratingsLoadedMsg{owner: owner, round: round, seq: seq, scheduled: scheduled}
		var rows []session.Rating
		if round == 0 {
			all, err := st.Ratings(ctx, id)
			if err != nil {
				msg.err = fmt.Errorf("read the ratings of session %s: %w", id, err)
				return msg
			}
			msg.round = 1
			for _, r := range all {
				msg.round = max(msg.round, r.Round)
			}
			for _, r := range all {
				if r.Round == msg.round {
					rows = append(rows, r)
				}
			}
		} else {
			var err error
			if rows, err = st.RoundRatings(ctx, id, round); err != nil {
				msg.err = err
				return msg
			}
		}
		msg.cells = make(map[cellKey]cellState, len(rows))
		for _, r := range rows {
			msg.cells[cellKey{r.ParticipantID, r.ElementID, r.CriterionID, r.Round}] = stateOf(r)
		}
		rev, err := st.Revealed(ctx, id)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.revealed = rev
		return msg
	}
}

// applyLoaded merges a read into the cells. A cell with a write queued, or
// one whose write ended after the read began, keeps what the screen shows:
// the read may predate the write. It reports whether anything changed.
func (e *ratingEditor) applyLoaded(msg ratingsLoadedMsg) bool {
	if msg.err == nil {
		e.markRevealed(msg.revealed)
	}
	if msg.err != nil || (e.loaded && msg.round != e.round) {
		return false
	}
	e.round, e.loaded = msg.round, true
	keep := func(k cellKey) bool { return e.pending[k] > 0 || e.doneAt[k] > msg.seq }
	n := len(e.dirty)
	for k, old := range e.cells {
		if nw := msg.cells[k]; nw != old && !keep(k) {
			e.set(k, nw)
		}
	}
	for k, nw := range msg.cells {
		if _, ok := e.cells[k]; !ok && !keep(k) {
			e.set(k, nw)
		}
	}
	return len(e.dirty) > n
}

// setRound switches to another round: its cells are read afresh.
func (e *ratingEditor) setRound(r int) tea.Cmd {
	e.round, e.cells, e.compose.ok = r, map[cellKey]cellState{}, false
	return e.loadCmd(r, false)
}

// markRevealed adds reveals; a reveal is never taken back, so a read that
// began before a local reveal cannot hide it again.
func (e *ratingEditor) markRevealed(r map[session.RevealKey]bool) {
	for k := range r {
		e.revealed[k] = true
	}
}

// closed reports whether the round of cell k's element has been revealed.
func (e *ratingEditor) closed(k cellKey) bool {
	return e.revealed[session.RevealKey{ElementID: k.element, Round: k.round}]
}

// closedCmd tells that cell k can no longer change, and what to do instead.
func (e *ratingEditor) closedCmd(k cellKey) tea.Cmd {
	title := k.element
	if el, ok := e.pack.Element(k.element); ok {
		title = el.Title
	}
	return common.StatusCmd(fmt.Sprintf("Round %d of %s is revealed, so its ratings are closed: %s.", k.round, title, e.closedHint(k)))
}

// editKey handles the keys that change cell k, the same in the grid and in
// pass-the-laptop: a digit, abstain, clear and comment. A closed cell takes
// a comment but no value. It reports whether the key was one of them.
func (e *ratingEditor) editKey(msg tea.KeyPressMsg, keys ratingKeys, k cellKey, cr content.Criterion, width int) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, keys.Digit, keys.Abstain, keys.Clear) && e.closed(k):
		e.compose.ok = false
		return e.closedCmd(k), true
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
	after.value, after.hasValue, after.abstain = v, true, false
	return e.change(k, after, writeValue, merge)
}

// abstain records "can't judge" on cell k.
func (e *ratingEditor) abstain(k cellKey) tea.Cmd {
	e.compose.ok = false
	after := e.cells[k]
	after.value, after.hasValue, after.abstain = 0, false, true
	return e.change(k, after, writeAbstain, false)
}

// clear removes the value or abstention of cell k; its comment stays.
func (e *ratingEditor) clear(k cellKey) tea.Cmd {
	e.compose.ok = false
	after := e.cells[k]
	if !after.given() {
		return common.StatusCmd(e.cellName(k) + " is open already: nothing to clear")
	}
	after.value, after.hasValue, after.abstain = 0, false, false
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

// change sets cell k to after at once, pushes the undo entry (merged with
// the previous one for a composed digit) and queues the store write.
func (e *ratingEditor) change(k cellKey, after cellState, kind writeKind, merge bool) tea.Cmd {
	before := e.cells[k]
	if before == after {
		return nil
	}
	e.set(k, after)
	e.nextID++
	w := ratingWrite{id: e.nextID, key: k, kind: kind, before: before, after: after}
	if n := len(e.undo); merge && n > 0 && e.undo[n-1].key == k && !e.undo[n-1].comment {
		e.undo[n-1].after, e.undo[n-1].write = after, w.id
	} else {
		e.undo = append(e.undo, undoEntry{key: k, comment: kind == writeComment, before: before, after: after, write: w.id})
		if len(e.undo) > maxUndo {
			e.undo = e.undo[len(e.undo)-maxUndo:]
		}
	}
	return e.enqueue(w)
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

// undoLast takes back the last change through the store. It reports the
// cell it changed.
func (e *ratingEditor) undoLast() (cellKey, tea.Cmd) {
	e.compose.ok = false
	if len(e.undo) == 0 {
		return cellKey{}, common.StatusCmd("nothing to undo")
	}
	u := e.undo[len(e.undo)-1]
	if !u.comment && e.closed(u.key) {
		return cellKey{}, e.closedCmd(u.key)
	}
	e.undo = e.undo[:len(e.undo)-1]
	cur := e.cells[u.key]
	restore := cur
	kind := writeComment
	if u.comment {
		restore.comment = u.before.comment
	} else {
		restore.value, restore.hasValue, restore.abstain = u.before.value, u.before.hasValue, u.before.abstain
		switch {
		case restore.hasValue:
			kind = writeValue
		case restore.abstain:
			kind = writeAbstain
		default:
			kind = writeClear
		}
	}
	if restore == cur {
		return u.key, common.StatusCmd("undo: " + e.cellName(u.key) + " was changed since; nothing to undo there")
	}
	e.set(u.key, restore)
	e.nextID++
	return u.key, e.enqueue(ratingWrite{id: e.nextID, key: u.key, kind: kind, before: cur, after: restore, undo: &u})
}
