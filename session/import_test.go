package session_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

func intp(v int) *int { return &v }

func TestImportSession(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	at := time.Date(2025, 3, 4, 10, 0, 0, 123456789, time.UTC)
	in := session.NewSession{
		Title: "Paper round", Facilitator: "(imported)", Date: "2025-03-04",
		Participants: []session.Participant{
			{Name: "Ana", Role: "supplier", Organisation: "Vendor"},
			{Name: "Ben", Role: "user"},
		},
	}
	ratings := []session.ImportedRating{
		{Participant: 0, ElementID: "explain", CriterionID: "impact", Round: 1, Value: intp(4), RatedAt: at},
		{Participant: 0, ElementID: "explain", CriterionID: "effort", Round: 1, Abstain: true, Comment: "no idea", RatedAt: at.Add(time.Minute)},
		{Participant: 1, ElementID: "explain", CriterionID: "impact", Round: 2, Value: intp(5), Comment: "=1+1", RatedAt: at.Add(time.Hour)},
	}
	sess, err := s.ImportSession(ctx, session.Importer(), p, in, ratings)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Status != session.StatusFinished || len(sess.Participants) != 2 {
		t.Errorf("session: %+v", sess)
	}
	got, err := ratingsOf(ctx, s, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d ratings, want 3", len(got))
	}
	byKey := map[string]session.Rating{}
	for _, r := range got {
		byKey[r.Participant+"/"+r.ElementID+"/"+r.CriterionID] = r
	}
	if r := byKey["Ana/explain/impact"]; r.Value == nil || *r.Value != 4 || !r.RatedAt.Equal(at) || r.Round != 1 {
		t.Errorf("Ana impact: %+v", r)
	}
	if r := byKey["Ana/explain/effort"]; !r.Abstain || r.Value != nil || r.Comment != "no idea" {
		t.Errorf("Ana effort: %+v", r)
	}
	if r := byKey["Ben/explain/impact"]; r.Round != 2 || r.Comment != "=1+1" {
		t.Errorf("Ben impact: %+v", r)
	}
	hist, err := s.History(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var values, comments int
	for _, c := range hist {
		if c.Entity != "rating" {
			continue
		}
		switch c.Field {
		case "value":
			values++
		case "comment":
			comments++
		}
		if c.Key == "" || c.Old != nil || c.New == nil {
			t.Errorf("history row %+v", c)
		}
	}
	if values != 3 || comments != 2 {
		t.Errorf("history: %d value rows, %d comment rows; want 3 and 2", values, comments)
	}
}

func TestImportSessionWritesNothingWhenARowIsBad(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	at := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	in := session.NewSession{Title: "Bad", Facilitator: "x", Participants: []session.Participant{{Name: "Ana", Role: "supplier"}}}
	tests := map[string]session.ImportedRating{
		"unknown element":     {ElementID: "nope", CriterionID: "impact", Round: 1, Value: intp(3), RatedAt: at},
		"off scale":           {ElementID: "explain", CriterionID: "impact", Round: 1, Value: intp(9), RatedAt: at},
		"round 0":             {ElementID: "explain", CriterionID: "impact", Round: 0, Value: intp(3), RatedAt: at},
		"value and abstain":   {ElementID: "explain", CriterionID: "impact", Round: 1, Value: intp(3), Abstain: true, RatedAt: at},
		"neither":             {ElementID: "explain", CriterionID: "impact", Round: 1, RatedAt: at},
		"no time":             {ElementID: "explain", CriterionID: "impact", Round: 1, Value: intp(3)},
		"unknown participant": {Participant: 3, ElementID: "explain", CriterionID: "impact", Round: 1, Value: intp(3), RatedAt: at},
		"round 3 without 2":   {ElementID: "explain", CriterionID: "impact", Round: 3, Value: intp(3), RatedAt: at},
	}
	good := session.ImportedRating{ElementID: "explain", CriterionID: "effort", Round: 1, Value: intp(2), RatedAt: at}
	for name, bad := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := s.ImportSession(ctx, session.Importer(), p, in, []session.ImportedRating{good, bad})
			if !errors.Is(err, session.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
	t.Run("duplicate cell", func(t *testing.T) {
		_, err := s.ImportSession(ctx, session.Importer(), p, in, []session.ImportedRating{good, good})
		if !errors.Is(err, session.ErrInvalid) {
			t.Errorf("err = %v, want ErrInvalid", err)
		}
	})
	list, err := s.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("%d sessions written, want none", len(list))
	}
}

// A merge's import runs alone on a connection of its own; commands
// submitted meanwhile are committed before or after it, and none is lost.
func TestImportRecordsBetweenOtherCommands(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir := t.TempDir()
	src := openStore(t, filepath.Join(dir, "src.db"))
	var recs []session.Record
	for i := range 3 {
		v := i + 1
		sess, err := src.ImportSession(ctx, session.Importer(), p, session.NewSession{Title: "Paper", Facilitator: "Dana", Date: "2026-11-25",
			Participants: []session.Participant{{Name: "Ana", Role: "supplier"}}},
			[]session.ImportedRating{{ElementID: "explain", CriterionID: "impact", Round: 1, Value: &v, RatedAt: time.Unix(1_800_000_000, 0)}})
		if err != nil {
			t.Fatal(err)
		}
		w, err := src.Workshop(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		hist, _ := src.History(ctx, sess.ID)
		head, _ := src.ChainHead(ctx, sess.ID)
		recs = append(recs, session.Record{Session: w.Session, Rounds: w.Rounds, History: hist, Head: head, Source: "src.db",
			Ratings: []session.ImportedRating{{ElementID: "explain", CriterionID: "impact", Round: 1, Value: &v, RatedAt: time.Unix(1_800_000_000, 0)}}})
	}
	e := openStore(t, filepath.Join(dir, "study.db"))
	own := newSession(t, e, p)
	errs := make(chan error, 41)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() { errs <- e.SetTitle(ctx, session.Facilitator(), own.ID, fmt.Sprint("Title ", i)) })
		if i == 20 {
			wg.Go(func() { errs <- e.ImportRecords(ctx, session.Importer(), p, recs) })
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	list, _ := e.Sessions(ctx)
	hist, _ := e.History(ctx, own.ID)
	if len(list) != 4 || len(hist) < 40 {
		t.Errorf("%d sessions, %d history rows of the own session", len(list), len(hist))
	}
}
