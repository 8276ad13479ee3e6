package export_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// The Markdown and html reports of a running session whose round 2 of an
// element is blind to the room: the matrix keeps the element at its
// revealed round 1 and says so, and a ranking with nothing the room may see
// is one line, not a table header without rows.
func TestMarkdownWithABlindRound2(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	st, err := session.OpenEngine(ctx, filepath.Join(t.TempDir(), "t.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sess, err := st.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "Blind", Facilitator: "Dana", Date: "2026-11-25",
		Participants: []session.Participant{{Name: "Ana", Role: "supplier"}, {Name: "Ben", Role: "user"}}})
	if err != nil {
		t.Fatal(err)
	}
	fac := session.Facilitator()
	rate := func(pi int, crit string, round, v int) {
		t.Helper()
		k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[pi].ID, ElementID: "explain", CriterionID: crit, Round: round}
		if err := st.RecordRating(ctx, fac, session.RatingInput{RatingKey: k, Value: &v}); err != nil {
			t.Fatal(err)
		}
	}
	for pi := range 2 {
		rate(pi, "impact", 1, 4)
		rate(pi, "effort", 1, 2)
	}
	if err := st.Reveal(ctx, fac, sess.ID, "explain", 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	if err := st.OpenRound(ctx, fac, sess.ID, 2, []string{"explain"}); err != nil {
		t.Fatal(err)
	}
	for pi := range 2 {
		rate(pi, "impact", 2, 5) // blind to the room
		rate(pi, "effort", 2, 3)
	}
	sum, err := export.Load(ctx, st, sess.ID, export.LoadOptions{Stats: true, Viewer: session.Viewer{Kind: session.ViewRoom}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.Markdown(&b, sum); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i := strings.Index(out, "## Impact × Effort")
	if i < 0 {
		t.Fatalf("no matrix:\n%s", out)
	}
	matrix := out[i:]
	if j := strings.Index(matrix[3:], "\n## "); j >= 0 {
		matrix = matrix[:j+3]
	}
	cases := []struct {
		name, in, text string
		want           bool
	}{
		{"explain placed at its revealed round 1", matrix, "| 1 | Explain your twin properly! | 4 | 2 |", true},
		{"and said to be from an earlier round", matrix, "Placed by an earlier round (the latest is not revealed yet): 1. Explain", true},
		{"not listed as without medians", matrix, "Not placed (no median on both in one round): 1. Explain", false},
		{"round 2's ranking is one line", out, "Impact, round 2: not revealed yet (1. Explain", true},
		{"no empty ranking table", out, "### Impact, round 2", false},
		{"round 1's ranking stays a table", out, "### Impact, round 1", true},
	}
	// The html report says the same.
	var h bytes.Buffer
	if err := export.HTML(&h, sum); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	cases = append(cases, []struct {
		name, in, text string
		want           bool
	}{
		{"html: round 2's ranking is one line", page, "<strong>Impact, round 2</strong>: not revealed yet (1. Explain your twin properly!).", true},
		{"html: no empty ranking table", page, "<h3>Impact, round 2</h3>", false},
		{"html: explain said to be from an earlier round", page, "Placed by an earlier round (the latest is not revealed yet): 1. Explain", true},
		{"html: consensus says what is not revealed", page, `<span class="badge none">not revealed yet</span> 1. Explain`, true},
		{"html: no median of round 2", page, "median 5 ", false},
	}...)
	for _, c := range cases {
		if strings.Contains(c.in, c.text) != c.want {
			t.Errorf("%s: contains %q = %v, want %v:\n%s", c.name, c.text, !c.want, c.want, c.in)
		}
	}
}
