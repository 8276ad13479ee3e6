package session

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ChainVersion names the canonical serialisation of a history row that
// ChainHash hashes (docs/verify.md). It is the first field of every
// serialised row, so that a later serialisation can never produce the
// same bytes.
const ChainVersion = "trustshop-history-1"

// The history of every session is a hash chain: each row carries the hash
// of the session's previous row (Prev; "" for the first) and its own hash
// over Prev and its content (Hash). Changing, deleting or reordering a row
// after the fact breaks the chain from that row on, and the session
// records the hash of its newest row (its head), so that cutting rows off
// the end shows too. The head goes into every export: a reviewer who knows
// it can tell whether the history they hold is the one it ends.

// ChainHash is the hash of a history row whose previous row has the hash
// prev: the lower-case hex SHA-256 of CanonicalChange(prev, c).
func ChainHash(prev string, c Change) string {
	var buf [512]byte
	sum := sha256.Sum256(appendCanonical(buf[:0], prev, &c))
	return hex.EncodeToString(sum[:])
}

// hashMatches reports whether ChainHash(prev, c) is want, without the
// allocations of ChainHash: the check of a merge hashes a million rows.
// buf is scratch space, returned for reuse.
func hashMatches(buf []byte, prev string, c *Change, want string) (bool, []byte) {
	buf = appendCanonical(buf[:0], prev, c)
	sum := sha256.Sum256(buf)
	var hx [2 * sha256.Size]byte
	hex.Encode(hx[:], sum[:])
	return string(hx[:]) == want, buf
}

// CanonicalChange is the serialisation of a history row that ChainHash
// hashes: eleven fields, each written as its length in bytes in decimal,
// a colon, its UTF-8 bytes and a comma (a netstring), or, for a field
// that is null, as "~,". The fields are ChainVersion, prev, the session
// id, entity, entity key, field, old value, new value, the time (UTC, RFC
// 3339 with the fraction's trailing zeros removed: the json export's
// "at"; null when unknown), the actor as stored ("facilitator",
// "participant:<uuid>", "cli", "import" or "") and the reason.
func CanonicalChange(prev string, c Change) []byte {
	return appendCanonical(make([]byte, 0, 160+len(c.Key)+len(prev)), prev, &c)
}

// appendCanonical appends CanonicalChange(prev, c) to b.
func appendCanonical(b []byte, prev string, c *Change) []byte {
	b = appendNetstring(b, ChainVersion)
	b = appendNetstring(b, prev)
	b = appendNetstring(b, c.SessionID)
	b = appendNetstring(b, c.Entity)
	b = appendNetstring(b, c.Key)
	b = appendNetstring(b, c.Field)
	b = appendNullable(b, c.Old)
	b = appendNullable(b, c.New)
	if c.At.IsZero() {
		b = append(b, "~,"...)
	} else {
		var at [64]byte
		b = appendNetstring(b, appendChainTime(at[:0], c.At))
	}
	if c.Actor.Kind == ActorParticipant && c.Actor.stored == "" { // Actor.String, without building it
		b = strconv.AppendInt(b, int64(len(c.Actor.Kind)+1+len(c.Actor.Participant)), 10)
		b = append(b, ':')
		b = append(b, c.Actor.Kind...)
		b = append(b, ':')
		b = append(b, c.Actor.Participant...)
		b = append(b, ',')
	} else if c.Actor.stored != "" {
		b = appendNetstring(b, c.Actor.stored)
	} else {
		b = appendNetstring(b, c.Actor.Kind)
	}
	return appendNetstring(b, c.Reason)
}

// appendNetstring appends a field: its length, a colon, its bytes, a comma.
func appendNetstring[T ~string | ~[]byte](b []byte, f T) []byte {
	b = strconv.AppendInt(b, int64(len(f)), 10)
	b = append(b, ':')
	b = append(b, f...)
	return append(b, ',')
}

// appendNullable appends a field that may be null ("~,").
func appendNullable(b []byte, f *string) []byte {
	if f == nil {
		return append(b, "~,"...)
	}
	return appendNetstring(b, *f)
}

// Chain links a session's history rows, oldest first, from head (the hash
// of the row before the first; "" when they are the session's first): it
// sets each row's Prev and Hash and returns the new head.
func Chain(head string, rows []Change) string {
	for i := range rows {
		rows[i].Prev = head
		rows[i].Hash = ChainHash(head, rows[i])
		head = rows[i].Hash
	}
	return head
}

// ChainBreak is the first row of a history whose recorded hashes do not
// follow from its content and order.
type ChainBreak struct {
	Index  int    // its position, from 0
	Change Change // the row as recorded
	Want   string // the hash its content and the previous row give
	// Why says what is wrong in plain words.
	Why string
}

// CheckChain recomputes the chain of a session's history rows, oldest
// first, as recorded: it returns the head the content gives and the first
// row whose recorded Prev or Hash differs (nil when none does).
func CheckChain(rows []Change) (head string, broken *ChainBreak) {
	for i, c := range rows {
		want := ChainHash(head, c)
		if broken == nil {
			switch {
			case c.Prev != head:
				broken = &ChainBreak{Index: i, Change: c, Want: want,
					Why: "it does not follow the row before it (a row was deleted, inserted or moved here)"}
			case c.Hash != want:
				broken = &ChainBreak{Index: i, Change: c, Want: want, Why: "its content is not what was recorded (it was edited)"}
			}
		}
		head = want
	}
	return head, broken
}

// historyInsert writes history rows with their hashes; many at a time, as
// an import of a million ratings writes a million rows.
const historyInsert = `INSERT INTO history (session_id, entity, entity_key, field, old_value, new_value,
	changed_at, actor, reason, prev_hash, hash) VALUES `

const historyRowParams = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

// historyBatch is how many rows one INSERT writes: 11 parameters each,
// well under SQLite's 32,766.
const historyBatch = 200

// log appends one history row in the command's transaction, chained to
// the session's head, so the change and its trace commit together.
func (t *txn) log(sessionID, entity, key, field string, old, new *string) error {
	c := Change{SessionID: sessionID, Entity: entity, Key: key, Field: field, Old: old, New: new,
		At: t.now, Actor: t.actor, Reason: t.reason}
	return t.appendHistory(sessionID, []Change{c})
}

// chainHead reads the hash of a session's newest history row.
func (t *txn) chainHead(sessionID string) (string, error) {
	var head string
	err := t.queryRow("SELECT chain_head FROM sessions WHERE id = ?", sessionID).Scan(&head)
	if errors.Is(err, sql.ErrNoRows) {
		return "", sessionGone(sessionID)
	}
	return head, err
}

// appendHistory chains rows (oldest first) to the session's head, writes
// them and records the new head: the one way history rows are written.
func (t *txn) appendHistory(sessionID string, rows []Change) error {
	if len(rows) == 0 {
		return nil
	}
	head, err := t.chainHead(sessionID)
	if err != nil {
		return err
	}
	head = Chain(head, rows)
	if err := t.insertHistory(rows); err != nil {
		return err
	}
	_, err = t.exec("UPDATE sessions SET chain_head = ? WHERE id = ?", head, sessionID)
	return err
}

// insertHistory writes rows whose Prev and Hash are set, as they are.
func (t *txn) insertHistory(rows []Change) error {
	var full *sql.Stmt
	args := make([]any, 0, 11*historyBatch)
	for len(rows) > 0 {
		n := min(len(rows), historyBatch)
		args = args[:0]
		for _, c := range rows[:n] {
			args = append(args, c.SessionID, c.Entity, c.Key, c.Field, c.Old, c.New, formatTime(c.At),
				c.Actor.String(), c.Reason, c.Prev, c.Hash)
		}
		var err error
		if n == historyBatch {
			if full == nil {
				if full, err = t.tx.PrepareContext(t.ctx, historyInsert+valuesList(historyRowParams, historyBatch)); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(t.ctx, args...)
		} else {
			_, err = t.exec(historyInsert+valuesList(historyRowParams, n), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// valuesList repeats a row of parameters n times, comma separated.
func valuesList(row string, n int) string {
	var b strings.Builder
	b.Grow(n * (len(row) + 2))
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// ChainHead is the hash of the newest history row of a session, as the
// session recorded it.
func (s *Store) ChainHead(ctx context.Context, id string) (string, error) {
	var head string
	err := s.db.QueryRowContext(ctx, "SELECT chain_head FROM sessions WHERE id = ?", id).Scan(&head)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("session %s: %w", id, ErrNotFound)
	}
	return head, s.wrap("read the chain head", err)
}

// ChainHead is the hash of the newest history row of a session, as the
// session recorded it (see ChainHash).
func (e *Engine) ChainHead(ctx context.Context, id string) (string, error) {
	return e.store.ChainHead(ctx, id)
}

// backfillChain links the history written before the chain existed
// (migration 7): every session's rows in the order of their ids, as they
// stand.
func backfillChain(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, session_id, entity, entity_key, field, old_value, new_value,
		changed_at, actor, reason FROM history ORDER BY session_id, id`)
	if err != nil {
		return err
	}
	var all []Change
	for rows.Next() {
		var c Change
		var at, actor string
		if err := rows.Scan(&c.ID, &c.SessionID, &c.Entity, &c.Key, &c.Field, &c.Old, &c.New, &at, &actor, &c.Reason); err != nil {
			rows.Close()
			return err
		}
		c.At, c.Actor = parseTime(at), ParseActor(actor)
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	upd, err := tx.PrepareContext(ctx, "UPDATE history SET prev_hash = ?, hash = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer upd.Close()
	head := map[string]string{}
	for i := range all {
		c := &all[i]
		c.Prev = head[c.SessionID]
		c.Hash = ChainHash(c.Prev, *c)
		head[c.SessionID] = c.Hash
		if _, err := upd.ExecContext(ctx, c.Prev, c.Hash, c.ID); err != nil {
			return err
		}
	}
	for id, h := range head {
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET chain_head = ? WHERE id = ?", h, id); err != nil {
			return err
		}
	}
	return nil
}
