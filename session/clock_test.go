package session_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

// manualClock is a clock a test moves by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// The step clock as commands: each case runs steps (a command, or the
// clock moving on) and checks every step's time, visit and skip, the
// pause, and the history rows the commands wrote.
func TestStepClock(t *testing.T) {
	fac := session.Facilitator()
	type step func(f *clockFixture) error
	start := func(f *clockFixture) error { return f.e.StartClock(f.ctx, fac, f.id) }
	stop := func(f *clockFixture) error { return f.e.StopClock(f.ctx, fac, f.id) }
	pause := func(p bool) step { return func(f *clockFixture) error { return f.e.PauseClock(f.ctx, fac, f.id, p) } }
	move := func(i int) step { return func(f *clockFixture) error { return f.e.MoveTo(f.ctx, fac, f.id, i, true) } }
	wait := func(d time.Duration) step { return func(f *clockFixture) error { f.clock.add(d); return nil } }
	alive := func(f *clockFixture) error { return f.e.ClockAlive(f.ctx, fac, f.id) }
	skip := func(key string, on bool) step {
		return func(f *clockFixture) error { return f.e.SkipStep(f.ctx, fac, f.id, key, on) }
	}
	cases := []struct {
		name  string
		steps []step
		want  string // the agenda's first steps: key=time visited/skipped, then the clock
		hist  string // the clock's history rows, in order
		err   error  // of the last step
	}{
		{name: "never opened", want: "intro=0s map=0s persona:supplier=0s | step 0 stands"},
		{name: "opened: the open step counts and is visited", steps: []step{start, wait(90 * time.Second)},
			want: "intro=1m30s+v map=0s persona:supplier=0s | step 0 runs", hist: "step intro visited ->1; clock running 0->1"},
		{name: "a move folds the time into the step left", steps: []step{start, wait(time.Minute), move(1), wait(20 * time.Second)},
			want: "intro=1m0s+v map=20s+v persona:supplier=0s | step 1 runs",
			hist: "step intro visited ->1; clock running 0->1; session step 0->1; step map visited ->1"},
		{name: "a jump visits only the step reached", steps: []step{start, move(2), move(0)},
			want: "intro=0s+v map=0s persona:supplier=0s+v | step 0 runs",
			hist: "step intro visited ->1; clock running 0->1; session step 0->2; step persona:supplier visited ->1; session step 2->0"},
		{name: "a pause stands the clock, a resume runs it again", steps: []step{start, wait(time.Minute), pause(true), wait(time.Hour), pause(false), wait(time.Minute)},
			want: "intro=2m0s+v map=0s persona:supplier=0s | step 0 runs",
			hist: "step intro visited ->1; clock running 0->1; clock paused 0->1; clock paused 1->0"},
		{name: "a move while paused keeps the pause", steps: []step{start, pause(true), wait(time.Minute), move(1), wait(time.Minute)},
			want: "intro=0s+v map=0s+v persona:supplier=0s | step 1 paused",
			hist: "step intro visited ->1; clock running 0->1; clock paused 0->1; session step 0->1; step map visited ->1"},
		{name: "closing stops, reopening runs on", steps: []step{start, wait(time.Minute), stop, wait(time.Hour), start, wait(time.Minute)},
			want: "intro=2m0s+v map=0s persona:supplier=0s | step 0 runs",
			hist: "step intro visited ->1; clock running 0->1; clock running 1->0; clock running 0->1"},
		// a window that is gone: the step keeps the time to its last sign of life
		{name: "a crash: reopening counts to the last sign of life", steps: []step{start, wait(time.Minute), alive, wait(10 * time.Second),
			wait(time.Hour), start, wait(time.Minute)},
			want: "intro=2m0s+v map=0s persona:supplier=0s | step 0 runs",
			hist: "step intro visited ->1; clock running 0->1; clock stopped ->2026-11-25T09:01:00.000000000Z"},
		{name: "a crash before any sign: counted from the start", steps: []step{start, wait(5 * time.Minute), wait(time.Hour), start},
			want: "intro=0s+v map=0s persona:supplier=0s | step 0 runs",
			hist: "step intro visited ->1; clock running 0->1; clock stopped ->2026-11-25T09:00:00.000000000Z"},
		{name: "another window alive: the clock runs on", steps: []step{start, wait(50 * time.Second), alive, wait(50 * time.Second), start},
			want: "intro=1m40s+v map=0s persona:supplier=0s | step 0 runs", hist: "step intro visited ->1; clock running 0->1"},
		{name: "a sign of life of a clock that stands changes nothing", steps: []step{start, stop, wait(time.Hour), alive, wait(time.Hour), start},
			want: "intro=0s+v map=0s persona:supplier=0s | step 0 runs",
			hist: "step intro visited ->1; clock running 0->1; clock running 1->0; clock running 0->1"},
		{name: "a paused session reopens paused", steps: []step{start, pause(true), stop, start, wait(time.Minute)},
			want: "intro=0s+v map=0s persona:supplier=0s | step 0 paused",
			hist: "step intro visited ->1; clock running 0->1; clock paused 0->1"},
		{name: "pausing twice changes nothing", steps: []step{start, pause(true), pause(true)},
			want: "intro=0s+v map=0s persona:supplier=0s | step 0 paused", hist: "step intro visited ->1; clock running 0->1; clock paused 0->1"},
		{name: "a step skipped on purpose", steps: []step{skip("map", true)},
			want: "intro=0s map=0s+s persona:supplier=0s | step 0 stands", hist: "step map skipped 0->1"},
		{name: "and taken back", steps: []step{skip("map", true), skip("map", false)},
			want: "intro=0s map=0s persona:supplier=0s | step 0 stands", hist: "step map skipped 0->1; step map skipped 1->0"},
		{name: "an unknown step is refused", steps: []step{skip("nope", true)}, err: session.ErrInvalid,
			want: "intro=0s map=0s persona:supplier=0s | step 0 stands"},
		{name: "a participant's device has no clock", steps: []step{func(f *clockFixture) error {
			return f.e.PauseClock(f.ctx, session.ParticipantActor(f.sess.Participants[0].UUID), f.id, true)
		}}, err: session.ErrNotYours, want: "intro=0s map=0s persona:supplier=0s | step 0 stands"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newClockFixture(t)
			var err error
			for _, s := range tc.steps {
				err = s(f)
			}
			if !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if got := f.state(); got != tc.want {
				t.Errorf("state\n got %s\nwant %s", got, tc.want)
			}
			if got := f.history(); got != tc.hist {
				t.Errorf("history\n got %s\nwant %s", got, tc.hist)
			}
		})
	}
}

// StepClock, the read of the header and the projector, agrees with the
// snapshot, and counts the running time at any moment.
func TestStepClockRead(t *testing.T) {
	f := newClockFixture(t)
	fac := session.Facilitator()
	f.must(f.e.StartClock(f.ctx, fac, f.id))
	f.clock.add(3 * time.Minute)
	f.must(f.e.MoveTo(f.ctx, fac, f.id, 1, true))
	f.clock.add(4 * time.Minute)
	c, err := f.e.StepClock(f.ctx, f.id)
	f.must(err)
	now := f.clock.Now()
	if c.Step != 1 || c.StepKey != "map" || c.Title != "Stakeholder map" || c.Planned != 10*time.Minute || !c.Running() {
		t.Fatalf("clock %+v", c)
	}
	if got := c.At(now); got != 4*time.Minute {
		t.Errorf("At = %v, want 4m", got)
	}
	if c.Over(now) || !c.Over(now.Add(7*time.Minute)) {
		t.Errorf("over at 4 min = %v, at 11 min = %v", c.Over(now), c.Over(now.Add(7*time.Minute)))
	}
	w, err := f.e.Workshop(f.ctx, f.id)
	f.must(err)
	if w.Elapsed(1, now) != c.At(now) || w.Elapsed(0, now) != 3*time.Minute {
		t.Errorf("snapshot: step 0 %v, step 1 %v", w.Elapsed(0, now), w.Elapsed(1, now))
	}
}

// The view (zoom and theme) is kept for the next opening, with a history
// row per change.
func TestSetView(t *testing.T) {
	f := newClockFixture(t)
	fac := session.Facilitator()
	f.must(f.e.SetView(f.ctx, fac, f.id, session.View{Zoom: true, Theme: "high-contrast"}))
	f.must(f.e.SetView(f.ctx, fac, f.id, session.View{Zoom: true, Theme: "high-contrast"}))
	f.must(f.e.SetView(f.ctx, fac, f.id, session.View{Zoom: false, Theme: "high-contrast"}))
	w, err := f.e.Workshop(f.ctx, f.id)
	f.must(err)
	if w.View != (session.View{Theme: "high-contrast"}) {
		t.Errorf("view %+v", w.View)
	}
	if got, want := f.history(), "view zoom 0->1; view theme ->high-contrast; view zoom 1->0"; got != want {
		t.Errorf("history\n got %s\nwant %s", got, want)
	}
}

// The scroll a walkthrough saves leaves the clock's time alone.
func TestSaveStepStateKeepsTheTime(t *testing.T) {
	f := newClockFixture(t)
	fac := session.Facilitator()
	f.must(f.e.StartClock(f.ctx, fac, f.id))
	f.clock.add(time.Minute)
	f.must(f.e.StopClock(f.ctx, fac, f.id))
	f.must(f.e.SaveStepState(f.ctx, f.id, session.StepState{StepKey: "intro", Elapsed: time.Hour, Scroll: 7}))
	w, err := f.e.Workshop(f.ctx, f.id)
	f.must(err)
	if st := w.Steps["intro"]; st.Elapsed != time.Minute || st.Scroll != 7 || !st.Visited {
		t.Errorf("intro %+v", st)
	}
}

type clockFixture struct {
	*fixture
	id    string
	clock *manualClock
}

func newClockFixture(t *testing.T) *clockFixture {
	t.Helper()
	clock := &manualClock{now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	e, err := session.OpenEngine(context.Background(), filepath.Join(t.TempDir(), "t.db"), session.Options{Now: clock.Now}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	p := defaultPack(t)
	f := &fixture{t: t, ctx: context.Background(), e: e, p: p, sess: newSession(t, e, p)}
	return &clockFixture{fixture: f, id: f.sess.ID, clock: clock}
}

// state is the first three steps' time (+v visited, +s skipped) and the
// clock: "intro=1m0s+v map=0s … | step 0 runs".
func (f *clockFixture) state() string {
	w, err := f.e.Workshop(f.ctx, f.id)
	f.must(err)
	var parts []string
	for i, st := range w.Pack.Agenda[:3] {
		s := fmt.Sprintf("%s=%v", st.Key(), w.Elapsed(i, f.clock.Now()))
		if w.Steps[st.Key()].Visited {
			s += "+v"
		}
		if w.Steps[st.Key()].Skipped {
			s += "+s"
		}
		parts = append(parts, s)
	}
	run := "stands"
	switch {
	case w.Clock.Paused:
		run = "paused"
	case w.Clock.Running():
		run = "runs"
	}
	return fmt.Sprintf("%s | step %d %s", strings.Join(parts, " "), w.Session.Step, run)
}

// history lists the rows of the clock, the steps and the views, and the
// agenda's moves: "clock paused 0->1".
func (f *clockFixture) history() string {
	rows, err := f.e.History(f.ctx, f.id)
	f.must(err)
	var parts []string
	for _, c := range rows {
		if c.Entity != "clock" && c.Entity != "step" && c.Entity != "view" && (c.Entity != "session" || c.Field != "step") {
			continue
		}
		val := func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		}
		who := c.Entity
		if c.Entity == "step" {
			who += " " + c.Key
		}
		parts = append(parts, fmt.Sprintf("%s %s %s->%s", who, c.Field, val(c.Old), val(c.New)))
	}
	return strings.Join(parts, "; ")
}

// The item shown over a step belongs to that step.
func TestViewShownOver(t *testing.T) {
	for _, tc := range []struct{ shown, step, want string }{
		{"map/user-supplier", "map", "user-supplier"},
		{"map/user-supplier", "story:user-supplier", ""},
		{"story:user-supplier/incentive", "story:user-supplier", "incentive"},
		{"", "map", ""},
	} {
		if got := (session.View{Shown: tc.shown}).ShownOver(tc.step); got != tc.want {
			t.Errorf("%q over %q = %q, want %q", tc.shown, tc.step, got, tc.want)
		}
	}
}
