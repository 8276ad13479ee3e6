package rating

import (
	"context"
	"errors"
	"fmt"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// writeKind is what a change does to a cell.
type writeKind int

const (
	writeValue writeKind = iota
	writeAbstain
	writeClear
	writeComment
)

// ratingWrite is one change of a cell on its way to the engine.
type ratingWrite struct {
	id            uint64
	key           cellKey
	kind          writeKind
	before, after cellState
	undo          *undoEntry // set when the write is an undo: pushed back if it fails
}

// submit hands a change to the program's outbox: it reaches the engine
// after every change typed before it, and its result comes back as a
// common.SavedMsg.
func (e *ratingEditor) submit(w ratingWrite) uint64 {
	eng, actor, k := e.c.Engine, e.actor(), e.key(w.key)
	var do func(ctx context.Context) error
	switch {
	case w.undo != nil:
		// the cell must still hold what the change set; the engine checks
		in := session.UndoInput{RatingKey: k, Comment: w.kind == writeComment, Expect: w.undo.after.session(), Restore: w.undo.before.session()}
		do = func(ctx context.Context) error { return eng.UndoRating(ctx, actor, in) }
	case w.kind == writeValue:
		v := w.after.value
		do = func(ctx context.Context) error {
			return eng.RecordRating(ctx, actor, session.RatingInput{RatingKey: k, Value: &v})
		}
	case w.kind == writeAbstain:
		do = func(ctx context.Context) error {
			return eng.RecordRating(ctx, actor, session.RatingInput{RatingKey: k, Abstain: true})
		}
	case w.kind == writeClear:
		do = func(ctx context.Context) error { return eng.ClearRating(ctx, actor, k, "") }
	default:
		comment := w.after.comment
		do = func(ctx context.Context) error { return eng.CommentRating(ctx, actor, k, comment) }
	}
	keep := fmt.Sprintf("%s, round %d: %s", e.cellName(w.key), w.key.round, w.after.describe())
	return e.c.Submit(session.Op{What: e.cellName(w.key), Keep: keep, Do: do})
}

// session is the state as the engine's undo compares and restores it.
func (c cellState) session() session.CellState {
	st := session.CellState{Abstain: c.abstain, Comment: c.comment}
	if c.hasValue {
		v := c.value
		st.Value = &v
	}
	return st
}

// describe is the state in words, for what could not be saved.
func (c cellState) describe() string {
	var s string
	switch {
	case c.abstain:
		s = "abstained"
	case c.hasValue:
		s = fmt.Sprint(c.value)
	default:
		s = "open"
	}
	if c.comment != "" {
		s += fmt.Sprintf(" (comment: %s)", common.Quote(c.comment))
	}
	return s
}

// enqueue submits a change (setting its id) and keeps it until its
// result comes back.
func (e *ratingEditor) enqueue(w *ratingWrite) tea.Cmd {
	w.id = e.submit(*w)
	e.ops[w.id] = *w
	e.pending[w.key]++
	return nil
}

// saved takes the result of one of the editor's changes and returns the
// change; it reports false for a result that is not the editor's. On a failure the cell shows what
// the engine holds again and the change leaves the undo stack (an undo
// that failed goes back on it). A change that failed for a reason that may
// pass (the database locked by another program) stays on its way; the
// status line says so.
func (e *ratingEditor) saved(msg common.SavedMsg) (ratingWrite, tea.Cmd, bool) {
	w, ok := e.ops[msg.Op.ID]
	if !ok {
		return w, nil, false
	}
	if msg.Retrying {
		return w, common.ErrorCmd(fmt.Errorf("not saved yet, %s: %v; trying again", e.cellName(w.key), msg.Err)), true
	}
	delete(e.ops, msg.Op.ID)
	k := w.key
	if e.pending[k]--; e.pending[k] <= 0 {
		delete(e.pending, k)
	}
	e.seq++
	e.doneAt[k] = e.seq
	if msg.Err == nil {
		return w, nil, true
	}
	if e.pending[k] == 0 {
		e.set(k, w.before)
	}
	switch {
	case w.undo != nil && errors.Is(msg.Err, session.ErrChangedSince):
		// someone changed the cell since: this undo can never pass
		return w, tea.Batch(common.StatusCmd("undo: "+e.cellName(k)+" was changed since (on a device or in another window): nothing to undo there"), e.loadCmd()), true
	case w.undo != nil:
		e.undo = append(e.undo, *w.undo)
	default:
		for i := len(e.undo) - 1; i >= 0; i-- {
			if e.undo[i].write == w.id {
				e.undo = append(e.undo[:i], e.undo[i+1:]...)
				break
			}
		}
	}
	var cmd tea.Cmd
	if errors.Is(msg.Err, session.ErrRoundClosed) || errors.Is(msg.Err, session.ErrRoundNotOpen) {
		cmd = e.refused(k, msg.Err)
	} else {
		cmd = common.ErrorCmd(fmt.Errorf("not saved, %s (round %d): %w", e.cellName(k), k.round, msg.Err))
	}
	return w, tea.Batch(cmd, e.loadCmd()), true
}

// busy reports whether changes are on their way.
func (e *ratingEditor) busy() bool { return len(e.ops) > 0 }

// asRoundClosed finds a RoundClosedError in err's chain.
func asRoundClosed(err error, target **session.RoundClosedError) bool { return errors.As(err, target) }

// upperFirst capitalises a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
