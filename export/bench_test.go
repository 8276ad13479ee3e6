package export_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// BenchmarkHTML40 exports a session of 40 participants who rated every
// element of the default pack on both criteria, with comments and notes,
// from the store to the html page (Load plus HTML). Target: <= 100 ms.
func BenchmarkHTML40(b *testing.B) {
	ctx := context.Background()
	p := defaultPack(b)
	st, err := session.OpenEngine(ctx, filepath.Join(b.TempDir(), "b.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	in := session.NewSession{Title: "Forty experts", Facilitator: "Dana", Date: "2026-11-25"}
	for i := range 40 {
		in.Participants = append(in.Participants, session.Participant{
			Name: fmt.Sprintf("Expert %02d", i), Role: p.Personas[i%len(p.Personas)].ID, Organisation: "Org"})
	}
	var ratings []session.ImportedRating
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for pi := range 40 {
		for ei, e := range p.Elements {
			for ci, c := range p.Criteria {
				v := 1 + (pi+ei*2+ci)%5
				r := session.ImportedRating{Participant: pi, ElementID: e.ID, CriterionID: c.ID, Round: 1, Value: &v, RatedAt: at}
				if (pi+ei)%4 == 0 {
					r.Comment = "A remark of a sentence or two about why this rating, <with> markup & quotes \"like this\"."
				}
				ratings = append(ratings, r)
			}
		}
	}
	sess, err := st.ImportSession(ctx, session.Importer(), p, in, ratings)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range p.Agenda {
		if err := st.SaveNote(ctx, session.Facilitator(), sess.ID, s.Key(), "What the group said about "+s.Key()+".\n- one\n- two"); err != nil {
			b.Fatal(err)
		}
	}
	f, _ := export.Lookup("html")
	b.ReportAllocs()
	for b.Loop() {
		sum, err := export.Load(ctx, st, sess.ID, f.Needs)
		if err != nil {
			b.Fatal(err)
		}
		if err := export.HTML(io.Discard, sum); err != nil {
			b.Fatal(err)
		}
	}
}
