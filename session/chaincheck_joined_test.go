package session

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tamperedCopy copies the database at fixture and runs the statements on
// the copy.
func tamperedCopy(t *testing.T, fixture string, tamper ...string) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range tamper {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return db
}

// TestJoinedRowsAreTheRows holds the fast reading of a merge's chain check
// (a row's fields joined by SQLite) to the reading a column a field: the
// same changes, field for field, whatever the values hold, or
// errUnjoinable where a field holds the separator.
func TestJoinedRowsAreTheRows(t *testing.T) {
	fixture := chainFixture(t)
	second := "(SELECT id FROM history ORDER BY id LIMIT 1 OFFSET 1)"
	withNull := "(SELECT min(id) FROM history WHERE old_value IS NULL)"
	for _, tc := range []struct {
		name   string
		tamper []string
		err    error
	}{
		{"untouched", nil, nil},
		{"empty texts", []string{"UPDATE history SET old_value = '', reason = '', actor = '' WHERE id = " + second}, nil},
		{"the tags as values", []string{"UPDATE history SET old_value = 'N', new_value = 'V' WHERE id = " + withNull}, nil},
		{"NUL bytes", []string{"UPDATE history SET reason = 'a' || char(0) || 'b', new_value = char(0) WHERE id = " + second}, nil},
		{"blobs", []string{"UPDATE history SET entity_key = CAST(entity_key AS BLOB), new_value = x'00ff41' WHERE id = " + second}, nil},
		{"numbers in text columns", []string{"UPDATE history SET new_value = 7, reason = 1.5 WHERE id = " + second}, nil},
		{"not UTF-8", []string{"UPDATE history SET reason = CAST(x'c328ff' AS TEXT) WHERE id = " + second}, nil},
		{"the separator", []string{"UPDATE history SET field = 'a' || char(31) WHERE id = " + second}, errUnjoinable},
		{"the separator at the end", []string{"UPDATE history SET hash = hash || char(31) WHERE id = " + second}, errUnjoinable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			conn, err := tamperedCopy(t, fixture, tc.tamper...).Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			read := func(each func(context.Context, *sql.Conn, func(*Change)) error) ([]Change, error) {
				var out []Change
				err := each(ctx, conn, func(c *Change) {
					// the readers refill c for the next row
					x := *c
					x.Old, x.New = clonedText(c.Old), clonedText(c.New)
					out = append(out, x)
				})
				return out, err
			}
			want, err := read(eachHistoryRow)
			if err != nil {
				t.Fatal(err)
			}
			got, err := read(eachHistoryRowJoined)
			if !errors.Is(err, tc.err) {
				t.Fatalf("joined: %v, want %v", err, tc.err)
			}
			if tc.err != nil {
				return
			}
			if len(got) != len(want) || len(want) < 10 {
				t.Fatalf("joined read %d rows, the columns %d", len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("row %d joined:\n%+v\ncolumns:\n%+v", i, got[i], want[i])
				}
			}
		})
	}
}

// A history row of a session the database does not have is refused: a
// merge would carry it into the study.
func TestBrokenChainsRefusesARowOfNoSession(t *testing.T) {
	ctx := context.Background()
	db := tamperedCopy(t, chainFixture(t), "UPDATE history SET session_id = 'nosuch' WHERE id = 3")
	st := &Store{db: db}
	_, heads, err := st.allSessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = brokenChains(ctx, conn, heads)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "session nosuch") {
		t.Errorf("brokenChains: %v", err)
	}
}

func clonedText(s *string) *string {
	if s == nil {
		return nil
	}
	v := *s
	return &v
}
