package rating

import (
	"fmt"
	"slices"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The write queue, a rule of the workshop as it stands: the changes of a
// screen reach the store one at a time, in the order they were typed; a
// failed write puts the cell back and leaves the undo stack; quitting or
// closing the grid first writes what is still queued (flushCmd).

// writeKind is what a store write does to a cell.
type writeKind int

const (
	writeValue writeKind = iota
	writeAbstain
	writeClear
	writeComment
)

// ratingWrite is one store write, queued so that writes to the database
// happen in the order they were typed.
type ratingWrite struct {
	id            uint64
	key           cellKey
	kind          writeKind
	before, after cellState
	undo          *undoEntry // set when the write is an undo: pushed back if it fails
}

// ratingSavedMsg reports the end of a store write.
type ratingSavedMsg struct {
	owner *ratingEditor
	write ratingWrite
	err   error
}

// writeLog records which writes reached the store, shared by the commands
// that write and the flush at quit.
type writeLog struct {
	mu   sync.Mutex
	done map[uint64]bool // write ids written and not yet acknowledged
}

// enqueue queues a write; it starts at once when no other is running.
func (e *ratingEditor) enqueue(w ratingWrite) tea.Cmd {
	e.queue = append(e.queue, w)
	e.pending[w.key]++
	if len(e.queue) == 1 {
		return e.writeCmd(w)
	}
	return nil
}

// writeCmd performs a write in the store. A failure comes back both as an
// error in the status line and to the editor, which puts the cell back.
func (e *ratingEditor) writeCmd(w ratingWrite) tea.Cmd {
	owner, name := e, e.cellName(w.key)
	return func() tea.Msg {
		err := e.apply(w)
		msg := ratingSavedMsg{owner: owner, write: w, err: err}
		if err != nil {
			msg.err = fmt.Errorf("not saved, %s (round %d): %w", name, w.key.round, err)
			return tea.BatchMsg{common.ErrorCmd(msg.err), func() tea.Msg { return msg }}
		}
		return msg
	}
}

// apply performs a write in the store once: the command of the write and
// flushCmd may both try it, and whichever comes second does nothing. It is
// called from commands, so it touches only the write log.
func (e *ratingEditor) apply(w ratingWrite) error {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	if e.log.done[w.id] {
		return nil
	}
	st, p, ctx := e.c.Store, e.pack, e.ctx()
	k := session.RatingKey{SessionID: e.sess.ID, ParticipantID: w.key.pid, ElementID: w.key.element, CriterionID: w.key.criterion, Round: w.key.round}
	var err error
	switch w.kind {
	case writeValue:
		v := w.after.value
		err = st.RecordRating(ctx, p, session.RatingInput{RatingKey: k, Value: &v})
	case writeAbstain:
		err = st.RecordRating(ctx, p, session.RatingInput{RatingKey: k, Abstain: true})
	case writeClear:
		err = st.ClearRating(ctx, p, k)
	case writeComment:
		err = st.CommentRating(ctx, p, k, w.after.comment)
	}
	if err == nil {
		e.log.done[w.id] = true
	}
	return err
}

// flushCmd writes every queued write, in order, before the program ends:
// quitting right after a key must not lose the rating. The write under way
// is not written twice (see apply).
func (e *ratingEditor) flushCmd() tea.Cmd {
	if len(e.queue) == 0 {
		return nil
	}
	queue := slices.Clone(e.queue)
	return func() tea.Msg {
		for _, w := range queue {
			if err := e.apply(w); err != nil {
				return common.StatusMsg{Text: fmt.Sprintf("not saved, %s: %v", e.cellName(w.key), err), IsErr: true}
			}
		}
		return nil
	}
}

// saved ends the write at the head of the queue and starts the next. On a
// failure the cell shows what the store holds again and the change leaves
// the undo stack (an undo that failed goes back on it); the error is shown
// by the status line already.
func (e *ratingEditor) saved(msg ratingSavedMsg) tea.Cmd {
	if len(e.queue) == 0 || e.queue[0].id != msg.write.id {
		return nil
	}
	e.queue = e.queue[1:]
	e.log.mu.Lock()
	delete(e.log.done, msg.write.id)
	e.log.mu.Unlock()
	k := msg.write.key
	if e.pending[k]--; e.pending[k] <= 0 {
		delete(e.pending, k)
	}
	e.seq++
	e.doneAt[k] = e.seq
	var cmds []tea.Cmd
	if msg.err != nil {
		if e.pending[k] == 0 && k.round == e.round {
			e.set(k, msg.write.before)
		}
		if u := msg.write.undo; u != nil {
			e.undo = append(e.undo, *u)
		} else {
			for i := len(e.undo) - 1; i >= 0; i-- {
				if e.undo[i].write == msg.write.id {
					e.undo = append(e.undo[:i], e.undo[i+1:]...)
					break
				}
			}
		}
		cmds = append(cmds, e.loadCmd(e.round, false))
	}
	if len(e.queue) > 0 {
		cmds = append(cmds, e.writeCmd(e.queue[0]))
	}
	return tea.Batch(cmds...)
}

// busy reports whether writes are queued.
func (e *ratingEditor) busy() bool { return len(e.queue) > 0 }
