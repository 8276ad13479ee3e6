package rating

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// roundTwoEnv rates explain in round 1 (impact: Ana 4, Ben 2, Chi 5;
// effort: Ana 2, Ben 3, Chi can't judge), Chi comments, and opens round 2
// of explain.
func roundTwoEnv(t *testing.T) *tuitest.RatingEnv {
	t.Helper()
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx, fac := env.C.Ctx, session.Facilitator()
	for i, v := range [][2]int{{4, 2}, {2, 3}, {5, 0}} {
		pid := env.Sess.Participants[i].ID
		if err := env.St.RecordRating(ctx, fac, tuitest.RatingInput(env.Sess.ID, pid, "explain", "impact", v[0])); err != nil {
			t.Fatal(err)
		}
		in := tuitest.RatingInput(env.Sess.ID, pid, "explain", "effort", v[1])
		if v[1] == 0 {
			in.Value, in.Abstain = nil, true
		}
		if err := env.St.RecordRating(ctx, fac, in); err != nil {
			t.Fatal(err)
		}
	}
	k := session.RatingKey{SessionID: env.Sess.ID, ParticipantID: env.Sess.Participants[2].ID, ElementID: "explain", CriterionID: "impact", Round: 1}
	if err := env.St.CommentRating(ctx, fac, k, "Only with an NDA"); err != nil {
		t.Fatal(err)
	}
	if err := env.St.OpenRound(ctx, fac, env.Sess.ID, 2, []string{"explain"}); err != nil {
		t.Fatal(err)
	}
	return env
}

// Each expert's turn shows the round-1 feedback above each criterion's
// scale with that expert's own answer marked, nobody else's; f shows it
// in full with the comment, without the name, and why the roles are not
// shown.
func TestLaptopFeedbackMarksEachExpertsOwn(t *testing.T) {
	env := roundTwoEnv(t)
	m, d := newLaptopDriver(t, env)
	if v := tuitest.Plain(m.View()); strings.Contains(v, "median") {
		t.Fatalf("the hand-over shows feedback:\n%s", v)
	}
	for turn, want := range []struct{ impact, effort string }{
		{"4:1◂you", "2:1◂you"}, {"2:1◂you", "3:1◂you"}, {"5:1◂you", "you: can't judge"},
	} {
		d.Press("enter")
		v := tuitest.Plain(m.View())
		lines := strings.Split(v, "\n")
		var fb []string
		for _, l := range lines {
			if strings.Contains(l, "Round 1: median") {
				fb = append(fb, l)
			}
		}
		if len(fb) != 2 || !strings.Contains(fb[0], "median 4 · IQR 1.5") || !strings.Contains(fb[0], want.impact) || !strings.Contains(fb[1], want.effort) ||
			strings.Count(v, "◂you") != 1+strings.Count(fb[1], "◂you") {
			t.Fatalf("%s's turn:\n%s", m.expert().Name, v)
		}
		d.Press("f")
		full := tuitest.Plain(m.View())
		// one expert per role: the split would tell each one's answer
		for _, w := range []string{"Round 1, the group's answers", "By role: not shown", "Impact: Only with an NDA"} {
			if !strings.Contains(full, w) {
				t.Errorf("%s's full feedback lacks %q:\n%s", m.expert().Name, w, full)
			}
		}
		if strings.Contains(full, "Chi") && turn != 2 {
			t.Errorf("the comment names its author:\n%s", full)
		}
		d.Press("f") // back to rating
		d.Press("3", "down", "3", "esc")
		if turn < 2 {
			d.Press("y") // six elements left open: hand over anyway
		}
	}
}

// The grid in a blind round 2 shows round 1's answers beside its rows,
// nobody's marked; f hides them. Once round 2 is revealed it shows the
// round's results, and f swaps in the feedback.
func TestGridFeedbackPanel(t *testing.T) {
	env := roundTwoEnv(t)
	m, d := newGridDriver(t, env, "explain", 200, 40)
	v := tuitest.Plain(m.View())
	if !strings.Contains(v, "Round 1, the group's answers") || !strings.Contains(v, "median 4 · IQR 1.5 · n 3") || strings.Contains(v, "◂you") ||
		!strings.Contains(v, "Only with an NDA") || m.panel() != panelFeedback {
		t.Fatalf("round 2, blind:\n%s", v)
	}
	d.Press("f")
	if v := tuitest.Plain(m.View()); strings.Contains(v, "group's answers") || m.panel() != panelNone {
		t.Fatalf("after f:\n%s", v)
	}
	d.Press("f")
	for _, k := range []string{"3", "tab", "3", "tab", "4", "tab", "4", "tab", "5", "tab", "5"} {
		d.Press(k)
	}
	if err := env.St.Reveal(env.C.Ctx, session.Facilitator(), env.Sess.ID, "explain", 2, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	d.Press("ctrl+r")
	if v := tuitest.Plain(m.View()); m.panel() != panelResults || strings.Contains(v, "group's answers") || !strings.Contains(v, "median 4") {
		t.Fatalf("round 2 revealed (panel %d):\n%s", m.panel(), v)
	}
	d.Press("f")
	if m.panel() != panelFeedback {
		t.Fatalf("f on the revealed round: panel %d", m.panel())
	}
	// round 1 of another element has no feedback
	g, gd := newGridDriver(t, env, "protect-ip", 200, 40)
	gd.Press("f")
	if g.panel() != panelNone || strings.Contains(tuitest.Plain(g.View()), "group's answers") {
		t.Errorf("feedback in round 1:\n%s", tuitest.Plain(g.View()))
	}
}
