package session

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/trustshop/trustshop/content"
)

// ratingRow is a row of the ratings table as AllSessions reads it.
type ratingRow struct {
	participant        int64
	element, criterion string
	round, value       int
	hasValue, abstain  bool
	hasComment         bool
}

// ratingRows reads every row of the ratings table, in the table's order
// (that of the ranges, then of the rows in each), through the driver: a
// study reads a million of them. The ranges are read at once on
// connections of their own, one a core, since turning SQLite's values into
// Go's costs more than SQLite's reading them; for the same reason each row
// comes packed into one number where codes can (packedRatings).
func (s *Store) ratingRows(ctx context.Context, codes ratingCodes) ([][]ratingRow, error) {
	var lo, hi sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT min(rowid), max(rowid) FROM ratings").Scan(&lo, &hi); err != nil {
		return nil, s.wrap("read ratings", err)
	}
	if !lo.Valid {
		return nil, nil
	}
	parts := min(runtime.GOMAXPROCS(0), 4, int((hi.Int64-lo.Int64)/minRatingRange)+1)
	return s.ratingParts(ctx, codes, lo.Int64, hi.Int64, parts)
}

// allRows ranges over the rows of every part in turn.
func allRows(parts [][]ratingRow) iter.Seq[ratingRow] {
	return func(yield func(ratingRow) bool) {
		for _, part := range parts {
			for _, r := range part {
				if !yield(r) {
					return
				}
			}
		}
	}
}

// minRatingRange is the fewest rows worth a connection of their own.
const minRatingRange = 20_000

// ratingParts reads the rows whose rowids are from lo to hi in parts
// ranges at once.
func (s *Store) ratingParts(ctx context.Context, codes ratingCodes, lo, hi int64, parts int) ([][]ratingRow, error) {
	step := (hi - lo + int64(parts)) / int64(parts)
	out := make([][]ratingRow, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		from := lo + int64(i)*step
		wg.Go(func() { out[i], errs[i] = s.ratingRange(ctx, codes, from, from+step-1) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// ratingRange reads the rows of the ratings table whose rowids are from
// from to to: packed, or, when a row cannot be, a column a field.
func (s *Store) ratingRange(ctx context.Context, codes ratingCodes, from, to int64) ([]ratingRow, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.wrap("read ratings", err)
	}
	defer conn.Close()
	out := make([]ratingRow, 0, min(to-from+1, 1<<20)) // rowids are dense unless rows were deleted
	if len(codes.elements) > 0 && len(codes.criteria) > 0 {
		out, err = packedRatings(ctx, conn, codes, from, to, out)
		if !errors.Is(err, errUnpacked) {
			return out, s.wrap("read ratings", err)
		}
		out = out[:0]
	}
	out, err = columnRatings(ctx, conn, from, to, out)
	return out, s.wrap("read ratings", err)
}

// columnRatings appends the rows from from to to, a column a field.
func columnRatings(ctx context.Context, conn *sql.Conn, from, to int64, out []ratingRow) ([]ratingRow, error) {
	err := rawRows(ctx, conn, 7, `SELECT participant_id, element_id, criterion_id, round, value, abstain,
		comment <> '' FROM ratings WHERE rowid BETWEEN ? AND ?`, []driver.NamedValue{{Ordinal: 1, Value: from}, {Ordinal: 2, Value: to}},
		func(dest []driver.Value) error {
			var r ratingRow
			var abstain, comment int64
			if !(asInt(dest[0], &r.participant) && asString(dest[1], &r.element) && asString(dest[2], &r.criterion) &&
				asIntOf(dest[3], &r.round) && asInt(dest[5], &abstain) && asInt(dest[6], &comment)) {
				return fmt.Errorf("%w: unexpected column types in ratings: %v", ErrCorrupt, dest)
			}
			if v, ok := dest[4].(int64); ok {
				r.value, r.hasValue = int(v), true
			}
			r.abstain, r.hasComment = abstain == 1, comment == 1
			out = append(out, r)
			return nil
		})
	return out, err
}

// ratingCodes number the element and criterion ids of a database's packs
// (up to 256 of each) for packedRatings.
type ratingCodes struct {
	elements, criteria []string
}

// add numbers the ids of p not numbered yet.
func (c *ratingCodes) add(p *content.Pack) {
	for _, el := range p.Elements {
		if len(c.elements) < 1<<8 && !slices.Contains(c.elements, el.ID) {
			c.elements = append(c.elements, el.ID)
		}
	}
	for _, cr := range p.Criteria {
		if len(c.criteria) < 1<<8 && !slices.Contains(c.criteria, cr.ID) {
			c.criteria = append(c.criteria, cr.ID)
		}
	}
}

// errUnpacked is a row packedRatings cannot pack.
var errUnpacked = errors.New("a rating cannot be packed")

// packedRatings appends the rows from from to to, each packed by SQLite
// into one number, which the driver turns into Go's for a fraction of
// the cost of seven values: from the most significant bits, the codes of
// the element and criterion (8 bits each), the round (16), the value plus
// 2^15 (16) and three flags (a value, an abstention, a comment). A row
// whose parts do not fit, or that columnRatings would read otherwise (a
// value or round that is not a whole number, an id without a code), packs
// into null, and the call fails with errUnpacked.
func packedRatings(ctx context.Context, conn *sql.Conn, codes ratingCodes, from, to int64, out []ratingRow) ([]ratingRow, error) {
	var args []driver.NamedValue
	code := func(column string, ids []string) string {
		var b strings.Builder
		b.WriteString("CASE " + column)
		for i, id := range ids {
			args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: id})
			fmt.Fprintf(&b, " WHEN ?%d THEN %d", len(args), i)
		}
		b.WriteString(" END")
		return b.String()
	}
	element, criterion := code("element_id", codes.elements), code("criterion_id", codes.criteria)
	args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: from}, driver.NamedValue{Ordinal: len(args) + 2, Value: to})
	// Texts and blobs sort after numbers, so the ranges keep them out; a
	// value or round with a fraction makes the sum a real, not a number
	// packed.
	query := fmt.Sprintf(`SELECT participant_id, CASE WHEN round BETWEEN 0 AND 65535
			AND coalesce(value BETWEEN -32768 AND 32767, 1) AND abstain IN (0, 1)
		THEN (((%s * 256 + %s) * 65536 + round) * 65536 + coalesce(value + 32768, 0)) * 8
			+ (value IS NOT NULL) * 4 + abstain * 2 + (comment <> '') END
		FROM ratings WHERE rowid BETWEEN ?%d AND ?%d`, element, criterion, len(args)-1, len(args))
	err := rawRows(ctx, conn, 2, query, args, func(dest []driver.Value) error {
		var r ratingRow
		if !asInt(dest[0], &r.participant) {
			return fmt.Errorf("%w: unexpected participant in ratings: %v", ErrCorrupt, dest[0])
		}
		packed, ok := dest[1].(int64)
		if !ok {
			return errUnpacked
		}
		r.hasComment, r.abstain, r.hasValue = packed&1 == 1, packed>>1&1 == 1, packed>>2&1 == 1
		packed >>= 3
		if r.hasValue {
			r.value = int(packed&0xffff) - 32768
		}
		packed >>= 16
		r.round = int(packed & 0xffff)
		packed >>= 16
		r.element, r.criterion = codes.elements[packed>>8], codes.criteria[packed&0xff]
		out = append(out, r)
		return nil
	})
	return out, err
}
