package session

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// NewSession is what a facilitator gives to start a session.
type NewSession struct {
	Title        string
	Facilitator  string
	Organisation string
	Date         string // YYYY-MM-DD; today when empty
	PackDir      string // "" for the embedded pack
	Participants []Participant
}

// Validate checks the input against the pack it will run on. It returns
// every problem at once, each wrapping ErrInvalid.
func (in NewSession) Validate(p *content.Pack) error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...))
	}
	if strings.TrimSpace(in.Title) == "" {
		bad("a session needs a title")
	}
	if strings.TrimSpace(in.Facilitator) == "" {
		bad("a session needs a facilitator")
	}
	if in.Date != "" && !validDate(in.Date) {
		bad("date %q: use YYYY-MM-DD", in.Date)
	}
	roles := make([]string, len(p.Personas))
	for i, x := range p.Personas {
		roles[i] = x.ID
	}
	seen := map[string]bool{}
	for _, pt := range in.Participants {
		name := strings.TrimSpace(pt.Name)
		switch {
		case name == "":
			bad("a participant needs a name or alias")
		case seen[strings.ToLower(name)]:
			bad("participant %q is listed twice", name)
		}
		seen[strings.ToLower(name)] = true
		if _, ok := p.Persona(pt.Role); !ok {
			bad("participant %q: unknown role %q (the pack %s has: %s)", name, pt.Role, p.ID, strings.Join(roles, ", "))
		}
	}
	return errors.Join(errs...)
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	d, e3 := strconv.Atoi(s[8:])
	return e1 == nil && e2 == nil && e3 == nil && y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// newID returns a short random session id: 8 hex digits are easy to type
// and collide about once in four billion (the insert retries if they do).
func newID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// CreateSession validates in against the pack and stores a new session with
// its participants.
func (s *Store) CreateSession(ctx context.Context, p *content.Pack, in NewSession) (Session, error) {
	if err := in.Validate(p); err != nil {
		return Session{}, err
	}
	var sess Session
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		sess, err = s.insertSession(ctx, tx, p, in, StatusPlanned)
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("create session: %w", err)
	}
	return sess, nil
}

// insertSession stores a validated new session with its participants, in
// the caller's transaction, and logs their creation.
func (s *Store) insertSession(ctx context.Context, tx *sql.Tx, p *content.Pack, in NewSession, status Status) (Session, error) {
	now := s.now()
	if in.Date == "" {
		in.Date = now.Format("2006-01-02")
	}
	sess := Session{
		Title: strings.TrimSpace(in.Title), Facilitator: strings.TrimSpace(in.Facilitator),
		Organisation: strings.TrimSpace(in.Organisation), Date: in.Date,
		PackID: p.ID, PackVersion: p.Version, PackHash: p.ContentHash, PackDir: in.PackDir,
		Status: status, Steps: len(p.Agenda), CreatedAt: now, UpdatedAt: now,
	}
	if status == StatusFinished && sess.Steps > 0 {
		sess.Step = sess.Steps - 1
	}
	for attempt := 0; ; attempt++ {
		sess.ID = newID()
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, title, facilitator, organisation, date,
			pack_id, pack_version, pack_hash, pack_dir, status, step, steps, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sess.ID, sess.Title, sess.Facilitator, sess.Organisation, sess.Date,
			sess.PackID, sess.PackVersion, sess.PackHash, sess.PackDir, sess.Status, sess.Step, sess.Steps,
			formatTime(now), formatTime(now))
		if isUnique(err) && attempt < 5 {
			continue
		}
		if err != nil {
			return Session{}, err
		}
		break
	}
	if err := logChange(ctx, tx, now, sess.ID, "session", sess.ID, "created", nil, &sess.Title); err != nil {
		return Session{}, err
	}
	for i, pt := range in.Participants {
		pt.Name, pt.Organisation = strings.TrimSpace(pt.Name), strings.TrimSpace(pt.Organisation)
		res, err := tx.ExecContext(ctx, `INSERT INTO participants (session_id, position, name, role, organisation)
			VALUES (?, ?, ?, ?, ?)`, sess.ID, i, pt.Name, pt.Role, pt.Organisation)
		if err != nil {
			return Session{}, err
		}
		pt.ID, _ = res.LastInsertId()
		desc := pt.Name + ":" + pt.Role + ":" + pt.Organisation
		if err := logChange(ctx, tx, now, sess.ID, "participant", strconv.FormatInt(pt.ID, 10), "added", nil, &desc); err != nil {
			return Session{}, err
		}
		sess.Participants = append(sess.Participants, pt)
	}
	return sess, nil
}

// Sessions lists every session, the most recently changed first.
func (s *Store) Sessions(ctx context.Context) ([]Summary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title, s.facilitator, s.organisation, s.date, s.pack_id,
			s.status, s.step, s.steps, s.updated_at,
			(SELECT count(*) FROM participants p WHERE p.session_id = s.id),
			(SELECT count(*) FROM ratings r WHERE r.session_id = s.id AND (r.value IS NOT NULL OR r.abstain = 1))
		FROM sessions s ORDER BY s.updated_at DESC, s.id`)
	if err != nil {
		return nil, s.wrap("list sessions", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var x Summary
		var updated string
		if err := rows.Scan(&x.ID, &x.Title, &x.Facilitator, &x.Organisation, &x.Date, &x.PackID,
			&x.Status, &x.Step, &x.Steps, &updated, &x.Participants, &x.Ratings); err != nil {
			return nil, s.wrap("list sessions", err)
		}
		x.UpdatedAt = parseTime(updated)
		out = append(out, x)
	}
	return out, s.wrap("list sessions", rows.Err())
}

// Resolve returns the full id of the session that id names: the id itself
// or a unique prefix of at least four characters.
func (s *Store) Resolve(ctx context.Context, id string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", fmt.Errorf("session id is empty: %w", ErrNotFound)
	}
	var full string
	err := s.db.QueryRowContext(ctx, "SELECT id FROM sessions WHERE id = ?", id).Scan(&full)
	if err == nil {
		return full, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", s.wrap("find session", err)
	}
	if len(id) >= 4 {
		rows, err := s.db.QueryContext(ctx, "SELECT id FROM sessions WHERE substr(id, 1, ?) = ? LIMIT 2", len(id), id)
		if err != nil {
			return "", s.wrap("find session", err)
		}
		defer rows.Close()
		var ids []string
		for rows.Next() {
			if err := rows.Scan(&full); err != nil {
				return "", s.wrap("find session", err)
			}
			ids = append(ids, full)
		}
		switch len(ids) {
		case 1:
			return ids[0], nil
		case 2:
			return "", fmt.Errorf("session %q: %w: more than one session starts with it; type more of the id", id, ErrAmbiguous)
		}
	}
	if len(id) < 4 {
		return "", fmt.Errorf("session %q: %w: give the whole id or at least its first 4 characters (list them with: trustshop sessions)", id, ErrNotFound)
	}
	return "", fmt.Errorf("session %q: %w (list them with: trustshop sessions)", id, ErrNotFound)
}

// Session returns the session with its participants; id may be a prefix.
func (s *Store) Session(ctx context.Context, id string) (Session, error) {
	id, err := s.Resolve(ctx, id)
	if err != nil {
		return Session{}, err
	}
	var x Session
	var created, updated string
	err = s.db.QueryRowContext(ctx, `SELECT id, title, facilitator, organisation, date, pack_id, pack_version,
		pack_hash, pack_dir, status, step, steps, created_at, updated_at FROM sessions WHERE id = ?`, id).Scan(
		&x.ID, &x.Title, &x.Facilitator, &x.Organisation, &x.Date, &x.PackID, &x.PackVersion,
		&x.PackHash, &x.PackDir, &x.Status, &x.Step, &x.Steps, &created, &updated)
	if err != nil {
		return Session{}, s.wrap("read session "+id, err)
	}
	x.CreatedAt, x.UpdatedAt = parseTime(created), parseTime(updated)
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, role, organisation FROM participants
		WHERE session_id = ? ORDER BY position, id`, id)
	if err != nil {
		return Session{}, s.wrap("read participants", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Participant
		if err := rows.Scan(&p.ID, &p.Name, &p.Role, &p.Organisation); err != nil {
			return Session{}, s.wrap("read participants", err)
		}
		x.Participants = append(x.Participants, p)
	}
	return x, s.wrap("read participants", rows.Err())
}

// DeleteSession removes a session with everything that belongs to it.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	id, err := s.Resolve(ctx, id)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", id)
		return err
	})
}

// SetStep records where the agenda stands; reaching a step marks a planned
// session as running.
func (s *Store) SetStep(ctx context.Context, id string, step int) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var old int
		var status Status
		if err := tx.QueryRowContext(ctx, "SELECT step, status FROM sessions WHERE id = ?", id).Scan(&old, &status); err != nil {
			return notFound(err, "session "+id)
		}
		if status == StatusPlanned {
			status = StatusRunning
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET step = ?, status = ?, updated_at = ? WHERE id = ?",
			step, status, formatTime(now), id); err != nil {
			return err
		}
		if old == step {
			return nil
		}
		o, n := strconv.Itoa(old), strconv.Itoa(step)
		return logChange(ctx, tx, now, id, "session", id, "step", &o, &n)
	})
}

// SetStatus changes a session's status.
func (s *Store) SetStatus(ctx context.Context, id string, status Status) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM sessions WHERE id = ?", id).Scan(&old); err != nil {
			return notFound(err, "session "+id)
		}
		if old == string(status) {
			return nil
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?", status, formatTime(now), id); err != nil {
			return err
		}
		n := string(status)
		return logChange(ctx, tx, now, id, "session", id, "status", &old, &n)
	})
}

// notFound maps sql.ErrNoRows to ErrNotFound.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}
