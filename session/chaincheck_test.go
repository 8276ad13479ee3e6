package session

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
)

// referenceCanonical is CanonicalChange as first written, field by field
// through Actor.String and Time.Format: appendCanonical, which builds the
// same bytes without allocating, must agree with it.
func referenceCanonical(prev string, c Change) []byte {
	var at *string
	if !c.At.IsZero() {
		s := c.At.UTC().Format(time.RFC3339Nano)
		at = &s
	}
	var b []byte
	for _, f := range [...]*string{text(ChainVersion), &prev, &c.SessionID, &c.Entity, &c.Key, &c.Field,
		c.Old, c.New, at, text(c.Actor.String()), &c.Reason} {
		if f == nil {
			b = append(b, "~,"...)
			continue
		}
		b = strconv.AppendInt(b, int64(len(*f)), 10)
		b = append(b, ':')
		b = append(b, *f...)
		b = append(b, ',')
	}
	return b
}

func TestCanonicalChangeAgreesWithItsDefinition(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	cases := map[string]Change{
		"a value":               {SessionID: "0123abcd", Entity: "rating", Key: "u-1/explain/impact/1", Field: "value", New: text("4"), At: time.Date(2026, 11, 25, 9, 0, 1, 500_000_000, time.UTC), Actor: Facilitator()},
		"nulls and no time":     {SessionID: "s", Entity: "note", Key: "intro", Field: "body"},
		"empty, not null":       {SessionID: "s", Entity: "note", Key: "intro", Field: "body", Old: text(""), New: text("")},
		"a participant's":       {SessionID: "s", Entity: "rating", Key: "k", Field: "value", Old: text("3"), New: text("5"), At: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Actor: ParticipantActor("9f0c-uuid")},
		"another time zone":     {SessionID: "s", Entity: "session", Key: "s", Field: "title", New: text("T"), At: time.Date(2026, 1, 2, 3, 4, 5, 120_000_000, berlin), Actor: CommandLine()},
		"a correction":          {SessionID: "s", Entity: "rating", Key: "k", Field: "value", New: text("2"), At: time.Unix(1_800_000_000, 0), Actor: Facilitator(), Reason: "misread the paper form"},
		"text beyond ASCII":     {SessionID: "s", Entity: "participant", Key: "ü", Field: "added", New: text("Zoë:ロール:"), At: time.Unix(1, 0), Actor: Importer()},
		"an actor not recorded": {SessionID: "s", Entity: "session", Key: "s", Field: "created", New: text("x"), At: time.Unix(2, 0)},
	}
	for name, c := range cases {
		for _, prev := range []string{"", "4ebaaa36f8b44780e16f29efd00c5ac48ab68186059cf5924dd68ddfc8dcd8d7"} {
			want := referenceCanonical(prev, c)
			if got := CanonicalChange(prev, c); string(got) != string(want) {
				t.Errorf("%s:\n got %s\nwant %s", name, got, want)
			}
			h := ChainHash(prev, c)
			if ok, _ := hashMatches(nil, prev, &c, h); !ok {
				t.Errorf("%s: hashMatches rejects ChainHash", name)
			}
			if ok, _ := hashMatches(nil, prev, &c, h[:63]+"0"); ok && h[63] != '0' {
				t.Errorf("%s: hashMatches accepts another hash", name)
			}
		}
	}
}

// chainFixture is a database of two sessions whose histories interleave:
// one run on the engine (participants' own ratings, a correction), one
// imported.
func chainFixture(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "chain.db")
	e, err := OpenEngine(ctx, path, Options{}, EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	live, err := e.CreateSession(ctx, Facilitator(), p, NewSession{Title: "Live", Facilitator: "Dana", Site: "Leeds",
		Participants: []Participant{{Name: "Ana", Role: p.Personas[0].ID}, {Name: "Ben", Role: p.Personas[1].ID}}})
	must(err)
	v := 3
	imported, err := e.ImportSession(ctx, Importer(), p, NewSession{Title: "Paper", Facilitator: "Dana", Date: "2026-11-25",
		Participants: []Participant{{Name: "Chi", Role: p.Personas[0].ID}}},
		[]ImportedRating{{ElementID: "explain", CriterionID: "impact", Round: 1, Value: &v, RatedAt: time.Unix(1_800_000_000, 0)}})
	must(err)
	for i, pt := range live.Participants {
		k := RatingKey{SessionID: live.ID, ParticipantID: pt.ID, ElementID: "explain", CriterionID: "impact", Round: 1}
		n := i + 2
		must(e.RecordRating(ctx, Facilitator(), RatingInput{RatingKey: k, Value: &n}))
		must(e.SetTitle(ctx, Facilitator(), imported.ID, "Paper "+strconv.Itoa(i)))
		must(e.CommentRating(ctx, Facilitator(), k, "because"))
	}
	must(e.SetSite(ctx, Facilitator(), live.ID, "Leeds, room 2"))
	return path
}

// TestBrokenChainsAgreesWithCheckChain tampers with a database in each way
// the chain catches and checks that the one pass of a merge finds exactly
// the sessions CheckChain finds.
func TestBrokenChainsAgreesWithCheckChain(t *testing.T) {
	fixture := chainFixture(t)
	secondOf := "(SELECT id FROM history WHERE session_id = (SELECT session_id FROM history ORDER BY id LIMIT 1) ORDER BY id LIMIT 1 OFFSET 1)"
	thirdOf := strings.Replace(secondOf, "OFFSET 1", "OFFSET 2", 1)
	lastOf := "(SELECT max(id) FROM history WHERE session_id = (SELECT session_id FROM history ORDER BY id LIMIT 1))"
	cases := []struct {
		name   string
		tamper []string
		broken int // sessions CheckChain finds broken
	}{
		{"untouched", nil, 0},
		{"a value edited", []string{"UPDATE history SET new_value = '1' WHERE id = " + secondOf}, 1},
		{"a null made empty", []string{"UPDATE history SET old_value = '' WHERE id = " + secondOf}, 1},
		{"an actor changed", []string{"UPDATE history SET actor = 'cli' WHERE id = " + secondOf}, 1},
		// the chain hashes the actor as stored, not as it is read
		{"an actor given a suffix", []string{"UPDATE history SET actor = actor || ':x' WHERE id = " + secondOf + " AND actor NOT LIKE 'participant:%'"}, 1},
		{"a time changed", []string{"UPDATE history SET changed_at = '2020-01-01T00:00:00.000000000Z' WHERE id = " + secondOf}, 1},
		{"a row deleted", []string{"DELETE FROM history WHERE id = " + secondOf}, 1},
		{"the last row cut off", []string{"DELETE FROM history WHERE id = " + lastOf}, 1},
		{"a previous hash edited", []string{"UPDATE history SET prev_hash = hash WHERE id = " + secondOf}, 1},
		{"the recorded head changed", []string{"UPDATE sessions SET chain_head = 'x' WHERE rowid = 1"}, 1},
		{"two rows swapped", []string{
			"CREATE TEMP TABLE pair AS SELECT * FROM history WHERE id IN (" + secondOf + ", " + thirdOf + ")",
			`UPDATE history SET (entity, entity_key, field, old_value, new_value, changed_at, actor, reason, prev_hash, hash) =
				(SELECT entity, entity_key, field, old_value, new_value, changed_at, actor, reason, prev_hash, hash
				FROM pair WHERE pair.id <> history.id) WHERE id IN (SELECT id FROM pair)`,
		}, 1},
		// eachHistoryRowJoined: a field holding its separator is read again
		// a column a field; a tag tells null from text, a NUL byte counts,
		// and a blob is read as the text of its bytes, as History reads it
		{"a value holding the separator", []string{"UPDATE history SET new_value = 'a' || char(31) || 'b' WHERE id = " + secondOf}, 1},
		{"a null made the tag of one", []string{"UPDATE history SET old_value = 'N' WHERE id = " + secondOf + " AND old_value IS NULL"}, 1},
		{"a NUL byte appended", []string{"UPDATE history SET reason = reason || char(0) WHERE id = " + secondOf}, 1},
		{"a text stored as a blob of its bytes", []string{"UPDATE history SET entity_key = CAST(entity_key AS BLOB) WHERE id = " + secondOf}, 0},
		{"a row of one session moved to the other", []string{"UPDATE history SET session_id = (SELECT id FROM sessions WHERE id <> history.session_id LIMIT 1) WHERE id = " + secondOf}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := tamperedCopy(t, fixture, tc.tamper...)
			st := &Store{db: db}
			list, heads, err := st.allSessions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			for _, s := range list {
				hist, err := st.History(ctx, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if head, broken := CheckChain(hist); broken != nil || head != heads[s.ID] {
					want[s.ID] = true
				}
			}
			if len(want) != tc.broken {
				t.Fatalf("the fixture: CheckChain finds %d broken sessions, the case expects %d", len(want), tc.broken)
			}
			conn, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			got, err := brokenChains(ctx, conn, heads)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, want) {
				t.Errorf("broken: %v, CheckChain: %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
		})
	}
}

// A source notices another program's commit between its opening and the
// end of the merge.
func TestSourceNoticesAWrite(t *testing.T) {
	ctx := context.Background()
	path := chainFixture(t)
	p, _ := content.Default()
	src, err := OpenSource(ctx, path, p)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := src.unchanged(ctx); err != nil {
		t.Fatalf("nothing was written: %v", err)
	}
	if err := errors.Join(src.checkChains(ctx), src.checkRows(ctx, p)); err != nil {
		t.Fatalf("an untouched database: %v", err)
	}
	e, err := OpenEngine(ctx, path, Options{}, EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.SetTitle(ctx, Facilitator(), src.Sessions()[0].Session.ID, "Renamed"); err != nil {
		t.Fatal(err)
	}
	e.Close()
	if err := src.unchanged(ctx); err == nil {
		t.Error("a write by another engine went unnoticed")
	}
}
