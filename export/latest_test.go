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

// The summary step ranks each element in its latest round; its consensus
// column is the consensus of that same cell, "–" only where undefined.
func TestSummaryConsensusColumn(t *testing.T) {
	st, _, sess := fixture(t, plain)
	sum, err := export.Load(context.Background(), st, sess.ID, export.LoadOptions{Stats: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.SummaryResults(&b, sum); err != nil {
		t.Fatal(err)
	}
	crit := ""
	rows := 0
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "### ") {
			crit = strings.ToLower(strings.Fields(line)[1])
			crit = strings.TrimSuffix(crit, ",")
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 5 || !strings.Contains(line, ". ") || crit == "" {
			continue
		}
		num := strings.TrimSpace(strings.SplitN(cells[1], ".", 2)[0])
		el := sum.Pack.Elements[atoi(t, num)-1].ID
		es := sum.Results.Pick(el, crit, 0)
		want := "–"
		if es != nil && es.Consensus != nil {
			want = map[bool]string{true: "yes", false: "no"}[*es.Consensus]
		}
		if got := strings.TrimSpace(cells[4]); got != want {
			t.Errorf("%s %s: consensus %q, want %q", crit, el, got, want)
		}
		rows++
	}
	if rows != 2*len(sum.Pack.Elements) {
		t.Fatalf("read %d ranking rows:\n%s", rows, b.String())
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// An element whose round 2 is blind on impact but whose effort was rated
// in round 1 only (revealed): the room sees its effort consensus and
// ranking, and only its impact is "not revealed yet".
func TestLatestRoundIsChosenPerCriterion(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	st, err := session.OpenEngine(ctx, filepath.Join(t.TempDir(), "t.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sess, err := st.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "Latest", Facilitator: "Dana", Date: "2026-11-25",
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
	rate(0, "impact", 1, 4)
	rate(1, "impact", 1, 4)
	rate(0, "effort", 1, 2)
	rate(1, "effort", 1, 2)
	if err := st.Reveal(ctx, fac, sess.ID, "explain", 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	if err := st.OpenRound(ctx, fac, sess.ID, 2, []string{"explain"}); err != nil {
		t.Fatal(err)
	}
	rate(0, "impact", 2, 5) // blind to the room

	sum, err := export.Load(ctx, st, sess.ID, export.LoadOptions{Stats: true, Viewer: session.Viewer{Kind: session.ViewRoom}})
	if err != nil {
		t.Fatal(err)
	}
	r := sum.Results
	if !r.HiddenOn("explain", "impact", 0) || r.HiddenOn("explain", "effort", 0) {
		t.Errorf("HiddenOn impact %v effort %v, want true false", r.HiddenOn("explain", "impact", 0), r.HiddenOn("explain", "effort", 0))
	}
	var b bytes.Buffer
	if err := export.SummaryResults(&b, sum); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	effort := out[strings.Index(out, "### Effort"):]
	if !strings.Contains(effort, "| 1 | 1. Explain your twin properly! | 2 | 2 | yes |") {
		t.Errorf("the effort ranking lacks explain's revealed round 1 with its consensus:\n%s", out)
	}
	cons := out[strings.Index(out, "## Consensus"):]
	if i := strings.Index(cons, "Not revealed yet"); i < 0 || strings.Count(cons, "Not revealed yet") != 1 {
		t.Errorf("want explain not revealed on impact only:\n%s", cons)
	}
}
