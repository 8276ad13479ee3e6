// Package devices is the facilitator's side of participants rating from
// their own phones and laptops: the join screen (the address, the join
// code and the QR code, for the room and for late arrivals) and the live
// progress (who has joined, who has rated the element on screen), with
// the facilitator's controls: which elements devices may rate, closing a
// round, revealing to the room and, separately, to the devices, releasing
// a participant's device, and serving on or off.
//
// It opens over the walkthrough (common.OpenDevicesMsg); the server it
// starts (package devices at the top of the repository) is kept by
// common.Common, so serving goes on while the facilitator walks through
// the session, and stops when the program ends. Every control is an
// engine command handed to the outbox.
package devices

import (
	"context"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"

	webdevices "github.com/trustshop/trustshop/devices"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Model is the devices screen of one session.
type Model struct {
	c        *common.Common
	keys     KeyMap
	id, addr string
	start    bool // serve when opened, unless served

	progress *Progress
	join     bool // the join screen is shown (else the progress)
	selected int  // the participant whose row is marked
	asking   string
	starting bool

	width, height int
	// the progress as last drawn, padded to the width
	drawnFrom, drawn string
	drawnW           int
}

// New returns the devices screen of session id; start serves it (on
// addr) when it is not served yet.
func New(c *common.Common, id, addr string, start bool) *Model {
	return &Model{c: c, keys: DefaultKeyMap(), id: id, addr: addr, start: start, progress: NewProgress(c, id), join: true}
}

// startedMsg reports the server started, or why not.
type startedMsg struct {
	srv *webdevices.Server
	err error
}

// stoppedMsg reports serving stopped.
type stoppedMsg struct{ err error }

// Init implements common.Screen: it loads the progress and starts
// serving if asked and not served by this program already.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.progress.Init()}
	if m.start && m.c.Server() == nil {
		cmds = append(cmds, m.serveCmd())
	} else if m.c.Server() != nil {
		cmds = append(cmds, m.showJoin(true))
	}
	return tea.Batch(cmds...)
}

// serveCmd starts the server in the background.
func (m *Model) serveCmd() tea.Cmd {
	m.starting = true
	c, id, addr := m.c, m.id, m.addr
	return func() tea.Msg {
		srv, err := webdevices.Start(c.Ctx, webdevices.Options{Engine: c.Engine, Session: id, Addr: addr})
		return startedMsg{srv: srv, err: err}
	}
}

// stopCmd stops the server in the background.
func (m *Model) stopCmd() tea.Cmd {
	srv := m.c.Server()
	m.c.SetServer(nil)
	if srv == nil {
		return nil
	}
	return func() tea.Msg { return stoppedMsg{err: srv.Close()} }
}

// showJoin records that the join screen is shown or not: the projector
// window of another process shows it too.
func (m *Model) showJoin(shown bool) tea.Cmd {
	m.join = shown
	if m.c.Server() == nil {
		return nil
	}
	eng, id := m.c.Engine, m.id
	m.c.Submit(session.Op{Key: id + ":join-shown", What: "the join screen",
		Do: func(ctx context.Context) error { return eng.ShowJoin(ctx, session.Facilitator(), id, shown) }})
	return nil
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Participants' devices" }

// Capturing implements common.Screen: the question takes y and n.
func (m *Model) Capturing() bool { return m.asking != "" }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case startedMsg:
		m.starting = false
		if msg.err != nil {
			return m, common.ErrorCmd(fmt.Errorf("serving to devices: %w", msg.err))
		}
		if m.c.Server() != nil { // started twice: keep the first
			return m, func() tea.Msg { return stoppedMsg{err: msg.srv.Close()} }
		}
		m.c.SetServer(io.Closer(msg.srv))
		return m, tea.Batch(m.showJoin(true), m.progress.Init(), common.StatusCmd("Serving at "+msg.srv.URL()))
	case stoppedMsg:
		if msg.err != nil {
			return m, common.ErrorCmd(fmt.Errorf("stop serving: %w", msg.err))
		}
		return m, tea.Batch(m.progress.Init(), common.StatusCmd("Serving stopped: devices can no longer join or rate."))
	case common.SavedMsg:
		if msg.Err != nil && msg.Final && m.owns(msg.Op.Key) {
			return m, common.ErrorCmd(fmt.Errorf("%s: %w", msg.Op.What, msg.Err))
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	}
	return m, m.progress.Update(msg)
}

// owns reports whether an outbox key is one of this screen's.
func (m *Model) owns(key string) bool {
	switch strings.TrimPrefix(key, m.id) {
	case ":join-shown", ":device-rating", ":round", ":reveal", ":release":
		return true
	}
	return false
}
