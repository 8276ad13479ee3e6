package study_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/study"
)

// sites builds two databases (Leeds, Graz) and a json export (Munich) of
// two-round workshops; changed gives Graz another text of "explain".
func sites(t *testing.T, changed bool) (dir string, ids map[string]session.Session) {
	t.Helper()
	p := defaultPack(t)
	dir = t.TempDir()
	ids = map[string]session.Session{}
	graz := p
	if changed {
		cp := *p
		cp.Elements = append(cp.Elements[:0:0], p.Elements...)
		for i := range cp.Elements {
			if cp.Elements[i].ID == "explain" {
				cp.Elements[i].Body += "\n\nA sentence added between the workshops."
			}
		}
		graz = &cp
	}
	e := openEngine(t, dir+"/leeds.db", p)
	ids["Leeds"] = workshop(t, e, p, "Leeds", [3][4]int{{3, 2, 4, 1}, {4, 2, 5, 2}, {5, 3, 4, 2}})
	e.Close()
	e = openEngine(t, dir+"/graz.db", graz)
	ids["Graz"] = workshop(t, e, graz, "Graz", [3][4]int{{2, 4, 3, 3}, {3, 4, 3, 4}, {2, 5, 2, 4}})
	e.Close()
	e = openEngine(t, dir+"/munich.db", p)
	ids["Munich"] = workshop(t, e, p, "Munich", [3][4]int{{5, 1, 5, 1}, {5, 2, 4, 1}, {4, 0, 5, 0}})
	exportAs(t, e, ids["Munich"].ID, "json", dir+"/munich.json")
	e.Close()
	return dir, ids
}

func TestMergeKeepsSessionsSitesParticipantsAndChains(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir, ids := sites(t, false)
	out := openEngine(t, dir+"/study.db", p)
	rep, err := study.Merge(ctx, out, p, []string{dir + "/leeds.db", dir + "/graz.db", dir + "/munich.json"}, study.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sessions) != 3 || rep.Participants != 9 {
		t.Errorf("merged %d sessions, %d participants", len(rep.Sessions), rep.Participants)
	}
	for site, want := range ids {
		got, err := out.Session(ctx, want.ID)
		if err != nil {
			t.Fatalf("%s: %v", site, err)
		}
		if got.Site != site || len(got.Participants) != 3 {
			t.Errorf("%s: site %q, %d participants", site, got.Site, len(got.Participants))
		}
		for i, pt := range got.Participants {
			if pt.UUID != want.Participants[i].UUID || pt.Name != want.Participants[i].Name {
				t.Errorf("%s: participant %d is %+v, want %+v", site, i, pt, want.Participants[i])
			}
		}
		hist, _ := out.History(ctx, want.ID)
		last := hist[len(hist)-1]
		if last.Field != "imported" || last.Actor != session.Importer() || len(hist) < 20 {
			t.Errorf("%s: the history ends with %+v", site, last)
		}
	}
	// A session given twice is refused, and nothing more is written.
	if _, err := study.Merge(ctx, out, p, []string{dir + "/munich.db"}, study.MergeOptions{}); !errors.Is(err, session.ErrConflict) {
		t.Errorf("merging a session again: %v", err)
	}
	out.Close()
	rep2, err := study.Verify(ctx, dir+"/study.db", study.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep2.OK() || len(rep2.Sessions) != 3 {
		t.Errorf("the merged study does not verify:\n%s", report(rep2))
	}
}

func TestMergeRefusesAChangedElementUnlessAllowed(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir, ids := sites(t, true)
	out := openEngine(t, dir+"/study.db", p)
	srcs := []string{dir + "/leeds.db", dir + "/graz.db", dir + "/munich.json"}
	_, err := study.Merge(ctx, out, p, srcs, study.MergeOptions{})
	var ce *study.ChangedError
	if !errors.As(err, &ce) || len(ce.Elements) != 1 || ce.Elements[0].ElementID != "explain" {
		t.Fatalf("merge with a changed element: %v", err)
	}
	if !strings.Contains(err.Error(), ids["Graz"].ID) || !strings.Contains(err.Error(), "--allow-changed") {
		t.Errorf("the message names neither the session nor the way out: %v", err)
	}
	if list, _ := out.Sessions(ctx); len(list) != 0 {
		t.Errorf("a refused merge wrote %d sessions", len(list))
	}
	rep, err := study.Merge(ctx, out, p, srcs, study.MergeOptions{AllowChanged: []string{"explain"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sessions) != 3 || len(rep.Allowed) != 1 {
		t.Errorf("merge --allow-changed explain: %+v", rep)
	}
	res, err := study.Compute(ctx, out, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sites) != 3 || res.Pooled.Participants != 9 || res.Pooled.Sessions != 3 {
		t.Errorf("stats: %d sites, pooled %+v", len(res.Sites), res.Pooled)
	}
}

// MergeFile builds a new study beside its path and merges into an
// existing one in place: the same sessions and figures either way, and a
// refused merge leaves no file.
func TestMergeFileBuildsANewStudyOrMergesIntoOne(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	dir, _ := sites(t, true)
	srcs := []string{dir + "/leeds.db", dir + "/graz.db", dir + "/munich.json"}
	eopt := session.EngineOptions{Pack: p}
	var ce *study.ChangedError
	if _, err := study.MergeFile(ctx, dir+"/new/study.db", p, srcs, study.MergeOptions{}, eopt); !errors.As(err, &ce) {
		t.Fatalf("merge with a changed element: %v", err)
	}
	if _, err := os.Stat(dir + "/new"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused merge left its folder: %v", err)
	}
	allow := study.MergeOptions{AllowChanged: []string{"explain"}}
	rep, err := study.MergeFile(ctx, dir+"/new/study.db", p, srcs, allow, eopt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sessions) != 3 || len(rep.Allowed) != 1 {
		t.Errorf("report %+v", rep)
	}
	// The same merge through the engine, in two steps into one study.
	old := openEngine(t, dir+"/old.db", p)
	if _, err := study.Merge(ctx, old, p, srcs[:1], allow); err != nil {
		t.Fatal(err)
	}
	old.Close()
	if _, err := study.MergeFile(ctx, dir+"/old.db", p, srcs[1:], allow, eopt); err != nil {
		t.Fatal(err)
	}
	stats := func(path string) string {
		e, err := session.OpenEngine(ctx, path, session.Options{Inspect: true}, eopt)
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		res, err := study.Compute(ctx, e, p)
		if err != nil {
			t.Fatal(err)
		}
		// The figures; the chain heads differ, as each merge records when
		// and from where it imported a session.
		b, _ := json.Marshal([]any{res.Sites, res.Pooled})
		return string(b)
	}
	built, merged := stats(dir+"/new/study.db"), stats(dir+"/old.db")
	if built != merged || !strings.Contains(built, `"sessions":3,"sites":3`) {
		t.Errorf("the built study's statistics differ from the merged one's (%d and %d bytes of json)", len(built), len(merged))
	}
	if _, err := study.MergeFile(ctx, dir+"/new/study.db", p, srcs[:1], allow, eopt); !errors.Is(err, session.ErrConflict) {
		t.Errorf("merging a session into the built study again: %v", err)
	}
	rv, err := study.Verify(ctx, dir+"/new/study.db", study.VerifyOptions{})
	if err != nil || !rv.OK() {
		t.Errorf("the built study does not verify: %v\n%s", err, report(rv))
	}
}
