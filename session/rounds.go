package session

import (
	"fmt"
	"strconv"
	"time"

	"github.com/trustshop/trustshop/content"
)

// ElementRound is where one round of one element stands. Rounds are per
// element: a Delphi round 2 on the contested elements leaves the others in
// round 1. A round is open until it is closed, revealed, or followed by the
// next round; revealing closes it, since ratings given after the group has
// seen the results would be anchored on them.
type ElementRound struct {
	ElementID         string
	Round             int
	OpenedAt          time.Time
	ClosedAt          time.Time // zero while open
	RevealedRoomAt    time.Time // zero until revealed to the room (the projector)
	RevealedDevicesAt time.Time // zero until revealed to participants' devices
}

// Open reports whether the round takes ratings.
func (r ElementRound) Open() bool { return r.ClosedAt.IsZero() }

// RevealedToRoom reports whether the room has seen the round's results.
func (r ElementRound) RevealedToRoom() bool { return !r.RevealedRoomAt.IsZero() }

// RevealedToDevices reports whether participants' devices show the results.
func (r ElementRound) RevealedToDevices() bool { return !r.RevealedDevicesAt.IsZero() }

// Revealed reports whether the results were shown to anyone.
func (r ElementRound) Revealed() bool { return r.RevealedToRoom() || r.RevealedToDevices() }

// RoundKey names one round of one element.
type RoundKey struct {
	ElementID string
	Round     int
}

// String names the round in history rows: element/round.
func (k RoundKey) String() string { return k.ElementID + "/" + strconv.Itoa(k.Round) }

// Rounds are the rounds of a session's elements, each element's in
// ascending order. An element with none recorded is in round 1, open.
type Rounds map[string][]ElementRound

// Current is the element's latest round.
func (rs Rounds) Current(element string) ElementRound {
	list := rs[element]
	if len(list) == 0 {
		return ElementRound{ElementID: element, Round: 1}
	}
	return list[len(list)-1]
}

// Get returns one round of an element; ok is false for a round that was
// never opened (round 1 always was).
func (rs Rounds) Get(element string, round int) (ElementRound, bool) {
	for _, r := range rs[element] {
		if r.Round == round {
			return r, true
		}
	}
	if round == 1 && len(rs[element]) == 0 {
		return ElementRound{ElementID: element, Round: 1}, true
	}
	return ElementRound{}, false
}

// Max is the highest round of any element: how many rounds the session ran.
func (rs Rounds) Max() int {
	n := 1
	for _, list := range rs {
		if len(list) > 0 {
			n = max(n, list[len(list)-1].Round)
		}
	}
	return n
}

// Audience is who a reveal shows the results to.
type Audience string

// The audiences of a reveal.
const (
	AudienceRoom    Audience = "room"    // the projector and the facilitator's screens
	AudienceDevices Audience = "devices" // the participants' own devices
)

// DeviceRating says which elements participants may rate from their own
// devices: none, the element on the facilitator's screen, or every element
// (self-paced rating).
type DeviceRating string

// The device rating modes.
const (
	DevicesOff  DeviceRating = "off"
	DevicesStep DeviceRating = "step"
	DevicesAll  DeviceRating = "all"
)

// ParseDeviceRating reads a DeviceRating.
func ParseDeviceRating(s string) (DeviceRating, error) {
	switch d := DeviceRating(s); d {
	case DevicesOff, DevicesStep, DevicesAll:
		return d, nil
	}
	return "", invalid("device rating %q: use off, step or all", s)
}

// writeRule is what the rule for writing a cell needs to know.
type writeRule struct {
	sess   Session
	pack   *content.Pack
	rounds Rounds
	actor  Actor
	reason string // a correction's reason
}

// checkWrite decides whether the actor may write cell k now: the rule every
// writer (the grid, pass-the-laptop, a device, the command line, an import)
// goes through. The cell is checked against the pack by RatingKey.validate.
func (w writeRule) checkWrite(k RatingKey) error {
	el, _ := w.pack.Element(k.ElementID)
	pt, ok := w.sess.participantByID(k.ParticipantID)
	if !ok {
		return fmt.Errorf("participant %d in session %s: %w", k.ParticipantID, w.sess.ID, ErrNotFound)
	}
	if w.actor.Kind == ActorParticipant {
		if pt.UUID != w.actor.Participant {
			return refuse(ErrNotYours, "a participant can rate only for themselves")
		}
		if w.reason != "" {
			return refuse(ErrNotYours, "only the facilitator can correct a closed round")
		}
		if !w.devicesMayRate(k.ElementID) {
			return refuse(ErrDevicesClosed, "%q is not open for rating on devices now", el.Title)
		}
	}
	cur := w.rounds.Current(k.ElementID)
	r, ok := w.rounds.Get(k.ElementID, k.Round)
	if !ok || k.Round > cur.Round {
		return refuse(ErrRoundNotOpen, "round %d of %q is not open (it is in round %d)", k.Round, el.Title, cur.Round)
	}
	open := r.Open() && r.Round == cur.Round && w.sess.Status != StatusFinished
	if open || w.reason != "" {
		return nil
	}
	if w.sess.Status == StatusFinished && r.Open() && r.Round == cur.Round {
		return refuse(ErrRoundClosed, "session %q is finished, so its rounds take no new rating", w.sess.Title)
	}
	return &RoundClosedError{ElementID: k.ElementID, Title: el.Title, Round: k.Round, Revealed: r.Revealed(), Later: r.Round < cur.Round}
}

// devicesMayRate reports whether participants' devices may rate an element.
func (w writeRule) devicesMayRate(element string) bool {
	switch w.sess.DeviceRating {
	case DevicesAll:
		return true
	case DevicesStep:
		s := w.sess.Step
		return s >= 0 && s < len(w.pack.Agenda) && w.pack.Agenda[s].Kind == content.StepElement && w.pack.Agenda[s].Ref == element
	}
	return false
}

// participantByID returns the session's participant with the row id.
func (x Session) participantByID(id int64) (Participant, bool) {
	for _, p := range x.Participants {
		if p.ID == id {
			return p, true
		}
	}
	return Participant{}, false
}

// ParticipantByUUID returns the session's participant with the UUID.
func (x Session) ParticipantByUUID(uuid string) (Participant, bool) {
	for _, p := range x.Participants {
		if p.UUID == uuid {
			return p, true
		}
	}
	return Participant{}, false
}
