package main

import (
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// `trustshop rate` on a finished session goes through the engine's rule:
// a round finishing showed the room is revealed (a correction needs its
// reason), a round nobody rated is closed with the session; both refusals
// say so in one sentence with the way out, and write nothing.
func TestRateOnAFinishedSession(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	rate := func(who, element string) []string {
		return []string{"rate", id, "--participant", who, "--element", element, "--criterion", "impact", "--value", "3"}
	}
	if code, _, errs := c.run("", rate("Ana", "explain")...); code != 0 {
		t.Fatal(errs)
	}
	e, err := session.OpenEngine(context.Background(), c.db, session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Finish(context.Background(), session.CommandLine(), id, true); err != nil {
		t.Fatal(err)
	}
	e.Close()
	before := len(c.ratingHistory(t, id))
	for _, tc := range []struct{ who, element, want string }{
		{"Ben", "explain", "is revealed, so it takes no new rating"},
		{"Ana", "document", "is finished, so its rounds take no new rating"},
	} {
		code, _, errs := c.run("", rate(tc.who, tc.element)...)
		if code != 1 || !strings.Contains(errs, tc.want) || !strings.Contains(errs, "--correction") {
			t.Errorf("rate %s on the finished session: exit %d, %q", tc.element, code, errs)
		}
	}
	if after := len(c.ratingHistory(t, id)); after != before {
		t.Errorf("a refused rating was written: %d history rows, were %d", after, before)
	}
}
