package session_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// fixedClock returns a clock that starts at a fixed time and ticks one
// second each call, so order and timestamps are deterministic.
func fixedClock() func() time.Time {
	t := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

func openStore(tb testing.TB, path string) *session.Engine {
	tb.Helper()
	s, err := session.OpenEngine(context.Background(), path, session.Options{Now: fixedClock()}, session.EngineOptions{})
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// ratingsOf reads every rating row of a session, as a researcher's export
// sees them.
func ratingsOf(ctx context.Context, e *session.Engine, id string) ([]session.Rating, error) {
	var out []session.Rating
	err := e.EachCell(ctx, session.Viewer{Kind: session.ViewResearcher}, id, func(c session.Cell) error {
		out = append(out, c.Rating)
		return nil
	})
	return out, err
}

func defaultPack(tb testing.TB) *content.Pack {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatalf("default pack: %v", err)
	}
	return p
}

func newSession(tb testing.TB, s *session.Engine, p *content.Pack) session.Session {
	tb.Helper()
	sess, err := s.CreateSession(context.Background(), session.Facilitator(), p, session.NewSession{
		Title: "Pilot workshop", Facilitator: "Dana", Organisation: "Acme", Date: "2026-11-25",
		Participants: []session.Participant{
			{Name: "Ana", Role: "supplier", Organisation: "Vendor"},
			{Name: "Ben", Role: "user"},
			{Name: "Chi", Role: "partner", Organisation: "Pumps Ltd"},
		},
	})
	if err != nil {
		tb.Fatalf("create session: %v", err)
	}
	return sess
}

func TestSessionRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	p := defaultPack(t)
	s := openStore(t, path)
	created := newSession(t, s, p)
	s.Close()

	s = openStore(t, path) // a new process would see the same
	got, err := s.Session(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Pilot workshop" || got.Facilitator != "Dana" || got.Organisation != "Acme" || got.Date != "2026-11-25" {
		t.Errorf("session fields: %+v", got)
	}
	if got.PackID != p.ID || got.PackVersion != p.Version || got.PackHash != p.ContentHash || got.Steps != len(p.Agenda) {
		t.Errorf("pack fields: %s %s %s %d", got.PackID, got.PackVersion, got.PackHash, got.Steps)
	}
	if got.Status != session.StatusPlanned {
		t.Errorf("status = %s", got.Status)
	}
	if len(got.Participants) != 3 || got.Participants[2].Name != "Chi" || got.Participants[2].Role != "partner" ||
		got.Participants[2].Organisation != "Pumps Ltd" {
		t.Errorf("participants: %+v", got.Participants)
	}
	// a unique prefix resolves
	if id, err := s.Resolve(ctx, created.ID[:5]); err != nil || id != created.ID {
		t.Errorf("resolve prefix = %q, %v", id, err)
	}
	list, err := s.Sessions(ctx)
	if err != nil || len(list) != 1 || list[0].Participants != 3 || list[0].Steps != len(p.Agenda) {
		t.Fatalf("sessions = %+v, %v", list, err)
	}
	if err := s.MoveTo(ctx, session.Facilitator(), created.ID, 3, false); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Session(ctx, created.ID)
	if got.Step != 3 || got.Status != session.StatusRunning {
		t.Errorf("after SetStep: step %d status %s", got.Step, got.Status)
	}
	if err := s.DeleteSession(ctx, session.Facilitator(), created.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, created.ID); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

func TestCreateSessionRejectsBadInput(t *testing.T) {
	p := defaultPack(t)
	cases := map[string]struct {
		in   session.NewSession
		want string
	}{
		"no title":       {session.NewSession{Facilitator: "F"}, "title"},
		"no facilitator": {session.NewSession{Title: "T"}, "facilitator"},
		"unknown role":   {session.NewSession{Title: "T", Facilitator: "F", Participants: []session.Participant{{Name: "A", Role: "ceo"}}}, `unknown role "ceo"`},
		"twice":          {session.NewSession{Title: "T", Facilitator: "F", Participants: []session.Participant{{Name: "A", Role: "user"}, {Name: "a", Role: "user"}}}, "twice"},
		"bad date":       {session.NewSession{Title: "T", Facilitator: "F", Date: "25.11.2026"}, "YYYY-MM-DD"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
			_, err := s.CreateSession(context.Background(), session.Facilitator(), p, tc.in)
			if !errors.Is(err, session.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalid mentioning %q", err, tc.want)
			}
			if list, _ := s.Sessions(context.Background()); len(list) != 0 {
				t.Errorf("something was written: %+v", list)
			}
		})
	}
}

func TestMigrationsFromEmptyAndIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	for range 3 {
		s := openStore(t, path)
		s.Close()
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Versions need not be contiguous: each branch adds the one it was given.
	var n, distinct, max int
	if err := db.QueryRow("SELECT count(*), count(DISTINCT version), max(version) FROM schema_migrations").Scan(&n, &distinct, &max); err != nil {
		t.Fatal(err)
	}
	if n != distinct || max != session.LatestSchema() {
		t.Errorf("migrations applied %d (%d versions), max %d; want each once, up to %d", n, distinct, max, session.LatestSchema())
	}
	var mode string
	db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %s, want wal", mode)
	}
}

// unchanged asserts that fn does not touch the file at path.
func unchanged(t *testing.T, path string, fn func()) {
	t.Helper()
	before, _ := os.ReadFile(path)
	fn()
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Errorf("%s was modified", path)
	}
	for _, ext := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + ext); err == nil {
			t.Errorf("%s%s was created", path, ext)
		}
	}
}

func TestOpenRefusesBadDatabases(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		setup func(t *testing.T, path string)
		want  error
		words string
	}{
		"corrupt": {
			setup: func(t *testing.T, path string) {
				os.WriteFile(path, []byte(strings.Repeat("this is not a database\n", 200)), 0o600)
			},
			want: session.ErrCorrupt, words: "move it away",
		},
		"other tables": {
			setup: func(t *testing.T, path string) {
				db, _ := sql.Open("sqlite3", path)
				db.Exec("CREATE TABLE photos (id INTEGER)")
				db.Close()
			},
			want: session.ErrCorrupt, words: "other tables",
		},
		"newer schema": {
			setup: func(t *testing.T, path string) {
				s := openStore(t, path)
				s.Close()
				db, _ := sql.Open("sqlite3", path)
				db.Exec("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
				db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
				db.Exec("PRAGMA journal_mode=DELETE")
				db.Close()
			},
			want: session.ErrNewerSchema, words: "schema 999",
		},
		"read-only": {
			setup: func(t *testing.T, path string) {
				s := openStore(t, path)
				s.Close()
				db, _ := sql.Open("sqlite3", path)
				db.Exec("PRAGMA journal_mode=DELETE")
				db.Close()
				os.Chmod(path, 0o444)
			},
			want: session.ErrReadOnly, words: "chmod u+w",
		},
		"folder": {
			setup: func(t *testing.T, path string) { os.Mkdir(path, 0o700) },
			words: "it is a folder",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.db")
			tc.setup(t, path)
			var err error
			if info, _ := os.Stat(path); info.IsDir() {
				_, err = session.Open(ctx, path, session.Options{})
			} else {
				unchanged(t, path, func() {
					_, err = session.Open(ctx, path, session.Options{})
				})
			}
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.words) {
				t.Fatalf("err = %v, want %v mentioning %q", err, tc.want, tc.words)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("message does not name the file: %v", err)
			}
		})
	}
}

func TestReadOnlyDatabaseCanBeRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	s := openStore(t, path)
	newSession(t, s, defaultPack(t))
	s.Close()
	os.Chmod(path, 0o444)
	ro, err := session.OpenEngine(ctx, path, session.Options{ReadOnly: true}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	list, err := ro.Sessions(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("sessions = %v, %v", list, err)
	}
	if err := ro.MoveTo(ctx, session.Facilitator(), list[0].ID, 1, false); !errors.Is(err, session.ErrReadOnly) {
		t.Errorf("write on read-only store: %v", err)
	}
}

func TestLockedDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	s := openStore(t, path)
	sess := newSession(t, s, defaultPack(t))
	// another program holds an exclusive lock
	other, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, _ := other.Conn(ctx)
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")

	locked, err := session.OpenEngine(ctx, path, session.Options{BusyTimeout: 50 * time.Millisecond, Now: fixedClock()}, session.EngineOptions{})
	if err == nil {
		defer locked.Close()
		err = locked.MoveTo(ctx, session.Facilitator(), sess.ID, 2, false)
	}
	if !errors.Is(err, session.ErrLocked) || !strings.Contains(err.Error(), "another program") {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
}

func TestHistoryRecordsChanges(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	p := defaultPack(t)
	sess := newSession(t, s, p)
	if err := s.SaveNote(ctx, session.Facilitator(), sess.ID, "intro", "first"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveNote(ctx, session.Facilitator(), sess.ID, "intro", "second"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveNote(ctx, session.Facilitator(), sess.ID, "intro", "second"); err != nil { // no change, no row
		t.Fatal(err)
	}
	w, _ := s.Workshop(ctx, sess.ID)
	if notes := w.Notes; notes["intro"].Body != "second" {
		t.Errorf("note = %q", notes["intro"].Body)
	}
	hist, err := s.History(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var noteRows []session.Change
	for _, c := range hist {
		if c.Entity == "note" {
			noteRows = append(noteRows, c)
		}
	}
	if len(noteRows) != 2 || noteRows[0].Old != nil || *noteRows[0].New != "first" || *noteRows[1].Old != "first" || *noteRows[1].New != "second" {
		t.Errorf("note history: %+v", noteRows)
	}
}
