package session_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

// historyText renders what a viewer reads of the history: every value and
// reason, to search for what must not be there.
func historyText(rows []session.Change) string {
	var b strings.Builder
	for _, c := range rows {
		b.WriteString(c.Key + " " + c.Field + " " + c.Reason)
		for _, p := range []*string{c.Old, c.New} {
			if p != nil {
				b.WriteString(" " + *p)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A correction of a round the viewer may not see yet must not reach them
// through the history or the feed: neither the value nor the reason.
func TestHistoryMasksCorrections(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	ana, ben := f.sess.Participants[0].UUID, f.sess.Participants[1].UUID
	f.must(f.rate(fac, f.key(0, "explain", "impact", 1), 3, ""))
	f.must(f.e.CloseRound(f.ctx, fac, f.sess.ID, 1, []string{"explain"}))
	f.must(f.rate(fac, f.key(0, "explain", "impact", 1), 2, "secret-reason misread the form"))

	cases := []struct {
		name        string
		viewer      session.Viewer
		sees        bool // the value and the reason
		keepsHidden bool // the row is there, marked Hidden
	}{
		{"researcher", session.Viewer{Kind: session.ViewResearcher}, true, false},
		{"room", session.Viewer{Kind: session.ViewRoom}, false, false},
		{"facilitator", session.Viewer{Kind: session.ViewFacilitator}, false, true},
		{"review of a running session", session.Viewer{Kind: session.ViewReview}, false, true},
		{"the participant rated", session.Viewer{Kind: session.ViewParticipant, Participant: ana}, true, false},
		{"another participant", session.Viewer{Kind: session.ViewParticipant, Participant: ben}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := f.e.HistoryFor(f.ctx, tc.viewer, f.sess.ID)
			f.must(err)
			text := historyText(rows)
			if got := strings.Contains(text, "secret-reason"); got != tc.sees {
				t.Errorf("history shows the reason: %v, want %v\n%s", got, tc.sees, text)
			}
			hidden := 0
			for _, c := range rows {
				if c.Hidden {
					hidden++
					if c.Old != nil && *c.Old != "" || c.New != nil && *c.New != "" || c.Reason != "" || c.Correction() {
						t.Errorf("hidden row %+v still holds a value or reason", c)
					}
				}
			}
			if (hidden > 0) != tc.keepsHidden {
				t.Errorf("%d hidden rows, want some: %v\n%s", hidden, tc.keepsHidden, text)
			}

			feed := f.e.FeedFor(tc.viewer, f.sess.ID, 0)
			defer feed.Close()
			ctx, cancel := context.WithTimeout(f.ctx, 5*time.Second)
			defer cancel()
			got, err := feed.Next(ctx)
			f.must(err)
			if s := historyText(got); strings.Contains(s, "secret-reason") != tc.sees {
				t.Errorf("feed shows the reason: %v, want %v\n%s", !tc.sees, tc.sees, s)
			}
		})
	}

	// Once revealed to the room, the room and the facilitator read it.
	f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
	rows, err := f.e.HistoryFor(f.ctx, session.Viewer{Kind: session.ViewRoom}, f.sess.ID)
	f.must(err)
	if !strings.Contains(historyText(rows), "secret-reason") {
		t.Errorf("the room does not see a revealed correction:\n%s", historyText(rows))
	}
}

// A reason given with a rating of an open round records no correction:
// there was nothing to correct.
func TestReasonOnAnOpenRoundIsNoCorrection(t *testing.T) {
	f := newFixture(t)
	f.must(f.rate(session.CommandLine(), f.key(0, "explain", "impact", 1), 4, "typo"))
	h, err := f.e.History(f.ctx, f.sess.ID)
	f.must(err)
	for _, c := range h {
		if c.Correction() || c.Reason != "" {
			t.Errorf("history row %s %s holds a correction %q", c.Key, c.Field, c.Reason)
		}
	}
}
