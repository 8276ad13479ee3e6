package session_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/trustshop/trustshop/session"
)

func TestRevealPersistsPerElementAndRound(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	p := defaultPack(t)
	s := openStore(t, path)
	sess := newSession(t, s, p)

	got, err := s.Revealed(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Fatalf("a new session has reveals: %v", got)
	}
	if err := s.Reveal(ctx, sess.ID, "explain", 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Reveal(ctx, sess.ID, "explain", 1); err != nil { // again: a no-op
		t.Fatal(err)
	}
	if err := s.Reveal(ctx, sess.ID, "quality", 2); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openStore(t, path) // as another process would see it
	got, err = s.Revealed(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[session.RevealKey]bool{{"explain", 1}: true, {"quality", 2}: true}
	if len(got) != len(want) {
		t.Fatalf("revealed %v, want %v", got, want)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("%v not revealed; got %v", k, got)
		}
	}
	if got[session.RevealKey{ElementID: "explain", Round: 2}] {
		t.Error("round 2 of explain revealed with round 1")
	}

	h, err := s.History(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var reveals []string
	for _, c := range h {
		if c.Entity == "reveal" {
			if c.Old != nil || c.New == nil || *c.New != "revealed" {
				t.Errorf("reveal history row %+v", c)
			}
			reveals = append(reveals, c.Key)
		}
	}
	if len(reveals) != 2 || reveals[0] != "explain/1" || reveals[1] != "quality/2" {
		t.Errorf("reveal history keys %v, want [explain/1 quality/2] (a repeated reveal logs nothing)", reveals)
	}
}

func TestRevealRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sess := newSession(t, s, p)
	for name, tc := range map[string]struct {
		session, element string
		round            int
		want             error
	}{
		"unknown session": {"nope", "explain", 1, session.ErrNotFound},
		"no element":      {sess.ID, "", 1, session.ErrInvalid},
		"round 0":         {sess.ID, "explain", 0, session.ErrInvalid},
	} {
		t.Run(name, func(t *testing.T) {
			if err := s.Reveal(ctx, tc.session, tc.element, tc.round); !errors.Is(err, tc.want) {
				t.Errorf("Reveal: %v, want %v", err, tc.want)
			}
		})
	}
	got, err := s.Revealed(ctx, sess.ID)
	if err != nil || len(got) != 0 {
		t.Errorf("after refused reveals: %v, %v", got, err)
	}
}

func TestElementAndRoundRatings(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sess := newSession(t, s, p)
	ana, ben := sess.Participants[0].ID, sess.Participants[1].ID
	rate := func(pt int64, el, cr string, round, v int) {
		t.Helper()
		err := s.RecordRating(ctx, p, session.RatingInput{
			RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: pt, ElementID: el, CriterionID: cr, Round: round},
			Value:     &v,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	rate(ben, "explain", "impact", 1, 4)
	rate(ana, "explain", "effort", 1, 2)
	rate(ana, "explain", "impact", 1, 3)
	rate(ana, "quality", "impact", 1, 5)
	rate(ana, "explain", "impact", 2, 1)

	got, err := s.ElementRatings(ctx, sess.ID, "explain", 1)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range got {
		keys = append(keys, r.Participant+"/"+r.ElementID+"/"+r.CriterionID)
		if r.SessionID != sess.ID || r.Round != 1 || r.Value == nil {
			t.Errorf("row %+v", r)
		}
	}
	want := []string{"Ana/explain/effort", "Ana/explain/impact", "Ben/explain/impact"}
	if len(keys) != len(want) {
		t.Fatalf("ElementRatings = %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Errorf("ElementRatings = %v, want %v", keys, want)
		}
	}

	all, err := s.RoundRatings(ctx, sess.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Errorf("RoundRatings(1) has %d rows, want 4", len(all))
	}
	r2, err := s.RoundRatings(ctx, sess.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(r2) != 1 || *r2[0].Value != 1 {
		t.Errorf("RoundRatings(2) = %+v", r2)
	}
}
