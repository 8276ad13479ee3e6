package session

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// The chains of a database being merged are checked in one pass over its
// history in the order of the rows' ids. A row's hash is computed from its
// content and the previous hash it records, so rows hash independently of
// each other; the pass then holds each recorded previous hash against the
// recorded hash of the session's row before it, and the session's last row
// against the head it records. Every row passing both is exactly
// CheckChain's verdict: by induction the recorded hashes are then the ones
// CheckChain computes. A session that fails is checked again with
// CheckChain, for the message.
//
// The pass runs on one thread: it runs beside the merge's copy, which
// SQLite runs on another, and a second thread of checks would take the
// copy's core (on two cores the copy took half as long again).

// brokenChains returns the ids of the sessions of the database behind
// conn whose history chain does not hold, or does not end at the head
// the session records (heads, by session id). A history row of a session
// not in heads is an error: the copy would carry it into a study.
func brokenChains(ctx context.Context, conn *sql.Conn, heads map[string]string) (map[string]bool, error) {
	broken, err := checkChains(ctx, conn, heads, eachHistoryRowJoined)
	if errors.Is(err, errUnjoinable) {
		broken, err = checkChains(ctx, conn, heads, eachHistoryRow)
	}
	return broken, err
}

func checkChains(ctx context.Context, conn *sql.Conn, heads map[string]string,
	each func(context.Context, *sql.Conn, func(*Change)) error) (map[string]bool, error) {
	broken := map[string]bool{}
	last := make(map[string]string, len(heads)) // the recorded hash of each session's newest row so far
	buf := make([]byte, 0, 512)
	var orphan string
	err := each(ctx, conn, func(c *Change) {
		if _, ok := heads[c.SessionID]; !ok {
			orphan = c.SessionID
		}
		if c.Prev != last[c.SessionID] {
			broken[c.SessionID] = true
		}
		last[c.SessionID] = c.Hash
		var ok bool
		if ok, buf = hashMatches(buf, c.Prev, c, c.Hash); !ok {
			broken[c.SessionID] = true
		}
	})
	if err != nil {
		return nil, err
	}
	if orphan != "" {
		return nil, invalid("the history has rows of session %s, which is not in the database (it was changed outside trustshop)", orphan)
	}
	for id, head := range heads {
		if last[id] != head {
			broken[id] = true
		}
	}
	return broken, nil
}

// eachHistoryRow calls fn for every history row, in the order of their
// ids, through the driver, a column a field.
func eachHistoryRow(ctx context.Context, conn *sql.Conn, fn func(*Change)) error {
	return rawRows(ctx, conn, 11, `SELECT session_id, entity, entity_key, field, old_value, new_value,
		changed_at, actor, reason, prev_hash, hash FROM history ORDER BY id`, nil, func(dest []driver.Value) error {
		var c Change
		var at, actor string
		ok := asString(dest[0], &c.SessionID) && asString(dest[1], &c.Entity) && asString(dest[2], &c.Key) &&
			asString(dest[3], &c.Field) && asNullString(dest[4], &c.Old) && asNullString(dest[5], &c.New) &&
			asString(dest[6], &at) && asString(dest[7], &actor) && asString(dest[8], &c.Reason) &&
			asString(dest[9], &c.Prev) && asString(dest[10], &c.Hash)
		if !ok {
			return fmt.Errorf("%w: unexpected column types in history: %v", ErrCorrupt, dest)
		}
		// As historyAfter reads them, which CheckChain is given.
		c.At, c.Actor = parseTime(at), ParseActor(actor)
		fn(&c)
		return nil
	})
}

// historySeparator joins the fields of a history row in
// eachHistoryRowJoined: the unit separator, which nobody types.
const historySeparator = "\x1f"

// errUnjoinable is a history row whose joined fields cannot be split
// back.
var errUnjoinable = errors.New("a history row holds the separator")

// eachHistoryRowJoined is eachHistoryRow with each row's fields joined by
// SQLite into one text, which the driver turns into one Go string instead
// of eleven: it reads a merge's million rows in half the time. The
// columns are all of text affinity, so every value is text, a blob or
// null, as eachHistoryRow reads them, and a null is told apart from a
// text by a tag. fn must not keep c: it is refilled for the next row. A
// row with a field that holds the separator cannot be
// split back: the pass stops with errUnjoinable, to be made again by
// eachHistoryRow.
func eachHistoryRowJoined(ctx context.Context, conn *sql.Conn, fn func(*Change)) error {
	// One change, refilled for every row: a new one each would be a
	// fifth of what a merge allocates.
	var fields [11]string
	var c Change
	var old, new string
	return rawRows(ctx, conn, 1, `SELECT concat_ws(char(31), session_id, entity, entity_key, field,
		iif(old_value IS NULL, 'N', 'V' || old_value), iif(new_value IS NULL, 'N', 'V' || new_value),
		changed_at, actor, reason, prev_hash, hash) FROM history ORDER BY id`, nil, func(dest []driver.Value) error {
		var row string
		if !asString(dest[0], &row) {
			return fmt.Errorf("%w: unexpected history row %v", ErrCorrupt, dest[0])
		}
		if !splitFields(row, fields[:]) {
			return errUnjoinable
		}
		c = Change{SessionID: fields[0], Entity: fields[1], Key: fields[2], Field: fields[3],
			Old: untag(fields[4], &old), New: untag(fields[5], &new), Reason: fields[8], Prev: fields[9], Hash: fields[10]}
		c.At, c.Actor = parseTime(fields[6]), ParseActor(fields[7])
		fn(&c)
		return nil
	})
}

// splitFields splits row at every historySeparator into exactly
// len(fields) fields.
func splitFields(row string, fields []string) bool {
	for i := range len(fields) - 1 {
		f, rest, ok := strings.Cut(row, historySeparator)
		if !ok {
			return false
		}
		fields[i], row = f, rest
	}
	fields[len(fields)-1] = row
	return !strings.Contains(row, historySeparator)
}

// untag reads a value tagged by eachHistoryRowJoined, "N" null, "V" and
// the text, into *v.
func untag(f string, v *string) *string {
	if f == "N" {
		return nil
	}
	*v = strings.TrimPrefix(f, "V")
	return v
}

// asNullString reads a text that may be null.
func asNullString(v driver.Value, out **string) bool {
	if v == nil {
		*out = nil
		return true
	}
	var s string
	if !asString(v, &s) {
		return false
	}
	*out = &s
	return true
}
