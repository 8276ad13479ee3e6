package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/devices"
	"github.com/trustshop/trustshop/tui/exportdialog"
	"github.com/trustshop/trustshop/tui/home"
	"github.com/trustshop/trustshop/tui/newsession"
	"github.com/trustshop/trustshop/tui/rating"
	"github.com/trustshop/trustshop/tui/results"
	"github.com/trustshop/trustshop/tui/sessionedit"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// route handles the messages that change screens (common/screens.go):
// it builds the next screen, so that no screen holds another.
func (m Model) route(msg tea.Msg) (Model, tea.Cmd, bool) {
	c := m.common
	var next common.Screen
	switch msg := msg.(type) {
	case common.OpenResultsMsg:
		m, cmd := m.push(results.New(c, msg.Sess, msg.Pack, msg.Viewer, msg.Focus))
		return m, cmd, true
	case common.OpenExportMsg:
		var d *exportdialog.Model
		if msg.Pack != nil {
			d = exportdialog.New(c, msg.Sess, msg.Pack)
		} else { // the dialog reads the session and its pack
			d = exportdialog.NewByID(c, msg.ID)
		}
		m, cmd := m.push(d)
		return m, cmd, true
	case common.OpenStepsMsg:
		m, cmd := m.push(walkthrough.New(c, msg.ID, true))
		return m, cmd, true
	case common.OpenSessionEditMsg:
		m, cmd := m.push(sessionedit.New(c, msg.ID))
		return m, cmd, true
	case common.OpenDevicesMsg:
		addr := msg.Addr
		if addr == "" { // serving again after it was stopped: where it was chosen
			addr = c.ServeAddr
		}
		m, cmd := m.push(devices.New(c, msg.ID, addr, msg.Start))
		return m, cmd, true
	case common.PopMsg:
		m, cmd := m.pop()
		return m, cmd, true
	case common.GoHomeMsg:
		if len(m.below) > 0 { // esc on a screen opened over another: back to it
			m, cmd := m.pop()
			return m, cmd, true
		}
		m.stopClock()
		next = home.New(c)
	case common.NewSessionMsg:
		m.stopClock()
		next = newsession.New(c)
	case common.OpenSessionMsg:
		if msg.ID != m.clock.sc.SessionID {
			m.stopClock()
		}
		if msg.ReadOnly || c.ReadOnly {
			next = results.NewReview(c, msg.ID)
		} else {
			next = walkthrough.New(c, msg.ID, false)
		}
	case common.PassLaptopMsg:
		next = rating.NewLaptop(c, msg.Workshop)
	default:
		return m, nil, false
	}
	m.below = nil
	m, cmd := m.switchTo(next)
	return m, cmd, true
}
