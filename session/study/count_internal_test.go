package study

import "testing"

func TestRatingCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 ratings", 1: "1 rating", 2: "2 ratings"} {
		if got := ratingCount(n); got != want {
			t.Errorf("ratingCount(%d) = %q, want %q", n, got, want)
		}
	}
}
