package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/trustshop/trustshop/content"
)

// CreateSession validates in against pack p and stores a new, planned
// session; every participant gets a stable UUID.
func (e *Engine) CreateSession(ctx context.Context, actor Actor, p *content.Pack, in NewSession) (Session, error) {
	if err := in.Validate(p); err != nil {
		return Session{}, err
	}
	var sess Session
	err := e.do(ctx, actor, func(t *txn) error {
		var err error
		sess, err = t.insertSession(p, in, StatusPlanned)
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("create session: %w", err)
	}
	return sess, nil
}

// insertSession stores a validated new session with its participants and
// logs their creation.
func (t *txn) insertSession(p *content.Pack, in NewSession, status Status) (Session, error) {
	if in.Date == "" {
		in.Date = t.now.Format("2006-01-02")
	}
	sess := Session{
		Title: strings.TrimSpace(in.Title), Facilitator: strings.TrimSpace(in.Facilitator),
		Organisation: strings.TrimSpace(in.Organisation), Date: in.Date, Site: strings.TrimSpace(in.Site),
		PackID: p.ID, PackVersion: p.Version, PackHash: p.ContentHash, PackDir: in.PackDir, SourceHash: in.SourceHash,
		DeviceRating: DevicesStep, Consensus: PackRule(p), Status: status, Steps: len(p.Agenda), CreatedAt: t.now, UpdatedAt: t.now,
	}
	if status == StatusFinished && sess.Steps > 0 {
		sess.Step = sess.Steps - 1
	}
	for attempt := 0; ; attempt++ {
		sess.ID = newID()
		_, err := t.exec(`INSERT INTO sessions (id, title, facilitator, organisation, date, pack_id, pack_version,
			pack_hash, pack_dir, site, source_hash, device_rating, consensus, status, step, steps, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sess.ID, sess.Title, sess.Facilitator, sess.Organisation, sess.Date, sess.PackID, sess.PackVersion,
			sess.PackHash, sess.PackDir, sess.Site, sess.SourceHash, sess.DeviceRating, encodeRule(sess.Consensus), sess.Status, sess.Step, sess.Steps,
			formatTime(t.now), formatTime(t.now))
		if isUnique(err) && attempt < 5 {
			continue
		}
		if err != nil {
			return Session{}, err
		}
		break
	}
	if err := t.saveElementHashes(sess.ID, ElementHashes(p)); err != nil {
		return Session{}, err
	}
	if err := t.log(sess.ID, "session", sess.ID, "created", nil, &sess.Title); err != nil {
		return Session{}, err
	}
	if sess.Site != "" {
		if err := t.log(sess.ID, "session", sess.ID, "site", nil, &sess.Site); err != nil {
			return Session{}, err
		}
	}
	for i, pt := range in.Participants {
		pt, err := t.insertParticipant(sess.ID, i, pt)
		if err != nil {
			return Session{}, err
		}
		sess.Participants = append(sess.Participants, pt)
	}
	return sess, nil
}

// insertParticipant adds a participant at a position with a new UUID.
func (t *txn) insertParticipant(sessionID string, position int, pt Participant) (Participant, error) {
	pt.Name, pt.Organisation = strings.TrimSpace(pt.Name), strings.TrimSpace(pt.Organisation)
	if pt.UUID == "" {
		pt.UUID = uuid.NewString()
	}
	res, err := t.exec(`INSERT INTO participants (session_id, position, name, role, organisation, uuid)
		VALUES (?, ?, ?, ?, ?, ?)`, sessionID, position, pt.Name, pt.Role, pt.Organisation, pt.UUID)
	if err != nil {
		return Participant{}, err
	}
	pt.ID, _ = res.LastInsertId()
	desc := pt.Name + ":" + pt.Role + ":" + pt.Organisation
	return pt, t.log(sessionID, "participant", pt.UUID, "added", nil, &desc)
}

// AddParticipant adds a participant to a session already under way (late
// arrivals are common); the new participant comes last.
func (e *Engine) AddParticipant(ctx context.Context, actor Actor, id string, pt Participant) (Participant, error) {
	if err := facilitatorOnly(actor, "add a participant"); err != nil {
		return Participant{}, err
	}
	var out Participant
	err := e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		if err := checkParticipant(p, sess.Participants, pt, -1); err != nil {
			return err
		}
		var pos int
		if err := t.queryRow("SELECT coalesce(max(position), -1) + 1 FROM participants WHERE session_id = ?", sess.ID).Scan(&pos); err != nil {
			return err
		}
		if out, err = t.insertParticipant(sess.ID, pos, pt); err != nil {
			return err
		}
		// late: a round closed before now is not theirs to rate
		out.Joined = t.now
		if _, err := t.exec("UPDATE participants SET joined_at = ? WHERE id = ?", formatTime(t.now), out.ID); err != nil {
			return err
		}
		return t.touch(sess.ID)
	})
	return out, err
}

// RenameParticipant changes a participant's name (a wrong spelling, an
// alias); ratings and history follow the participant, not the name.
func (e *Engine) RenameParticipant(ctx context.Context, actor Actor, id string, participantID int64, name string) error {
	if err := facilitatorOnly(actor, "rename a participant"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		old, ok := sess.participantByID(participantID)
		if !ok {
			return fmt.Errorf("participant %d in session %s: %w", participantID, sess.ID, ErrNotFound)
		}
		renamed := old
		renamed.Name = strings.TrimSpace(name)
		if renamed.Name == old.Name {
			return nil
		}
		if err := checkParticipant(p, sess.Participants, renamed, participantID); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE participants SET name = ? WHERE id = ?", renamed.Name, participantID); err != nil {
			return err
		}
		if err := t.log(sess.ID, "participant", old.UUID, "name", &old.Name, &renamed.Name); err != nil {
			return err
		}
		return t.touch(sess.ID)
	})
}

// checkParticipant checks a new or renamed participant: a name that fits
// and is not taken (in any case) by another, a role of the pack.
func checkParticipant(p *content.Pack, others []Participant, pt Participant, self int64) error {
	name := strings.TrimSpace(pt.Name)
	if name == "" {
		return invalid("a participant needs a name or alias")
	}
	if err := checkText("the name", name, MaxNameLen, false); err != nil {
		return err
	}
	if err := checkText("the organisation", pt.Organisation, MaxNameLen, false); err != nil {
		return err
	}
	for _, o := range others {
		if o.ID != self && strings.EqualFold(o.Name, name) {
			return fmt.Errorf("%w: the session has a participant called %q already", ErrConflict, o.Name)
		}
	}
	if _, ok := p.Persona(pt.Role); !ok {
		return invalid("participant %q: unknown role %q (the pack %s has: %s)", name, pt.Role, p.ID, strings.Join(roleIDs(p), ", "))
	}
	return nil
}

func roleIDs(p *content.Pack) []string {
	out := make([]string, len(p.Personas))
	for i, x := range p.Personas {
		out[i] = x.ID
	}
	return out
}

// SetTitle changes a session's title.
func (e *Engine) SetTitle(ctx context.Context, actor Actor, id, title string) error {
	title = strings.TrimSpace(title)
	if title == "" {
		return invalid("a session needs a title")
	}
	if err := checkText("the title", title, MaxTitleLen, false); err != nil {
		return err
	}
	return e.setSessionText(ctx, actor, id, "title", title)
}

// SetSite records where a session ran ("" clears it), so that a study
// merged from several laptops keeps its sites apart.
func (e *Engine) SetSite(ctx context.Context, actor Actor, id, site string) error {
	site = strings.TrimSpace(site)
	if err := checkText("the site", site, MaxTitleLen, false); err != nil {
		return err
	}
	return e.setSessionText(ctx, actor, id, "site", site)
}

func (e *Engine) setSessionText(ctx context.Context, actor Actor, id, column, value string) error {
	if err := facilitatorOnly(actor, "change the session"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		var old string
		if err := t.queryRow("SELECT "+column+" FROM sessions WHERE id = ?", id).Scan(&old); err != nil {
			return notFoundIn(err, id)
		}
		if old == value {
			return nil
		}
		if _, err := t.exec("UPDATE sessions SET "+column+" = ?, updated_at = ? WHERE id = ?", value, formatTime(t.now), id); err != nil {
			return err
		}
		return t.log(id, "session", id, column, &old, &value)
	})
}

// SetDeviceRating says which elements participants may rate from their
// own devices.
func (e *Engine) SetDeviceRating(ctx context.Context, actor Actor, id string, mode DeviceRating) error {
	if _, err := ParseDeviceRating(string(mode)); err != nil {
		return err
	}
	return e.setSessionText(ctx, actor, id, "device_rating", string(mode))
}

// DeleteSession removes a session with everything that belongs to it.
func (e *Engine) DeleteSession(ctx context.Context, actor Actor, id string) error {
	id, err := e.store.Resolve(ctx, id)
	if err != nil {
		return err
	}
	if err := facilitatorOnly(actor, "delete a session"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		_, err := t.exec("DELETE FROM sessions WHERE id = ?", id)
		return err
	})
}

// facilitatorOnly refuses a participant's device what only the
// facilitator (or the command line, or an import) may do.
func facilitatorOnly(actor Actor, what string) error {
	if actor.Kind == ActorParticipant {
		return refuse(ErrNotYours, "only the facilitator can %s", what)
	}
	return nil
}

// sessionInTx loads a session and its pack inside a command.
func (e *Engine) sessionInTx(t *txn, id string) (Session, *content.Pack, error) {
	sess, err := t.loadSession(id)
	if err != nil {
		return Session{}, nil, err
	}
	p, _, err := e.PackOf(sess)
	if err == nil {
		sess.Consensus = decodeRule(sess.consensus, p)
	}
	return sess, p, err
}

// notFoundIn maps a missing row of a session to the error of a session
// that is not there.
func notFoundIn(err error, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return sessionGone(id)
	}
	return err
}
