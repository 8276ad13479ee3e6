package main

import "testing"

func TestCountsSayOneInTheSingular(t *testing.T) {
	cases := []struct {
		sites, sessions, participants, ratings int
		want                                   string
	}{
		{1, 1, 1, 1, "1 site, 1 session, 1 participant, 1 rating"},
		{2, 3, 6, 40, "2 sites, 3 sessions, 6 participants, 40 ratings"},
		{0, 1, 2, 0, "1 session, 2 participants, 0 ratings"},
	}
	for _, c := range cases {
		if got := counts(c.sites, c.sessions, c.participants, c.ratings); got != c.want {
			t.Errorf("counts(%d, %d, %d, %d) = %q, want %q", c.sites, c.sessions, c.participants, c.ratings, got, c.want)
		}
	}
}
