package session

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Outbox is a front end's queue of changes on their way to the engine. A
// screen hands a change over without waiting (no I/O in a bubbletea
// Update) and the outbox sends the changes one at a time, in the order
// they were given, so that the last key typed is the last value stored. A
// change the rules refuse is reported and dropped; one that failed for a
// reason that may pass (a database locked by another program, a full disk)
// stays queued and is tried again until it lands or the front end gives
// up on quitting, when Undelivered says what could not be saved.
type Outbox struct {
	mu      sync.Mutex
	queue   []*Op
	kept    []Op // ops with something to keep whose session was deleted: never sent, not lost
	nextID  uint64
	wake    chan struct{}
	results chan Result
	stop    chan struct{}
	done    chan struct{}
	idle    *sync.Cond
	busy    bool // an op is being sent
	// reporting counts the results taken off the queue but not yet on
	// Results: Flush waits for them too, so that a caller who flushed
	// finds every result there.
	reporting int
	backoff   func(attempt int) time.Duration
}

// Op is one change: Do sends it to the engine. Ops with the same Key
// coalesce while they wait (only the newest note text matters); Key ""
// never coalesces (every rating is sent). What is a text that says what
// the change is, for messages and for the rescue file ("note on Intro").
// Keep holds what must not be lost if the op never lands (the note's
// text, the rating's value).
type Op struct {
	ID   uint64
	Key  string
	What string
	Keep string
	Do   func(ctx context.Context) error
	// Tries counts the attempts so far.
	Tries int
	// LastErr is the error of the last attempt.
	LastErr error
}

// Result reports what became of an op: sent (Err nil), refused for good
// (Final), or failed and queued again (Retrying).
type Result struct {
	Op       Op
	Err      error
	Final    bool // the op is done: sent, refused, or dropped
	Retrying bool // it failed for a reason that may pass, and waits
}

// NewOutbox starts an outbox; Close stops it.
func NewOutbox() *Outbox {
	o := &Outbox{
		wake: make(chan struct{}, 1), results: make(chan Result, 256),
		stop: make(chan struct{}), done: make(chan struct{}),
		backoff: func(attempt int) time.Duration {
			return min(5*time.Second, time.Duration(250<<min(attempt, 5))*time.Millisecond)
		},
	}
	o.idle = sync.NewCond(&o.mu)
	go o.run()
	return o
}

// Results delivers what became of each op, in order. A front end reads it
// (in bubbletea, a command that waits for the next Result).
func (o *Outbox) Results() <-chan Result { return o.results }

// Submit queues an op and returns its id. It never blocks on the database.
func (o *Outbox) Submit(op Op) uint64 {
	o.mu.Lock()
	o.nextID++
	op.ID = o.nextID
	if op.Key != "" {
		// replace a waiting op with the same key (not the one being sent)
		start := 0
		if o.busy {
			start = 1
		}
		for i := start; i < len(o.queue); i++ {
			if o.queue[i].Key == op.Key {
				o.queue = append(o.queue[:i], o.queue[i+1:]...)
				break
			}
		}
	}
	o.queue = append(o.queue, &op)
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
	return op.ID
}

// Len is how many ops wait or are being sent.
func (o *Outbox) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.queue)
}

// Waiting reports whether an op with the key waits.
func (o *Outbox) Waiting(key string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, op := range o.queue {
		if op.Key == key {
			return true
		}
	}
	return false
}

// Flush waits until every op has been sent, and its result is on Results,
// or ctx ends, retrying at once rather than after the back-off; it returns
// the ops that did not land.
func (o *Outbox) Flush(ctx context.Context) []Op {
	stop := context.AfterFunc(ctx, func() {
		o.mu.Lock()
		o.idle.Broadcast()
		o.mu.Unlock()
	})
	defer stop()
	o.mu.Lock()
	defer o.mu.Unlock()
	// A result waits for Results only while it has room: with nobody
	// reading (a program quitting) a full channel would hold Flush up.
	for (len(o.queue) > 0 || o.reporting > 0 && len(o.results) < cap(o.results)) && ctx.Err() == nil {
		select {
		case o.wake <- struct{}{}:
		default:
		}
		o.idle.Wait()
	}
	return o.undelivered()
}

// Undelivered lists the ops that have not landed yet: those waiting, and
// those with something to keep (Keep) whose session was deleted meanwhile
// (by another process), which no retry can land but a rescue file can
// hold.
func (o *Outbox) Undelivered() []Op {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.undelivered()
}

func (o *Outbox) undelivered() []Op {
	out := make([]Op, 0, len(o.kept)+len(o.queue))
	out = append(out, o.kept...)
	for _, op := range o.queue {
		out = append(out, *op)
	}
	return out
}

// keep holds an op whose session is gone; a newer op of the same key
// replaces it (a note typed on: only the newest text matters).
func (o *Outbox) keep(op Op) {
	for i, k := range o.kept {
		if op.Key != "" && k.Key == op.Key {
			o.kept[i] = op
			return
		}
	}
	o.kept = append(o.kept, op)
}

// Close stops sending and closes Results; ops still queued stay in
// Undelivered.
func (o *Outbox) Close() {
	select {
	case <-o.stop:
		return
	default:
		close(o.stop)
	}
	<-o.done
	close(o.results)
}

func (o *Outbox) run() {
	defer close(o.done)
	var retry <-chan time.Time
	for {
		select {
		case <-o.stop:
			return
		case <-o.wake:
		case <-retry:
		}
		retry = nil
		for {
			o.mu.Lock()
			if len(o.queue) == 0 {
				o.idle.Broadcast()
				o.mu.Unlock()
				break
			}
			op := o.queue[0]
			o.busy = true
			o.mu.Unlock()

			err := op.Do(context.Background())
			final := err == nil || !Transient(err)

			o.mu.Lock()
			op.Tries++ // under the lock: Undelivered copies the op
			op.LastErr = err
			o.busy = false
			if final {
				o.queue = o.queue[1:]
				var gone *SessionGoneError
				if op.Keep != "" && errors.As(err, &gone) {
					o.keep(*op)
				}
			}
			res := Result{Op: *op, Err: err, Final: final, Retrying: !final}
			o.reporting++
			o.mu.Unlock()
			select {
			case o.results <- res:
			case <-o.stop:
				return
			}
			o.mu.Lock()
			o.reporting--
			o.idle.Broadcast()
			o.mu.Unlock()
			if !final {
				retry = time.After(o.backoff(op.Tries))
				break
			}
		}
	}
}

// Transient reports whether a failed command may succeed when tried again
// unchanged: the database was locked by another program, or the disk or
// the file system failed. A rule that refused it, bad input, a missing
// session or a read-only database will refuse it again.
func Transient(err error) bool {
	var re *RuleError
	var rc *RoundClosedError
	var mr *MissingRatingsError
	switch {
	case err == nil, errors.As(err, &re), errors.As(err, &rc), errors.As(err, &mr),
		errors.Is(err, ErrInvalid), errors.Is(err, ErrNotFound), errors.Is(err, ErrConflict),
		errors.Is(err, ErrReadOnly), errors.Is(err, ErrCorrupt), errors.Is(err, ErrNewerSchema),
		errors.Is(err, ErrClosed), errors.Is(err, context.Canceled):
		return false
	}
	return true
}
