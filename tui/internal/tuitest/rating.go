package tuitest

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Clock is a clock tests move by hand; it starts at a fixed time. The
// engine's goroutine reads it while a test moves it, so it locks.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts at 2026-11-25 10:00 UTC.
func NewClock() *Clock { return &Clock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)} }

// ClockAt starts at t.
func ClockAt(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// storeClock is a store's clock: a second later at every reading, so the
// history keeps its order.
func storeClock() func() time.Time {
	c := NewClock()
	return func() time.Time { c.Advance(time.Second); return c.Now() }
}

// DefaultPack is the embedded pack.
func DefaultPack(tb testing.TB) *content.Pack {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// EdgePack is the default pack with two unusual scales: 0..10 and a
// seven-point scale, for the edge cases of digit entry.
func EdgePack(tb testing.TB) *content.Pack {
	tb.Helper()
	p := *DefaultPack(tb)
	score := content.Criterion{ID: "score", Label: "Score", Question: "How good is it, from 0 to 10?", Min: 0, Max: 10, Points: map[int]string{}}
	for v := 0; v <= 10; v++ {
		score.Points[v] = []string{"none", "minimal", "very low", "low", "fair", "middling", "decent", "good", "very good", "excellent", "perfect"}[v]
	}
	seven := content.Criterion{ID: "seven", Label: "Agreement", Question: "How much do you agree?", Min: 1, Max: 7, Points: map[int]string{
		1: "Strongly disagree", 2: "Disagree", 3: "Somewhat disagree", 4: "Neutral", 5: "Somewhat agree", 6: "Agree", 7: "Strongly agree",
	}}
	p.Criteria = []content.Criterion{score, seven}
	return &p
}

// RatingEnv is a store with one session and the Common of the app around
// it, on a clock the test moves.
type RatingEnv struct {
	C     *common.Common
	St    *session.Engine
	Pack  *content.Pack
	Sess  session.Session
	Clock *Clock
}

// NewRatingEnv creates a session "Pilot" on pack p with participants given
// as "Name:role" (Ana, Ben and Chi when none are given).
func NewRatingEnv(tb testing.TB, p *content.Pack, names ...string) *RatingEnv {
	tb.Helper()
	ctx := context.Background()
	st, err := session.OpenEngine(ctx, filepath.Join(tb.TempDir(), "t.db"), session.Options{Now: storeClock()},
		session.EngineOptions{Pack: p, PollInterval: 20 * time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if len(names) == 0 {
		names = []string{"Ana:supplier", "Ben:user", "Chi:partner"}
	}
	var parts []session.Participant
	for _, n := range names {
		name, role, _ := strings.Cut(n, ":")
		parts = append(parts, session.Participant{Name: name, Role: role})
	}
	sess, err := st.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "Pilot", Facilitator: "Dana", Date: "2026-11-25", Participants: parts})
	if err != nil {
		tb.Fatal(err)
	}
	clock := NewClock()
	c := common.New(ctx, common.Options{Engine: st, Pack: p, Now: clock.Now, Pumped: true})
	tb.Cleanup(c.Close)
	return &RatingEnv{C: c, St: st, Pack: p, Sess: sess, Clock: clock}
}

// RatingInput is a value v for a cell of round 1.
func RatingInput(sessionID string, pid int64, element, criterion string, v int) session.RatingInput {
	return session.RatingInput{
		RatingKey: session.RatingKey{SessionID: sessionID, ParticipantID: pid, ElementID: element, CriterionID: criterion, Round: 1},
		Value:     &v,
	}
}

// RateAll records a 3 in every cell of round 1 of the participants given
// by index.
func (env *RatingEnv) RateAll(tb testing.TB, who ...int) {
	tb.Helper()
	for _, i := range who {
		p := env.Sess.Participants[i]
		for _, e := range env.Pack.Elements {
			for _, c := range env.Pack.Criteria {
				if err := env.St.RecordRating(context.Background(), session.CommandLine(), RatingInput(env.Sess.ID, p.ID, e.ID, c.ID, 3)); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
}

// StoredCell reads one cell back from the store.
func (env *RatingEnv) StoredCell(tb testing.TB, pid int64, element, criterion string, round int) (session.Rating, bool) {
	tb.Helper()
	var out session.Rating
	found := false
	err := env.St.EachCell(context.Background(), session.Viewer{Kind: session.ViewResearcher}, env.Sess.ID, func(c session.Cell) error {
		if c.ParticipantID == pid && c.ElementID == element && c.CriterionID == criterion && c.Round == round {
			out, found = c.Rating, true
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out, found
}

// CellString shows a stored cell as the tests write it: "4", "abstain" or
// "" (no row), then "|comment" when there is one.
func CellString(r session.Rating, ok bool) string {
	if !ok {
		return ""
	}
	s := ""
	switch {
	case r.Abstain:
		s = "abstain"
	case r.Value != nil:
		s = strconv.Itoa(*r.Value)
	}
	if r.Comment != "" {
		s += "|" + r.Comment
	}
	return s
}

// Expand replaces {Ana}, {Ben}, {Chi} by the participants' UUIDs, as the
// history names them.
func (env *RatingEnv) Expand(s string) string {
	for _, p := range env.Sess.Participants {
		s = strings.ReplaceAll(s, "{"+p.Name+"}", p.UUID)
	}
	return s
}

// RatingHistory lists the history rows of ratings and rounds as "entity
// key field old→new".
func (env *RatingEnv) RatingHistory(tb testing.TB) []string {
	tb.Helper()
	h, err := env.St.History(context.Background(), env.Sess.ID)
	if err != nil {
		tb.Fatal(err)
	}
	str := func(p *string) string {
		if p == nil {
			return "∅"
		}
		return *p
	}
	var out []string
	for _, c := range h {
		if c.Entity == "rating" || c.Entity == "round" {
			out = append(out, c.Entity+" "+c.Key+" "+c.Field+" "+str(c.Old)+"→"+str(c.New))
		}
	}
	return out
}

// Workshop reads the env's session as the walkthrough holds it.
func (env *RatingEnv) Workshop(tb testing.TB) session.Workshop {
	tb.Helper()
	w, err := env.St.Workshop(context.Background(), env.Sess.ID)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// VisibleCell reads one cell back as a viewer may see it.
func (env *RatingEnv) VisibleCell(tb testing.TB, v session.Viewer, pid int64, element, criterion string, round int) (session.Cell, bool) {
	tb.Helper()
	cells, err := env.St.Cells(context.Background(), v, env.Sess.ID, session.CellQuery{Element: element, Round: round})
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range cells {
		if c.ParticipantID == pid && c.CriterionID == criterion {
			return c, true
		}
	}
	return session.Cell{}, false
}

// Ratings reads every rating row of the env's session, as a researcher's
// export sees them.
func (env *RatingEnv) Ratings(tb testing.TB) ([]session.Rating, error) {
	tb.Helper()
	var out []session.Rating
	err := env.St.EachCell(context.Background(), session.Viewer{Kind: session.ViewResearcher}, env.Sess.ID, func(c session.Cell) error {
		out = append(out, c.Rating)
		return nil
	})
	return out, err
}
