package session

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/session/stats"
)

// Feedback is what an expert sees of an element's previous round while
// rating its next one (a Delphi round): per criterion the group's
// distribution, median and IQR, the same split by stakeholder role
// (per-group feedback raised agreement in Brookes et al. 2016, Trials
// 17:409), the viewer's own earlier answer, and the round's comments
// without names.
type Feedback struct {
	ElementID string
	Round     int // the round the feedback shows: the element's current round minus one
	Criteria  []CriterionFeedback
	// Comments are the round's comments on the element, without who gave
	// them, in an order that tells nothing of who: by criterion, then text.
	Comments []FeedbackComment
}

// CriterionFeedback is the feedback on one criterion.
type CriterionFeedback struct {
	Criterion string
	Group     stats.ElementStats // Counts holds the distribution
	// ByRole is the split in the pack's persona order, roles with answers
	// only; empty when RolesWithheld.
	ByRole []RoleStats
	// RolesWithheld: a role that answered has fewer than MinRoleValues
	// values, so the split is not shown (see withholdRoles).
	RolesWithheld bool
	// Own is the viewer's own answer in the round (participants only;
	// nil when they gave none).
	Own *CellState
}

// RolesNote says why the split by role is not shown ("" when it is).
func (cf CriterionFeedback) RolesNote() string {
	if !cf.RolesWithheld {
		return ""
	}
	return "By role: not shown, as a role has fewer than " + strconv.Itoa(MinRoleValues) + " answers."
}

// MinRoleValues is how many values every role that answered must have for
// the split by role to be shown: with fewer, a role's figures would tell
// its few experts their colleagues' answers, and anyone who knows who holds
// that role what they answered.
const MinRoleValues = 3

// RoleStats are the statistics of the answers of one stakeholder role.
type RoleStats struct {
	Role  string
	Stats stats.ElementStats
}

// FeedbackComment is one comment of the round, without its author.
type FeedbackComment struct {
	Criterion string
	Text      string
}

// Feedback returns the feedback of an element's previous round for a
// viewer, when the element is in round 2 or later and the viewer may see
// that round's values (opening a round shows the previous one to the room
// and the devices); ok is false otherwise.
func (e *Engine) Feedback(ctx context.Context, v Viewer, id, element string) (fb Feedback, ok bool, err error) {
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return Feedback{}, false, err
	}
	cur := w.Rounds.Current(element).Round
	if cur < 2 {
		return Feedback{}, false, nil
	}
	prev := cur - 1
	if !w.See(v, element, prev).Values {
		return Feedback{}, false, nil
	}
	rows, err := e.store.elementRatings(ctx, w.Session.ID, element, prev)
	if err != nil {
		return Feedback{}, false, err
	}
	return BuildFeedback(w, v, element, prev, rows), true, nil
}

// BuildFeedback computes the feedback of one element's round from its
// rating rows; it is pure.
func BuildFeedback(w Workshop, v Viewer, element string, round int, rows []Rating) Feedback {
	fb := Feedback{ElementID: element, Round: round}
	roles := map[int64]string{}
	self := int64(-1)
	for _, p := range w.Session.Participants {
		roles[p.ID] = p.Role
		if v.Kind == ViewParticipant && p.UUID == v.Participant {
			self = p.ID
		}
	}
	for _, c := range w.Pack.Criteria {
		cf := CriterionFeedback{Criterion: c.ID}
		var all []int
		abstain := 0
		byRole := map[string][]int{}
		roleAbstain := map[string]int{}
		for _, r := range rows {
			if r.CriterionID != c.ID {
				continue
			}
			if r.ParticipantID == self && r.Given() {
				st := CellState{Abstain: r.Abstain}
				if r.Value != nil && !r.Abstain {
					val := *r.Value
					st.Value = &val
				}
				cf.Own = &st
			}
			role := roles[r.ParticipantID]
			switch {
			case r.Abstain:
				abstain++
				roleAbstain[role]++
			case r.Value != nil:
				all = append(all, *r.Value)
				byRole[role] = append(byRole[role], *r.Value)
			}
		}
		cf.Group = describe(c.ID, element, round, all, abstain, scaleOf(c), w.Session.Consensus)
		if cf.RolesWithheld = withholdRoles(byRole, roleAbstain); cf.RolesWithheld {
			fb.Criteria = append(fb.Criteria, cf)
			continue
		}
		for _, p := range w.Pack.Personas {
			if len(byRole[p.ID]) == 0 && roleAbstain[p.ID] == 0 {
				continue
			}
			cf.ByRole = append(cf.ByRole, RoleStats{Role: p.ID,
				Stats: describe(c.ID, element, round, byRole[p.ID], roleAbstain[p.ID], scaleOf(c), w.Session.Consensus)})
		}
		fb.Criteria = append(fb.Criteria, cf)
	}
	for _, r := range rows {
		if t := strings.TrimSpace(r.Comment); t != "" {
			fb.Comments = append(fb.Comments, FeedbackComment{Criterion: r.CriterionID, Text: r.Comment})
		}
	}
	order := map[string]int{}
	for i, c := range w.Pack.Criteria {
		order[c.ID] = i
	}
	slices.SortFunc(fb.Comments, func(a, b FeedbackComment) int {
		if d := order[a.Criterion] - order[b.Criterion]; d != 0 {
			return d
		}
		return strings.Compare(a.Text, b.Text)
	})
	return fb
}

// withholdRoles reports whether the split by role must not be shown: some
// role that answered (a value or an abstention) has fewer than
// MinRoleValues values. The whole split goes, not only that role's row:
// the group's figures minus the other roles' would give its values back.
func withholdRoles(values map[string][]int, abstain map[string]int) bool {
	for _, vs := range values {
		if len(vs) < MinRoleValues {
			return true
		}
	}
	for role, n := range abstain {
		if n > 0 && len(values[role]) < MinRoleValues {
			return true
		}
	}
	return false
}

func describe(criterion, element string, round int, values []int, abstain int, scale stats.Scale, rule stats.ConsensusRule) stats.ElementStats {
	es := stats.Describe(values, abstain, scale, rule)
	es.ElementID, es.Criterion, es.Round = element, criterion, round
	return es
}
