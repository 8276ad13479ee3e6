package tuitest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Now is the fixed clock of the TUI tests: goldens show no real time.
var Now = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// FixedClock returns Now.
func FixedClock() time.Time { return Now }

// Env is a database with one session on the default pack. The engine
// and the screens share Clock, which stands at Now until a test moves it.
type Env struct {
	Ctx   context.Context
	Store *session.Engine
	Pack  *content.Pack
	Sess  session.Session
	Path  string
	Clock *Clock
}

// NewEnv is a database holding one planned session, "Pilot workshop", of
// Ana (supplier, Vendor GmbH), Ben (user) and Chi (partner).
func NewEnv(tb testing.TB) *Env {
	tb.Helper()
	e := openEnv(tb)
	sess, err := e.Store.CreateSession(e.Ctx, session.Facilitator(), e.Pack, session.NewSession{
		Title: "Pilot workshop", Facilitator: "Dana", Organisation: "Acme",
		Participants: []session.Participant{
			{Name: "Ana", Role: "supplier", Organisation: "Vendor GmbH"},
			{Name: "Ben", Role: "user"},
			{Name: "Chi", Role: "partner"},
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	e.Sess = sess
	return e
}

func openEnv(tb testing.TB) *Env {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return openEnvPack(tb, p)
}

func openEnvPack(tb testing.TB, p *content.Pack) *Env {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "trustshop.db")
	clock := ClockAt(Now)
	st, err := session.OpenEngine(ctx, path, session.Options{Now: clock.Now}, session.EngineOptions{Pack: p, PollInterval: 20 * time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return &Env{Ctx: ctx, Store: st, Pack: p, Path: path, Clock: clock}
}

// Options are the Common options of the env: its store and pack, the dark
// theme and the env's clock.
func (e *Env) Options() common.Options {
	return common.Options{Engine: e.Store, Pack: e.Pack, Theme: common.ThemeDark, Now: e.Clock.Now, Pumped: true}
}

// Common is a Common of the env, as the root builds it; the test closes it.
func (e *Env) Common(tb testing.TB) *common.Common {
	c := common.New(e.Ctx, e.Options())
	tb.Cleanup(c.Close)
	return c
}

// AtStep moves the stored session to the agenda step of the given key; a
// finished session (an import) is reopened to reach a step before its
// summary, as the facilitator's y would.
func (e *Env) AtStep(tb testing.TB, key string) {
	tb.Helper()
	for i, st := range e.Pack.Agenda {
		if st.Key() == key {
			move := func() error { return e.Store.MoveTo(e.Ctx, session.Facilitator(), e.Sess.ID, i, true) }
			if st.Kind != content.StepSummary {
				move = func() error { return e.Store.Reopen(e.Ctx, session.Facilitator(), e.Sess.ID, i) }
			}
			if err := move(); err != nil {
				tb.Fatal(err)
			}
			return
		}
	}
	tb.Fatalf("no step %s", key)
}

// Running marks the session as running again (an import is finished):
// the facilitator went back from its summary.
func (e *Env) Running(tb testing.TB) {
	tb.Helper()
	if err := e.Store.Reopen(e.Ctx, session.Facilitator(), e.Sess.ID, 0); err != nil {
		tb.Fatal(err)
	}
}

// Scrub replaces what differs between runs (the random session id and the
// temporary database path) with fixed text.
func (e *Env) Scrub(s string) string {
	s = strings.ReplaceAll(s, e.Sess.ID, "5e551011")
	return strings.ReplaceAll(s, e.Path, "/data/trustshop.db")
}

// Each element's typical impact and effort in the rated sessions of the
// tests; participants spread around them.
var (
	sampleImpact = map[string]int{"explain": 4, "incentive": 3, "small-steps": 4, "protect-ip": 5, "quality": 3, "uniform-environment": 2, "document": 4}
	sampleEffort = map[string]int{"explain": 2, "incentive": 4, "small-steps": 2, "protect-ip": 4, "quality": 3, "uniform-environment": 4, "document": 1}
	sampleSpread = []int{0, -1, 1, 0, 0, 1, -1, 0}
)

// NewRatedEnv is a database holding one finished session ("Pilot
// workshop") of n participants on the default pack, imported: everyone
// rated every element on impact and effort in round 1, the second
// participant abstained on the effort of protect-ip, and incentive and
// quality were rated again in round 2.
func NewRatedEnv(tb testing.TB, n int) *Env {
	tb.Helper()
	e := openEnv(tb)
	p := e.Pack
	roles := []string{"supplier", "user", "partner"}
	names := []string{"Ana", "Ben", "Chi", "Dee", "Eli", "Fay"}
	in := session.NewSession{Title: "Pilot workshop", Facilitator: "Dana", Organisation: "Acme", Date: "2026-03-14"}
	for i := range n {
		name := fmt.Sprintf("Expert %02d", i+1)
		if i < len(names) {
			name = names[i]
		}
		in.Participants = append(in.Participants, session.Participant{Name: name, Role: roles[i%len(roles)]})
	}
	var ratings []session.ImportedRating
	at := Now
	for round := 1; round <= 2; round++ {
		for i := range n {
			for _, el := range p.Elements {
				if round == 2 && el.ID != "incentive" && el.ID != "quality" {
					continue
				}
				for _, c := range p.Criteria {
					base := sampleImpact[el.ID]
					if c.ID == "effort" {
						base = sampleEffort[el.ID]
					}
					d := sampleSpread[(i+len(el.ID)+len(c.ID)+round)%len(sampleSpread)]
					if round == 2 {
						d = max(0, d)
					}
					v := min(c.Max, max(c.Min, base+d))
					r := session.ImportedRating{Participant: i, ElementID: el.ID, CriterionID: c.ID, Round: round, Value: &v, RatedAt: at}
					if i == 1 && el.ID == "protect-ip" && c.ID == "effort" {
						r.Value, r.Abstain, r.Comment = nil, true, "not my field"
					}
					ratings = append(ratings, r)
					at = at.Add(time.Second)
				}
			}
		}
	}
	sess, err := e.Store.ImportSession(e.Ctx, session.Importer(), p, in, ratings)
	if err != nil {
		tb.Fatal(err)
	}
	e.Sess = sess
	return e
}
