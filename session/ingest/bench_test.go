package ingest_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/ingest"
)

// bigCSV is the csv export of a session of n ratings, as export's
// BenchmarkCSV writes it: 7 elements x 2 criteria x 10 rounds per
// participant, an abstention every 23rd rating, a comment with a comma and
// a CRLF every 10th.
func bigCSV(tb testing.TB, n int) []byte {
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
	var buf bytes.Buffer
	if err := export.CSV(&buf, export.Summary{Session: sess, Pack: p, Ratings: src}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRead reads and checks a csv file of 200,000 ratings (it was
// export's BenchmarkReadCSV before the import moved here).
func BenchmarkRead(b *testing.B) {
	file := bigCSV(b, 200_000)
	p := defaultPack(b)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ingest.Read(bytes.NewReader(file), p, ingest.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
