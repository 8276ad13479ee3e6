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
	for _, format := range []string{"md"} {
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
