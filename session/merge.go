package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/trustshop/trustshop/content"
)

// maxAttached is how many databases SQLite attaches to one connection at
// a time (SQLITE_MAX_ATTACHED). A merge of more copies the rest through
// records, the slow way.
const maxAttached = 10

// ImportSources stores whole sessions in one transaction: recs (from json
// exports, as ImportRecords stores them) and every session of each source
// database, which SQLite copies table by table, each session with its id,
// site, participants' UUIDs, ratings, notes, rounds, element texts and
// history exactly as recorded (its chain, corrections and actors as they
// were), followed by one history row of actor recording where it came
// from. Every source is checked as CheckRecord checks a record (its
// chains, its ratings against the pack, its references) while it is being
// copied; the transaction commits only if every check passes and no other
// program wrote to a source meanwhile. A session already in
// the database, or given twice, is refused with ErrConflict. Nothing is
// written unless everything can be.
func (e *Engine) ImportSources(ctx context.Context, actor Actor, p *content.Pack, recs []Record, srcs []*Source) error {
	if len(srcs) > maxAttached {
		for _, s := range srcs[maxAttached:] {
			rs, err := s.Records(ctx)
			if err != nil {
				return err
			}
			recs = append(recs, rs...)
		}
		srcs = srcs[:maxAttached]
	}
	var errs []error
	for _, rec := range recs {
		if err := CheckRecord(p, rec); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := givenOnce(recs, srcs); err != nil {
		return err
	}
	checks := startChecks(ctx, p, srcs)
	defer checks.stop()
	return e.doAlone(ctx, actor, attachSources(srcs), func(t *txn) error {
		for i, s := range srcs {
			if err := t.copySource(sourceAlias(i), s); err != nil {
				return fmt.Errorf("%s: %w", s.path, err)
			}
		}
		for i := range recs {
			if err := t.insertRecord(p, &recs[i]); err != nil {
				return fmt.Errorf("session %s from %s: %w", recs[i].Session.ID, recs[i].Source, err)
			}
		}
		checks.more()
		if err := checks.wait(); err != nil {
			return err
		}
		for _, s := range srcs {
			if err := s.unchanged(t.ctx); err != nil {
				return err
			}
		}
		if len(recs) > 0 {
			// what insertRecord wrote, with SQLite's checks off
			if err := t.checkForeignKeys(); err != nil {
				return err
			}
		}
		for _, s := range srcs {
			for _, ss := range s.sessions {
				id := ss.Session.ID
				if err := t.appendHistory(id, []Change{{SessionID: id, Entity: "session", Key: id, Field: "imported",
					New: text(s.path), At: t.now, Actor: t.actor}}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// givenOnce refuses a session that two sources (or a source twice) hold.
func givenOnce(recs []Record, srcs []*Source) error {
	from := map[string]string{}
	add := func(id, src string) error {
		if prev, dup := from[id]; dup {
			return fmt.Errorf("%w: session %s is in both %s and %s: give each session once", ErrConflict, id, prev, src)
		}
		from[id] = src
		return nil
	}
	for _, s := range srcs {
		for _, ss := range s.sessions {
			if err := add(ss.Session.ID, s.path); err != nil {
				return err
			}
		}
	}
	for _, rec := range recs {
		if err := add(rec.Session.ID, rec.Source); err != nil {
			return err
		}
	}
	return nil
}

func sourceAlias(i int) string { return fmt.Sprintf("source%d", i) }

// attachSources readies the merge's connection: the sources attached
// read-only, and SQLite's checks of references off, which cost it more
// than the copy itself: a source's references are checked in the source
// (Source.checkRows), those of records once after they are written
// (checkForeignKeys).
func attachSources(srcs []*Source) func(context.Context, *sql.Conn) error {
	return func(ctx context.Context, conn *sql.Conn) error {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
		for i, s := range srcs {
			if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS "+sourceAlias(i), "file:"+escapePath(s.file())+"?mode=ro"); err != nil {
				return fmt.Errorf("attach %s: %w", s.path, err)
			}
		}
		return nil
	}
}

// copyStatements copy the tables of a source (%[1]s) into the database as
// they are, but for the participants' row ids, which are shifted (by ?)
// past those of the database. The history keeps its order; every other
// table is a set. The session's own pack folder is not the study's.
var copyStatements = []struct {
	sql   string
	shift bool
}{
	{`INSERT INTO sessions (id, title, facilitator, organisation, date, pack_id, pack_version, pack_hash, pack_dir,
		site, source_hash, device_rating, consensus, status, step, steps, created_at, updated_at, chain_head)
	SELECT id, title, facilitator, organisation, date, pack_id, pack_version, pack_hash, '',
		site, source_hash, device_rating, consensus, status, step, steps, created_at, updated_at, chain_head
	FROM %[1]s.sessions`, false},
	{`INSERT INTO participants (id, session_id, position, name, role, organisation, uuid, joined_at)
	SELECT id + ?, session_id, position, name, role, organisation, uuid, joined_at FROM %[1]s.participants`, true},
	{`INSERT INTO ratings (session_id, participant_id, element_id, criterion_id, round, value, abstain, comment, rated_at, updated_at)
	SELECT session_id, participant_id + ?, element_id, criterion_id, round, value, abstain, comment, rated_at, updated_at
	FROM %[1]s.ratings`, true},
	{`INSERT INTO notes (session_id, step_key, body, updated_at) SELECT session_id, step_key, body, updated_at FROM %[1]s.notes`, false},
	{`INSERT INTO element_rounds (session_id, element_id, round, opened_at, closed_at, revealed_room_at, revealed_devices_at)
	SELECT session_id, element_id, round, opened_at, closed_at, revealed_room_at, revealed_devices_at FROM %[1]s.element_rounds`, false},
	{`INSERT INTO session_elements (session_id, element_id, content_hash)
	SELECT session_id, element_id, content_hash FROM %[1]s.session_elements`, false},
	{`INSERT INTO history (session_id, entity, entity_key, field, old_value, new_value, changed_at, actor, reason, prev_hash, hash)
	SELECT session_id, entity, entity_key, field, old_value, new_value, changed_at, actor, reason, prev_hash, hash
	FROM %[1]s.history ORDER BY id`, false},
}

// copySource copies every session of the source attached as alias.
func (t *txn) copySource(alias string, s *Source) error {
	var id, uuid string
	err := t.queryRow(`SELECT s.id FROM main.sessions s JOIN ` + alias + `.sessions x ON x.id = s.id LIMIT 1`).Scan(&id)
	if err == nil {
		return fmt.Errorf("session %s: %w: a session with id %s is already in the database (was it given twice?)", id, ErrConflict, id)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	err = t.queryRow(`SELECT uuid FROM ` + alias + `.participants WHERE uuid IN (SELECT uuid FROM main.participants) LIMIT 1`).Scan(&uuid)
	if err == nil {
		return fmt.Errorf("%w: participant %s is already in the database, in another session", ErrConflict, uuid)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var shift int64
	if err := t.queryRow("SELECT coalesce(max(id), 0) FROM main.participants").Scan(&shift); err != nil {
		return err
	}
	for _, st := range copyStatements {
		var args []any
		if st.shift {
			args = append(args, shift)
		}
		if _, err := t.exec(fmt.Sprintf(st.sql, alias), args...); err != nil {
			return err
		}
	}
	for _, ss := range s.sessions {
		// As ImportRecords stores them: the texts a session knew from its
		// pack, and the consensus rule a session from before rules were
		// stored had from it.
		if ss.derivedTexts {
			if err := t.saveElementHashes(ss.Session.ID, ss.ElementHashes); err != nil {
				return err
			}
		}
		if ss.Session.consensus == "" {
			if _, err := t.exec("UPDATE sessions SET consensus = ? WHERE id = ?", encodeRule(ss.Session.Consensus), ss.Session.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkForeignKeys refuses rows that refer to a session or participant
// the database does not have: what SQLite checks row by row otherwise.
func (t *txn) checkForeignKeys() error {
	rows, err := t.tx.QueryContext(t.ctx, "PRAGMA main.foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var row sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &row, &parent, &fk); err != nil {
			return err
		}
		return invalid("row %d of %s refers to a row of %s that is not there (a source was changed outside trustshop); run trustshop verify on each source",
			row.Int64, table, parent)
	}
	return rows.Err()
}
