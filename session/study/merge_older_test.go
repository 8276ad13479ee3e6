package study_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/study"
)

// A database a trustshop with the participants' UUIDs and the history's
// chain wrote (schema 7 on) merges as it was handed over, read-only, and
// unchanged: an updated copy of it is merged, the same participants and
// chain, and the copy is gone afterwards. An older one, whose copy would
// get new UUIDs and a new chain each time, is to be opened once.
func TestMergeADatabaseAnOlderTrustshopWrote(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	t.Setenv("TMPDIR", tmp) // where the updated copy goes
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	// schema 9: what this session's release before last wrote
	src := filepath.Join(dir, "leeds.db")
	e := openEngine(t, src, p)
	sess := workshop(t, e, p, "Leeds", [3][4]int{{4, 2, 4, 2}, {5, 3, 4, 1}, {3, 3, 5, 2}})
	e.Close()
	db, err := sql.Open("sqlite3", src)
	if err != nil {
		t.Fatal(err)
	}
	var head string
	if err := db.QueryRow("SELECT chain_head FROM sessions WHERE id = ?", sess.ID).Scan(&head); err != nil || head == "" {
		t.Fatalf("the source's chain head %q: %v", head, err)
	}
	for _, q := range []string{"DELETE FROM schema_migrations WHERE version > 9", "ALTER TABLE walkthrough DROP COLUMN alive_at",
		"CREATE INDEX ratings_by_session ON ratings (session_id, element_id, criterion_id, round)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if err := os.Chmod(src, 0o444); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "study.db")
	rep, err := study.MergeFile(ctx, out, p, []string{src}, study.MergeOptions{}, session.EngineOptions{Pack: p})
	if err != nil {
		t.Fatalf("merge: %v", err)
	}
	if len(rep.Sessions) != 1 || rep.Sessions[0].ID != sess.ID || rep.Ratings == 0 {
		t.Fatalf("merged %+v", rep)
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(before, after) {
		t.Error("the older database was changed")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the updated copy was left behind: %v", left)
	}
	st := openEngine(t, out, p)
	w, err := st.Workshop(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, pt := range w.Session.Participants {
		if pt.UUID != sess.Participants[i].UUID {
			t.Errorf("participant %s: UUID %s, was %s", pt.Name, pt.UUID, sess.Participants[i].UUID)
		}
	}
	hist, err := st.History(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, broken := session.CheckChain(hist); broken != nil {
		t.Errorf("the merged history's chain breaks at %v", broken)
	}
	// the chain as the site recorded it, the import row chained on its head
	if imp := hist[len(hist)-1]; imp.Field != "imported" || imp.New == nil || *imp.New != src || imp.Prev != head {
		t.Errorf("the import row (on head %s): %+v", head, imp)
	}

	// schema 4: no UUIDs, no chain
	old := filepath.Join(dir, "release-4.db")
	copyFile(t, "../../testdata/db/release-4.db", old)
	_, err = study.MergeFile(ctx, filepath.Join(dir, "study4.db"), p, []string{old}, study.MergeOptions{}, session.EngineOptions{Pack: p})
	if !errors.Is(err, session.ErrOlderSchema) {
		t.Errorf("merging a schema 4 database: %v", err)
	}
}

// A merge cut off (ctrl+c) says so and what it left: no study.
func TestMergeInterrupted(t *testing.T) {
	p := defaultPack(t)
	dir, _ := sites(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(dir, "study.db")
	_, err := study.MergeFile(ctx, out, p, []string{dir + "/leeds.db", dir + "/graz.db"}, study.MergeOptions{}, session.EngineOptions{Pack: p})
	if !errors.Is(err, context.Canceled) || err.Error() != "merge interrupted: "+out+" was not created (context canceled)" {
		t.Errorf("merge: %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted merge left %s: %v", out, err)
	}
}
