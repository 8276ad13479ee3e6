package session

import (
	"errors"
	"fmt"
	"strings"
)

// The rules of a workshop refuse a command with an error that wraps one of
// these, so that front ends can test for it with errors.Is and word it for
// their medium; the error's own text is one clear sentence.
var (
	// ErrRoundClosed: a closed or revealed round takes no new rating
	// unless the change is a correction with a reason.
	ErrRoundClosed = errors.New("round closed")
	// ErrRoundNotOpen: the round has not been opened for the element.
	ErrRoundNotOpen = errors.New("round not open")
	// ErrEmptyRound: a next round cannot open while this one holds no
	// rating of the element.
	ErrEmptyRound = errors.New("round holds no ratings")
	// ErrNotYours: a participant may write only their own cells.
	ErrNotYours = errors.New("not the participant's own cell")
	// ErrDevicesClosed: participants' devices may not rate this element now.
	ErrDevicesClosed = errors.New("not open for devices")
	// ErrMissingRatings: finishing with open cells needs an explicit yes.
	ErrMissingRatings = errors.New("ratings missing")
	// ErrChangedSince: an undo found the cell changed by someone else.
	ErrChangedSince = errors.New("changed since")
	// ErrFinished: a finished session goes back to an earlier step only
	// by an explicit reopen.
	ErrFinished = errors.New("session finished")
)

// RuleError is a command the rules refuse. Msg is the sentence to show;
// Unwrap gives the Err* above.
type RuleError struct {
	Err error
	Msg string
}

func (e *RuleError) Error() string { return e.Msg }
func (e *RuleError) Unwrap() error { return e.Err }

// invalid is bad input: an error that is ErrInvalid and reads as the
// sentence alone (not "invalid: …"), for a front end to show as it is.
func invalid(format string, args ...any) error {
	return &invalidError{msg: fmt.Sprintf(format, args...)}
}

type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }
func (e *invalidError) Unwrap() error { return ErrInvalid }

func refuse(sentinel error, format string, args ...any) error {
	return &RuleError{Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}

// RoundClosedError refuses a rating in a round that is closed or revealed:
// the ratings of a revealed round would now be anchored on its results.
// Front ends say what to do instead (a correction with a reason, the next
// round).
type RoundClosedError struct {
	ElementID, Title string
	Round            int
	Revealed         bool
	Later            bool // a later round of the element is open: this one is over
}

func (e *RoundClosedError) Error() string {
	state := "closed"
	switch {
	case e.Revealed:
		state = "revealed"
	case e.Later:
		state = fmt.Sprintf("over (round %d is open)", e.Round+1)
	}
	return fmt.Sprintf("round %d of %q is %s, so it takes no new rating", e.Round, e.Title, state)
}

// Is makes errors.Is(err, ErrRoundClosed) true.
func (e *RoundClosedError) Is(target error) bool { return target == ErrRoundClosed }

// MissingRatingsError refuses to finish a session while cells are open,
// listing them; the command passes with the facilitator's explicit yes.
type MissingRatingsError struct {
	Missing []ParticipantMissing
	// Unrevealed are the elements whose current round the room never
	// saw, for the question to name as well.
	Unrevealed []UnrevealedRound
}

// Cells counts the open cells.
func (e *MissingRatingsError) Cells() int {
	n := 0
	for _, m := range e.Missing {
		n += m.Cells()
	}
	return n
}

func (e *MissingRatingsError) Error() string {
	names := make([]string, 0, len(e.Missing))
	for _, m := range e.Missing {
		names = append(names, m.Participant.Name)
	}
	return fmt.Sprintf("%s open (%s): finishing needs an explicit yes", countOf(e.Cells(), "rating cell is", "rating cells are"), strings.Join(names, ", "))
}

// Is makes errors.Is(err, ErrMissingRatings) true.
func (e *MissingRatingsError) Is(target error) bool { return target == ErrMissingRatings }

// countOf is "1 cell is", "2 cells are".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
