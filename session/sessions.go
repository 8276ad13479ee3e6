package session

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
)

// NewSession is what a facilitator gives to start a session.
type NewSession struct {
	Title        string
	Facilitator  string
	Organisation string
	Date         string // YYYY-MM-DD; today when empty
	PackDir      string // "" for the embedded pack
	Site         string // where the workshop runs, e.g. "Munich, TUM"
	SourceHash   string // for an import: "sha256:<hex>" of the file it came from
	Participants []Participant
}

// Validate checks the input against the pack it will run on. It returns
// every problem at once, each wrapping ErrInvalid.
func (in NewSession) Validate(p *content.Pack) error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, invalid(format, args...))
	}
	if strings.TrimSpace(in.Title) == "" {
		bad("a session needs a title")
	}
	if strings.TrimSpace(in.Facilitator) == "" {
		bad("a session needs a facilitator")
	}
	for _, f := range []struct{ name, value string }{{"the title", in.Title}, {"the facilitator", in.Facilitator},
		{"the organisation", in.Organisation}, {"the site", in.Site}} {
		if err := checkText(f.name, f.value, MaxTitleLen, false); err != nil {
			errs = append(errs, err)
		}
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
		if err := checkText(fmt.Sprintf("participant %q", short(name)), name, MaxNameLen, false); err != nil {
			errs = append(errs, err)
		}
		if err := checkText(fmt.Sprintf("the organisation of %q", short(name)), pt.Organisation, MaxNameLen, false); err != nil {
			errs = append(errs, err)
		}
		if _, ok := p.Persona(pt.Role); !ok {
			bad("participant %q: unknown role %q (the pack %s has: %s)", name, pt.Role, p.ID, strings.Join(roles, ", "))
		}
	}
	return errors.Join(errs...)
}

func validDate(s string) bool {
	t, err := time.Parse("2006-01-02", s)
	return err == nil && t.Year() >= 1900 && t.Year() <= 2999
}

// newID returns a short random session id: 8 hex digits are easy to type
// and collide about once in four billion (the insert retries if they do).
func newID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Sessions lists every session, the most recently changed first.
func (s *Store) Sessions(ctx context.Context) ([]Summary, error) {
	return s.listSessions(ctx, "")
}

// listSessions lists the sessions that match where (with its args), the
// most recently changed first.
func (s *Store) listSessions(ctx context.Context, where string, args ...any) ([]Summary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title, s.facilitator, s.organisation, s.date, s.pack_id,
			s.site, s.source_hash, s.status, s.step, s.steps, s.updated_at,
			(SELECT count(*) FROM participants p WHERE p.session_id = s.id),
			(SELECT count(*) FROM `+sessionRatings+` WHERE p.session_id = s.id AND (r.value IS NOT NULL OR r.abstain = 1))
		FROM sessions s `+where+` ORDER BY s.updated_at DESC, s.id`, args...)
	if err != nil {
		return nil, s.wrap("list sessions", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var x Summary
		var updated string
		if err := rows.Scan(&x.ID, &x.Title, &x.Facilitator, &x.Organisation, &x.Date, &x.PackID,
			&x.Site, &x.SourceHash, &x.Status, &x.Step, &x.Steps, &updated, &x.Participants, &x.Ratings); err != nil {
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
	x, err := scanSession(s.db.QueryRowContext(ctx, sessionColumns+" WHERE id = ?", id))
	if err != nil {
		return Session{}, s.wrap("read session "+id, notFound(err, "session "+id))
	}
	rows, err := s.db.QueryContext(ctx, participantColumns+" WHERE session_id = ? ORDER BY position, id", id)
	if err != nil {
		return Session{}, s.wrap("read participants", err)
	}
	x.Participants, err = scanParticipants(rows)
	return x, s.wrap("read participants", err)
}

const sessionColumns = `SELECT id, title, facilitator, organisation, date, pack_id, pack_version, pack_hash, pack_dir,
	site, source_hash, device_rating, consensus, status, step, steps, created_at, updated_at FROM sessions`

// scanSession reads a row of sessionColumns (a *sql.Row or *sql.Rows).
func scanSession(row interface{ Scan(...any) error }) (Session, error) {
	var x Session
	var created, updated string
	err := row.Scan(&x.ID, &x.Title, &x.Facilitator, &x.Organisation, &x.Date, &x.PackID, &x.PackVersion,
		&x.PackHash, &x.PackDir, &x.Site, &x.SourceHash, &x.DeviceRating, &x.consensus, &x.Status, &x.Step, &x.Steps, &created, &updated)
	x.CreatedAt, x.UpdatedAt = parseTime(created), parseTime(updated)
	return x, err
}

const participantColumns = `SELECT id, uuid, name, role, organisation, coalesce(joined_at, '') FROM participants`

// scanParticipants reads the rows of participantColumns and closes them.
func scanParticipants(rows *sql.Rows) ([]Participant, error) {
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		var p Participant
		var joined string
		if err := rows.Scan(&p.ID, &p.UUID, &p.Name, &p.Role, &p.Organisation, &joined); err != nil {
			return nil, err
		}
		if joined != "" {
			p.Joined = parseTime(joined)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const roundColumns = `SELECT element_id, round, opened_at, closed_at, revealed_room_at, revealed_devices_at FROM element_rounds`

// scanRounds reads the rows of roundColumns, ordered by element and
// round, and closes them.
func scanRounds(rows *sql.Rows) (Rounds, error) {
	defer rows.Close()
	out := Rounds{}
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, err
		}
		out[r.ElementID] = append(out[r.ElementID], r)
	}
	return out, rows.Err()
}

// scanRound reads the columns of roundColumns, after those in lead.
func scanRound(rows *sql.Rows, lead ...any) (ElementRound, error) {
	var r ElementRound
	var opened string
	var closed, room, devices sql.NullString
	if err := rows.Scan(append(lead, &r.ElementID, &r.Round, &opened, &closed, &room, &devices)...); err != nil {
		return ElementRound{}, err
	}
	r.OpenedAt = parseTime(opened)
	r.ClosedAt, r.RevealedRoomAt, r.RevealedDevicesAt = nullTime(closed), nullTime(room), nullTime(devices)
	return r, nil
}

func nullTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	return parseTime(s.String)
}

// Rounds returns the recorded rounds of a session's elements.
func (s *Store) Rounds(ctx context.Context, sessionID string) (Rounds, error) {
	rows, err := s.db.QueryContext(ctx, roundColumns+" WHERE session_id = ? ORDER BY element_id, round", sessionID)
	if err != nil {
		return nil, s.wrap("read rounds", err)
	}
	out, err := scanRounds(rows)
	return out, s.wrap("read rounds", err)
}

// notFound maps sql.ErrNoRows to ErrNotFound.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}
