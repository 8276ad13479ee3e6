package session_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// names lists the files of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestBuildNewPutsAWholeDatabaseInPlace(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "study.db")
	var id string
	err := session.BuildNew(ctx, path, session.Options{}, session.EngineOptions{Pack: p}, func(e *session.Engine) error {
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the database is at %s before it is complete: %v", path, err)
		}
		sess, err := e.ImportSession(ctx, session.Importer(), p, session.NewSession{Title: "Built", Facilitator: "Dana", Date: "2026-11-25",
			Participants: []session.Participant{{Name: "Ana", Role: p.Personas[0].ID}}}, nil)
		id = sess.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, filepath.Dir(path)); !slices.Equal(got, []string{"study.db"}) {
		t.Errorf("the folder holds %v, want the database alone", got)
	}
	// A database like any other: in WAL mode, its session there.
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q (%v), want wal", mode, err)
	}
	db.Close()
	e, err := session.OpenEngine(ctx, path, session.Options{Inspect: true}, session.EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if s, err := e.Session(ctx, id); err != nil || s.Title != "Built" {
		t.Errorf("the built session: %+v, %v", s, err)
	}
}

func TestBuildNewLeavesNothingWhenItFails(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "deeper", "study.db")
	boom := errors.New("boom")
	err := session.BuildNew(ctx, path, session.Options{}, session.EngineOptions{Pack: p}, func(e *session.Engine) error {
		if _, err := e.ImportSession(ctx, session.Importer(), p, session.NewSession{Title: "Half", Facilitator: "Dana", Date: "2026-11-25"}, nil); err != nil {
			t.Fatal(err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("BuildNew: %v, want fn's error", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("a failed build left %v (folders made for it included)", got)
	}
}

func TestBuildNewRefusesAnExistingFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "study.db")
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	called := false
	err := session.BuildNew(ctx, path, session.Options{}, session.EngineOptions{Pack: defaultPack(t)}, func(*session.Engine) error {
		called = true
		return nil
	})
	if !errors.Is(err, session.ErrExists) || called {
		t.Errorf("BuildNew over a file: %v (fn called: %v), want ErrExists", err, called)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("the file now holds %q", b)
	}
	if got := names(t, filepath.Dir(path)); !slices.Equal(got, []string{"study.db"}) {
		t.Errorf("the folder holds %v", got)
	}
}
