package devices

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

var joinInfo = session.ServeInfo{URL: "http://192.168.1.20:8080", Code: "482913"}

// TestGoldenJoin is the join screen at 80x24 (the screen's 80x22 between
// the header and the footer), QR code included, and at the smallest
// window, 60x15, where the code gives way to the address.
func TestGoldenJoin(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {60, 13}, {100, 28}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h+2), func(t *testing.T) {
			out := JoinView(common.NewStyles(common.ThemeDark), joinInfo, w, h)
			plain := ansi.Strip(out)
			lines := strings.Split(plain, "\n")
			if len(lines) > h {
				t.Errorf("%d lines in %d rows", len(lines), h)
			}
			for i, l := range lines {
				if lipgloss.Width(l) > w {
					t.Errorf("line %d is %d wide: %q", i, lipgloss.Width(l), l)
				}
			}
			for _, want := range []string{"http://192.168.1.20:8080", "482 913"} {
				if !strings.Contains(plain, want) {
					t.Errorf("the join screen lacks %q", want)
				}
			}
			golden.RequireEqual(t, plain)
		})
	}
}

// TestQRDarkOnLight: the code is black on white in every theme, its quiet
// zone painted white too.
func TestQRDarkOnLight(t *testing.T) {
	for _, th := range []common.Theme{common.ThemeDark, common.ThemeLight, common.ThemeHighContrast} {
		out := JoinView(common.NewStyles(th), joinInfo, 80, 22)
		qr, _ := QR(joinInfo.URL)
		for _, l := range qr[:1] {
			painted := QRStyle().Render(l)
			if !strings.Contains(out, painted) {
				t.Errorf("%s: the first row of the code is not painted black on white", th)
			}
			if !strings.Contains(painted, "38;2;0;0;0") || !strings.Contains(painted, "48;2;255;255;255") {
				t.Errorf("QRStyle is not black on white: %q", painted)
			}
		}
	}
}

// fixture is a served session on protect-ip's step: Ana and Ben joined,
// Ana rated both criteria, Ben the impact.
func fixture(t *testing.T) (*tuitest.RatingEnv, *Model, *tuitest.Driver) {
	t.Helper()
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	step := slices.IndexFunc(env.Pack.Agenda, func(s content.Step) bool { return s.Ref == "protect-ip" })
	ctx := env.C.Ctx
	if err := env.St.MoveTo(ctx, session.Facilitator(), env.Sess.ID, step, false); err != nil {
		t.Fatal(err)
	}
	info, err := env.St.StartServing(ctx, session.Facilitator(), env.Sess.ID, "http://192.168.1.20:8080")
	if err != nil {
		t.Fatal(err)
	}
	for i, tok := range []string{"token-of-ana-0123456789", "token-of-ben-0123456789"} {
		if _, err := env.St.ClaimDevice(ctx, session.ParticipantActor(env.Sess.Participants[i].UUID), env.Sess.ID, info.Code, tok); err != nil {
			t.Fatal(err)
		}
	}
	rate := func(who int, criterion string, v int) {
		t.Helper()
		in := tuitest.RatingInput(env.Sess.ID, env.Sess.Participants[who].ID, "protect-ip", criterion, v)
		if err := env.St.RecordRating(ctx, session.ParticipantActor(env.Sess.Participants[who].UUID), in); err != nil {
			t.Fatal(err)
		}
	}
	rate(0, "impact", 4)
	rate(0, "effort", 2)
	rate(1, "impact", 3)
	m := New(env.C, env.Sess.ID, "", false)
	m.SetSize(80, 22)
	var scr common.Screen = m
	d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		scr, cmd = scr.Update(msg)
		return cmd
	}}
	d.Run(m.Init())
	ws := env.Workshop(t)
	env.C.Follow(env.Sess.ID, ws.Seq)
	return env, m, d
}

// TestGoldenProgress is the live progress at 80x24.
func TestGoldenProgress(t *testing.T) {
	_, m, d := fixture(t)
	d.Press("j") // from the join screen to the progress
	code := SpacedCode(m.progress.Info().Code)
	golden.RequireEqual(t, strings.ReplaceAll(ansi.Strip(m.View()), code, "482 913"))
}

// TestProgressFollowsTheFeed: a device's answer and a new device show
// from the feed's rows alone, without loading again; a move of the agenda
// loads again.
func TestProgressFollowsTheFeed(t *testing.T) {
	env, m, d := fixture(t)
	d.Press("j")
	ctx := env.C.Ctx
	info, _, _ := env.St.Serving(ctx, env.Sess.ID)
	if _, err := env.St.ClaimDevice(ctx, session.ParticipantActor(env.Sess.Participants[2].UUID), env.Sess.ID, info.Code, "token-of-chi-0123456789"); err != nil {
		t.Fatal(err)
	}
	in := tuitest.RatingInput(env.Sess.ID, env.Sess.Participants[2].ID, "protect-ip", "effort", 5)
	if err := env.St.RecordRating(ctx, session.ParticipantActor(env.Sess.Participants[2].UUID), in); err != nil {
		t.Fatal(err)
	}
	msgs := env.C.Pump()
	if len(msgs) != 1 {
		t.Fatalf("the feed brought %d messages", len(msgs))
	}
	if cmd := m.progress.Update(msgs[0]); cmd != nil {
		t.Error("a device's answer made the progress read the database again")
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "3 of 3 joined · Impact 2 of 3 · Effort 2 of 3") {
		t.Errorf("the progress did not follow:\n%s", v)
	}
	if line := m.progress.Line(); line != "devices 3/3 · rated 2/3" {
		t.Errorf("the walkthrough's line is %q", line)
	}
	// The agenda moves on: the progress reads the new element's.
	step := slices.IndexFunc(env.Pack.Agenda, func(s content.Step) bool { return s.Ref == "quality" })
	if err := env.St.MoveTo(ctx, session.Facilitator(), env.Sess.ID, step, false); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Prove your quality!") || !strings.Contains(v, "Impact 0 of 3") {
		t.Errorf("after the move:\n%s", v)
	}
}

// TestControls: the facilitator's keys reach the engine.
func TestControls(t *testing.T) {
	env, m, d := fixture(t)
	ctx := env.C.Ctx
	d.Press("j")
	d.Press("m") // the element on screen -> every element
	if s, _ := env.St.Session(ctx, env.Sess.ID); s.DeviceRating != session.DevicesAll {
		t.Errorf("after m devices rate %q", s.DeviceRating)
	}
	d.Press("m")
	if s, _ := env.St.Session(ctx, env.Sess.ID); s.DeviceRating != session.DevicesOff {
		t.Errorf("after m m devices rate %q", s.DeviceRating)
	}
	d.Press("m")
	d.Press("c")
	w := env.Workshop(t)
	if r := w.Rounds.Current("protect-ip"); r.Open() {
		t.Error("c did not close the round")
	}
	d.Press("o")
	w = env.Workshop(t)
	if r := w.Rounds.Current("protect-ip"); !r.RevealedToRoom() || r.RevealedToDevices() {
		t.Errorf("after o: room %v devices %v", r.RevealedToRoom(), r.RevealedToDevices())
	}
	d.Press("d")
	w = env.Workshop(t)
	if r := w.Rounds.Current("protect-ip"); !r.RevealedToDevices() {
		t.Error("d did not reveal to the devices")
	}
	d.Press("down") // Ben
	d.Press("x")
	if !m.Capturing() {
		t.Fatal("x does not ask first")
	}
	d.Press("y")
	devs, _ := env.St.Devices(ctx, env.Sess.ID)
	if len(devs) != 1 || devs[0].Participant.Name != "Ana" {
		t.Errorf("after releasing Ben: %+v", devs)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "1 of 3 joined") {
		t.Errorf("the release does not show:\n%s", v)
	}
}

// TestServeAndStop: the screen starts serving on the address asked (the
// loopback here), shows the join screen (the engine says so to the
// projector), and stops when asked or when the program ends.
func TestServeAndStop(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	ctx := env.C.Ctx
	m := New(env.C, env.Sess.ID, "127.0.0.1:0", true)
	m.SetSize(80, 22)
	var scr common.Screen = m
	d := &tuitest.Driver{TB: t, C: env.C, All: true, Update: func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		scr, cmd = scr.Update(msg)
		return cmd
	}}
	d.Run(m.Init())
	d.Settle()
	info, ok, err := env.St.Serving(ctx, env.Sess.ID)
	if err != nil || !ok || !strings.HasPrefix(info.URL, "http://127.0.0.1:") || !info.JoinShown {
		t.Fatalf("serving: %+v %v %v", info, ok, err)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, info.URL) || !strings.Contains(v, SpacedCode(info.Code)) {
		t.Errorf("the join screen:\n%s", v)
	}
	d.Press("j")
	if info, _, _ := env.St.Serving(ctx, env.Sess.ID); info.JoinShown {
		t.Error("the join screen is still shown to the projector")
	}
	d.Press("s")
	d.Press("y")
	if _, ok, _ := env.St.Serving(ctx, env.Sess.ID); ok || env.C.Server() != nil {
		t.Error("s y did not stop serving")
	}
	// Serving again, then the program ends: Common.Close stops it.
	d.Press("s")
	d.Settle()
	if env.C.Server() == nil {
		t.Fatal("s did not serve again")
	}
	env.C.Close()
	if _, ok, _ := env.St.Serving(ctx, env.Sess.ID); ok {
		t.Error("serving goes on after the program ended")
	}
}
