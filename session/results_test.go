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
		if err := s.RecordRating(ctx, p, in); err != nil {
			t.Fatal(err)
		}
	}
	rate(0, "explain", "impact", 1, intp(4), false)
	rate(1, "explain", "impact", 1, intp(5), false)
	rate(2, "explain", "impact", 1, nil, true)
	rate(0, "protect-ip", "impact", 2, intp(2), false)
	k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[2].ID, ElementID: "quality", CriterionID: "effort", Round: 1}
	if err := s.CommentRating(ctx, p, k, "comment only"); err != nil {
		t.Fatal(err)
	}

	res, err := s.Results(ctx, p, sess.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Ratings(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pure := session.Results(p, rows); !reflect.DeepEqual(pure, res) {
		t.Errorf("Store.Results and Results differ:\n%+v\n%+v", res, pure)
	}
	// Two rounds x two criteria x seven elements, in pack order.
	if len(res.Elements) != 28 || len(res.Criteria) != 4 || len(res.Ranking) != 28 {
		t.Fatalf("%d cells, %d criteria, %d ranks", len(res.Elements), len(res.Criteria), len(res.Ranking))
	}
	first := res.Elements[0]
	if first.ElementID != p.Elements[0].ID || first.Criterion != "impact" || first.Round != 1 || first.N != 2 || first.Abstain != 1 || *first.Median != 4.5 {
		t.Errorf("first cell: %+v", first)
	}
	for _, es := range res.Elements {
		if es.ElementID == "quality" && es.Criterion == "effort" && (es.N != 0 || es.Abstain != 0) {
			t.Errorf("a comment-only row counted: %+v", es)
		}
	}
	// Consensus thresholds come from the pack: 4 and 5 are within one point.
	if first.Consensus == nil || !*first.Consensus {
		t.Errorf("consensus of 4, 5 = %v", first.Consensus)
	}

	r2, err := s.Results(ctx, p, sess.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(r2.Elements) != 14 || r2.Elements[0].Round != 2 {
		t.Errorf("round 2 only: %d cells", len(r2.Elements))
	}
	rounds, err := s.Rounds(ctx, sess.ID)
	if err != nil || !reflect.DeepEqual(rounds, []int{1, 2}) {
		t.Errorf("Rounds = %v, %v", rounds, err)
	}
	empty, err := s.Results(ctx, p, "none", 0)
	if err != nil || empty.Elements == nil || len(empty.Elements) != 0 {
		t.Errorf("results of no ratings: %+v, %v", empty, err)
	}
}
