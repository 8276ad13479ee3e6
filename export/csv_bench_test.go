package export_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// bigSummary is a session of n ratings held by no store: ratings are made
// as the writer asks for them (7 elements x 2 criteria x 10 rounds per
// participant, an abstention every 23rd, a comment with a comma and a
// line break every 10th), so only the writer's own cost is measured.
func bigSummary(tb testing.TB, n int) export.Summary {
	tb.Helper()
	p := defaultPack(tb)
	const rounds = 10
	cells := len(p.Elements) * len(p.Criteria) * rounds
	sess := session.Session{ID: "0123abcd", Title: "One workshop, many ratings"}
	for i := range (n + cells - 1) / cells {
		sess.Participants = append(sess.Participants, session.Participant{ID: int64(i + 1),
			Name: fmt.Sprintf("Participant %05d", i), Role: p.Personas[i%len(p.Personas)].ID, Organisation: "Org"})
	}
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	src := func(fn func(session.Rating) error) error {
		for i := range n {
			pt := sess.Participants[i/cells]
			r := session.Rating{SessionID: sess.ID, ParticipantID: pt.ID, Participant: pt.Name,
				ElementID: p.Elements[i/2%len(p.Elements)].ID, CriterionID: p.Criteria[i%2].ID,
				Round: i/(2*len(p.Elements))%rounds + 1, RatedAt: at.Add(time.Duration(i) * time.Millisecond)}
			if i%23 == 0 {
				r.Abstain = true
			} else {
				v := (i*7+i/140)%5 + 1
				r.Value = &v
			}
			if i%10 == 0 {
				r.Comment = "a short remark, with a comma\r\nand a second line"
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	return export.Summary{Session: sess, Pack: p, Ratings: src}
}

// BenchmarkCSV writes 200,000 ratings as csv (the writer alone; the
// whole-process figure is cmd/trustshop's BenchmarkExportCSVProcess).
func BenchmarkCSV(b *testing.B) {
	sum := bigSummary(b, 200_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := export.CSV(io.Discard, sum); err != nil {
			b.Fatal(err)
		}
	}
}
