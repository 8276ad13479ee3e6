package session

import (
	"context"
	"database/sql"
	"errors"

	"github.com/trustshop/trustshop/content"
)

// Serving reads how session id is served to devices; ok is false when it
// is not. Another process on the same database (the projector window)
// reads it too, and follows its changes through the feed: history rows of
// entity "serving" (fields started, stopped, join_shown).
func (e *Engine) Serving(ctx context.Context, id string) (info ServeInfo, ok bool, err error) {
	info, ok, err = scanServing(e.store.db.QueryRowContext(ctx,
		"SELECT url, code, join_shown, started_at FROM serving WHERE session_id = ?", id))
	return info, ok, e.store.wrap("read serving", err)
}

// CheckJoinCode answers "does this code let a device in to session id
// now?": nil, or a RuleError wrapping ErrNotServing or ErrBadJoinCode.
// ClaimDevice asks the same again when it commits.
func (e *Engine) CheckJoinCode(ctx context.Context, id, code string) error {
	info, ok, err := e.Serving(ctx, id)
	if err != nil {
		return err
	}
	return info.check(ok, code)
}

// DeviceParticipant is the participant of session id whose name the
// device with token has claimed, or a RuleError wrapping ErrUnknownDevice
// (never claimed, released, or claimed in another session).
func (e *Engine) DeviceParticipant(ctx context.Context, id, token string) (Participant, error) {
	var p Participant
	err := e.store.db.QueryRowContext(ctx, `SELECT p.id, p.uuid, p.name, p.role, p.organisation
		FROM devices d JOIN participants p ON p.id = d.participant_id
		WHERE d.token_hash = ? AND d.session_id = ?`, HashDeviceToken(token), id).
		Scan(&p.ID, &p.UUID, &p.Name, &p.Role, &p.Organisation)
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, refuse(ErrUnknownDevice, "this device is not signed in to the session: join again")
	}
	return p, e.store.wrap("read device", err)
}

// Devices lists the participants of session id signed in on a device, in
// the session's order of participants.
func (e *Engine) Devices(ctx context.Context, id string) ([]Device, error) {
	rows, err := e.store.db.QueryContext(ctx, `SELECT p.id, p.uuid, p.name, p.role, p.organisation, d.claimed_at
		FROM devices d JOIN participants p ON p.id = d.participant_id
		WHERE d.session_id = ? ORDER BY p.position, p.id`, id)
	if err != nil {
		return nil, e.store.wrap("read devices", err)
	}
	defer rows.Close()
	var out []Device
	for rows.Next() {
		var d Device
		var at string
		if err := rows.Scan(&d.Participant.ID, &d.Participant.UUID, &d.Participant.Name, &d.Participant.Role,
			&d.Participant.Organisation, &at); err != nil {
			return nil, e.store.wrap("read devices", err)
		}
		d.ClaimedAt = parseTime(at)
		out = append(out, d)
	}
	return out, e.store.wrap("read devices", rows.Err())
}

// DeviceElements lists the elements participants' devices may rate now,
// in pack order: none (DevicesOff), the element of the facilitator's
// current agenda step (DevicesStep), or every element (DevicesAll). It is
// the rule MayWrite applies to a participant; a device page asks it to
// know what to show.
func (w Workshop) DeviceElements() []content.Element {
	rule := writeRule{sess: w.Session, pack: w.Pack}
	var out []content.Element
	for _, el := range w.Pack.Elements {
		if rule.devicesMayRate(el.ID) {
			out = append(out, el)
		}
	}
	return out
}
