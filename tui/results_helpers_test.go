package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Each element's typical impact and effort in the rated sessions of the
// tests; participants spread around them.
var (
	sampleImpact = map[string]int{"explain": 4, "incentive": 3, "small-steps": 4, "protect-ip": 5, "quality": 3, "uniform-environment": 2, "document": 4}
	sampleEffort = map[string]int{"explain": 2, "incentive": 4, "small-steps": 2, "protect-ip": 4, "quality": 3, "uniform-environment": 4, "document": 1}
	sampleSpread = []int{0, -1, 1, 0, 0, 1, -1, 0}
)

// newRatedEnv is a database holding one finished session ("Pilot
// workshop") of n participants on the default pack, imported: everyone
// rated every element on impact and effort in round 1, the second
// participant abstained on the effort of protect-ip, and incentive and
// quality were rated again in round 2.
func newRatedEnv(tb testing.TB, n int) *tsEnv {
	tb.Helper()
	ctx := context.Background()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "trustshop.db")
	st, err := session.Open(ctx, path, session.Options{Now: fixedClock})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
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
	at := testNow
	for round := 1; round <= 2; round++ {
		for i := range n {
			for _, e := range p.Elements {
				if round == 2 && e.ID != "incentive" && e.ID != "quality" {
					continue
				}
				for _, c := range p.Criteria {
					base := sampleImpact[e.ID]
					if c.ID == "effort" {
						base = sampleEffort[e.ID]
					}
					d := sampleSpread[(i+len(e.ID)+len(c.ID)+round)%len(sampleSpread)]
					if round == 2 {
						d = max(0, d)
					}
					v := min(c.Max, max(c.Min, base+d))
					r := session.ImportedRating{Participant: i, ElementID: e.ID, CriterionID: c.ID, Round: round, Value: &v, RatedAt: at}
					if i == 1 && e.ID == "protect-ip" && c.ID == "effort" {
						r.Value, r.Abstain, r.Comment = nil, true, "not my field"
					}
					ratings = append(ratings, r)
					at = at.Add(time.Second)
				}
			}
		}
	}
	sess, err := st.ImportSession(ctx, p, in, ratings)
	if err != nil {
		tb.Fatal(err)
	}
	return &tsEnv{ctx: ctx, store: st, pack: p, sess: sess, path: path}
}

// running marks the session as running again (an import is finished).
func (e *tsEnv) running(tb testing.TB) {
	tb.Helper()
	if err := e.store.SetStatus(e.ctx, e.sess.ID, session.StatusRunning); err != nil {
		tb.Fatal(err)
	}
}

// rootDriver runs the root model the way the program does, but
// synchronously: it sends a message, runs the commands that come back
// (batches, sequences) and feeds their messages back in. The messages of
// timers (the step timer, the grid's polling, the cursor blink) are
// dropped, which ends their chains; status messages are recorded, not
// shown (their clearing is a timer too). A command is waited for as long
// as a slow machine (or the race detector) may need.
type rootDriver struct {
	tb       testing.TB
	m        tea.Model
	statuses []common.StatusMsg
	quit     bool
}

func newRootDriver(tb testing.TB, m tea.Model, w, h int) *rootDriver {
	d := &rootDriver{tb: tb, m: m}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(m.Init())
	return d
}

func (d *rootDriver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.run(cmd)
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

func (d *rootDriver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		d.tb.Errorf("a command ran for more than 5 s")
		return
	}
	switch msg := msg.(type) {
	case nil, tickMsg, ratingPollMsg, cursor.BlinkMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
		d.quit = true
	case common.StatusMsg:
		d.statuses = append(d.statuses, msg)
	default:
		// tea.Sequence's message is an unexported []tea.Cmd
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			for i := range v.Len() {
				d.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		d.send(msg)
	}
}

// press sends keys by name: those of press, and "shift+tab", "pgup",
// "ctrl+r", "ctrl+o".
func (d *rootDriver) press(keys ...string) {
	for _, k := range keys {
		switch k {
		case "shift+tab":
			d.send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		case "pgup":
			d.send(tea.KeyPressMsg{Code: tea.KeyPgUp})
		case "ctrl+r", "ctrl+o":
			d.send(tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl})
		default:
			d.send(press(k))
		}
	}
}

// model is the root model now.
func (d *rootDriver) model() Model { return d.m.(Model) }

// screen is the active screen.
func (d *rootDriver) screen() common.Screen { return d.model().active }

// text is the frame as plain text.
func (d *rootDriver) text() string { return screenText(d.model()) }

// lastStatus is the last footer message.
func (d *rootDriver) lastStatus() common.StatusMsg {
	if len(d.statuses) == 0 {
		return common.StatusMsg{}
	}
	return d.statuses[len(d.statuses)-1]
}
