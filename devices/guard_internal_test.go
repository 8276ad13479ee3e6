package devices

import (
	"fmt"
	"testing"
	"time"
)

// The join-code limiter: a client's own wrong codes, everybody's, a late
// arrival after a room of mistakes, and the window that resets them.
func TestLimiter(t *testing.T) {
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	fail := func(l *limiter, addr string, n int) {
		for range n {
			if !l.allow(addr) {
				t.Fatalf("%s refused before its %d wrong codes", addr, n)
			}
			l.fail(addr)
		}
	}
	// one client: perClient wrong codes, then a wait
	l := newLimiter(now)
	fail(l, "10.0.0.2", perClient)
	if l.allow("10.0.0.2") {
		t.Error("a client past its wrong codes may try again at once")
	}
	if !l.allow("10.0.0.3") {
		t.Error("another client is held back by one client's wrong codes")
	}
	at = at.Add(window)
	if !l.allow("10.0.0.2") {
		t.Error("a client is still held back in the next window")
	}

	// a room of mistakes spends the shared budget: a client that already
	// typed a wrong code waits, one that has not may still try
	l = newLimiter(now)
	for i := range allTogether / (perClient - 1) {
		fail(l, fmt.Sprintf("10.0.1.%d", i), perClient-1)
	}
	if l.allow("10.0.1.0") {
		t.Error("a client with wrong codes may try past the shared budget")
	}
	if !l.allow("10.0.2.1") {
		t.Error("a late arrival is locked out by the others' wrong codes")
	}
	// guessing from many addresses, one wrong code each, stays bounded
	n := 0
	for i := 0; i < 10*lateArrivals; i++ {
		addr := fmt.Sprintf("10.1.%d.%d", i/250, i%250)
		if l.allow(addr) {
			l.fail(addr)
			n++
		}
	}
	if total := allTogether + n; total != lateArrivals {
		t.Errorf("%d wrong codes in a window from many addresses, want at most %d", total, lateArrivals)
	}
}
