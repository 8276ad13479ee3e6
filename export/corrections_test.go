package export_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// secretReason is the reason of the fixture's correction, to look for.
const secretReason = "misread-the-paper-form"

// corrected is the fixture with a correction of Ana's round-1 impact on
// the second element, whose round 1 was closed without a reveal: its
// values are blind to the room and the facilitator.
func corrected(t *testing.T) (*session.Engine, *content.Pack, session.Session) {
	t.Helper()
	st, p, sess := fixture(t, plain)
	ctx := context.Background()
	if err := st.CloseRound(ctx, session.Facilitator(), sess.ID, 1, []string{p.Elements[1].ID}); err != nil {
		t.Fatal(err)
	}
	v := 5
	k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[0].ID, ElementID: p.Elements[1].ID, CriterionID: "impact", Round: 1}
	if err := st.RecordRating(ctx, session.CommandLine(), session.RatingInput{RatingKey: k, Value: &v, Reason: secretReason}); err != nil {
		t.Fatal(err)
	}
	return st, p, sess
}

func renderAs(t *testing.T, st *session.Engine, id, format string, v session.Viewer) string {
	t.Helper()
	f, _ := export.Lookup(format)
	opt := f.Needs
	opt.Viewer = v
	sum, err := export.Load(context.Background(), st, id, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, sum); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A review of a running session (the facilitator's sight) must not show a
// correction of a blind round: not the reason, not the value.
func TestReviewHidesBlindCorrections(t *testing.T) {
	st, _, sess := corrected(t)
	for _, format := range []string{"md", "html"} {
		got := renderAs(t, st, sess.ID, format, session.Viewer{Kind: session.ViewReview})
		if strings.Contains(got, secretReason) {
			t.Errorf("%s review of a running session shows the blind correction's reason", format)
		}
		all := renderAs(t, st, sess.ID, format, session.Viewer{Kind: session.ViewResearcher})
		if !strings.Contains(all, secretReason) {
			t.Errorf("%s researcher's export lacks the correction", format)
		}
	}
}

// A summary (md, html) of a session not finished follows the room: blind
// values are left out and the header says so, unless --all; csv and json
// hold every value.
func TestSummaryOfRunningSessionFollowsTheRoom(t *testing.T) {
	st, _, sess := corrected(t)
	for _, tc := range []struct {
		format string
		all    bool
		room   bool
	}{
		{"md", false, true}, {"md", true, false}, {"html", false, true}, {"html", true, false},
		{"csv", false, false}, {"json", false, false},
	} {
		f, _ := export.Lookup(tc.format)
		opt := f.Options(sess.Status, tc.all)
		if got := opt.Viewer.Kind == session.ViewRoom; got != tc.room {
			t.Errorf("%s all=%v: viewer %q, want the room: %v", tc.format, tc.all, opt.Viewer.Kind, tc.room)
		}
		if tc.format == "csv" || tc.format == "json" {
			continue
		}
		got := renderAs(t, st, sess.ID, tc.format, opt.Viewer) // the zero Viewer is a researcher
		noted := strings.Contains(got, "values not yet revealed to the room are left out")
		if noted != tc.room {
			t.Errorf("%s all=%v: header note %v, want %v", tc.format, tc.all, noted, tc.room)
		}
		if strings.Contains(got, secretReason) == tc.room {
			t.Errorf("%s all=%v: blind correction shown: %v", tc.format, tc.all, !tc.room)
		}
	}
	// a finished session shows everything to everyone
	f, _ := export.Lookup("md")
	if v := f.Options(session.StatusFinished, false).Viewer.Kind; v == session.ViewRoom {
		t.Errorf("md of a finished session follows the room")
	}
	room := renderAs(t, st, sess.ID, "md", session.Viewer{Kind: session.ViewRoom})
	all := renderAs(t, st, sess.ID, "md", session.Viewer{Kind: session.ViewResearcher})
	if r, a := strings.Count(room, "| Impact | "), strings.Count(all, "| Impact | "); r >= a {
		t.Errorf("the room's md shows %d impact rows, the researcher's %d: blind values shown", r, a)
	}
}

// The html report lists each correction: when, who, old and new value,
// the reason and who made it.
func TestHTMLListsCorrections(t *testing.T) {
	st, _, sess := corrected(t)
	got := renderAs(t, st, sess.ID, "html", session.Viewer{Kind: session.ViewResearcher})
	i := strings.Index(got, `<section id="corrections">`)
	if i < 0 {
		t.Fatal("no corrections section in the html report")
	}
	sec := got[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	for _, want := range []string{"<td>Ana</td>", "<td>Create a common (economic) incentive!</td>",
		`<td class="n">4</td><td class="n">5</td><td>` + secretReason + `</td><td>cli</td>`, `href="#corrections"`} {
		if !strings.Contains(sec, want) && !strings.Contains(got, want) {
			t.Errorf("corrections section lacks %s:\n%s", want, sec)
		}
	}
}
