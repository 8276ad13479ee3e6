package session_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// copyFile copies a fixture into a test's folder, so that the test's
// migration never touches the committed file.
func copyFile(t *testing.T, from string) string {
	t.Helper()
	src, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(t.TempDir(), filepath.Base(from))
	if err := os.WriteFile(to, src, 0o600); err != nil {
		t.Fatal(err)
	}
	return to
}

// A database written by the release before the engine (schema 4) opens,
// migrates, and gives the same ratings and statistics it exported then.
func TestReleaseFourDatabaseMigrates(t *testing.T) {
	ctx := context.Background()
	path := copyFile(t, "../testdata/db/release-4.db")
	e, err := session.OpenEngine(ctx, path, session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	const id = "d00cc42e"
	w, err := e.Workshop(ctx, id)
	if err != nil {
		t.Fatal(err)
	}

	// The same ratings as the release's csv export, field by field.
	f, err := os.Open("../testdata/db/release-4.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, _ := r.Read()
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	want := map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		k := strings.Join([]string{rec[col["participant"]], rec[col["element_id"]], rec[col["criterion"]], rec[col["round"]]}, "/")
		want[k] = strings.Join([]string{rec[col["value"]], rec[col["abstain"]], rec[col["comment"]], rec[col["rated_at"]]}, "|")
	}
	got := map[string]string{}
	err = e.EachCell(ctx, session.Viewer{Kind: session.ViewResearcher}, id, func(c session.Cell) error {
		v := ""
		if c.Value != nil {
			v = strconv.Itoa(*c.Value)
		}
		k := fmt.Sprintf("%s/%s/%s/%d", c.Participant, c.ElementID, c.CriterionID, c.Round)
		got[k] = strings.Join([]string{v, strconv.FormatBool(c.Abstain), c.Comment, c.RatedAt.UTC().Format(time.RFC3339)}, "|")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) != 66 {
		t.Fatalf("%d ratings after the migration, %d exported before", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q after the migration, %q before", k, got[k], v)
		}
	}

	// The same statistics of every cell that holds ratings.
	var old struct {
		Elements []stats.ElementStats   `json:"elements"`
		Criteria []stats.CriterionStats `json:"criteria"`
	}
	raw, _ := os.ReadFile("../testdata/db/release-4.stats.json")
	if err := json.Unmarshal(raw, &old); err != nil {
		t.Fatal(err)
	}
	view, err := e.Results(ctx, session.Viewer{Kind: session.ViewResearcher}, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, es := range old.Elements {
		if es.N == 0 && es.Abstain == 0 {
			continue
		}
		now := view.Cell(es.ElementID, es.Criterion, es.Round)
		if now == nil {
			t.Errorf("%s/%s/%d: gone", es.ElementID, es.Criterion, es.Round)
			continue
		}
		a, _ := json.Marshal(es)
		b, _ := json.Marshal(*now)
		if string(a) != string(b) {
			t.Errorf("%s/%s/%d:\n now %s\n was %s", es.ElementID, es.Criterion, es.Round, b, a)
		}
	}
	a, _ := json.Marshal(old.Criteria)
	b, _ := json.Marshal(view.Stats.Criteria)
	if string(a) != string(b) {
		t.Errorf("criteria:\n now %s\n was %s", b, a)
	}

	// Reveals became rounds; an element with a round 2 closed its round 1.
	explain1, _ := w.Rounds.Get("explain", 1)
	explain2, _ := w.Rounds.Get("explain", 2)
	incentive1, _ := w.Rounds.Get("incentive", 1)
	switch {
	case !explain1.RevealedToRoom() || explain1.Open() || !explain2.RevealedToRoom():
		t.Errorf("explain: %+v %+v", explain1, explain2)
	case incentive1.Open() || w.Rounds.Current("incentive").Round != 2 || !w.Rounds.Current("incentive").Open():
		t.Errorf("incentive: %+v, current %+v", incentive1, w.Rounds.Current("incentive"))
	case w.Rounds.Current("document").Round != 1 || !w.Rounds.Current("document").Open():
		t.Errorf("document: %+v", w.Rounds.Current("document"))
	}
	// Participants got stable ids, and the history names them by it.
	uuids := map[string]bool{}
	for _, p := range w.Session.Participants {
		if len(p.UUID) != 36 || uuids[p.UUID] {
			t.Errorf("participant %s: uuid %q", p.Name, p.UUID)
		}
		uuids[p.UUID] = true
	}
	h, err := e.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range h {
		switch c.Entity {
		case "rating":
			if !uuids[strings.SplitN(c.Key, "/", 2)[0]] {
				t.Fatalf("history row %+v not keyed by a participant's uuid", c)
			}
		case "participant":
			if !uuids[c.Key] {
				t.Fatalf("history row %+v not keyed by a participant's uuid", c)
			}
		case "reveal":
			t.Fatalf("history row %+v still names the old reveals", c)
		}
		if c.Actor != (session.Actor{}) {
			t.Fatalf("a row written before actors were recorded names one: %+v", c)
		}
	}
	if w.Session.Status != session.StatusFinished || w.Session.Site != "" {
		t.Errorf("session %+v", w.Session)
	}
}
