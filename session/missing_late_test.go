package session_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// A participant added late is not missing in a round that closed before
// they joined: nobody could have asked them. A round opened after they
// joined is theirs, and one open when they joined is theirs too.
func TestLateParticipantIsNotMissingInRoundsClosedBefore(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	first, second := f.p.Elements[0].ID, f.p.Elements[1].ID
	for who := range f.sess.Participants {
		for _, cr := range f.p.Criteria {
			if who == 2 && cr.ID == f.p.Criteria[0].ID {
				continue // Chi leaves one cell of the first element open
			}
			f.must(f.rate(fac, f.key(who, first, cr.ID, 1), 3, ""))
		}
	}
	f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, first, 1, session.AudienceRoom))
	late, err := f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: "Dev", Role: "user"})
	f.must(err)
	if late.Joined.IsZero() {
		t.Fatal("a late participant has no time of joining")
	}

	elementsOf := func(list []session.ParticipantMissing, name string) map[string]int {
		out := map[string]int{}
		for _, pm := range list {
			if pm.Participant.Name == name {
				for _, e := range pm.Elements {
					out[e.ElementID] = e.Round
				}
			}
		}
		return out
	}
	list, err := f.e.Missing(f.ctx, f.sess.ID, nil)
	f.must(err)
	dev := elementsOf(list, "Dev")
	if _, ok := dev[first]; ok {
		t.Errorf("Dev joined after round 1 of %s was revealed, yet is missing there: %+v", first, dev)
	}
	if _, ok := dev[second]; !ok {
		t.Errorf("Dev is not missing in %s, whose round is open: %+v", second, dev)
	}
	if _, ok := elementsOf(list, "Chi")[first]; !ok {
		t.Errorf("Chi was there and left a cell of %s open: not listed", first)
	}
	for _, pm := range list {
		if pm.Participant.Name == "Dev" && !pm.Nothing {
			t.Error("Dev rated nothing they could, yet Nothing is false")
		}
	}

	// The finish gate asks about the same cells, and names the rounds the
	// room never saw.
	err = f.e.Finish(f.ctx, fac, f.sess.ID, false)
	var missing *session.MissingRatingsError
	if !errors.As(err, &missing) {
		t.Fatalf("finish with cells open: %v", err)
	}
	if _, ok := elementsOf(missing.Missing, "Dev")[first]; ok {
		t.Errorf("the finish gate asks Dev about %s", first)
	}
	for _, u := range missing.Unrevealed {
		if u.ElementID == first {
			t.Errorf("%s was revealed, yet listed as never revealed", first)
		}
	}
	if len(missing.Unrevealed) != len(f.p.Elements)-1 || missing.Unrevealed[0].ElementID != second {
		t.Errorf("unrevealed %+v, want every element but %s", missing.Unrevealed, first)
	}

	// A round 2 opened after Dev joined is theirs.
	f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{first}))
	list, err = f.e.Missing(f.ctx, f.sess.ID, nil)
	f.must(err)
	if r := elementsOf(list, "Dev")[first]; r != 2 {
		t.Errorf("Dev in round 2 of %s: listed in round %d, want 2", first, r)
	}
}

// Migration 9 finds the participants added late before it, by their
// history row: they get the time they joined, the others none.
func TestMigrationNineFindsLateParticipants(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	e := openStore(t, path)
	p := defaultPack(t)
	sess := newSession(t, e, p)
	late, err := e.AddParticipant(context.Background(), session.Facilitator(), sess.ID, session.Participant{Name: "Dev", Role: "user"})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	// the database as schema 8 left it
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ALTER TABLE participants DROP COLUMN joined_at", "DELETE FROM schema_migrations WHERE version = 9"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	e = openStore(t, path)
	got, err := e.Session(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range got.Participants {
		if late := pt.ID == late.ID; late == pt.Joined.IsZero() {
			t.Errorf("%s (late %v) joined %v after migrating", pt.Name, late, pt.Joined)
		}
	}
}
