package rating

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

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

	lock revealLock // the rounds revealed: closed to new values (lock.go)

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
	st := textinput.DefaultStyles(c.Styles.Theme != common.ThemeLight)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return &ratingEditor{
		c: c, pack: p, sess: sess, round: 1, cells: map[cellKey]cellState{},
		pending: map[cellKey]int{}, doneAt: map[cellKey]uint64{}, comment: ti,
		log: &writeLog{done: map[uint64]bool{}}, lock: newRevealLock(),
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
		e.lock.mark(msg.revealed)
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
