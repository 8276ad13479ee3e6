package ingest_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
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

func newEngine(tb testing.TB) *session.Engine {
	tb.Helper()
	e, err := session.OpenEngine(context.Background(), filepath.Join(tb.TempDir(), "t.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	return e
}

// header is the export's header.
var header = strings.Join(export.CSVHeader, ",")

// csvFile joins a header and rows into a file with LF line ends.
func csvFile(head string, rows ...string) string {
	return head + "\n" + strings.Join(rows, "\n") + "\n"
}

// exportCSV writes the csv export of a session.
func exportCSV(tb testing.TB, e *session.Engine, id string) string {
	tb.Helper()
	sum, err := export.Load(context.Background(), e, id, export.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.CSV(&b, sum); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// seeded stores a session with the names and comments given, through the
// engine's import: values, an abstention, a second round and times with
// and without fractions of a second.
func seeded(tb testing.TB, e *session.Engine, p *content.Pack, title string, names, orgs []string, comments []string) session.Session {
	tb.Helper()
	in := session.NewSession{Title: title, Facilitator: "Dana", Date: "2026-11-25"}
	for i, n := range names {
		in.Participants = append(in.Participants, session.Participant{Name: n, Role: p.Personas[i%len(p.Personas)].ID, Organisation: orgs[i%len(orgs)]})
	}
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	var ratings []session.ImportedRating
	k := 0
	for pi := range names {
		for ei, el := range p.Elements {
			for ci, c := range p.Criteria {
				k++
				v := 1 + (pi+ei+ci)%5
				r := session.ImportedRating{Participant: pi, ElementID: el.ID, CriterionID: c.ID, Round: 1, Value: &v,
					RatedAt: at.Add(time.Duration(k) * 1500 * time.Millisecond), Comment: comments[k%len(comments)]}
				if (pi+ei)%6 == 1 {
					r.Value, r.Abstain = nil, true
				}
				ratings = append(ratings, r)
			}
		}
		v := 3
		ratings = append(ratings, session.ImportedRating{Participant: pi, ElementID: p.Elements[0].ID, CriterionID: p.Criteria[0].ID,
			Round: 2, Value: &v, RatedAt: at.Add(time.Hour + time.Duration(pi)*time.Nanosecond)})
	}
	sess, err := e.ImportSession(context.Background(), session.Importer(), p, in, ratings)
	if err != nil {
		tb.Fatal(err)
	}
	return sess
}
