package study_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/study"
)

// benchSources writes laptops databases holding workshops sessions of
// participants x 7 elements x 2 criteria x 2 rounds between them, through
// the engine's import.
func benchSources(b *testing.B, laptops, workshops, participants int) []string {
	b.Helper()
	p := defaultPack(b)
	dir := b.TempDir()
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	var paths []string
	for l := range laptops {
		path := fmt.Sprintf("%s/laptop%d.db", dir, l)
		paths = append(paths, path)
		e := openEngine(b, path, p)
		for w := range workshops / laptops {
			in := session.NewSession{Title: fmt.Sprintf("Workshop %d-%d", l, w), Facilitator: "Dana", Date: "2026-11-25",
				Site: fmt.Sprintf("Site %d", (l*workshops/laptops+w)%10)}
			for i := range participants {
				in.Participants = append(in.Participants, session.Participant{Name: fmt.Sprintf("P%02d", i), Role: p.Personas[i%len(p.Personas)].ID})
			}
			var ratings []session.ImportedRating
			for i := range participants {
				for ei, el := range p.Elements {
					for ci, c := range p.Criteria[:2] {
						for round := 1; round <= 2; round++ {
							v := (i*3+ei*5+ci*7+w+round*(i%3))%5 + 1
							r := session.ImportedRating{Participant: i, ElementID: el.ID, CriterionID: c.ID, Round: round, Value: &v,
								RatedAt: at.Add(time.Duration(len(ratings)) * time.Second)}
							if (i+ei+ci)%31 == 0 {
								r.Value, r.Abstain = nil, true
							}
							ratings = append(ratings, r)
						}
					}
				}
			}
			if _, err := e.ImportSession(context.Background(), session.Importer(), p, in, ratings); err != nil {
				b.Fatal(err)
			}
		}
		e.Close()
	}
	return paths
}

// BenchmarkMergeAndCompute merges 200 workshops x 40 participants x 7
// elements x 2 criteria x 2 rounds (224,000 ratings) from four laptops'
// databases into a new study database and computes its statistics per
// site and pooled from that database, as `trustshop study merge` and
// `trustshop study stats` do: sources on disk to figures, the merge
// synced to disk. The target is under a second.
func BenchmarkMergeAndCompute(b *testing.B) {
	ctx := context.Background()
	p := defaultPack(b)
	srcs := benchSources(b, 4, 200, 40)
	dir := b.TempDir()
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		path := fmt.Sprintf("%s/study%d.db", dir, n)
		rep, err := study.MergeFile(ctx, path, p, srcs, study.MergeOptions{}, session.EngineOptions{Pack: p})
		if err != nil {
			b.Fatal(err)
		}
		e, err := session.OpenEngine(ctx, path, session.Options{Inspect: true}, session.EngineOptions{Pack: p})
		if err != nil {
			b.Fatal(err)
		}
		res, err := study.Compute(ctx, e, p)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Ratings != 224_000 || res.Pooled.Ratings != 224_000 || len(res.Sites) != 10 {
			b.Fatalf("merged %d ratings, computed %d in %d sites", rep.Ratings, res.Pooled.Ratings, len(res.Sites))
		}
		e.Close()
		// Kept, each study would take 110 MB more of the page cache, and a
		// later round would pay for memory the machine had not used yet.
		if err := os.Remove(path); err != nil {
			b.Fatal(err)
		}
	}
}
