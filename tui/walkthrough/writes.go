package walkthrough

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// The walkthrough's write queue, a rule as it stands until the domain
// engine takes it over: the step, the status, each step's time and scroll
// and each note are written by commands, which run on goroutines of their
// own, so two saves of one note may end out of order; a write older than
// one already done for the same target is skipped, so the newest text
// always wins.

// writeQueue orders the walkthrough's store writes.
type writeQueue struct {
	seq  int64 // the number of the last write queued; the program's goroutine only
	mu   sync.Mutex
	done map[string]int64 // target -> the newest write done
}

func newWriteQueue() *writeQueue { return &writeQueue{done: map[string]int64{}} }

// next numbers a new write.
func (q *writeQueue) next() int64 {
	q.seq++
	return q.seq
}

// write runs fn unless a newer write of target is done already.
func (q *writeQueue) write(target string, seq int64, fn func() error) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.done[target] > seq {
		return nil
	}
	if err := fn(); err != nil {
		return err
	}
	q.done[target] = seq
	return nil
}

// writeFailedMsg reports a failed background write.
type writeFailedMsg struct{ err error }

// writeCmd runs a store write in order: an older write of the same target
// that runs after a newer one is skipped.
func (w *Model) writeCmd(target string, fn func() error) tea.Cmd {
	seq, q := w.writes.next(), w.writes
	return func() tea.Msg {
		if err := q.write(target, seq, fn); err != nil {
			return writeFailedMsg{err: err}
		}
		return nil
	}
}
