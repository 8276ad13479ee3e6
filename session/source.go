package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// Source is a trustshop database opened, read-only, to be merged into
// another (Engine.ImportSources): its sessions, read when it is opened. It
// notes SQLite's data_version then, so that the merge can tell whether
// another program wrote to the file while the merge was reading it (see
// unchanged).
type Source struct {
	path     string
	eng      *Engine
	watch    *sql.Conn // the connection data_version is asked on
	version  int64
	sessions []SourceSession
	update   string // an updated copy read instead of an older database, removed on Close
}

// SourceSession is one session of a Source.
type SourceSession struct {
	Session Session // with its participants and consensus rule
	Head    string  // its chain head, as recorded
	// ElementHashes are the element texts it ran on, as
	// Engine.ElementHashes gives them.
	ElementHashes map[string]string
	Ratings       int  // rating rows
	derivedTexts  bool // ElementHashes come from the pack, not the database
}

// OpenSource opens the database at path without changing it, as a source
// of sessions run on pack p: a session that ran on another pack is
// refused, as Engine.Workshop refuses it.
func OpenSource(ctx context.Context, path string, p *content.Pack) (*Source, error) {
	e, err := OpenEngine(ctx, path, Options{Inspect: true}, EngineOptions{Pack: p})
	var update string
	if errors.Is(err, ErrOlderSchema) {
		e, update, err = openUpdatedCopy(ctx, path, p, err)
	}
	if err != nil {
		return nil, err
	}
	s := &Source{path: path, eng: e, update: update}
	if err := s.read(ctx, p); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// read notes data_version, then reads the sessions.
func (s *Source) read(ctx context.Context, want *content.Pack) error {
	st := s.eng.store
	var err error
	if s.watch, err = st.db.Conn(ctx); err != nil {
		return st.wrap("connect", err)
	}
	if s.version, err = dataVersion(ctx, s.watch); err != nil {
		return st.wrap("read the data version", err)
	}
	list, heads, err := st.allSessions(ctx)
	if err != nil {
		return err
	}
	texts, err := st.allElementHashes(ctx)
	if err != nil {
		return err
	}
	counts, err := st.ratingCounts(ctx)
	if err != nil {
		return err
	}
	for _, sess := range list {
		if sess.PackID != want.ID {
			return fmt.Errorf("session %s ran on pack %q, the study on %q: pass its pack with --pack", sess.ID, sess.PackID, want.ID)
		}
		p, _, err := s.eng.PackOf(sess)
		if err != nil {
			return err
		}
		sess.Consensus = decodeRule(sess.consensus, p)
		ss := SourceSession{Session: sess, Head: heads[sess.ID], ElementHashes: texts[sess.ID], Ratings: counts[sess.ID]}
		if len(ss.ElementHashes) == 0 {
			ss.ElementHashes, ss.derivedTexts = packTexts(sess, p), true
		}
		s.sessions = append(s.sessions, ss)
	}
	return nil
}

func dataVersion(ctx context.Context, conn *sql.Conn) (int64, error) {
	var v int64
	err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// unchanged fails when another program committed to the database since
// it was opened: what the merge copied may then not be what it checked.
func (s *Source) unchanged(ctx context.Context) error {
	v, err := dataVersion(ctx, s.watch)
	if err != nil {
		return s.eng.store.wrap("read the data version of "+s.path, err)
	}
	if v != s.version {
		return fmt.Errorf("%s was changed by another program while it was being merged: merge again when nothing writes to it", s.path)
	}
	return nil
}

// Path is the database file.
func (s *Source) Path() string { return s.path }

// file is the file read: the database, or its updated copy.
func (s *Source) file() string {
	if s.update != "" {
		return s.update
	}
	return s.path
}

// Sessions are the database's sessions, the most recently changed first.
func (s *Source) Sessions() []SourceSession { return s.sessions }

// Close closes the database.
func (s *Source) Close() error {
	if s.watch != nil {
		s.watch.Close()
	}
	err := s.eng.Close()
	if s.update != "" {
		removeUpdatedCopy(s.update)
	}
	return err
}

// Records reads every session whole, as ImportRecords takes them: the
// slow way to merge a database, for one past the number SQLite attaches
// at once.
func (s *Source) Records(ctx context.Context) ([]Record, error) {
	out := make([]Record, 0, len(s.sessions))
	for _, ss := range s.sessions {
		rec, err := s.record(ctx, ss)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.path, err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// record reads one session as a record.
func (s *Source) record(ctx context.Context, ss SourceSession) (Record, error) {
	e, id := s.eng, ss.Session.ID
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return Record{}, err
	}
	rec := Record{Session: w.Session, Rounds: w.Rounds, Source: s.path, Head: ss.Head, ElementHashes: ss.ElementHashes}
	index := make(map[int64]int, len(w.Session.Participants))
	for i, pt := range w.Session.Participants {
		index[pt.ID] = i
	}
	err = e.EachCell(ctx, Viewer{Kind: ViewResearcher}, id, func(c Cell) error {
		r := c.Rating
		rec.Ratings = append(rec.Ratings, ImportedRating{Participant: index[r.ParticipantID], ElementID: r.ElementID,
			CriterionID: r.CriterionID, Round: r.Round, Value: r.Value, Abstain: r.Abstain, Comment: r.Comment, RatedAt: r.RatedAt})
		return nil
	})
	if err != nil {
		return Record{}, err
	}
	for _, n := range w.Notes {
		rec.Notes = append(rec.Notes, n)
	}
	slices.SortFunc(rec.Notes, func(a, b Note) int { return strings.Compare(a.StepKey, b.StepKey) })
	if rec.History, err = e.History(ctx, id); err != nil {
		return Record{}, err
	}
	return rec, nil
}

// allElementHashes reads the recorded element texts of every session.
func (s *Store) allElementHashes(ctx context.Context) (map[string]map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT session_id, element_id, content_hash FROM session_elements")
	if err != nil {
		return nil, s.wrap("read element texts", err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var id, el, h string
		if err := rows.Scan(&id, &el, &h); err != nil {
			return nil, s.wrap("read element texts", err)
		}
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][el] = h
	}
	return out, s.wrap("read element texts", rows.Err())
}

// ratingCounts counts the rating rows of every session.
func (s *Store) ratingCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT p.session_id, count(*) FROM "+sessionRatings+" GROUP BY p.session_id")
	if err != nil {
		return nil, s.wrap("count ratings", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, s.wrap("count ratings", err)
		}
		out[id] = n
	}
	return out, s.wrap("count ratings", rows.Err())
}
