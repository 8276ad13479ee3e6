package session

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
)

// The ratings read in ranges at once are the rows read in one, in the
// table's order, whatever the ranges and gaps in the rowids, packed or a
// column a field.
func TestRatingPartsReadEveryRowOnce(t *testing.T) {
	ctx := context.Background()
	p, _ := content.Default()
	e, ratings := importedRatings(t, p, 3, len(p.Elements))
	// gaps: the first row, one in the middle
	if _, err := e.store.db.ExecContext(ctx, "DELETE FROM ratings WHERE rowid IN (1, 7)"); err != nil {
		t.Fatal(err)
	}
	var hi int64
	if err := e.store.db.QueryRowContext(ctx, "SELECT max(rowid) FROM ratings").Scan(&hi); err != nil {
		t.Fatal(err)
	}
	one, err := e.store.ratingParts(ctx, ratingCodes{}, 1, hi, 1) // a column a field

	whole := slices.Concat(one...)
	if err != nil || len(one) != 1 || len(whole) != len(ratings)-2 {
		t.Fatalf("one range: %d rows (%v), want %d", len(whole), err, len(ratings)-2)
	}
	var codes ratingCodes
	codes.add(p)
	for _, parts := range []int{1, 2, 3, 4, int(hi) + 3} {
		got, err := e.store.ratingParts(ctx, codes, 1, hi, parts) // packed
		if err != nil || len(got) != parts || !slices.Equal(slices.Concat(got...), whole) {
			t.Errorf("%d ranges: %d parts, %d rows (%v), want the %d of one range in its order", parts, len(got), len(slices.Concat(got...)), err, len(whole))
		}
	}
}

// TestPackedRatingsAreTheRows holds packedRatings to columnRatings: the
// same rows where a row packs, errUnpacked where one does not (and
// ratingRange then reads the columns).
func TestPackedRatingsAreTheRows(t *testing.T) {
	ctx := context.Background()
	p, _ := content.Default()
	e, ratings := importedRatings(t, p, 2, 2)
	var codes ratingCodes
	codes.add(p)
	conn, err := e.store.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, tc := range []struct {
		name   string
		change string // of the row whose rowid is 2
		packs  bool
	}{
		{"as imported", "", true},
		{"a comment", "comment = 'why'", true},
		{"an abstention", "value = NULL, abstain = 1", true},
		{"a cleared cell", "value = NULL", true},
		{"the smallest value that packs", "value = -32768", true},
		{"the largest value that packs", "value = 32767", true},
		{"the largest round that packs", "round = 65535", true},
		{"a value too large", "value = 32768", false},
		{"a value too small", "value = -32769", false},
		{"a round too large", "round = 65536", false},
		{"a value that is not whole", "value = 2.5", false},
		{"a value that is a text", "value = 'high'", false},
		{"a value that is a blob", "value = x'01'", false},
		{"a round that is a text", "round = 'two'", false},
		{"a round that is not whole", "round = 1.5", false},
		{"an element without a code", "element_id = 'nope'", false},
		{"a criterion without a code", "criterion_id = 'nope'", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.change != "" {
				if _, err := conn.ExecContext(ctx, "SAVEPOINT tc"); err != nil {
					t.Fatal(err)
				}
				defer conn.ExecContext(ctx, "ROLLBACK TO tc; RELEASE tc")
				if _, err := conn.ExecContext(ctx, "UPDATE ratings SET "+tc.change+" WHERE rowid = 2"); err != nil {
					t.Fatal(err)
				}
			}
			got, err := packedRatings(ctx, conn, codes, 1, 100, nil)
			if !tc.packs {
				if !errors.Is(err, errUnpacked) {
					t.Fatalf("packed: %v, want errUnpacked", err)
				}
				return
			}
			want, err := columnRatings(ctx, conn, 1, 100, nil)
			if err != nil || len(want) != len(ratings) {
				t.Fatalf("columns: %d rows, %v", len(want), err)
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("packed (%v):\n%+v\ncolumns:\n%+v", err, got, want)
			}
		})
	}
}

// importedRatings imports a session of participants who rated the first
// elements of p on every criterion in round 1, into an engine closed when
// the test ends.
func importedRatings(t *testing.T, p *content.Pack, participants, elements int) (*Engine, []ImportedRating) {
	t.Helper()
	e, err := OpenEngine(context.Background(), t.TempDir()+"/t.db", Options{}, EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	var ratings []ImportedRating
	in := NewSession{Title: "Ratings", Facilitator: "Dana", Date: "2026-11-25"}
	for i := range participants {
		in.Participants = append(in.Participants, Participant{Name: string(rune('A' + i)), Role: p.Personas[0].ID})
		for _, el := range p.Elements[:elements] {
			for _, c := range p.Criteria {
				v := (i+len(el.ID)+len(c.ID))%5 + 1
				ratings = append(ratings, ImportedRating{Participant: i, ElementID: el.ID, CriterionID: c.ID, Round: 1, Value: &v,
					RatedAt: time.Unix(1_800_000_000, 0)})
			}
		}
	}
	if _, err := e.ImportSession(context.Background(), Importer(), p, in, ratings); err != nil {
		t.Fatal(err)
	}
	return e, ratings
}
