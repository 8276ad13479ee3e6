package session_test

import (
	"testing"

	"github.com/trustshop/trustshop/session"
)

func TestResultsViewShowsEachViewerItsShare(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	for who := range f.sess.Participants {
		for _, el := range []string{"explain", "quality"} {
			for _, cr := range f.p.Criteria {
				f.must(f.rate(fac, f.key(who, el, cr.ID, 1), 2+who, ""))
			}
		}
	}
	f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
	f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "quality", 1, session.AudienceDevices))
	results := func(v session.Viewer) *session.ResultsView {
		r, err := f.e.Results(f.ctx, v, f.sess.ID)
		f.must(err)
		return r
	}
	room := results(session.Viewer{Kind: session.ViewRoom})
	if es := room.Cell("explain", "impact", 1); room.Hidden("explain", 1) || es == nil || es.N != 3 {
		t.Errorf("room, revealed element: %+v", es)
	}
	if es := room.Cell("quality", "impact", 1); !room.Hidden("quality", 1) || es == nil || es.N != 0 || es.Median != nil {
		t.Errorf("room, element revealed to devices only: hidden %v, %+v", room.Hidden("quality", 1), es)
	}
	for _, rk := range room.Ranking("impact", 0) {
		if rk.ElementID == "quality" && rk.Median != nil {
			t.Errorf("a blind element ranked for the room: %+v", rk)
		}
	}
	if _, _, pts, _, _, _ := room.Matrix(); len(pts) != 1 || pts[0].ElementID != "explain" {
		t.Errorf("room matrix: %+v", pts)
	}
	ana := results(session.Viewer{Kind: session.ViewParticipant, Participant: f.sess.Participants[0].UUID})
	if ana.Hidden("quality", 1) || !ana.Hidden("explain", 1) {
		t.Errorf("a device: quality hidden %v, explain hidden %v", ana.Hidden("quality", 1), ana.Hidden("explain", 1))
	}
	all := results(session.Viewer{Kind: session.ViewResearcher})
	if all.Hidden("quality", 1) || all.Cell("quality", "effort", 1).N != 3 {
		t.Errorf("the researcher misses something")
	}
	// Finishing shows everything to the room.
	f.must(f.e.Finish(f.ctx, fac, f.sess.ID, true))
	if r := results(session.Viewer{Kind: session.ViewRoom}); r.Hidden("quality", 1) {
		t.Error("a finished session still hides results from the room")
	}
}

// A Delphi round 2 on one element places it on the matrix with both
// medians of round 2; never its round-2 impact with its round-1 effort.
func TestMatrixNeverMixesRounds(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	for who := range f.sess.Participants {
		f.must(f.rate(fac, f.key(who, "explain", "impact", 1), 1, ""))
		f.must(f.rate(fac, f.key(who, "explain", "effort", 1), 1, ""))
		f.must(f.rate(fac, f.key(who, "quality", "impact", 1), 3, ""))
		f.must(f.rate(fac, f.key(who, "quality", "effort", 1), 3, ""))
	}
	f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
	for who := range f.sess.Participants {
		f.must(f.rate(fac, f.key(who, "explain", "impact", 2), 5, "")) // effort not yet re-rated
	}
	r, err := f.e.Results(f.ctx, session.Viewer{Kind: session.ViewResearcher}, f.sess.ID)
	f.must(err)
	x, y, pts, absent, _, ok := r.Matrix()
	if !ok || x.ID != "effort" || y.ID != "impact" {
		t.Fatalf("axes %s x %s", x.ID, y.ID)
	}
	if len(pts) != 1 || pts[0].ElementID != "quality" || pts[0].Round != 1 {
		t.Errorf("points %+v: explain has no round-2 effort yet, so it is not placed", pts)
	}
	if len(absent) != len(f.p.Elements)-1 || absent[0] != "explain" {
		t.Errorf("absent %v", absent)
	}
	for who := range f.sess.Participants {
		f.must(f.rate(fac, f.key(who, "explain", "effort", 2), 4, ""))
	}
	r, _ = f.e.Results(f.ctx, session.Viewer{Kind: session.ViewResearcher}, f.sess.ID)
	_, _, pts, _, _, _ = r.Matrix()
	if len(pts) != 2 || pts[0].ElementID != "explain" || pts[0].Round != 2 || pts[0].X != 4 || pts[0].Y != 5 {
		t.Errorf("points %+v", pts)
	}
}

// A blind round 2 does not take an element off the room's matrix: it stays
// at its revealed round 1; an element with no revealed round is hidden,
// not "without medians".
func TestMatrixKeepsTheRevealedRound(t *testing.T) {
	cases := []struct {
		name             string
		revealRound2     bool
		wantExplainRound int
	}{
		{"round 2 blind", false, 1},
		{"round 2 revealed", true, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			fac := session.Facilitator()
			for who := range f.sess.Participants {
				for _, el := range []string{"explain", "quality"} {
					f.must(f.rate(fac, f.key(who, el, "impact", 1), 2, ""))
					f.must(f.rate(fac, f.key(who, el, "effort", 1), 3, ""))
				}
			}
			f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
			f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
			for who := range f.sess.Participants {
				f.must(f.rate(fac, f.key(who, "explain", "impact", 2), 4, ""))
				f.must(f.rate(fac, f.key(who, "explain", "effort", 2), 5, ""))
			}
			if tc.revealRound2 {
				f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 2, session.AudienceRoom))
			}
			r, err := f.e.Results(f.ctx, session.Viewer{Kind: session.ViewRoom}, f.sess.ID)
			f.must(err)
			_, _, pts, absent, hidden, _ := r.Matrix()
			if len(pts) != 1 || pts[0].ElementID != "explain" || pts[0].Round != tc.wantExplainRound {
				t.Errorf("points %+v; want explain at round %d", pts, tc.wantExplainRound)
			}
			if len(hidden) != 1 || hidden[0] != "quality" {
				t.Errorf("hidden %v, want quality (rated, not revealed)", hidden)
			}
			for _, id := range absent {
				if id == "quality" || id == "explain" {
					t.Errorf("absent %v names a rated element", absent)
				}
			}
		})
	}
}
