package session_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// TestFinishingRevealsWhatItShows is the audit's case: "explain" in round
// 2 with 2 of 6 cells rated, the session finished with a yes (by the
// agenda or by Finish, by the facilitator or the command line). The room
// has seen every result, so finishing records the reveals; going back is a
// reopen, asked for by name, and keeps them revealed.
func TestFinishingRevealsWhatItShows(t *testing.T) {
	for _, tc := range []struct {
		name   string
		actor  session.Actor
		finish func(f *fixture, actor session.Actor) error
	}{
		{"agenda to the summary", session.Facilitator(), func(f *fixture, a session.Actor) error {
			return f.e.MoveTo(f.ctx, a, f.sess.ID, len(f.p.Agenda)-1, true)
		}},
		{"Finish from the command line", session.CommandLine(), func(f *fixture, a session.Actor) error {
			return f.e.Finish(f.ctx, a, f.sess.ID, true)
		}},
		{"Finish by the facilitator", session.Facilitator(), func(f *fixture, a session.Actor) error {
			return f.e.Finish(f.ctx, a, f.sess.ID, true)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			fac := session.Facilitator()
			// Round 1 of explain and document rated by everyone on one
			// criterion; round 2 of explain opened (revealing round 1)
			// and rated by two of three on one criterion.
			for who := range f.sess.Participants {
				for _, el := range []string{"explain", "document"} {
					f.must(f.rate(fac, f.key(who, el, "impact", 1), 3, ""))
				}
			}
			f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
			f.must(f.rate(fac, f.key(0, "explain", "impact", 2), 4, ""))
			f.must(f.rate(fac, f.key(1, "explain", "impact", 2), 5, ""))
			earlier := f.stepOf("explain")
			f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, earlier, false))
			if err := tc.finish(f, tc.actor); err != nil {
				t.Fatal(err)
			}

			w, err := f.e.Workshop(f.ctx, f.sess.ID)
			f.must(err)
			if w.Session.Status != session.StatusFinished {
				t.Fatalf("status %s after finishing", w.Session.Status)
			}
			for _, want := range []struct {
				element string
				round   int
				room    bool
			}{
				{"explain", 1, true}, {"explain", 2, true}, {"document", 1, true},
			} {
				r, ok := w.Rounds.Get(want.element, want.round)
				if !ok || r.RevealedToRoom() != want.room || r.Open() {
					t.Errorf("%s/%d after finishing: %+v (want revealed to the room, closed)", want.element, want.round, r)
				}
			}
			// A round nobody rated is not revealed: there is nothing to show.
			var unrated string
			for _, el := range f.p.Elements {
				if el.ID != "explain" && el.ID != "document" {
					unrated = el.ID
					break
				}
			}
			if r := w.Rounds.Current(unrated); r.RevealedToRoom() {
				t.Errorf("unrated %s revealed on finishing: %+v", unrated, r)
			}
			if r, _ := w.Rounds.Get("explain", 2); !r.RevealedToDevices() {
				t.Errorf("finishing did not record explain/2 shown on the devices: %+v", r)
			}
			reveals := revealRows(t, f)
			for _, k := range []string{"explain/2", "document/1"} {
				if got := reveals[k]; got != tc.actor.String() {
					t.Errorf("reveal of %s on finishing: actor %q, want %q (all: %v)", k, got, tc.actor, reveals)
				}
			}

			// A plain move back is refused and changes nothing.
			before := f.snapshot()
			err = f.e.MoveTo(f.ctx, fac, f.sess.ID, 0, false)
			if !errors.Is(err, session.ErrFinished) || strings.Count(err.Error(), ".") > 1 || !strings.Contains(err.Error(), "reopen") {
				t.Fatalf("move back from the finished session: %v", err)
			}
			if after := f.snapshot(); after != before {
				t.Fatalf("the refused move changed the session:\n%s\n%s", before, after)
			}

			// Reopen: running, at the step, recorded with its actor; what
			// the room saw stays revealed and its round stays closed.
			f.must(f.e.Reopen(f.ctx, fac, f.sess.ID, earlier))
			w, err = f.e.Workshop(f.ctx, f.sess.ID)
			f.must(err)
			if w.Session.Status != session.StatusRunning || w.Session.Step != earlier {
				t.Fatalf("after reopening: %s at step %d", w.Session.Status, w.Session.Step)
			}
			if last := lastStatusRow(t, f); last == nil || *last.Old != "finished" || *last.New != "running" || last.Actor != fac {
				t.Errorf("reopen's history row: %+v", last)
			}
			for _, v := range []session.Viewer{{Kind: session.ViewRoom}, {Kind: session.ViewParticipant, Participant: f.sess.Participants[2].UUID}} {
				if s := w.See(v, "explain", 2); !s.Values {
					t.Errorf("explain/2 hidden from the %s again after reopening", v.Kind)
				}
			}
			var closed *session.RoundClosedError
			if err := f.rate(fac, f.key(2, "explain", "impact", 2), 2, ""); !errors.As(err, &closed) || !closed.Revealed {
				t.Errorf("rating explain/2 after reopening: %v", err)
			}
			// Finishing again reveals nothing new: no history rows.
			n := len(history(t, f))
			f.must(f.e.Finish(f.ctx, fac, f.sess.ID, true))
			if got := len(history(t, f)); got != n+1 { // the status row alone
				t.Errorf("finishing again wrote %d rows, want 1", got-n)
			}
		})
	}
}

// TestFinishedSessionMoves: which moves a finished session takes without
// a reopen.
func TestFinishedSessionMoves(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	summary := len(f.p.Agenda) - 1
	f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, 2, false))
	f.must(f.e.Finish(f.ctx, fac, f.sess.ID, true)) // finished where it stands
	for _, tc := range []struct {
		name   string
		step   int
		reopen bool
		want   error
		status session.Status
	}{
		{"the step it stands on", 2, false, nil, session.StatusFinished},
		{"another step", 1, false, session.ErrFinished, session.StatusFinished},
		{"the summary", summary, false, nil, session.StatusFinished},
		{"the summary again", summary, false, nil, session.StatusFinished},
		{"back to the first step", 0, false, session.ErrFinished, session.StatusFinished},
		{"reopen at the first step", 0, true, nil, session.StatusRunning},
		{"back again: running, a plain move", 1, false, nil, session.StatusRunning},
	} {
		var err error
		if tc.reopen {
			err = f.e.Reopen(f.ctx, fac, f.sess.ID, tc.step)
		} else {
			err = f.e.MoveTo(f.ctx, fac, f.sess.ID, tc.step, false)
		}
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		w, _ := f.e.Workshop(f.ctx, f.sess.ID)
		if w.Session.Status != tc.status {
			t.Errorf("%s: status %s, want %s", tc.name, w.Session.Status, tc.status)
		}
	}
}

func history(t *testing.T, f *fixture) []session.Change {
	t.Helper()
	h, err := f.e.History(f.ctx, f.sess.ID)
	f.must(err)
	return h
}

// revealRows maps each round revealed to the room to the actor of its row.
func revealRows(t *testing.T, f *fixture) map[string]string {
	out := map[string]string{}
	for _, c := range history(t, f) {
		if c.Entity == "round" && c.Field == "revealed_room" {
			out[c.Key] = c.Actor.String()
		}
	}
	return out
}

func lastStatusRow(t *testing.T, f *fixture) *session.Change {
	h := history(t, f)
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Entity == "session" && h[i].Field == "status" {
			return &h[i]
		}
	}
	return nil
}
