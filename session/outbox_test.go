package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// drain collects results until n final ones arrived.
func drain(t *testing.T, o *Outbox, n int) []Result {
	t.Helper()
	var out []Result
	timeout := time.After(5 * time.Second)
	for final := 0; final < n; {
		select {
		case r := <-o.Results():
			out = append(out, r)
			if r.Final {
				final++
			}
		case <-timeout:
			t.Fatalf("only %d of %d results: %+v", final, n, out)
		}
	}
	return out
}

func TestOutboxSendsInOrder(t *testing.T) {
	o := NewOutbox()
	defer o.Close()
	var mu sync.Mutex
	var sent []int
	for i := range 50 {
		o.Submit(Op{What: fmt.Sprint(i), Do: func(context.Context) error {
			mu.Lock()
			sent = append(sent, i)
			mu.Unlock()
			return nil
		}})
	}
	drain(t, o, 50)
	want := make([]int, 50)
	for i := range want {
		want[i] = i
	}
	if !slices.Equal(sent, want) {
		t.Fatalf("sent %v", sent)
	}
}

func TestOutboxCoalescesByKey(t *testing.T) {
	o := NewOutbox()
	defer o.Close()
	release := make(chan struct{})
	var mu sync.Mutex
	var sent []string
	send := func(s string) func(context.Context) error {
		return func(context.Context) error {
			if s == "first" {
				<-release // hold the first op in flight
			}
			mu.Lock()
			sent = append(sent, s)
			mu.Unlock()
			return nil
		}
	}
	o.Submit(Op{Key: "note:intro", Do: send("first")})
	time.Sleep(20 * time.Millisecond)
	o.Submit(Op{Key: "note:intro", Do: send("second")})
	o.Submit(Op{Key: "note:map", Do: send("map")})
	o.Submit(Op{Key: "note:intro", Do: send("third")})
	close(release)
	drain(t, o, 3)
	if !slices.Equal(sent, []string{"first", "map", "third"}) {
		t.Fatalf("sent %v: the op in flight is sent, a waiting one is replaced by the newest", sent)
	}
}

func TestOutboxRetriesWhatMayPass(t *testing.T) {
	o := NewOutbox()
	o.backoff = func(int) time.Duration { return 10 * time.Millisecond }
	defer o.Close()
	locked := fmt.Errorf("database t.db is %w by another program", ErrLocked)
	tries := 0
	o.Submit(Op{What: "note", Do: func(context.Context) error {
		tries++
		if tries < 3 {
			return locked
		}
		return nil
	}})
	o.Submit(Op{What: "rating", Do: func(context.Context) error {
		return &RoundClosedError{Title: "Protect the IP!", Round: 1, Revealed: true}
	}})
	res := drain(t, o, 2)
	var retrying, final int
	for _, r := range res {
		if r.Retrying {
			retrying++
		}
		if r.Final {
			final++
		}
	}
	if retrying != 2 || tries != 3 || res[2].Err != nil || !res[3].Final || !errors.Is(res[3].Err, ErrRoundClosed) {
		t.Fatalf("results %+v after %d tries", res, tries)
	}
	if o.Len() != 0 {
		t.Fatalf("%d ops left", o.Len())
	}
}

func TestOutboxFlushReportsWhatDidNotLand(t *testing.T) {
	o := NewOutbox()
	defer o.Close()
	go func() {
		for range o.Results() {
		}
	}()
	full := errors.New("write t.db: no space left on device")
	o.Submit(Op{What: "note on Intro", Keep: "We agreed to keep the models in the room.", Do: func(context.Context) error { return full }})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	left := o.Flush(ctx)
	if len(left) != 1 || left[0].Keep != "We agreed to keep the models in the room." || left[0].Tries < 2 || !errors.Is(left[0].LastErr, full) {
		t.Fatalf("undelivered %+v", left)
	}
}

func TestTransient(t *testing.T) {
	for err, want := range map[error]bool{
		fmt.Errorf("x: %w", ErrLocked):                        true,
		errors.New("disk I/O error"):                          true,
		fmt.Errorf("x: %w", ErrInvalid):                       false,
		refuse(ErrNotYours, "not yours"):                      false,
		&MissingRatingsError{}:                                false,
		fmt.Errorf("x: %w", ErrReadOnly):                      false,
		fmt.Errorf("session x: %w", ErrNotFound):              false,
		&RoundClosedError{Round: 1}:                           false,
		fmt.Errorf("wrapped: %w", context.Canceled):           false,
		fmt.Errorf("wrapped: %w", ErrClosed):                  false,
		fmt.Errorf("wrapped: %w", ErrConflict):                false,
		fmt.Errorf("no such table: ratings (%w)", ErrCorrupt): false,
	} {
		if got := Transient(err); got != want {
			t.Errorf("Transient(%v) = %v", err, got)
		}
	}
}

// An op with something to keep whose session was deleted meanwhile (by
// another process) is not dropped: Undelivered still holds it, the newest
// of each key, for the rescue file. An op with nothing to keep (the
// clock) and one refused by a rule are dropped.
func TestOutboxKeepsWhatADeletedSessionCouldNotTake(t *testing.T) {
	o := NewOutbox()
	defer o.Close()
	gone := func(context.Context) error { return sessionGone("s1") }
	o.Submit(Op{Key: "note", What: "note", Keep: "draft", Do: gone})
	drain(t, o, 1)
	o.Submit(Op{Key: "note", What: "note", Keep: "draft, longer", Do: gone})
	o.Submit(Op{What: "rating", Keep: "Ana 4", Do: gone})
	o.Submit(Op{What: "clock", Do: gone})
	o.Submit(Op{What: "refused", Keep: "x", Do: func(context.Context) error { return refuse(ErrNotYours, "no") }})
	drain(t, o, 4)
	var kept []string
	for _, op := range o.Undelivered() {
		kept = append(kept, op.Keep)
	}
	if !slices.Equal(kept, []string{"draft, longer", "Ana 4"}) {
		t.Errorf("kept %q", kept)
	}
	if n := len(o.Flush(context.Background())); n != 2 {
		t.Errorf("Flush returns %d ops, want the 2 kept", n)
	}
}

// Once Flush returns, the result of every op sent is on Results: a
// front end that flushes, then reads what is there, misses none (the
// tests' pump does exactly that).
func TestOutboxFlushLeavesEveryResult(t *testing.T) {
	o := NewOutbox()
	defer o.Close()
	ctx := context.Background()
	for i := range 500 {
		o.Submit(Op{What: fmt.Sprint(i), Do: func(context.Context) error { return nil }})
		o.Flush(ctx)
		select {
		case r := <-o.Results():
			if r.Op.What != fmt.Sprint(i) || !r.Final {
				t.Fatalf("op %d: result %+v", i, r)
			}
		default:
			t.Fatalf("op %d: Flush returned before its result was on Results", i)
		}
	}
}
