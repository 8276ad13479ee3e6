package session_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

// TestAllSessionsSeesWhatEachCellSees reads a database of a running
// session (one element revealed to the room, a comment, an abstention)
// and an imported one whole, for every kind of viewer, and holds each
// session's cells against EachCell's.
func TestAllSessionsSeesWhatEachCellSees(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	for who, v := range []int{4, 2, 5} {
		f.must(f.rate(fac, f.key(who, "explain", "impact", 1), v, ""))
		f.must(f.rate(fac, f.key(who, "protect-ip", "impact", 1), v%3+1, ""))
	}
	f.must(f.e.RecordRating(f.ctx, fac, session.RatingInput{RatingKey: f.key(1, "explain", "effort", 1), Abstain: true}))
	f.must(f.e.CommentRating(f.ctx, fac, f.key(2, "protect-ip", "effort", 1), "unsure what effort means here"))
	f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
	v := 3
	_, err := f.e.ImportSession(f.ctx, session.Importer(), f.p, session.NewSession{Title: "Paper", Facilitator: "Dana", Date: "2026-11-24",
		Participants: []session.Participant{{Name: "Zoë", Role: f.p.Personas[0].ID}, {Name: "Yan", Role: f.p.Personas[1].ID}}},
		[]session.ImportedRating{
			{Participant: 1, ElementID: "protect-ip", CriterionID: "effort", Round: 1, Value: &v, RatedAt: time.Unix(1_800_000_000, 0)},
			{Participant: 0, ElementID: "explain", CriterionID: "impact", Round: 1, Abstain: true, RatedAt: time.Unix(1_800_000_001, 0)},
			{Participant: 0, ElementID: "protect-ip", CriterionID: "effort", Round: 1, Value: &v, RatedAt: time.Unix(1_800_000_002, 0)},
		})
	f.must(err)
	viewers := []session.Viewer{{Kind: session.ViewResearcher}, {Kind: session.ViewReview}, {Kind: session.ViewFacilitator},
		{Kind: session.ViewRoom}, {Kind: session.ViewParticipant, Participant: f.sess.Participants[2].UUID}}
	for _, viewer := range viewers {
		all, err := f.e.AllSessions(context.Background(), viewer)
		f.must(err)
		if len(all) != 2 {
			t.Fatalf("%s: %d sessions", viewer.Kind, len(all))
		}
		list, err := f.e.Sessions(f.ctx)
		f.must(err)
		for i, sc := range all {
			if sc.Session.ID != list[i].ID {
				t.Errorf("%s: session %d is %s, Sessions lists %s", viewer.Kind, i, sc.Session.ID, list[i].ID)
			}
			sess, err := f.e.Session(f.ctx, sc.Session.ID)
			f.must(err)
			head, err := f.e.ChainHead(f.ctx, sess.ID)
			f.must(err)
			if !reflect.DeepEqual(sc.Session, sess) || sc.ChainHead != head {
				t.Errorf("%s: the session read whole differs:\n%+v\n%+v", viewer.Kind, sc.Session, sess)
			}
			index := map[int64]int{}
			for j, pt := range sess.Participants {
				index[pt.ID] = j
			}
			var want []session.ValueCell
			f.must(f.e.EachCell(f.ctx, viewer, sess.ID, func(c session.Cell) error {
				x := session.ValueCell{Participant: index[c.ParticipantID], ElementID: c.ElementID, CriterionID: c.CriterionID,
					Round: c.Round, Abstain: c.Abstain, Given: c.Given, Hidden: c.Hidden}
				if c.Value != nil {
					x.Value = *c.Value
				}
				want = append(want, x)
				return nil
			}))
			if !reflect.DeepEqual(sc.Cells, want) {
				t.Errorf("%s, session %s:\n got %+v\nwant %+v", viewer.Kind, sess.Title, sc.Cells, want)
			}
			if viewer.Kind == session.ViewResearcher && len(want) < 3 {
				t.Errorf("the fixture has %d cells in session %s", len(want), sess.Title)
			}
		}
	}
}
