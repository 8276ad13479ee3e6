package walkthrough

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The walkthrough's changes (the step, each note, each step's time and
// scroll) go to the engine through the program's outbox, in the order they
// were made. Ops of one target share a key, so a note typed on waits as
// one op with the newest text; a change the database could not take now
// stays queued and is tried again.

// submit hands a change to the outbox and returns its id.
func (w *Model) submit(key, what, keep string, do func(ctx context.Context) error) uint64 {
	return w.c.Submit(session.Op{Key: w.sess.ID + ":" + key, What: what, Keep: keep, Do: do})
}

// moveCmd records the step the agenda is on.
func (w *Model) moveCmd() {
	if w.readOnly {
		return
	}
	eng, actor, id, step := w.c.Engine, w.c.Facilitator(), w.sess.ID, w.step
	w.submit("step", "the agenda's step", "", func(ctx context.Context) error {
		return eng.MoveTo(ctx, actor, id, step, false)
	})
}

// saveStateCmd writes the recorded timer and scroll of step k.
func (w *Model) saveStateCmd(k string) tea.Cmd {
	if w.readOnly {
		return nil
	}
	eng, id, st := w.c.Engine, w.sess.ID, w.states[k]
	w.submit("state:"+k, "the time spent on "+k, "", func(ctx context.Context) error { return eng.SaveStepState(ctx, id, st) })
	return nil
}

// saveNoteCmd writes the note of step k if it differs from what is stored.
func (w *Model) saveNoteCmd(k string) tea.Cmd {
	body, ok := w.notes.typed[k]
	if w.readOnly || !ok || body == w.notes.saved[k] {
		return nil
	}
	eng, actor, id := w.c.Engine, w.c.Facilitator(), w.sess.ID
	title := k
	if st, ok := w.stepOf(k); ok {
		title = w.pack.StepTitle(st)
	}
	op := w.submit("note:"+k, "the note on "+title, fmt.Sprintf("Note on %s:\n%s", title, body), func(ctx context.Context) error {
		return eng.SaveNote(ctx, actor, id, k, body)
	})
	w.noteOps[op] = savedNote{key: k, body: body}
	return nil
}

// savedNote is a note on its way to the engine.
type savedNote struct{ key, body string }

// onSaved takes the result of one of the walkthrough's changes: a note
// that landed is stored; a failure says so in the status line, and one
// that may pass stays queued (the text stays in the editor either way).
func (w *Model) onSaved(msg common.SavedMsg) tea.Cmd {
	n, isNote := w.noteOps[msg.Op.ID]
	if msg.Final && isNote {
		delete(w.noteOps, msg.Op.ID)
		if msg.Err == nil {
			w.notes.saved[n.key] = n.body
		}
	}
	switch {
	case msg.Err == nil || msg.Op.Key == "" || !w.owns(msg.Op.Key):
		return nil
	case msg.Retrying:
		return common.ErrorCmd(fmt.Errorf("%s is not saved yet (%v): trying again", msg.Op.What, msg.Err))
	}
	return common.ErrorCmd(fmt.Errorf("%s was not saved: %w", msg.Op.What, msg.Err))
}

// owns reports whether an outbox key is one of this walkthrough's.
func (w *Model) owns(key string) bool {
	return len(key) > len(w.sess.ID) && key[:len(w.sess.ID)+1] == w.sess.ID+":"
}
