package session_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

// TestChainHashCanonical pins the serialisation docs/verify.md defines:
// the bytes and the hash were computed with Python's hashlib from the
// recipe there, not with this code.
func TestChainHashCanonical(t *testing.T) {
	four := "4"
	c := session.Change{SessionID: "0123abcd", Entity: "rating", Key: "u-1/explain/impact/1", Field: "value", New: &four,
		At: time.Date(2026, 11, 25, 9, 0, 1, 500_000_000, time.UTC), Actor: session.Facilitator()}
	wantBytes := "19:trustshop-history-1,0:,8:0123abcd,6:rating,20:u-1/explain/impact/1,5:value,~,1:4,22:2026-11-25T09:00:01.5Z,11:facilitator,0:,"
	if got := string(session.CanonicalChange("", c)); got != wantBytes {
		t.Errorf("serialised\n got %s\nwant %s", got, wantBytes)
	}
	if got := session.ChainHash("", c); got != "4ebaaa36f8b44780e16f29efd00c5ac48ab68186059cf5924dd68ddfc8dcd8d7" {
		t.Errorf("hash %s", got)
	}
	// A null is not the empty text, and the previous hash counts.
	empty := ""
	d := c
	d.Old = &empty
	if session.ChainHash("", d) == session.ChainHash("", c) || session.ChainHash("x", c) == session.ChainHash("", c) {
		t.Error("the hash ignores old's null or the previous row")
	}
}

// checkChains asserts that every session of a database has an unbroken
// chain ending at the head it records.
func checkChains(t *testing.T, e *session.Engine) {
	t.Helper()
	ctx := context.Background()
	list, err := e.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatal("no sessions")
	}
	for _, s := range list {
		hist, err := e.History(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		head, broken := session.CheckChain(hist)
		if broken != nil {
			t.Errorf("session %s: row %d: %s", s.ID, broken.Index+1, broken.Why)
		}
		recorded, _ := e.ChainHead(ctx, s.ID)
		if head != recorded || head == "" || hist[0].Prev != "" {
			t.Errorf("session %s: head %s, recorded %s", s.ID, head, recorded)
		}
	}
}

// The history of a release-4 database is linked when it is opened.
func TestMigrationLinksTheHistory(t *testing.T) {
	e, err := session.OpenEngine(context.Background(), copyFile(t, "../testdata/db/release-4.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	checkChains(t, e)
}

// Every command and an import chain their rows.
func TestCommandsAndImportsChain(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	e := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sess, err := e.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "T", Facilitator: "F", Site: "Leeds",
		Participants: []session.Participant{{Name: "Ana", Role: "supplier"}}})
	if err != nil {
		t.Fatal(err)
	}
	v := 3
	k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[0].ID, ElementID: "explain", CriterionID: "impact", Round: 1}
	steps := []error{
		e.RecordRating(ctx, session.Facilitator(), session.RatingInput{RatingKey: k, Value: &v}),
		e.CommentRating(ctx, session.Facilitator(), k, "why"),
		e.SetTitle(ctx, session.Facilitator(), sess.ID, "T2"),
		e.OpenRound(ctx, session.Facilitator(), sess.ID, 2, []string{"explain"}),
		e.ClearRating(ctx, session.Facilitator(), k, "misread"),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	at := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	if _, err := e.ImportSession(ctx, session.Importer(), p, session.NewSession{Title: "Paper", Facilitator: "F",
		Participants: []session.Participant{{Name: "Ben", Role: "user"}}},
		[]session.ImportedRating{{ElementID: "explain", CriterionID: "impact", Round: 1, Value: &v, Comment: "c", RatedAt: at}}); err != nil {
		t.Fatal(err)
	}
	checkChains(t, e)
}
