package export_test

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// sparse is a session where two experts rated one element on impact and
// nothing else: effort was never rated, and round 2 of the element was
// opened and nobody rated it.
func sparse(t *testing.T) (*session.Engine, string) {
	t.Helper()
	ctx := context.Background()
	p := defaultPack(t)
	st, err := session.OpenEngine(ctx, filepath.Join(t.TempDir(), "t.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sess, err := st.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "Sparse", Facilitator: "Dana", Date: "2026-11-25",
		Participants: []session.Participant{{Name: "Ana", Role: "supplier"}, {Name: "Ben", Role: "user"}}})
	if err != nil {
		t.Fatal(err)
	}
	el := p.Elements[3].ID
	for i, pt := range sess.Participants {
		v := 3 + i
		in := session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: pt.ID, ElementID: el, CriterionID: "impact", Round: 1}, Value: &v}
		if err := st.RecordRating(ctx, session.Facilitator(), in); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.OpenRound(ctx, session.Facilitator(), sess.ID, 2, []string{el}); err != nil {
		t.Fatal(err)
	}
	// an abstention in round 2 makes the round exist without a value
	in := session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[0].ID, ElementID: el, CriterionID: "impact", Round: 2}, Abstain: true}
	if err := st.RecordRating(ctx, session.Facilitator(), in); err != nil {
		t.Fatal(err)
	}
	return st, sess.ID
}

// TestRoundNobodyRatedIsOneLine: a criterion's round without a rating is
// left out of the tables and named in one line, in every summary.
func TestRoundNobodyRatedIsOneLine(t *testing.T) {
	st, id := sparse(t)
	// a row of – with nothing rated: four undefined figures in a row (md,
	// html), or n 0 and 0 abstentions (text; a row of abstentions stays)
	dashes := regexp.MustCompile(`(–\s*\|\s*){4}|(<td class="n">–</td>){4}|(?m)^\d+\s+\S.*\s0\s+0\s+–`)
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"md", []string{"No rating was given (at most abstentions) in: Effort, round 1; Impact, round 2; Effort, round 2.",
			"No element has a median on both in one round yet."}},
		{"html", []string{"No rating was given (at most abstentions) in: Effort, round 1; Impact, round 2; Effort, round 2.",
			"No element has a median on both in one round yet."}},
		{"text", []string{"Effort, round 1: nobody rated it.", "Effort, round 2: nobody rated it.", "Not rated in this round: 6 elements"}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var out string
			if tc.format == "text" {
				sum, err := export.Load(context.Background(), st, id, export.LoadOptions{Stats: true})
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := export.StatsText(&b, sum); err != nil {
					t.Fatal(err)
				}
				out = b.String()
			} else {
				out = render(t, st, nil, id, tc.format)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("%s lacks %q:\n%s", tc.format, w, out)
				}
			}
			if m := dashes.FindString(out); m != "" {
				t.Errorf("%s holds a row of –: %q\n%s", tc.format, m, out)
			}
			if strings.Contains(out, "| Effort |") || strings.Contains(out, "<span>Effort") || strings.Contains(out, "Effort, round 1\n#") {
				t.Errorf("%s shows a table or cell of Effort, which nobody rated:\n%s", tc.format, out)
			}
		})
	}
}

// TestNotesKeepLineBreaks renders the Markdown export as a Markdown reader
// would: each line of a note stays a line.
func TestNotesKeepLineBreaks(t *testing.T) {
	st, p, sess := fixture(t, people{title: "Notes", names: [4]string{"Ana", "Ben", "Chi", "Dev"},
		note: "Decisions:\r\nfirst one\nsecond one\n\nOpen:\n- a list\n- stays a list\nthird line"})
	var html bytes.Buffer
	if err := goldmark.Convert([]byte(render(t, st, p, sess.ID, "md")), &html); err != nil {
		t.Fatal(err)
	}
	got := html.String()
	for _, want := range []string{"Decisions:<br>\nfirst one<br>\nsecond one</p>", "<li>a list</li>", "<li>stays a list<br>\nthird line</li>"} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered notes lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, `\`) {
		t.Errorf("a backslash shows in the rendered notes:\n%s", got)
	}
}
