package session_test

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
)

const (
	tokenA = "token-of-device-a-0123456789"
	tokenB = "token-of-device-b-0123456789"
)

// serve starts serving f's session and returns its join code.
func (f *fixture) serve() string {
	f.t.Helper()
	info, err := f.e.StartServing(f.ctx, session.Facilitator(), f.sess.ID, "http://192.168.1.20:8080")
	f.must(err)
	return info.Code
}

func (f *fixture) uuid(who int) string { return f.sess.Participants[who].UUID }

func TestServingIsReadableAndLogged(t *testing.T) {
	f := newFixture(t)
	if _, ok, err := f.e.Serving(f.ctx, f.sess.ID); err != nil || ok {
		t.Fatalf("a new session is served: %v %v", ok, err)
	}
	code := f.serve()
	if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
		t.Fatalf("join code %q is not six digits", code)
	}
	f.must(f.e.ShowJoin(f.ctx, session.Facilitator(), f.sess.ID, true))
	// Another process on the same database reads the same.
	other := openStore(t, f.e.Path())
	info, ok, err := other.Serving(f.ctx, f.sess.ID)
	if err != nil || !ok || info.URL != "http://192.168.1.20:8080" || info.Code != code || !info.JoinShown {
		t.Fatalf("another engine reads %+v %v %v", info, ok, err)
	}
	// Serving again gets a new code and keeps the join screen's state.
	again, err := f.e.StartServing(f.ctx, session.Facilitator(), f.sess.ID, "http://10.0.0.2:9000")
	f.must(err)
	if !again.JoinShown || again.URL != "http://10.0.0.2:9000" {
		t.Errorf("served again: %+v", again)
	}
	f.must(f.e.ShowJoin(f.ctx, session.Facilitator(), f.sess.ID, false))
	f.must(f.e.StopServing(f.ctx, session.Facilitator(), f.sess.ID))
	if _, ok, _ := other.Serving(f.ctx, f.sess.ID); ok {
		t.Error("still served after StopServing")
	}
	h, err := f.e.History(f.ctx, f.sess.ID)
	f.must(err)
	var got []string
	for _, c := range h {
		if c.Entity == "serving" {
			got = append(got, c.Field+" by "+c.Actor.String())
			for _, v := range []*string{c.Old, c.New} {
				if v != nil && strings.Contains(*v, code) {
					t.Errorf("history row %s holds the join code: %q", c.Field, *v)
				}
			}
		}
	}
	want := "started by facilitator, join_shown by facilitator, started by facilitator, join_shown by facilitator, stopped by facilitator"
	if strings.Join(got, ", ") != want {
		t.Errorf("history:\n got %s\nwant %s", strings.Join(got, ", "), want)
	}
}

// TestDeviceRules tries each device command against the rules, from a
// session served with a device of participant 0 claimed.
func TestDeviceRules(t *testing.T) {
	cases := []struct {
		name string
		run  func(f *fixture, code string) error
		want error // nil: allowed
	}{
		{"claim with the code", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(1)), f.sess.ID, code, tokenB)
			return err
		}, nil},
		{"claim with the code typed with a space", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(1)), f.sess.ID, code[:3]+" "+code[3:], tokenB)
			return err
		}, nil},
		{"claim without a code", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(1)), f.sess.ID, "", tokenB)
			return err
		}, session.ErrBadJoinCode},
		{"claim with a wrong code", func(f *fixture, code string) error {
			wrong := "000000"
			if code == wrong {
				wrong = "111111"
			}
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(1)), f.sess.ID, wrong, tokenB)
			return err
		}, session.ErrBadJoinCode},
		{"claim a name another device holds", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, code, tokenB)
			return err
		}, session.ErrNameClaimed},
		{"claim again with the same device", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, code, tokenA)
			return err
		}, nil},
		{"claim while not served", func(f *fixture, code string) error {
			f.must(f.e.StopServing(f.ctx, session.Facilitator(), f.sess.ID))
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(1)), f.sess.ID, code, tokenB)
			return err
		}, session.ErrNotServing},
		{"claim a participant of no session", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor("0b8c1f1e-0000-4000-8000-000000000000"), f.sess.ID, code, tokenB)
			return err
		}, session.ErrNotFound},
		{"the facilitator claims", func(f *fixture, code string) error {
			_, err := f.e.ClaimDevice(f.ctx, session.Facilitator(), f.sess.ID, code, tokenB)
			return err
		}, session.ErrNotYours},
		{"a participant releases another", func(f *fixture, code string) error {
			return f.e.ReleaseDevice(f.ctx, session.ParticipantActor(f.uuid(1)), f.sess.ID, f.uuid(0))
		}, session.ErrNotYours},
		{"a participant releases themselves", func(f *fixture, code string) error {
			return f.e.ReleaseDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, f.uuid(0))
		}, nil},
		{"the facilitator releases", func(f *fixture, code string) error {
			return f.e.ReleaseDevice(f.ctx, session.Facilitator(), f.sess.ID, f.uuid(0))
		}, nil},
		{"a participant serves", func(f *fixture, code string) error {
			_, err := f.e.StartServing(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, "http://evil")
			return err
		}, session.ErrNotYours},
		{"a participant shows the join screen", func(f *fixture, code string) error {
			return f.e.ShowJoin(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, true)
		}, session.ErrNotYours},
		{"a participant stops serving", func(f *fixture, code string) error {
			return f.e.StopServing(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID)
		}, session.ErrNotYours},
		{"show the join screen while not served", func(f *fixture, code string) error {
			f.must(f.e.StopServing(f.ctx, session.Facilitator(), f.sess.ID))
			return f.e.ShowJoin(f.ctx, session.Facilitator(), f.sess.ID, true)
		}, session.ErrNotServing},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			code := f.serve()
			if _, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, code, tokenA); err != nil {
				t.Fatal(err)
			}
			before := f.snapshot()
			err := c.run(f, code)
			if c.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if after := f.snapshot(); after != before && c.want != session.ErrNotServing {
				t.Errorf("a refused command changed the session:\n%s\n%s", before, after)
			}
		})
	}
}

func TestDeviceSignsInUntilReleased(t *testing.T) {
	f := newFixture(t)
	code := f.serve()
	if err := f.e.CheckJoinCode(f.ctx, f.sess.ID, code); err != nil {
		t.Fatalf("the code is refused: %v", err)
	}
	if err := f.e.CheckJoinCode(f.ctx, f.sess.ID, code+"1"); !errors.Is(err, session.ErrBadJoinCode) {
		t.Fatalf("a longer code: %v", err)
	}
	if _, err := f.e.DeviceParticipant(f.ctx, f.sess.ID, tokenA); !errors.Is(err, session.ErrUnknownDevice) {
		t.Fatalf("an unclaimed token: %v", err)
	}
	pt, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, code, tokenA)
	f.must(err)
	got, err := f.e.DeviceParticipant(f.ctx, f.sess.ID, tokenA)
	if err != nil || got.UUID != pt.UUID || got.Name != "Ana" {
		t.Fatalf("the device is %+v, %v", got, err)
	}
	// A token of this session signs nobody in to another session.
	other := newSession(t, f.e, f.p)
	if _, err := f.e.DeviceParticipant(f.ctx, other.ID, tokenA); !errors.Is(err, session.ErrUnknownDevice) {
		t.Errorf("the token works in another session: %v", err)
	}
	// The database holds the token's hash only.
	raw, err := f.e.Devices(f.ctx, f.sess.ID)
	f.must(err)
	if len(raw) != 1 || raw[0].Participant.UUID != pt.UUID {
		t.Fatalf("devices: %+v", raw)
	}
	// Picking another name gives up the first.
	_, err = f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(2)), f.sess.ID, code, tokenA)
	f.must(err)
	if got, _ := f.e.DeviceParticipant(f.ctx, f.sess.ID, tokenA); got.Name != "Chi" {
		t.Errorf("after picking Chi the device is %q", got.Name)
	}
	if _, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, code, tokenB); err != nil {
		t.Errorf("Ana's name was not given up: %v", err)
	}
	f.must(f.e.ReleaseDevice(f.ctx, session.Facilitator(), f.sess.ID, f.uuid(2)))
	if _, err := f.e.DeviceParticipant(f.ctx, f.sess.ID, tokenA); !errors.Is(err, session.ErrUnknownDevice) {
		t.Errorf("a released device still signs in: %v", err)
	}
	h, err := f.e.History(f.ctx, f.sess.ID)
	f.must(err)
	var got2 []string
	for _, c := range h {
		if c.Entity == "device" {
			got2 = append(got2, c.Field+" "+c.Key[:4]+" by "+string(c.Actor.Kind))
		}
	}
	u := func(i int) string { return f.uuid(i)[:4] }
	want := []string{"claimed " + u(0) + " by participant", "released " + u(0) + " by participant", "claimed " + u(2) + " by participant",
		"claimed " + u(0) + " by participant", "released " + u(2) + " by facilitator"}
	if strings.Join(got2, "; ") != strings.Join(want, "; ") {
		t.Errorf("history:\n got %q\nwant %q", got2, want)
	}
}

// TestDeviceTokenHashOnly: no column of the database holds a raw token.
func TestDeviceTokenHashOnly(t *testing.T) {
	f := newFixture(t)
	code := f.serve()
	_, err := f.e.ClaimDevice(f.ctx, session.ParticipantActor(f.uuid(0)), f.sess.ID, code, tokenA)
	f.must(err)
	f.must(f.e.Close())
	raw := readFile(t, f.e.Path())
	if strings.Contains(raw, tokenA) {
		t.Error("the raw device token is in the database file")
	}
	if !strings.Contains(raw, session.HashDeviceToken(tokenA)) {
		t.Error("the token's hash is not in the database file (was the test reading the right file?)")
	}
}

// readFile is the database file with its write-ahead log, as bytes in a
// string.
func readFile(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// TestDeviceElements: which elements devices may rate, by mode and step;
// a participant's rating follows the same answer.
func TestDeviceElements(t *testing.T) {
	cases := []struct {
		mode session.DeviceRating
		step string // element on the facilitator's step, "" for the intro
		want []string
	}{
		{session.DevicesOff, "protect-ip", nil},
		{session.DevicesStep, "protect-ip", []string{"protect-ip"}},
		{session.DevicesStep, "", nil},
		{session.DevicesAll, "", []string{"explain", "incentive", "small-steps", "protect-ip", "quality", "uniform-environment", "document"}},
	}
	for _, c := range cases {
		t.Run(string(c.mode)+"/"+c.step, func(t *testing.T) {
			f := newFixture(t)
			if c.step != "" {
				f.must(f.e.MoveTo(f.ctx, session.Facilitator(), f.sess.ID, f.stepOf(c.step), false))
			}
			f.must(f.e.SetDeviceRating(f.ctx, session.Facilitator(), f.sess.ID, c.mode))
			w, err := f.e.Workshop(f.ctx, f.sess.ID)
			f.must(err)
			var got []string
			for _, el := range w.DeviceElements() {
				got = append(got, el.ID)
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("devices rate %v, want %v", got, c.want)
			}
			for _, el := range f.p.Elements {
				err := f.rate(session.ParticipantActor(f.uuid(0)), f.key(0, el.ID, "impact", 1), 3, "")
				if open := strings.Contains(","+strings.Join(c.want, ",")+",", ","+el.ID+","); open != (err == nil) {
					t.Errorf("%s: DeviceElements says %v, the rating %v", el.ID, open, err)
				}
			}
		})
	}
}
