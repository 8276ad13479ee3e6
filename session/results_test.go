package session_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/trustshop/trustshop/session"
)

func TestResults(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sess := newSession(t, s, p)
	rate := func(pi int, el, crit string, round int, v *int, abstain bool) {
		t.Helper()
		in := session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[pi].ID,
			ElementID: el, CriterionID: crit, Round: round}, Value: v, Abstain: abstain}
		if err := s.RecordRating(ctx, session.Facilitator(), in); err != nil {
			t.Fatal(err)
		}
	}
	rate(0, "explain", "impact", 1, intp(4), false)
	rate(1, "explain", "impact", 1, intp(5), false)
	rate(2, "explain", "impact", 1, nil, true)
	k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[2].ID, ElementID: "quality", CriterionID: "effort", Round: 1}
	if err := s.CommentRating(ctx, session.Facilitator(), k, "comment only"); err != nil {
		t.Fatal(err)
	}

	if err := s.OpenRound(ctx, session.Facilitator(), sess.ID, 2, []string{"explain"}); err != nil {
		t.Fatal(err)
	}
	rate(0, "explain", "impact", 2, intp(2), false)

	view, err := s.Results(ctx, session.Viewer{Kind: session.ViewResearcher}, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	res := view.Stats
	rows, err := ratingsOf(ctx, s, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pure := session.Results(p, rows); !reflect.DeepEqual(pure.Criteria, res.Criteria) {
		t.Errorf("the read-model and Results differ:\n%+v\n%+v", res.Criteria, pure.Criteria)
	}
	// Round 1: two criteria x seven elements; round 2 only on explain.
	if len(res.Elements) != 16 || len(res.Criteria) != 4 || len(view.Rounds) != 2 {
		t.Fatalf("%d cells, %d criteria, rounds %v", len(res.Elements), len(res.Criteria), view.Rounds)
	}
	first := res.Elements[0]
	if first.ElementID != p.Elements[0].ID || first.Criterion != "impact" || first.Round != 1 || first.N != 2 || first.Abstain != 1 || *first.Median != 4.5 {
		t.Errorf("first cell: %+v", first)
	}
	for _, es := range res.Elements {
		if es.ElementID == "quality" && es.Criterion == "effort" && (es.N != 0 || es.Abstain != 0) {
			t.Errorf("a comment-only row counted: %+v", es)
		}
		if es.Round == 2 && es.ElementID != "explain" {
			t.Errorf("an element not rated in round 2 has round-2 results: %+v", es)
		}
	}
	// Consensus thresholds come from the pack: 4 and 5 are within one point.
	if first.Consensus == nil || !*first.Consensus {
		t.Errorf("consensus of 4, 5 = %v", first.Consensus)
	}
	if view.LatestRound("explain") != 2 || view.LatestRound("quality") != 0 || view.LatestRound(p.Elements[1].ID) != 0 {
		t.Errorf("latest rounds: explain %d, quality %d", view.LatestRound("explain"), view.LatestRound("quality"))
	}
	if es := view.Pick("explain", "impact", 0); es == nil || es.Round != 2 || *es.Median != 2 {
		t.Errorf("latest of explain x impact: %+v", es)
	}
	r2 := view.RoundStats(2)
	if len(r2.Elements) != 2 || r2.Elements[0].Round != 2 {
		t.Errorf("round 2 only: %d cells", len(r2.Elements))
	}
	empty := session.BuildResults(sess, p, nil, session.Viewer{Kind: session.ViewResearcher}, nil)
	if empty.Stats.Elements == nil || len(empty.Rounds) != 0 {
		t.Errorf("results of no ratings: %+v", empty)
	}
}
