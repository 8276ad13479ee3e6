package session

import (
	"strconv"
	"strings"
)

// Trace is what a session's history says the session holds now: the last
// value it recorded for every rating cell, note, participant and session
// field. A database or an export whose tables disagree with the trace of
// its own history was changed after the fact, outside trustshop.
type Trace struct {
	// Cells by history key, "<participant uuid>/<element>/<criterion>/<round>".
	Cells map[string]CellState
	// Notes by step key.
	Notes map[string]string
	// Participants by UUID.
	Participants map[string]ParticipantTrace
	// Session fields by name ("title", "site", "status", "consensus",
	// "device_rating", "step"): the last value recorded.
	Session map[string]string
}

// ParticipantTrace is what the history says of a participant: the
// description given when they were added ("name:role:organisation") and
// their name now.
type ParticipantTrace struct {
	Added     string
	FirstName string // the name before the first rename ("" when never renamed)
	Name      string // the name after the last rename ("" when never renamed)
}

// Matches reports whether a participant as stored is the one the history
// describes.
func (pt ParticipantTrace) Matches(p Participant) bool {
	first := p.Name
	if pt.Name != "" {
		if p.Name != pt.Name {
			return false
		}
		first = pt.FirstName
	}
	return pt.Added == first+":"+p.Role+":"+p.Organisation
}

// Replay reads a session's history, oldest first, into its Trace.
func Replay(history []Change) Trace {
	tr := Trace{Cells: map[string]CellState{}, Notes: map[string]string{}, Participants: map[string]ParticipantTrace{}, Session: map[string]string{}}
	for _, c := range history {
		switch c.Entity {
		case "rating":
			st := tr.Cells[c.Key]
			switch c.Field {
			case "value":
				st.Value, st.Abstain = nil, false
				if c.New != nil {
					if *c.New == "abstain" {
						st.Abstain = true
					} else if v, err := strconv.Atoi(*c.New); err == nil {
						st.Value = &v
					}
				}
			case "comment":
				st.Comment = deref(c.New)
			}
			tr.Cells[c.Key] = st
		case "note":
			if c.Field == "body" {
				tr.Notes[c.Key] = deref(c.New)
			}
		case "participant":
			pt := tr.Participants[c.Key]
			switch c.Field {
			case "added":
				pt.Added = deref(c.New)
			case "name":
				if pt.Name == "" {
					pt.FirstName = deref(c.Old)
				}
				pt.Name = deref(c.New)
			}
			tr.Participants[c.Key] = pt
		case "session":
			switch c.Field {
			case "created":
				tr.Session["title"] = deref(c.New)
			case "imported":
			default:
				tr.Session[c.Field] = deref(c.New)
			}
		}
	}
	return tr
}

// Empty reports whether a cell state holds nothing: no value, no
// abstention, no comment.
func (c CellState) Empty() bool { return c.Value == nil && !c.Abstain && c.Comment == "" }

// SameAs reports whether two cell states hold the same value, abstention
// and comment.
func (c CellState) SameAs(o CellState) bool { return sameValue(c, o) && c.Comment == o.Comment }

// String is a cell state as a message shows it.
func (c CellState) String() string {
	var parts []string
	switch {
	case c.Abstain:
		parts = append(parts, "abstain")
	case c.Value != nil:
		parts = append(parts, strconv.Itoa(*c.Value))
	default:
		parts = append(parts, "no value")
	}
	if c.Comment != "" {
		parts = append(parts, strconv.Quote(c.Comment))
	}
	return strings.Join(parts, ", ")
}

// HistoryKey is the key under which the history names a rating cell:
// "<participant uuid>/<element>/<criterion>/<round>".
func HistoryKey(uuid, element, criterion string, round int) string {
	return RatingKey{ElementID: element, CriterionID: criterion, Round: round}.historyKey(uuid)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
