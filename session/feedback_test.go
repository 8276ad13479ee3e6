package session_test

import (
	"testing"

	"github.com/trustshop/trustshop/session"
)

func TestDelphiFeedback(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	// round 1 on explain: Ana (supplier) 2, Ben (user) 4, Chi (partner) 5; Ben abstains on effort
	for who, v := range []int{2, 4, 5} {
		f.must(f.rate(fac, f.key(who, "explain", "impact", 1), v, ""))
	}
	f.must(f.rate(fac, f.key(0, "explain", "effort", 1), 3, ""))
	f.must(f.e.RecordRating(f.ctx, fac, session.RatingInput{RatingKey: f.key(1, "explain", "effort", 1), Abstain: true}))
	f.must(f.e.CommentRating(f.ctx, fac, f.key(2, "explain", "impact", 1), "only with an NDA"))
	f.must(f.e.CommentRating(f.ctx, fac, f.key(0, "explain", "impact", 1), "depends"))
	ana := session.Viewer{Kind: session.ViewParticipant, Participant: f.sess.Participants[0].UUID}

	if _, ok, err := f.e.Feedback(f.ctx, ana, f.sess.ID, "explain"); ok || err != nil {
		t.Fatalf("feedback in round 1: %v %v", ok, err)
	}
	f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
	fb, ok, err := f.e.Feedback(f.ctx, ana, f.sess.ID, "explain")
	if err != nil || !ok {
		t.Fatalf("feedback in round 2: %v %v", ok, err)
	}
	if fb.Round != 1 || len(fb.Criteria) != 2 {
		t.Fatalf("feedback %+v", fb)
	}
	impact := fb.Criteria[0]
	if impact.Criterion != "impact" || impact.Group.N != 3 || *impact.Group.Median != 4 || impact.Group.Counts[2] != 1 || impact.Group.Counts[5] != 1 {
		t.Errorf("impact: %+v", impact.Group)
	}
	if impact.Own == nil || impact.Own.Value == nil || *impact.Own.Value != 2 {
		t.Errorf("Ana's own round-1 impact: %+v", impact.Own)
	}
	if len(impact.ByRole) != 3 || impact.ByRole[0].Role != "supplier" || *impact.ByRole[0].Stats.Median != 2 {
		t.Errorf("by role: %+v", impact.ByRole)
	}
	effort := fb.Criteria[1]
	if effort.Group.N != 1 || effort.Group.Abstain != 1 || len(effort.ByRole) != 2 {
		t.Errorf("effort: %+v by role %+v", effort.Group, effort.ByRole)
	}
	if len(fb.Comments) != 2 || fb.Comments[0].Text != "depends" || fb.Comments[1].Text != "only with an NDA" {
		t.Errorf("comments %+v: both, sorted by text, not by who", fb.Comments)
	}
	// the room sees the feedback too (the round was shown as feedback),
	// without anyone's own answer
	room, ok, _ := f.e.Feedback(f.ctx, session.Viewer{Kind: session.ViewRoom}, f.sess.ID, "explain")
	if !ok || room.Criteria[0].Own != nil {
		t.Errorf("the room's feedback: %v %+v", ok, room.Criteria[0].Own)
	}
	// an element still in round 1 has none
	if _, ok, _ := f.e.Feedback(f.ctx, ana, f.sess.ID, "quality"); ok {
		t.Error("feedback for an element in round 1")
	}
}
