package session

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
)

// The ratings read in ranges at once are the rows read in one, in the
// table's order, whatever the ranges and gaps in the rowids.
func TestRatingPartsReadEveryRowOnce(t *testing.T) {
	ctx := context.Background()
	p, _ := content.Default()
	e, err := OpenEngine(ctx, t.TempDir()+"/t.db", Options{}, EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var ratings []ImportedRating
	for i := range 3 {
		for _, el := range p.Elements {
			for _, c := range p.Criteria {
				v := (i+len(el.ID)+len(c.ID))%5 + 1
				ratings = append(ratings, ImportedRating{Participant: i, ElementID: el.ID, CriterionID: c.ID, Round: 1, Value: &v,
					RatedAt: time.Unix(1_800_000_000, 0)})
			}
		}
	}
	in := NewSession{Title: "Ranges", Facilitator: "Dana", Date: "2026-11-25",
		Participants: []Participant{{Name: "A", Role: p.Personas[0].ID}, {Name: "B", Role: p.Personas[0].ID}, {Name: "C", Role: p.Personas[0].ID}}}
	if _, err := e.ImportSession(ctx, Importer(), p, in, ratings); err != nil {
		t.Fatal(err)
	}
	// gaps: the first row, one in the middle
	if _, err := e.store.db.ExecContext(ctx, "DELETE FROM ratings WHERE rowid IN (1, 7)"); err != nil {
		t.Fatal(err)
	}
	var hi int64
	if err := e.store.db.QueryRowContext(ctx, "SELECT max(rowid) FROM ratings").Scan(&hi); err != nil {
		t.Fatal(err)
	}
	one, err := e.store.ratingParts(ctx, 1, hi, 1)
	whole := slices.Concat(one...)
	if err != nil || len(one) != 1 || len(whole) != len(ratings)-2 {
		t.Fatalf("one range: %d rows (%v), want %d", len(whole), err, len(ratings)-2)
	}
	for _, parts := range []int{2, 3, 4, int(hi) + 3} {
		got, err := e.store.ratingParts(ctx, 1, hi, parts)
		if err != nil || len(got) != parts || !slices.Equal(slices.Concat(got...), whole) {
			t.Errorf("%d ranges: %d parts, %d rows (%v), want the %d of one range in its order", parts, len(got), len(slices.Concat(got...)), err, len(whole))
		}
	}
}
