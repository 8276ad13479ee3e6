package session_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// fixture is a session on the default pack with three participants, ready
// for a rule to be tried on it.
type fixture struct {
	t    *testing.T
	ctx  context.Context
	e    *session.Engine
	p    *content.Pack
	sess session.Session
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	e := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	p := defaultPack(t)
	return &fixture{t: t, ctx: context.Background(), e: e, p: p, sess: newSession(t, e, p)}
}

func (f *fixture) key(who int, element, criterion string, round int) session.RatingKey {
	return session.RatingKey{SessionID: f.sess.ID, ParticipantID: f.sess.Participants[who].ID, ElementID: element, CriterionID: criterion, Round: round}
}

func (f *fixture) rate(actor session.Actor, k session.RatingKey, v int, reason string) error {
	return f.e.RecordRating(f.ctx, actor, session.RatingInput{RatingKey: k, Value: &v, Reason: reason})
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// stepOf is the agenda index of an element's step.
func (f *fixture) stepOf(element string) int {
	return slices.IndexFunc(f.p.Agenda, func(s content.Step) bool { return s.Kind == content.StepElement && s.Ref == element })
}

func (f *fixture) snapshot() string {
	f.t.Helper()
	rows, err := ratingsOf(f.ctx, f.e, f.sess.ID)
	f.must(err)
	w, err := f.e.Workshop(f.ctx, f.sess.ID)
	f.must(err)
	h, err := f.e.History(f.ctx, f.sess.ID)
	f.must(err)
	return fmtAll(rows, w.Rounds, len(h), w.Session.Status, w.Session.Step)
}

func TestWriteRules(t *testing.T) {
	fac, cli := session.Facilitator(), session.CommandLine()
	cases := []struct {
		name   string
		setup  func(f *fixture)
		actor  func(f *fixture) session.Actor
		key    func(f *fixture) session.RatingKey
		reason string
		want   error // nil: written
	}{
		{name: "open round 1, facilitator", want: nil},
		{name: "open round 1, command line", actor: func(*fixture) session.Actor { return cli }},
		{name: "round 2 never opened",
			key: func(f *fixture) session.RatingKey { return f.key(0, "explain", "impact", 2) }, want: session.ErrRoundNotOpen},
		{name: "revealed round, no reason",
			setup: func(f *fixture) {
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
			}, want: session.ErrRoundClosed},
		{name: "revealed round, a correction with a reason",
			setup: func(f *fixture) {
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceDevices))
			}, actor: func(*fixture) session.Actor { return cli }, reason: "typed 5 for 4 on the paper form"},
		{name: "closed round, not revealed",
			setup: func(f *fixture) { f.must(f.e.CloseRound(f.ctx, fac, f.sess.ID, 1, []string{"explain"})) }, want: session.ErrRoundClosed},
		{name: "round 1 after round 2 opened",
			setup: func(f *fixture) {
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
			}, want: session.ErrRoundClosed},
		{name: "round 2 after it opened",
			setup: func(f *fixture) {
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
			}, key: func(f *fixture) session.RatingKey { return f.key(0, "explain", "impact", 2) }},
		{name: "a partial round 2 leaves another element in round 1",
			setup: func(f *fixture) {
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
			}, key: func(f *fixture) session.RatingKey { return f.key(0, "protect-ip", "effort", 1) }},
		{name: "another element's round 2 is not open",
			setup: func(f *fixture) {
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
			}, key: func(f *fixture) session.RatingKey { return f.key(0, "protect-ip", "effort", 2) }, want: session.ErrRoundNotOpen},
		{name: "participant, own cell, element on screen",
			setup: func(f *fixture) { f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, f.stepOf("explain"), false)) },
			actor: func(f *fixture) session.Actor { return session.ParticipantActor(f.sess.Participants[0].UUID) }},
		{name: "participant, another's cell",
			setup: func(f *fixture) { f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, f.stepOf("explain"), false)) },
			actor: func(f *fixture) session.Actor { return session.ParticipantActor(f.sess.Participants[1].UUID) },
			want:  session.ErrNotYours},
		{name: "participant, element not on screen",
			setup: func(f *fixture) { f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, f.stepOf("quality"), false)) },
			actor: func(f *fixture) session.Actor { return session.ParticipantActor(f.sess.Participants[0].UUID) },
			want:  session.ErrDevicesClosed},
		{name: "participant, self-paced rating",
			setup: func(f *fixture) { f.must(f.e.SetDeviceRating(f.ctx, fac, f.sess.ID, session.DevicesAll)) },
			actor: func(f *fixture) session.Actor { return session.ParticipantActor(f.sess.Participants[0].UUID) }},
		{name: "participant, devices off",
			setup: func(f *fixture) {
				f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, f.stepOf("explain"), false))
				f.must(f.e.SetDeviceRating(f.ctx, fac, f.sess.ID, session.DevicesOff))
			},
			actor: func(f *fixture) session.Actor { return session.ParticipantActor(f.sess.Participants[0].UUID) },
			want:  session.ErrDevicesClosed},
		{name: "participant of another session",
			setup: func(f *fixture) { f.must(f.e.SetDeviceRating(f.ctx, fac, f.sess.ID, session.DevicesAll)) },
			actor: func(f *fixture) session.Actor {
				other := newSession(f.t, f.e, f.p)
				return session.ParticipantActor(other.Participants[0].UUID)
			}, want: session.ErrNotYours},
		{name: "participant, revealed round, with a reason",
			setup: func(f *fixture) {
				f.must(f.e.SetDeviceRating(f.ctx, fac, f.sess.ID, session.DevicesAll))
				f.must(f.rate(fac, f.key(1, "explain", "impact", 1), 3, ""))
				f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceDevices))
			},
			actor:  func(f *fixture) session.Actor { return session.ParticipantActor(f.sess.Participants[0].UUID) },
			reason: "changed my mind", want: session.ErrNotYours},
		{name: "finished session",
			setup: func(f *fixture) { f.must(f.e.Finish(f.ctx, fac, f.sess.ID, true)) }, want: session.ErrRoundClosed},
		{name: "finished session, a correction",
			setup:  func(f *fixture) { f.must(f.e.Finish(f.ctx, fac, f.sess.ID, true)) },
			reason: "late paper form"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if tc.setup != nil {
				tc.setup(f)
			}
			actor, k := fac, f.key(0, "explain", "impact", 1)
			if tc.actor != nil {
				actor = tc.actor(f)
			}
			if tc.key != nil {
				k = tc.key(f)
			}
			before := f.snapshot()
			err := f.rate(actor, k, 4, tc.reason)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if err != nil {
				if after := f.snapshot(); after != before {
					t.Fatalf("a refused rating changed the database:\nbefore %s\nafter  %s", before, after)
				}
				var re *session.RuleError
				var rc *session.RoundClosedError
				if !errors.As(err, &re) && !errors.As(err, &rc) {
					t.Errorf("not a typed rule error: %T %v", err, err)
				}
				return
			}
			h, _ := f.e.History(f.ctx, f.sess.ID)
			var last session.Change
			for _, c := range h {
				if c.Entity == "rating" {
					last = c
				}
			}
			if last.Actor != actor || last.Reason != tc.reason || last.Correction() != (tc.reason != "") {
				t.Errorf("history row %+v: want actor %v and reason %q", last, actor, tc.reason)
			}
		})
	}
}
