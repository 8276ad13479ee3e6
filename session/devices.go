package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode"
)

// The rules of participants' own devices: the facilitator serves a
// session on the local network with a short join code; someone who knows
// the code claims a participant's name for their device, one device per
// name at a time; the device keeps a random token that signs it in again
// (the database holds only its hash); the facilitator releases a name
// (a lost phone, a wrong name picked), and a participant may release their
// own. Every change is a command with a history row, so the projector
// window of another process follows it through the change feed.

// Refusals of the device rules; they wrap into a RuleError.
var (
	// ErrNotServing: the session is not being served to devices.
	ErrNotServing = errors.New("not serving")
	// ErrBadJoinCode: the join code given is not the session's.
	ErrBadJoinCode = errors.New("wrong join code")
	// ErrNameClaimed: another device has claimed the participant's name.
	ErrNameClaimed = errors.New("name claimed by another device")
	// ErrUnknownDevice: no participant's name is claimed with the token.
	ErrUnknownDevice = errors.New("unknown device")
)

// JoinCodeDigits is the length of a join code: short enough to read off
// a projector and type on a phone's number pad; guessing is slowed down by
// the server that asks for it.
const JoinCodeDigits = 6

// ServeInfo is how a session is being served to devices: the address
// participants open, the join code they type, and whether the facilitator
// shows the join screen now (for late arrivals; the projector shows it
// too).
type ServeInfo struct {
	URL       string
	Code      string
	JoinShown bool
	Since     time.Time
}

// Device is a participant's name claimed by a device.
type Device struct {
	Participant Participant
	ClaimedAt   time.Time
}

// HashDeviceToken is how the database knows a device token: its SHA-256.
func HashDeviceToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// NormaliseJoinCode drops what people type around a code (spaces, dashes)
// so "482 913" is 482913.
func NormaliseJoinCode(code string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, code)
}

// newJoinCode is JoinCodeDigits random digits from crypto/rand.
func newJoinCode() (string, error) {
	var b strings.Builder
	for range JoinCodeDigits {
		n, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			return "", fmt.Errorf("make a join code: %w", err)
		}
		b.WriteByte(byte('0' + n.Int64()))
	}
	return b.String(), nil
}

// StartServing records that session id is served to devices at url, with
// a new join code, and returns what participants need. Serving again (a
// new address) replaces the address and the code; devices already signed
// in stay signed in.
func (e *Engine) StartServing(ctx context.Context, actor Actor, id, url string) (ServeInfo, error) {
	if err := facilitatorOnly(actor, "serve the session"); err != nil {
		return ServeInfo{}, err
	}
	code, err := newJoinCode()
	if err != nil {
		return ServeInfo{}, err
	}
	var info ServeInfo
	err = e.do(ctx, actor, func(t *txn) error {
		sess, err := t.loadSession(id)
		if err != nil {
			return err
		}
		old, was, err := t.serving(sess.ID)
		if err != nil {
			return err
		}
		info = ServeInfo{URL: url, Code: code, JoinShown: old.JoinShown, Since: t.now}
		if _, err := t.exec(`INSERT INTO serving (session_id, url, code, join_shown, started_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (session_id) DO UPDATE SET url = excluded.url, code = excluded.code, started_at = excluded.started_at`,
			sess.ID, url, code, boolInt(info.JoinShown), formatTime(t.now)); err != nil {
			return err
		}
		var before *string
		if was {
			before = &old.URL
		}
		// The code is not logged: the history is exported for research,
		// and a code is a key to the room, not a fact about the workshop.
		return t.log(sess.ID, "serving", sess.ID, "started", before, &url)
	})
	if err != nil {
		return ServeInfo{}, fmt.Errorf("serve session %s: %w", id, err)
	}
	return info, nil
}

// StopServing records that session id is no longer served: the join
// screen goes, and no device can join or rate until it is served again.
func (e *Engine) StopServing(ctx context.Context, actor Actor, id string) error {
	if err := facilitatorOnly(actor, "stop serving the session"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		old, was, err := t.serving(id)
		if err != nil || !was {
			return err
		}
		if _, err := t.exec("DELETE FROM serving WHERE session_id = ?", id); err != nil {
			return err
		}
		return t.log(id, "serving", id, "stopped", &old.URL, nil)
	})
}

// ShowJoin shows or hides the join screen (the address, the code, the QR
// code) on the facilitator's screen and the projector.
func (e *Engine) ShowJoin(ctx context.Context, actor Actor, id string, shown bool) error {
	if err := facilitatorOnly(actor, "show the join screen"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		old, was, err := t.serving(id)
		if err != nil {
			return err
		}
		if !was {
			return refuse(ErrNotServing, "session %s is not being served to devices: start serving first", id)
		}
		if old.JoinShown == shown {
			return nil
		}
		if _, err := t.exec("UPDATE serving SET join_shown = ? WHERE session_id = ?", boolInt(shown), id); err != nil {
			return err
		}
		return t.log(id, "serving", id, "join_shown", text(fmt.Sprint(old.JoinShown)), text(fmt.Sprint(shown)))
	})
}

// ClaimDevice signs a device in as a participant of session id: actor is
// ParticipantActor of the name picked, code the join code typed, token the
// device's random token (only its hash is stored). A name is claimed by
// one device at a time: another device's claim is refused with
// ErrNameClaimed until the facilitator releases it. Claiming again with
// the same token is harmless; a device that held another name gives it up.
func (e *Engine) ClaimDevice(ctx context.Context, actor Actor, id, code, token string) (Participant, error) {
	if actor.Kind != ActorParticipant {
		return Participant{}, refuse(ErrNotYours, "only a participant can claim their name for a device")
	}
	if len(token) < 16 {
		return Participant{}, invalid("a device token needs at least 16 characters")
	}
	hash := HashDeviceToken(token)
	var pt Participant
	err := e.do(ctx, actor, func(t *txn) error {
		sess, err := t.loadSession(id)
		if err != nil {
			return err
		}
		if err := t.checkCode(sess.ID, code); err != nil {
			return err
		}
		var ok bool
		if pt, ok = sess.ParticipantByUUID(actor.Participant); !ok {
			return fmt.Errorf("participant %s in session %s: %w", actor.Participant, sess.ID, ErrNotFound)
		}
		var holder string
		err = t.queryRow("SELECT token_hash FROM devices WHERE participant_id = ?", pt.ID).Scan(&holder)
		switch {
		case err == nil && holder == hash:
			return nil
		case err == nil:
			return refuse(ErrNameClaimed, "%s is signed in on another device: ask the facilitator to release it", pt.Name)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if err := t.dropDevice(sess, hash); err != nil {
			return err
		}
		if _, err := t.exec("INSERT INTO devices (token_hash, session_id, participant_id, claimed_at) VALUES (?, ?, ?, ?)",
			hash, sess.ID, pt.ID, formatTime(t.now)); err != nil {
			return err
		}
		return t.log(sess.ID, "device", pt.UUID, "claimed", nil, &pt.Name)
	})
	if err != nil {
		return Participant{}, err
	}
	return pt, nil
}

// dropDevice releases whatever name the token holds in the session.
func (t *txn) dropDevice(sess Session, hash string) error {
	var pid int64
	err := t.queryRow("SELECT participant_id FROM devices WHERE token_hash = ? AND session_id = ?", hash, sess.ID).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = t.exec("DELETE FROM devices WHERE token_hash = ?", hash) // a claim in another session
		return err
	}
	if err != nil {
		return err
	}
	old, _ := sess.participantByID(pid)
	return t.release(sess.ID, old)
}

// ReleaseDevice signs out the device that holds a participant's name (a
// lost phone, a wrong name picked): the facilitator may release anyone, a
// participant only themselves. Releasing a name no device holds writes
// nothing.
func (e *Engine) ReleaseDevice(ctx context.Context, actor Actor, id, participantUUID string) error {
	if actor.Kind == ActorParticipant && actor.Participant != participantUUID {
		return refuse(ErrNotYours, "a participant can release only their own device")
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, err := t.loadSession(id)
		if err != nil {
			return err
		}
		pt, ok := sess.ParticipantByUUID(participantUUID)
		if !ok {
			return fmt.Errorf("participant %s in session %s: %w", participantUUID, sess.ID, ErrNotFound)
		}
		return t.release(sess.ID, pt)
	})
}

// release deletes a participant's device, if any, and logs it.
func (t *txn) release(sessionID string, pt Participant) error {
	res, err := t.exec("DELETE FROM devices WHERE participant_id = ?", pt.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return t.log(sessionID, "device", pt.UUID, "released", &pt.Name, nil)
}

// serving reads a session's serving row in the transaction.
func (t *txn) serving(id string) (ServeInfo, bool, error) {
	return scanServing(t.queryRow("SELECT url, code, join_shown, started_at FROM serving WHERE session_id = ?", id))
}

// checkCode is the join rule: the session is served and the code is its
// own. The comparison takes the same time whatever digits match.
func (t *txn) checkCode(id, code string) error {
	info, ok, err := t.serving(id)
	if err != nil {
		return err
	}
	return info.check(ok, code)
}

func (info ServeInfo) check(serving bool, code string) error {
	if !serving {
		return refuse(ErrNotServing, "this session is not open to devices now: ask the facilitator")
	}
	if subtle.ConstantTimeCompare([]byte(NormaliseJoinCode(code)), []byte(info.Code)) != 1 {
		return refuse(ErrBadJoinCode, "that is not the join code: check the code on the screen")
	}
	return nil
}

func scanServing(row *sql.Row) (ServeInfo, bool, error) {
	var info ServeInfo
	var shown int
	var since string
	err := row.Scan(&info.URL, &info.Code, &shown, &since)
	if errors.Is(err, sql.ErrNoRows) {
		return ServeInfo{}, false, nil
	}
	if err != nil {
		return ServeInfo{}, false, err
	}
	info.JoinShown, info.Since = shown == 1, parseTime(since)
	return info, true, nil
}
