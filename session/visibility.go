package session

// ViewerKind is who looks at a session.
type ViewerKind string

// The viewers of a session.
const (
	// ViewFacilitator is the facilitator's own screen: the grid's
	// progress (who has answered, who abstained), values once revealed to
	// the room.
	ViewFacilitator ViewerKind = "facilitator"
	// ViewRoom is the projector (trustshop present) and what the summary
	// shows the group: values once revealed to the room, no progress.
	ViewRoom ViewerKind = "room"
	// ViewParticipant is one participant's device, or their turn in
	// pass-the-laptop: their own values, the group's once revealed to
	// the devices.
	ViewParticipant ViewerKind = "participant"
	// ViewResearcher is an export for analysis: everything.
	ViewResearcher ViewerKind = "researcher"
	// ViewReview is a read-only review: everything of a finished session,
	// what the facilitator sees of a running one.
	ViewReview ViewerKind = "review"
)

// Viewer is who looks; Participant is the UUID for ViewParticipant.
type Viewer struct {
	Kind        ViewerKind
	Participant string
}

// Sight is what a viewer may see of one element's round.
type Sight struct {
	Values   bool // everyone's values, comments and the statistics
	Own      bool // the viewer's own values and comments
	Progress bool // who has answered and who abstained, without values
}

// See is the one answer to "what may this viewer see of this round of
// this element now?". Every screen and every export asks it: blind values
// never reach the room before their reveal, whichever screen asks. A
// finished session shows everything to everyone: the group has seen the
// summary, and a session imported from paper has no reveals.
func See(v Viewer, status Status, r ElementRound) Sight {
	finished := status == StatusFinished
	switch v.Kind {
	case ViewResearcher:
		return Sight{Values: true, Own: true, Progress: true}
	case ViewReview:
		if finished {
			return Sight{Values: true, Own: true, Progress: true}
		}
		return See(Viewer{Kind: ViewFacilitator}, status, r)
	case ViewFacilitator:
		return Sight{Values: finished || r.RevealedToRoom(), Progress: true}
	case ViewRoom:
		return Sight{Values: finished || r.RevealedToRoom()}
	case ViewParticipant:
		return Sight{Values: finished || r.RevealedToDevices(), Own: v.Participant != ""}
	}
	return Sight{}
}

// Cell is one rating cell as a viewer may see it: the rating with its
// value and comment blanked where the viewer may not see them.
type Cell struct {
	Rating
	UUID       string // the participant's
	Given      bool   // a value or an abstention was given
	Hidden     bool   // the value and comment exist but are not the viewer's to see
	HasComment bool   // there is a comment (shown or not)
}

// mask is what a viewer with sight s sees of a rating row; ok is false
// when the row must not be shown at all. A hidden row shows only that it
// is given (and an abstention as such: it holds no number that could
// anchor anyone) and that it has a comment, not the comment.
func (s Sight) mask(v Viewer, r Rating, uuid string) (c Cell, ok bool) {
	c = Cell{Rating: r, UUID: uuid, Given: r.Given(), HasComment: r.Comment != ""}
	if s.Values || s.Own && v.Kind == ViewParticipant && uuid == v.Participant {
		return c, true
	}
	if !s.Progress || !c.Given && !c.HasComment {
		return Cell{}, false
	}
	c.Value, c.Comment, c.Hidden = nil, "", c.Given
	return c, true
}
