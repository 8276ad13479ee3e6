package study_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

func defaultPack(tb testing.TB) *content.Pack {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// openEngine opens (creating) a database in the test's folder.
func openEngine(tb testing.TB, path string, p *content.Pack) *session.Engine {
	tb.Helper()
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { at = at.Add(time.Second); return at }
	e, err := session.OpenEngine(context.Background(), path, session.Options{Now: clock}, session.EngineOptions{Pack: p})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	return e
}

// workshop is a two-round session at a site: three participants rate two
// elements on both criteria in round 1, round 2 is opened for explain,
// and values are given again there (0 is an abstention); a closed
// round-1 value is corrected with a reason.
func workshop(tb testing.TB, e *session.Engine, p *content.Pack, site string, values [3][4]int) session.Session {
	tb.Helper()
	ctx := context.Background()
	sess, err := e.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "Workshop " + site, Facilitator: "Dana", Site: site,
		Date: "2026-11-25", Participants: []session.Participant{{Name: "Ana", Role: p.Personas[0].ID}, {Name: "Ben", Role: p.Personas[1].ID}, {Name: "Chi", Role: p.Personas[2].ID}}})
	if err != nil {
		tb.Fatal(err)
	}
	rate := func(pt session.Participant, el, crit string, round, v int, reason string) {
		tb.Helper()
		in := session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: pt.ID, ElementID: el, CriterionID: crit, Round: round},
			Value: &v, Reason: reason}
		if v == 0 { // an abstention
			in.Value, in.Abstain = nil, true
		}
		if err := e.RecordRating(ctx, session.Facilitator(), in); err != nil {
			tb.Fatal(err)
		}
	}
	for i, pt := range sess.Participants {
		rate(pt, "explain", "impact", 1, values[i][0], "")
		rate(pt, "explain", "effort", 1, values[i][1], "")
		rate(pt, "protect-ip", "impact", 1, values[i][2], "")
		rate(pt, "protect-ip", "effort", 1, values[i][3], "")
	}
	if err := e.OpenRound(ctx, session.Facilitator(), sess.ID, 2, []string{"explain"}); err != nil {
		tb.Fatal(err)
	}
	for i, pt := range sess.Participants {
		rate(pt, "explain", "impact", 2, min(values[i][0]+i%2, 5), "")
		rate(pt, "explain", "effort", 2, values[i][1], "")
	}
	// A correction of the closed round 1, through trustshop: it stays valid.
	rate(sess.Participants[0], "explain", "impact", 1, values[0][0]%5+1, "misread the paper form")
	return sess
}

// exportAs writes a session's export in a format.
func exportAs(tb testing.TB, e *session.Engine, id, format, path string) {
	tb.Helper()
	f, _ := export.Lookup(format)
	sum, err := export.Load(context.Background(), e, id, f.Needs)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, sum); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// copyFile copies a database (closed first by the caller) or an export.
func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func tempPath(tb testing.TB, name string) string { return filepath.Join(tb.TempDir(), name) }
