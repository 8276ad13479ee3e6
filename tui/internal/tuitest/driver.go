package tuitest

import (
	"reflect"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
)

// Driver sends messages to one screen or pane and runs the commands it
// returns, as the program would, but synchronously: a command that does
// not answer within a short time (a tick, the cursor blink) is dropped.
// Status messages are recorded; the messages Feed accepts (or all, with
// All) go back to the model; the others are kept for the test to look at
// (those for the root: a change of screen).
type Driver struct {
	TB testing.TB
	// C, when set (and C.Pumped), has its outbox's results and feed's
	// changes delivered after every message (common.Common.Pump).
	C        *common.Common
	Update   func(tea.Msg) tea.Cmd
	Feed     func(tea.Msg) bool
	All      bool
	Statuses []common.StatusMsg
	Others   []tea.Msg
}

// Send sends msg, runs what comes back and delivers what the outbox and
// the feed bring (see C).
func (d *Driver) Send(msg tea.Msg) {
	d.Run(d.Update(msg))
	d.pump()
}

// Settle delivers what the outbox and the feed bring, without a message:
// what another process changed, or the results of changes made by
// calling Update directly.
func (d *Driver) Settle() { d.pump() }

func (d *Driver) pump() {
	if d.C == nil || !d.C.Pumped {
		return
	}
	for range 50 {
		msgs := d.C.Pump()
		if len(msgs) == 0 {
			return
		}
		for _, m := range msgs {
			d.Run(d.Update(m))
		}
	}
}

// Run runs a command and delivers its messages.
func (d *Driver) Run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(150 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.Run(c)
		}
	case common.StatusMsg:
		d.Statuses = append(d.Statuses, msg)
	default:
		// tea.Sequence's message is an unexported []tea.Cmd
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			for i := range v.Len() {
				d.Run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		if d.All || d.Feed != nil && d.Feed(msg) {
			d.Send(msg)
			return
		}
		d.Others = append(d.Others, msg)
	}
}

// Press sends keys by name (see Press).
func (d *Driver) Press(keys ...string) {
	for _, k := range keys {
		d.Send(Press(k))
	}
}

// TypeText sends each rune of s as a key press.
func (d *Driver) TypeText(s string) {
	for _, r := range s {
		d.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// LastStatus is the last status message, or the zero one.
func (d *Driver) LastStatus() common.StatusMsg {
	if len(d.Statuses) == 0 {
		return common.StatusMsg{}
	}
	return d.Statuses[len(d.Statuses)-1]
}

// RootDriver runs the root model the way the program does, but
// synchronously: it sends a message, runs the commands that come back
// (batches, sequences) and feeds their messages back in. The messages Drop
// names (those of timers: the step timer, the grid's polling, the cursor
// blink) are dropped, which ends their chains; status messages are
// recorded, not shown (their clearing is a timer too). A command is waited
// for as long as a slow machine (or the race detector) may need.
type RootDriver struct {
	TB testing.TB
	// C, when set (and C.Pumped), has its outbox's results and feed's
	// changes delivered after every message (common.Common.Pump).
	C        *common.Common
	M        tea.Model
	Drop     func(tea.Msg) bool
	Statuses []common.StatusMsg
	Quit     bool
	pumping  bool
}

// NewRootDriver sizes m to w x h and runs its Init. When m has a Common
// (the root model does), its outbox and feed are pumped.
func NewRootDriver(tb testing.TB, m tea.Model, w, h int, drop func(tea.Msg) bool) *RootDriver {
	d := &RootDriver{TB: tb, M: m, Drop: drop}
	if hc, ok := m.(interface{ Common() *common.Common }); ok {
		d.C = hc.Common()
	}
	d.Send(tea.WindowSizeMsg{Width: w, Height: h})
	d.Run(m.Init())
	return d
}

// Send sends msg, runs what comes back and delivers what the outbox and
// the feed bring (see C).
func (d *RootDriver) Send(msg tea.Msg) {
	var cmd tea.Cmd
	d.M, cmd = d.M.Update(msg)
	d.Run(cmd)
	if d.C == nil || !d.C.Pumped || d.pumping {
		return
	}
	d.pumping = true
	defer func() { d.pumping = false }()
	for range 50 {
		msgs := d.C.Pump()
		if len(msgs) == 0 {
			return
		}
		for _, m := range msgs {
			var cmd tea.Cmd
			d.M, cmd = d.M.Update(m)
			d.Run(cmd)
		}
	}
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

// Run runs a command and delivers its messages.
func (d *RootDriver) Run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		d.TB.Errorf("a command ran for more than 5 s")
		return
	}
	if msg == nil || d.Drop != nil && d.Drop(msg) {
		return
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			d.Run(c)
		}
	case tea.QuitMsg:
		d.Quit = true
	case common.StatusMsg:
		d.Statuses = append(d.Statuses, msg)
	default:
		// tea.Sequence's message is an unexported []tea.Cmd
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			for i := range v.Len() {
				d.Run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		d.Send(msg)
	}
}

// Press sends keys by name (see Press).
func (d *RootDriver) Press(keys ...string) {
	for _, k := range keys {
		d.Send(Press(k))
	}
}

// LastStatus is the last status message, or the zero one.
func (d *RootDriver) LastStatus() common.StatusMsg {
	if len(d.Statuses) == 0 {
		return common.StatusMsg{}
	}
	return d.Statuses[len(d.Statuses)-1]
}
