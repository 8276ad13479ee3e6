package rating

import (
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// rowOf is the grid's line of a participant.
func rowOf(t *testing.T, view, name string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, name+" (") {
			return l
		}
	}
	t.Fatalf("no row for %s:\n%s", name, view)
	return ""
}

// The overall column is the engine's count over the session
// (session.RatingProgress): ratings of other elements count, and a
// participant who joined late is asked only the rounds still open then.
func TestRatingGridOverallIsTheEnginesCount(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := context.Background(), session.Facilitator()
	ana := env.Sess.Participants[0]
	for _, cr := range env.Pack.Criteria { // Ana rates another element
		if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, ana.ID, "quality", cr.ID, 3)); err != nil {
			t.Fatal(err)
		}
	}
	var closed []string // every element but explain: closed before Dev joins
	for _, el := range env.Pack.Elements {
		if el.ID != "explain" {
			closed = append(closed, el.ID)
		}
	}
	if err := env.St.CloseRound(ctx, fac, env.Sess.ID, 1, closed); err != nil {
		t.Fatal(err)
	}
	if _, err := env.St.AddParticipant(ctx, fac, env.Sess.ID, session.Participant{Name: "Dev", Role: "user"}); err != nil {
		t.Fatal(err)
	}
	m, d := newGridDriver(t, env, "explain", 100, 30)
	v := tuitest.Plain(m.View())
	if row := rowOf(t, v, "Ana"); !strings.HasSuffix(strings.TrimSpace(row), " 2/14") {
		t.Errorf("Ana rated 2 cells of another element: %q", row)
	}
	if row := rowOf(t, v, "Dev"); !strings.HasSuffix(strings.TrimSpace(row), " 0/2") {
		t.Errorf("Dev joined with one element open (2 cells): %q", row)
	}
	d.Press("4") // Ana's impact of explain
	if row := rowOf(t, tuitest.Plain(m.View()), "Ana"); !strings.HasSuffix(strings.TrimSpace(row), " 3/14") {
		t.Errorf("after 4: %q", row)
	}
}

// The hint line explains "*" only when a cell shown has a comment.
func TestRatingGridLegendNamesCommentsOnlyWhenThereAreSome(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newGridDriver(t, env, "explain", 100, 30)
	if v := tuitest.Plain(m.View()); strings.Contains(v, "* has a comment") {
		t.Errorf("no comment, yet the legend explains *:\n%s", v)
	}
	d.Press("down", "c")
	d.TypeText("why")
	d.Press("enter", "up")
	if v := tuitest.Plain(m.View()); !strings.Contains(v, "* has a comment") {
		t.Errorf("Ben's cell has a comment, but the legend does not say what * is:\n%s", v)
	}
}
