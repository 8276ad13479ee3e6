package rating

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

func TestRatingGridRevealWithoutMissing(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("4", "tab", "2", "tab", "a", "tab", "3", "tab", "5", "tab", "1")
	if strings.Contains(tuitest.Plain(m.View()), "4 Strongly") {
		t.Fatal("a value shows while blind")
	}
	d.Press("ctrl+o")
	if m.confirming {
		t.Fatal("asked for confirmation with every cell given")
	}
	if r, _ := env.Workshop(t).Rounds.Get("explain", 1); !r.RevealedToRoom() || r.Open() {
		t.Fatalf("not revealed (and closed) in the engine: %+v", r)
	}
	v := tuitest.Plain(m.View())
	for _, want := range []string{"4 Strongly", "revealed", "n 2 · 1 abstained", "median 4.5 · IQR 0.5 (4.25–4.75) · ✓ consensus"} {
		if !strings.Contains(v, want) {
			t.Errorf("revealed view lacks %q:\n%s", want, v)
		}
	}
	// Revealed ratings are closed: they would be anchored on the results.
	before := len(env.RatingHistory(t))
	d.Press("1", "a", "x", "u")
	if after := len(env.RatingHistory(t)); after != before {
		t.Errorf("a revealed round was changed: %d history rows, was %d", after, before)
	}
	if last := d.Statuses[len(d.Statuses)-1].Text; !strings.Contains(last, "is revealed, so it takes no new rating: press ] for round 2") {
		t.Errorf("status after a key on a revealed round: %q", last)
	}
	// A new grid (another process, or coming back) opens revealed.
	m2, _ := newGridDriver(t, env, "explain", 100, 30)
	if !m2.isRevealed() {
		t.Error("the reveal did not persist")
	}
	if h := env.RatingHistory(t); h[len(h)-1] != "round explain/1 revealed_room ∅→revealed" {
		t.Errorf("last history row %q", h[len(h)-1])
	}
}

func TestRatingGridRevealWithMissing(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	d.Press("4", "down", "a")
	d.Press("ctrl+o")
	if !m.confirming || !m.Capturing() {
		t.Fatal("no confirmation asked with cells open")
	}
	v := tuitest.Plain(m.View())
	for _, want := range []string{"Not everyone has rated this element:", "Ana (supplier) → Effort", "Ben (user) → Effort", "Chi (partner) → Impact, Effort", "Reveal the results anyway?"} {
		if !strings.Contains(v, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, v)
		}
	}
	d.Press("n")
	if m.confirming || m.isRevealed() {
		t.Fatal("n did not cancel")
	}
	if r, _ := env.Workshop(t).Rounds.Get("explain", 1); r.Revealed() {
		t.Fatalf("revealed after n: %+v", r)
	}
	d.Press("ctrl+o", "y")
	if r, _ := env.Workshop(t).Rounds.Get("explain", 1); !m.isRevealed() || !r.RevealedToRoom() {
		t.Fatal("y did not reveal")
	}
}
