package session

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
)

// RatingInput sets one cell: a value or an abstention, and optionally the
// comment.
type RatingInput struct {
	RatingKey
	Value   *int
	Abstain bool
	Comment *string   // nil keeps the comment there is
	RatedAt time.Time // zero means now; imports keep the original time
	// Reason says why a closed or revealed round is changed: such a
	// change is a correction, refused without a reason and marked as one
	// in the history and the exports.
	Reason string
}

// Participant returns the session's participant with the name (any case).
func (x Session) Participant(name string) (Participant, bool) {
	for _, p := range x.Participants {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, true
		}
	}
	return Participant{}, false
}

// historyKey names the cell in history rows by the participant's UUID:
// uuid/element/criterion/round.
func (k RatingKey) historyKey(uuid string) string {
	return uuid + "/" + k.ElementID + "/" + k.CriterionID + "/" + strconv.Itoa(k.Round)
}

// validate checks a cell against the pack.
func (k RatingKey) validate(p *content.Pack) error {
	if _, ok := p.Element(k.ElementID); !ok {
		return unknownElement(p, k.ElementID)
	}
	if _, ok := p.Criterion(k.CriterionID); !ok {
		ids := make([]string, len(p.Criteria))
		for i, c := range p.Criteria {
			ids[i] = c.ID
		}
		return invalid("unknown criterion %q in pack %s (it has: %s)", k.CriterionID, p.ID, strings.Join(ids, ", "))
	}
	if k.Round < 1 {
		return invalid("round %d: rounds start at 1", k.Round)
	}
	return nil
}

// Validate checks the input against the pack: a known element and
// criterion, exactly one of value and abstention, a value on the scale.
func (in RatingInput) Validate(p *content.Pack) error {
	if err := in.validate(p); err != nil {
		return err
	}
	c, _ := p.Criterion(in.CriterionID)
	switch {
	case in.Value != nil && in.Abstain:
		return invalid("give a value or an abstention, not both")
	case in.Value == nil && !in.Abstain:
		return invalid("give a value or an abstention")
	case in.Value != nil && !c.InScale(*in.Value):
		return invalid("value %d is outside the %s scale %d..%d", *in.Value, c.ID, c.Min, c.Max)
	}
	return nil
}

// ratings returns every rating row of a session.
func (s *Store) ratings(ctx context.Context, sessionID string) ([]Rating, error) {
	var out []Rating
	err := s.eachRating(ctx, sessionID, func(r Rating) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sameText(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
