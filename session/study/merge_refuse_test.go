package study_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/study"
)

// TestMergeRefusesAChangedSource changes a database after the fact in each
// way merge must catch (its history, its ratings, its participants) and
// gives it twice, and checks that merge refuses it, says why and writes
// nothing; the untouched files merge.
func TestMergeRefusesAChangedSource(t *testing.T) {
	p := defaultPack(t)
	dir, ids := sites(t, false)
	e := openEngine(t, dir+"/leeds.db", p)
	exportAs(t, e, ids["Leeds"].ID, "json", dir+"/leeds.json")
	e.Close()
	munich := ids["Munich"].Participants[0].UUID
	middle := "(SELECT id FROM history ORDER BY id LIMIT 1 OFFSET 10)"
	dbsOnly := []string{"leeds.db", "graz.db"}
	cases := []struct {
		name    string
		tamper  []string // on a copy of leeds.db
		sources []string // default: leeds.db, graz.db, munich.json
		is      error
		want    string
	}{
		{name: "untouched"},
		{name: "a history value edited", tamper: []string{"UPDATE history SET new_value = '1' WHERE id = " + middle},
			is: session.ErrChainBroken, want: "its content is not what was recorded"},
		{name: "a history row deleted", tamper: []string{"DELETE FROM history WHERE id = " + middle},
			is: session.ErrChainBroken, want: "a row was deleted, inserted or moved here"},
		{name: "rows cut off the end", tamper: []string{"DELETE FROM history WHERE id = (SELECT max(id) FROM history)"},
			is: session.ErrChainBroken, want: "rows were cut off the end"},
		{name: "a rating off the scale", tamper: []string{"UPDATE ratings SET value = 9 WHERE rowid = (SELECT min(rowid) FROM ratings WHERE value IS NOT NULL)"},
			is: session.ErrInvalid, want: "outside the"},
		{name: "a rating of an element the pack lacks", tamper: []string{"UPDATE ratings SET element_id = 'nope' WHERE rowid = (SELECT min(rowid) FROM ratings)"},
			is: session.ErrInvalid, want: `"nope"`},
		{name: "a value that is not a whole number", tamper: []string{"UPDATE ratings SET value = 2.5 WHERE rowid = (SELECT min(rowid) FROM ratings WHERE value IS NOT NULL)"},
			is: session.ErrInvalid, want: "value 2.5 is not a whole number"},
		{name: "a rating of nobody", tamper: []string{"UPDATE ratings SET participant_id = 999 WHERE rowid = (SELECT min(rowid) FROM ratings)"},
			is: session.ErrInvalid, want: "who is not in the session"},
		{name: "a participant without a uuid", tamper: []string{"UPDATE participants SET uuid = NULL WHERE id = (SELECT min(id) FROM participants)"},
			is: session.ErrInvalid, want: "has no uuid"},
		{name: "a participant of another session", tamper: []string{fmt.Sprintf("UPDATE participants SET uuid = '%s' WHERE id = (SELECT min(id) FROM participants)", munich)},
			is: session.ErrConflict, want: munich},
		// the copy runs without SQLite's checks of references (databases
		// alone: what records write is checked after)
		{name: "a note of no session", sources: dbsOnly, tamper: []string{"INSERT INTO notes (session_id, step_key, body, updated_at) VALUES ('nosuch', 'intro', 'x', '')"},
			is: session.ErrInvalid, want: "of notes refers to a row of sessions that is not there"},
		{name: "a participant of no session", sources: dbsOnly, tamper: []string{"INSERT INTO participants (session_id, position, name, role, uuid) VALUES ('nosuch', 1, 'X', 'supplier', 'u-x')"},
			is: session.ErrInvalid, want: "of participants refers to a row of sessions that is not there"},
		{name: "a round of no session", sources: dbsOnly, tamper: []string{"UPDATE element_rounds SET session_id = 'nosuch' WHERE rowid = (SELECT max(rowid) FROM element_rounds)"},
			is: session.ErrInvalid, want: "of element_rounds refers to a row of sessions that is not there"},
		{name: "a history row of no session", sources: dbsOnly, tamper: []string{"UPDATE history SET session_id = 'nosuch' WHERE id = " + middle},
			is: session.ErrInvalid, want: "rows of session nosuch, which is not in the database"},
		{name: "a session on another pack", tamper: []string{"UPDATE sessions SET pack_id = 'other'"},
			want: `ran on pack "other"`},
		{name: "the same database twice", sources: []string{"leeds.db", "graz.db", "leeds.db"},
			want: "give each session once"},
		{name: "a database and its json export", sources: []string{"leeds.db", "leeds.json"},
			want: "give each session once"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			work := t.TempDir()
			for _, f := range []string{"leeds.db", "graz.db", "munich.json", "leeds.json"} {
				copyFile(t, filepath.Join(dir, f), filepath.Join(work, f))
			}
			if len(tc.tamper) > 0 {
				db, err := sql.Open("sqlite3", work+"/leeds.db")
				if err != nil {
					t.Fatal(err)
				}
				for _, q := range tc.tamper {
					if _, err := db.Exec(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				db.Close()
			}
			sources := slices.Clone(tc.sources)
			if sources == nil {
				sources = []string{"leeds.db", "graz.db", "munich.json"}
			}
			for i := range sources {
				sources[i] = filepath.Join(work, filepath.Base(sources[i]))
			}
			out := openEngine(t, work+"/study.db", p)
			rep, err := study.Merge(ctx, out, p, sources, study.MergeOptions{})
			if tc.want == "" {
				if err != nil || len(rep.Sessions) != 3 {
					t.Fatalf("merged %d sessions: %v", len(rep.Sessions), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || tc.is != nil && !errors.Is(err, tc.is) {
				t.Fatalf("want an error (%v) saying %q, got: %v", tc.is, tc.want, err)
			}
			if list, _ := out.Sessions(ctx); len(list) != 0 {
				t.Errorf("a refused merge wrote %d sessions", len(list))
			}
		})
	}
}

// TestMergeCopiesEachSessionAsRecorded holds every session merged from a
// database against the source: the same session, cells, rounds, notes,
// element texts and history (then the import row).
func TestMergeCopiesEachSessionAsRecorded(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir, ids := sites(t, false)
	src := openEngine(t, dir+"/leeds.db", p)
	if err := src.SaveNote(ctx, session.Facilitator(), ids["Leeds"].ID, "intro", "We met in the library."); err != nil {
		t.Fatal(err)
	}
	out := openEngine(t, dir+"/study.db", p)
	if _, err := study.Merge(ctx, out, p, []string{dir + "/leeds.db", dir + "/graz.db"}, study.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{"Leeds", "Graz"} {
		from := src
		if site == "Graz" {
			from = openEngine(t, dir+"/graz.db", p)
		}
		id := ids[site].ID
		a, err := from.Workshop(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := out.Workshop(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		a.Session.Participants, b.Session.Participants = uuids(a.Session), uuids(b.Session) // the row ids are the study's
		if !reflect.DeepEqual(a.Session, b.Session) || !reflect.DeepEqual(a.Rounds, b.Rounds) || !reflect.DeepEqual(a.Notes, b.Notes) {
			t.Errorf("%s: the session differs:\n%+v\n%+v", site, a, b)
		}
		ca, cb := cellsOf(t, from, id), cellsOf(t, out, id)
		if !reflect.DeepEqual(ca, cb) || len(ca) < 10 {
			t.Errorf("%s: %d cells, merged %d:\n%v\n%v", site, len(ca), len(cb), ca, cb)
		}
		ta, _ := from.ElementHashes(ctx, id)
		tb, _ := out.ElementHashes(ctx, id)
		if !reflect.DeepEqual(ta, tb) || len(ta) == 0 {
			t.Errorf("%s: element texts %v, merged %v", site, ta, tb)
		}
		ha, _ := from.History(ctx, id)
		hb, _ := out.History(ctx, id)
		if len(hb) != len(ha)+1 {
			t.Fatalf("%s: %d history rows, merged %d", site, len(ha), len(hb))
		}
		for i := range ha {
			ha[i].ID, hb[i].ID = 0, 0
			if !reflect.DeepEqual(ha[i], hb[i]) {
				t.Errorf("%s: history row %d\n%+v\n%+v", site, i+1, ha[i], hb[i])
			}
		}
		if last := hb[len(hb)-1]; last.Field != "imported" || *last.New != dir+"/"+strings.ToLower(site)+".db" || last.Prev != ha[len(ha)-1].Hash {
			t.Errorf("%s: the import row is %+v", site, last)
		}
	}
}

func uuids(s session.Session) []session.Participant {
	out := make([]session.Participant, len(s.Participants))
	for i, pt := range s.Participants {
		pt.ID = 0
		out[i] = pt
	}
	return out
}

func cellsOf(t *testing.T, e *session.Engine, id string) []string {
	t.Helper()
	var out []string
	err := e.EachCell(context.Background(), session.Viewer{Kind: session.ViewResearcher}, id, func(c session.Cell) error {
		v := "-"
		if c.Value != nil {
			v = fmt.Sprint(*c.Value)
		}
		out = append(out, fmt.Sprintf("%s %s %s %d %s %v %q %s %s", c.UUID, c.ElementID, c.CriterionID, c.Round, v, c.Abstain, c.Comment,
			c.RatedAt.Format(time.RFC3339Nano), c.UpdatedAt.Format(time.RFC3339Nano)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMergeMoreDatabasesThanSQLiteAttaches merges more databases than
// SQLite attaches at once: the rest go through records, and the study
// verifies; a changed one among them is still refused.
func TestMergeMoreDatabasesThanSQLiteAttaches(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir := t.TempDir()
	var sources []string
	for i := range 12 {
		path := fmt.Sprintf("%s/site%02d.db", dir, i)
		e := openEngine(t, path, p)
		var ratings []session.ImportedRating
		for who := range 2 {
			v := (i+who)%5 + 1
			ratings = append(ratings, session.ImportedRating{Participant: who, ElementID: "explain", CriterionID: "impact", Round: 1,
				Value: &v, RatedAt: time.Date(2026, 11, 25, 9, i, who, 0, time.UTC)})
		}
		_, err := e.ImportSession(ctx, session.Importer(), p, session.NewSession{Title: fmt.Sprint("Workshop ", i), Facilitator: "Dana",
			Date: "2026-11-25", Site: fmt.Sprint("Site ", i%3),
			Participants: []session.Participant{{Name: "Ana", Role: p.Personas[0].ID}, {Name: "Ben", Role: p.Personas[1].ID}}}, ratings)
		if err != nil {
			t.Fatal(err)
		}
		e.Close()
		sources = append(sources, path)
	}
	tampered := dir + "/tampered.db"
	copyFile(t, sources[11], tampered)
	db, err := sql.Open("sqlite3", tampered)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE history SET new_value = '1' WHERE id = (SELECT max(id) FROM history WHERE entity = 'rating')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := openEngine(t, dir+"/study.db", p)
	withTampered := append(append([]string{}, sources[:11]...), tampered)
	if _, err := study.Merge(ctx, out, p, withTampered, study.MergeOptions{}); !errors.Is(err, session.ErrChainBroken) {
		t.Fatalf("a changed twelfth database: %v", err)
	}
	rep, err := study.Merge(ctx, out, p, sources, study.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sessions) != 12 || rep.Ratings != 24 {
		t.Errorf("merged %d sessions, %d ratings", len(rep.Sessions), rep.Ratings)
	}
	res, err := study.Compute(ctx, out, p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pooled.Sessions != 12 || res.Pooled.Ratings != 24 || len(res.Sites) != 3 {
		t.Errorf("stats: %+v", res.Pooled)
	}
	out.Close()
	v, err := study.Verify(ctx, dir+"/study.db", study.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !v.OK() || len(v.Sessions) != 12 {
		t.Errorf("the study does not verify:\n%s", report(v))
	}
}
