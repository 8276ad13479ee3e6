package session_test

import (
	"fmt"
	"testing"

	"github.com/trustshop/trustshop/session"
)

func TestDelphiFeedback(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	// round 1 on explain: Ana (supplier) 2, Ben (user) 4, Chi (partner) 5; Ben abstains on effort
	for who, v := range []int{2, 4, 5} {
		f.must(f.rate(fac, f.key(who, "explain", "impact", 1), v, ""))
	}
	f.must(f.rate(fac, f.key(0, "explain", "effort", 1), 3, ""))
	f.must(f.e.RecordRating(f.ctx, fac, session.RatingInput{RatingKey: f.key(1, "explain", "effort", 1), Abstain: true}))
	f.must(f.e.CommentRating(f.ctx, fac, f.key(2, "explain", "impact", 1), "only with an NDA"))
	f.must(f.e.CommentRating(f.ctx, fac, f.key(0, "explain", "impact", 1), "depends"))
	ana := session.Viewer{Kind: session.ViewParticipant, Participant: f.sess.Participants[0].UUID}

	if _, ok, err := f.e.Feedback(f.ctx, ana, f.sess.ID, "explain"); ok || err != nil {
		t.Fatalf("feedback in round 1: %v %v", ok, err)
	}
	f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
	fb, ok, err := f.e.Feedback(f.ctx, ana, f.sess.ID, "explain")
	if err != nil || !ok {
		t.Fatalf("feedback in round 2: %v %v", ok, err)
	}
	if fb.Round != 1 || len(fb.Criteria) != 2 {
		t.Fatalf("feedback %+v", fb)
	}
	impact := fb.Criteria[0]
	if impact.Criterion != "impact" || impact.Group.N != 3 || *impact.Group.Median != 4 || impact.Group.Counts[2] != 1 || impact.Group.Counts[5] != 1 {
		t.Errorf("impact: %+v", impact.Group)
	}
	if impact.Own == nil || impact.Own.Value == nil || *impact.Own.Value != 2 {
		t.Errorf("Ana's own round-1 impact: %+v", impact.Own)
	}
	// one expert per role: the split would give each one's answer
	if !impact.RolesWithheld || len(impact.ByRole) != 0 {
		t.Errorf("by role with one expert each: withheld %v, %+v", impact.RolesWithheld, impact.ByRole)
	}
	effort := fb.Criteria[1]
	if effort.Group.N != 1 || effort.Group.Abstain != 1 || !effort.RolesWithheld {
		t.Errorf("effort: %+v, split withheld %v", effort.Group, effort.RolesWithheld)
	}
	if len(fb.Comments) != 2 || fb.Comments[0].Text != "depends" || fb.Comments[1].Text != "only with an NDA" {
		t.Errorf("comments %+v: both, sorted by text, not by who", fb.Comments)
	}
	// the room sees the feedback too (the round was shown as feedback),
	// without anyone's own answer
	room, ok, _ := f.e.Feedback(f.ctx, session.Viewer{Kind: session.ViewRoom}, f.sess.ID, "explain")
	if !ok || room.Criteria[0].Own != nil {
		t.Errorf("the room's feedback: %v %+v", ok, room.Criteria[0].Own)
	}
	// an element still in round 1 has none
	if _, ok, _ := f.e.Feedback(f.ctx, ana, f.sess.ID, "quality"); ok {
		t.Error("feedback for an element in round 1")
	}
}

// The split by role is shown only when every role that answered has at
// least MinRoleValues values: otherwise a role's row, or the group's
// figures minus the other rows, would tell a few experts' answers.
func TestFeedbackRolesWithheld(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	// three more suppliers and users: Ana, Ben, Chi are supplier, user, partner
	for i, role := range []string{"supplier", "supplier", "user", "user", "supplier", "user"} {
		_, err := f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: fmt.Sprintf("P%d", i), Role: role})
		f.must(err)
	}
	w, err := f.e.Workshop(f.ctx, f.sess.ID)
	f.must(err)
	ps := w.Session.Participants
	byRole := map[string][]int64{}
	for _, p := range ps {
		byRole[p.Role] = append(byRole[p.Role], p.ID)
	}
	rating := func(id int64, v int) session.Rating {
		r := session.Rating{SessionID: f.sess.ID, ParticipantID: id, ElementID: "explain", CriterionID: "impact", Round: 1}
		if v == 0 {
			r.Abstain = true
		} else {
			r.Value = &v
		}
		return r
	}
	answers := func(role string, vs ...int) []session.Rating {
		var out []session.Rating
		for i, v := range vs {
			out = append(out, rating(byRole[role][i], v))
		}
		return out
	}
	cat := func(parts ...[]session.Rating) []session.Rating {
		var out []session.Rating
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	for _, c := range []struct {
		name     string
		rows     []session.Rating
		withheld bool
		roles    string // the roles shown, with their n
	}{
		{"three and three", cat(answers("supplier", 2, 3, 4), answers("user", 4, 5, 5)), false, "supplier:3 user:3"},
		{"four and three, one could not judge", cat(answers("supplier", 2, 3, 4, 0), answers("user", 4, 5, 5)), false, "supplier:3 user:3"},
		{"the partner alone", cat(answers("supplier", 2, 3, 4), answers("user", 4, 5, 5), answers("partner", 1)), true, ""},
		{"two users", cat(answers("supplier", 2, 3, 4), answers("user", 4, 5)), true, ""},
		{"three users who could not judge", cat(answers("supplier", 2, 3, 4), answers("user", 0, 0, 0)), true, ""},
		{"two values and two abstentions", cat(answers("supplier", 2, 3, 4), answers("user", 4, 5, 0, 0)), true, ""},
		{"nobody", nil, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			fb := session.BuildFeedback(w, session.Viewer{Kind: session.ViewRoom}, "explain", 1, c.rows)
			cf := fb.Criteria[0]
			var shown string
			for _, rs := range cf.ByRole {
				shown += fmt.Sprintf(" %s:%d", rs.Role, rs.Stats.N)
			}
			if cf.RolesWithheld != c.withheld || len(shown) > 0 && shown[1:] != c.roles || shown == "" && c.roles != "" {
				t.Errorf("withheld %v, roles %q; want %v, %q", cf.RolesWithheld, shown, c.withheld, c.roles)
			}
			if cf.RolesWithheld && len(cf.ByRole) != 0 {
				t.Errorf("withheld, yet %d roles", len(cf.ByRole))
			}
		})
	}
}
