package session

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"time"
)

// eachRating calls fn for every rating row of a session (values,
// abstentions and comment-only rows) in participant, element, criterion and
// round order, without holding them all in memory. An error from fn stops
// the walk and is returned as it is.
//
// Exports stream a million rows through here, so it reads them from the
// driver directly: database/sql's Scan converts every cell by reflection,
// which took a third of the time. The participants_by_position index
// (migration 4) lets SQLite return the rows in order without sorting.
func (s *Store) eachRating(ctx context.Context, sessionID string, fn func(Rating) error) error {
	names, err := s.participantNames(ctx, sessionID)
	if err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap("read ratings", err)
	}
	defer conn.Close()
	var fnErr error
	err = rawRows(ctx, conn, 9, `SELECT r.participant_id, r.element_id, r.criterion_id, r.round,
			r.value, r.abstain, r.comment, r.rated_at, r.updated_at
		FROM participants p JOIN ratings r ON r.participant_id = p.id
		WHERE p.session_id = ? ORDER BY p.position, p.id, r.element_id, r.criterion_id, r.round`,
		[]driver.NamedValue{{Ordinal: 1, Value: sessionID}}, func(dest []driver.Value) error {
			r := Rating{SessionID: sessionID}
			var ratedAt, updatedAt string
			var abstain int64
			ok := asInt(dest[0], &r.ParticipantID) && asString(dest[1], &r.ElementID) && asString(dest[2], &r.CriterionID) &&
				asIntOf(dest[3], &r.Round) && asInt(dest[5], &abstain) && asString(dest[6], &r.Comment) &&
				asString(dest[7], &ratedAt) && asString(dest[8], &updatedAt)
			if !ok {
				return fmt.Errorf("%w: unexpected column types in ratings: %v", ErrCorrupt, dest)
			}
			if v, isInt := dest[4].(int64); isInt {
				n := int(v)
				r.Value = &n
			}
			r.Participant = names[r.ParticipantID]
			r.Abstain = abstain == 1
			r.RatedAt, r.UpdatedAt = parseTime(ratedAt), parseTime(updatedAt)
			if err := fn(r); err != nil {
				fnErr = err
				return err
			}
			return nil
		})
	if fnErr != nil {
		return fnErr
	}
	return s.wrap("read ratings", err)
}

func asInt(v driver.Value, out *int64) bool {
	n, ok := v.(int64)
	*out = n
	return ok
}

func asIntOf(v driver.Value, out *int) bool {
	n, ok := v.(int64)
	*out = int(n)
	return ok
}

func asString(v driver.Value, out *string) bool {
	switch x := v.(type) {
	case string:
		*out = x
	case []byte:
		*out = string(x)
	default:
		return false
	}
	return true
}

// participantNames maps a session's participant ids to names.
func (s *Store) participantNames(ctx context.Context, sessionID string) (map[int64]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name FROM participants WHERE session_id = ?", sessionID)
	if err != nil {
		return nil, s.wrap("read participants", err)
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, s.wrap("read participants", err)
		}
		names[id] = name
	}
	return names, s.wrap("read participants", rows.Err())
}

// daysIn is the number of days of month mo (1..12) of year y.
func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseStamp reads a time as formatTime writes it
// ("2006-01-02T15:04:05.000000000Z") without time.Parse, which matters at a
// million rows; anything else goes through time.Parse.
func parseStamp(s string) (time.Time, bool) {
	if len(s) != len(timeLayout)-5 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[29] != 'Z' {
		return time.Time{}, false
	}
	num := func(from, to int) (int, bool) {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	ns, ok7 := num(20, 29)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false // time.Date would roll 2026-02-31 over into March
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC), true
}

// rawRows runs a query on conn through the driver and calls fn with each
// row's cells (dest is reused from row to row): database/sql's Scan
// converts every cell by reflection, which took a third of the time of a
// million-row read. An error from fn stops the walk and is returned.
func rawRows(ctx context.Context, conn *sql.Conn, cols int, query string, args []driver.NamedValue, fn func(dest []driver.Value) error) error {
	return conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("driver %T cannot query", dc)
		}
		rows, err := q.QueryContext(ctx, query, args)
		if err != nil {
			return err
		}
		defer rows.Close()
		dest := make([]driver.Value, cols)
		for {
			if err := rows.Next(dest); errors.Is(err, io.EOF) {
				return nil
			} else if err != nil {
				return err
			}
			if err := fn(dest); err != nil {
				return err
			}
		}
	})
}
