// Package session holds the domain of a trust workshop (sessions,
// participants, ratings, notes and their history) and the SQLite store that
// keeps them. Every method of Store is one user action in one transaction,
// committed before it returns.
//
// session knows content packs only by their ids: a session records the id,
// version and content hash of the pack it ran on, and ratings name elements
// and criteria by id. The checks that need the pack (a participant's role, a
// rating's scale) take the *content.Pack explicitly.
package session

import (
	"errors"
	"time"

	"github.com/trustshop/trustshop/session/stats"
)

// Errors callers test with errors.Is. The rules of a workshop refuse a
// command with one of the Err* of rules.go.
var (
	ErrNotFound  = errors.New("not found")
	ErrAmbiguous = errors.New("ambiguous id")
	ErrInvalid   = errors.New("invalid")
	ErrConflict  = errors.New("conflict")
)

// Status is where a session stands.
type Status string

// The statuses of a session.
const (
	StatusPlanned  Status = "planned"  // created, not yet opened
	StatusRunning  Status = "running"  // the walkthrough has begun
	StatusFinished Status = "finished" // the summary was reached or it was closed
)

// Session is one workshop run.
type Session struct {
	ID           string
	Title        string
	Facilitator  string
	Organisation string
	Date         string // the workshop's day, YYYY-MM-DD
	PackID       string
	PackVersion  string
	PackHash     string
	PackDir      string // folder of a custom pack; "" for the embedded one
	Site         string // where the workshop ran, as the facilitator labels it
	SourceHash   string // "sha256:<hex>" of the file an imported session came from
	DeviceRating DeviceRating
	// Consensus is the session's definition of a consensus, fixed from the
	// pack when the session was created (see SetConsensusRule).
	Consensus    stats.ConsensusRule
	consensus    string // as stored: "" for the pack's rule
	Status       Status
	Step         int // index of the current agenda step
	Steps        int // length of the agenda
	Participants []Participant
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Participant is an expert taking part in a session. ID is the row in
// this database; UUID names the participant everywhere else (the history,
// exports, a merged study), so sessions from different laptops never
// collide.
type Participant struct {
	ID           int64
	UUID         string
	Name         string // a name or an alias
	Role         string // a persona id of the session's pack
	Organisation string
	// Joined is when a participant added late joined the session; zero
	// for one there from the start.
	Joined time.Time
}

// CouldRate reports whether the participant was there while the round
// was open: a round closed before they joined is not theirs to rate.
func (p Participant) CouldRate(r ElementRound) bool {
	return p.Joined.IsZero() || r.Open() || r.ClosedAt.After(p.Joined)
}

// Summary is a session as the session list shows it.
type Summary struct {
	ID           string
	Title        string
	Facilitator  string
	Organisation string
	Date         string
	PackID       string
	Site         string
	SourceHash   string
	Status       Status
	Step, Steps  int
	Participants int
	Ratings      int
	UpdatedAt    time.Time
}

// Rating is one participant's rating of an element on a criterion in a round.
// A rating either has a Value or is an abstention ("can't judge"); a row
// with neither holds only a comment.
type Rating struct {
	SessionID     string
	ParticipantID int64
	Participant   string // the participant's name
	ElementID     string
	CriterionID   string
	Round         int
	Value         *int
	Abstain       bool
	Comment       string
	RatedAt       time.Time // when the value or abstention was given
	UpdatedAt     time.Time
}

// RatingKey names one cell: participant x element x criterion x round.
type RatingKey struct {
	SessionID     string
	ParticipantID int64
	ElementID     string
	CriterionID   string
	Round         int
}

// Key returns the rating's cell.
func (r Rating) Key() RatingKey {
	return RatingKey{r.SessionID, r.ParticipantID, r.ElementID, r.CriterionID, r.Round}
}

// Given reports whether the rating holds a value or an abstention.
func (r Rating) Given() bool { return r.Value != nil || r.Abstain }

// Note is what the group said on an agenda step.
type Note struct {
	StepKey   string
	Body      string
	UpdatedAt time.Time
}

// StepState is what the walkthrough remembers of a step.
type StepState struct {
	StepKey string
	Elapsed time.Duration // time spent on the step, up to the clock's last stop (see Workshop.Elapsed)
	Scroll  int           // the content pane's scroll offset
	Visited bool          // the agenda reached the step
	Skipped bool          // the facilitator skipped it on purpose
}

// Change is one row of a session's history: what changed, from what to
// what, who did it and, for a correction of a closed round, why.
type Change struct {
	ID        int64
	SessionID string
	Entity    string // "session", "participant", "rating", "note", "round"
	Key       string // which one, e.g. "<participant uuid>/explain/impact/1" for a rating
	Field     string
	Old, New  *string // nil: there was none / there is none now
	Actor     Actor
	Reason    string // why a closed or revealed round was changed; "" otherwise
	At        time.Time
	// Prev and Hash link the session's history into a chain (ChainHash):
	// the hash of the row before ("" for the first) and of this one.
	Prev, Hash string
	// Hidden marks a rating change the viewer may not see (HistoryFor,
	// FeedFor): Reason is blanked, and Old and New are "" where they held
	// a value or comment (nil and "abstain" stay), so what changed and
	// whether a cell is given still show.
	Hidden bool
}

// Correction reports whether the change corrected a closed round.
func (c Change) Correction() bool { return c.Reason != "" }
