package devices

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// KeyMap is the keys of the devices screen.
type KeyMap struct {
	Join, Mode, Close, RevealRoom, RevealDevices, Release, Serve, Up, Down, Yes, No key.Binding
}

// DefaultKeyMap returns the devices screen's keys.
func DefaultKeyMap() KeyMap {
	nav := common.DefaultNavKeys()
	return KeyMap{
		Join:          key.NewBinding(key.WithKeys("j"), key.WithHelp("j", "join screen / progress")),
		Mode:          key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "what devices rate: on screen, all, none")),
		Close:         key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "close the round")),
		RevealRoom:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "reveal to the room")),
		RevealDevices: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "reveal to the devices")),
		Release:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "release a device")),
		Serve:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "serving on/off")),
		Up:            nav.Up,
		// j is the join screen here: down is the arrow alone
		Down: key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Yes:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:   key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
	}
}

// onKey handles a key of the devices screen.
func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.asking != "" {
		what := m.asking
		m.asking = ""
		if !key.Matches(msg, k.Yes) {
			return common.StatusCmd("")
		}
		switch what {
		case "stop":
			return m.stopCmd()
		case "release":
			return m.release()
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.c.Keys.Back):
		return tea.Batch(m.showJoin(false), common.Pop)
	case key.Matches(msg, k.Join):
		return m.showJoin(!m.join)
	case key.Matches(msg, k.Serve):
		if m.c.Server() == nil {
			if m.starting {
				return nil
			}
			return m.serveCmd()
		}
		m.asking = "stop"
		return common.StatusCmd("Stop serving? Devices can no longer join or rate (y/n)")
	case m.join:
		return nil // the join screen has no more keys: j shows the progress
	case key.Matches(msg, k.Up):
		m.selected = max(0, m.selected-1)
	case key.Matches(msg, k.Down):
		m.selected = min(len(m.progress.ws.Session.Participants)-1, m.selected+1)
	case key.Matches(msg, k.Mode):
		return m.nextMode()
	case key.Matches(msg, k.Close):
		return m.roundCmd("close")
	case key.Matches(msg, k.RevealRoom):
		return m.roundCmd(string(session.AudienceRoom))
	case key.Matches(msg, k.RevealDevices):
		return m.roundCmd(string(session.AudienceDevices))
	case key.Matches(msg, k.Release):
		pts := m.progress.ws.Session.Participants
		if m.selected >= len(pts) || !m.progress.joined[pts[m.selected].UUID] {
			return common.StatusCmd("That participant has no device to release: pick one marked ● with ↑↓.")
		}
		m.asking = "release"
		return common.StatusCmd(fmt.Sprintf("Release %s's device? They join again with the code (y/n)", pts[m.selected].Name))
	}
	return nil
}

// submit hands a control to the outbox.
func (m *Model) submit(key, what string, do func(ctx context.Context, e *session.Engine) error) {
	e := m.c.Engine
	m.c.Submit(session.Op{Key: m.id + ":" + key, What: what, Do: func(ctx context.Context) error { return do(ctx, e) }})
}

// nextMode moves what devices may rate on: the element on screen, every
// element, nothing.
func (m *Model) nextMode() tea.Cmd {
	if !m.progress.loaded {
		return nil
	}
	next := map[session.DeviceRating]session.DeviceRating{
		session.DevicesStep: session.DevicesAll, session.DevicesAll: session.DevicesOff, session.DevicesOff: session.DevicesStep,
	}[m.progress.ws.Session.DeviceRating]
	id := m.id
	m.submit("device-rating", "what devices rate", func(ctx context.Context, e *session.Engine) error {
		return e.SetDeviceRating(ctx, session.Facilitator(), id, next)
	})
	return nil
}

// roundCmd closes or reveals the current round of the element on screen.
func (m *Model) roundCmd(what string) tea.Cmd {
	el, ok := m.progress.element()
	if !m.progress.loaded || !ok {
		return common.StatusCmd("Go to a solution element's step in the walkthrough first.")
	}
	id, round := m.id, m.progress.ws.Rounds.Current(el.ID).Round
	switch what {
	case "close":
		m.submit("round", "closing the round of "+el.Title, func(ctx context.Context, e *session.Engine) error {
			return e.CloseRound(ctx, session.Facilitator(), id, round, []string{el.ID})
		})
		return common.StatusCmd(fmt.Sprintf("Round %d of %s closed: devices show the answers given.", round, el.Title))
	}
	to := session.Audience(what)
	m.submit("reveal", "revealing "+el.Title, func(ctx context.Context, e *session.Engine) error {
		return e.Reveal(ctx, session.Facilitator(), id, el.ID, round, to)
	})
	return common.StatusCmd(revealText(to, el, round))
}

func revealText(to session.Audience, el content.Element, round int) string {
	if to == session.AudienceDevices {
		return fmt.Sprintf("Round %d of %s revealed on the devices.", round, el.Title)
	}
	return fmt.Sprintf("Round %d of %s revealed to the room (R shows it).", round, el.Title)
}

// release signs the selected participant's device out.
func (m *Model) release() tea.Cmd {
	pts := m.progress.ws.Session.Participants
	if m.selected >= len(pts) {
		return nil
	}
	pt, id := pts[m.selected], m.id
	m.submit("release", "releasing "+pt.Name+"'s device", func(ctx context.Context, e *session.Engine) error {
		return e.ReleaseDevice(ctx, session.Facilitator(), id, pt.UUID)
	})
	return common.StatusCmd(pt.Name + "'s device is released.")
}

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	switch {
	case m.starting:
		return s.Faint.Render("  Starting to serve…")
	case m.join && m.progress.Serving():
		return JoinView(s, m.progress.Info(), m.width, m.height)
	}
	v := m.progress.View(m.width-4, m.height-1, m.selected)
	if v != m.drawnFrom || m.drawnW != m.width {
		lines := strings.Split(v, "\n")
		for i, l := range lines {
			lines[i] = "  " + common.Pad(l, max(0, m.width-2))
		}
		m.drawnFrom, m.drawnW, m.drawn = v, m.width, "\n"+strings.Join(lines, "\n")
	}
	return m.drawn
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.asking != "":
		return []key.Binding{k.Yes, k.No}
	case m.join:
		return []key.Binding{common.WithHelp(k.Join, "j", "live progress"), k.Serve, m.c.Keys.Back}
	}
	return []key.Binding{common.WithHelp(k.Join, "j", "join screen"), k.Mode, k.Close, k.RevealRoom, k.RevealDevices, k.Release, k.Serve, m.c.Keys.Back}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Join, k.Serve, m.c.Keys.Back},
		{k.Mode, k.Close, k.RevealRoom, k.RevealDevices},
		{k.Up, k.Down, k.Release},
	}
}
