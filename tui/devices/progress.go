package devices

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Progress is the live progress of a session served to devices: who has
// joined, who has rated what. It loads once (and again when the session,
// its rounds or its participants change), then follows the change feed
// row by row: a rating's history row says whose cell it is and whether it
// now holds an answer, a device's row who joined or left. The database is
// not read again for them. The walkthrough shows its Line; the devices
// screen its View.
type Progress struct {
	c       *common.Common
	id      string
	gen     int
	loaded  bool
	err     error
	serving bool
	info    session.ServeInfo
	ws      session.Workshop
	joined  map[string]bool
	given   map[cellKey]bool
	// counted as the changes come, so that neither the walkthrough's
	// line nor a frame counts 200 participants again
	nJoined int
	rated   map[roundCell]int

	// The view is drawn again only when something it shows changed: a
	// frame a sixtieth of a second while 200 devices rate must not redraw
	// the table each time.
	version int
	drawnAs drawKey
	drawn   string
}

// drawKey is what a view was drawn for.
type drawKey struct {
	version, width, height, selected int
	theme                            common.Theme
}

// roundCell is one criterion of an element in one round.
type roundCell struct {
	element, criterion string
	round              int
}

// setGiven records whether a cell holds an answer, and counts it.
func (p *Progress) setGiven(k cellKey, given bool) {
	if p.given[k] == given {
		return
	}
	p.given[k] = given
	d := 1
	if !given {
		d = -1
	}
	p.rated[roundCell{k.element, k.criterion, k.round}] += d
}

// setJoined records whether a participant's device is signed in.
func (p *Progress) setJoined(uuid string, joined bool) {
	if p.joined[uuid] == joined {
		return
	}
	p.joined[uuid] = joined
	if joined {
		p.nJoined++
	} else {
		p.nJoined--
	}
}

// cellKey names a cell by the participant's UUID.
type cellKey struct {
	uuid, element, criterion string
	round                    int
}

// NewProgress returns the progress of session id; it loads in Init.
func NewProgress(c *common.Common, id string) *Progress { return &Progress{c: c, id: id} }

// progressLoadedMsg carries a load of the progress.
type progressLoadedMsg struct {
	owner   *Progress
	gen     int
	serving bool
	info    session.ServeInfo
	ws      session.Workshop
	joined  map[string]bool
	given   map[cellKey]bool
	err     error
}

// Init implements the loading: the session, how it is served, the devices
// and the given cells of each element's current round.
func (p *Progress) Init() tea.Cmd {
	p.gen++
	c, id, gen := p.c, p.id, p.gen
	return func() tea.Msg {
		msg := progressLoadedMsg{owner: p, gen: gen, joined: map[string]bool{}, given: map[cellKey]bool{}}
		e, ctx := c.Engine, c.Ctx
		if msg.ws, msg.err = e.Workshop(ctx, id); msg.err != nil {
			return msg
		}
		if msg.info, msg.serving, msg.err = e.Serving(ctx, id); msg.err != nil {
			return msg
		}
		devs, err := e.Devices(ctx, id)
		if msg.err = err; err != nil {
			return msg
		}
		for _, d := range devs {
			msg.joined[d.Participant.UUID] = true
		}
		cells, err := e.Cells(ctx, session.Viewer{Kind: session.ViewFacilitator}, id, session.CellQuery{})
		if msg.err = err; err != nil {
			return msg
		}
		for _, x := range cells {
			if x.Given {
				msg.given[cellKey{x.UUID, x.ElementID, x.CriterionID, x.Round}] = true
			}
		}
		return msg
	}
}

// Update takes the progress's loads and the feed's changes; it returns a
// load when a change needs one.
func (p *Progress) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressLoadedMsg:
		if msg.owner != p || msg.gen != p.gen {
			return nil
		}
		p.err = msg.err
		p.version++
		if msg.err == nil {
			p.loaded, p.serving, p.info, p.ws = true, msg.serving, msg.info, msg.ws
			p.joined, p.given, p.nJoined, p.rated = map[string]bool{}, map[cellKey]bool{}, 0, map[roundCell]int{}
			for uuid := range msg.joined {
				p.setJoined(uuid, true)
			}
			for k := range msg.given {
				p.setGiven(k, true)
			}
		}
	case common.ChangesMsg:
		if msg.SessionID != p.id || !p.loaded {
			return nil
		}
		reload := false
		p.version++
		for _, ch := range msg.Changes {
			switch ch.Entity {
			case "rating":
				if uuid, k, ok := ch.CellOf(); ok && ch.Field == "value" {
					p.setGiven(cellKey{uuid, k.ElementID, k.CriterionID, k.Round}, ch.New != nil)
				}
			case "device":
				p.setJoined(ch.Key, ch.Field == "claimed")
			case "note":
			default: // serving, the session (its step), rounds, participants
				reload = true
			}
		}
		if reload {
			return p.Init()
		}
	}
	return nil
}

// Serving reports whether the session is served to devices.
func (p *Progress) Serving() bool { return p.loaded && p.serving }

// Info is how the session is served.
func (p *Progress) Info() session.ServeInfo { return p.info }

// element is the element of the facilitator's current step, if it is one.
func (p *Progress) element() (content.Element, bool) {
	w := p.ws
	if st := w.Session.Step; st >= 0 && st < len(w.Pack.Agenda) && w.Pack.Agenda[st].Kind == content.StepElement {
		return w.Pack.Element(w.Pack.Agenda[st].Ref)
	}
	return content.Element{}, false
}

// counts are how many participants joined and, on the element, rated
// each criterion in its current round.
func (p *Progress) counts(el content.Element) (joined int, rated []int) {
	round := p.ws.Rounds.Current(el.ID).Round
	rated = make([]int, len(p.ws.Pack.Criteria))
	for i, cr := range p.ws.Pack.Criteria {
		rated[i] = p.rated[roundCell{el.ID, cr.ID, round}]
	}
	return p.nJoined, rated
}

// Line is the progress in a few words for the walkthrough's status line:
// "devices 4/5 · rated 3/5", or "" while not serving.
func (p *Progress) Line() string {
	if !p.Serving() {
		return ""
	}
	n := len(p.ws.Session.Participants)
	el, ok := p.element()
	if !ok {
		return fmt.Sprintf("devices %d/%d", p.nJoined, n)
	}
	joined, rated := p.counts(el)
	low := n
	for _, r := range rated {
		low = min(low, r)
	}
	return fmt.Sprintf("devices %d/%d · rated %d/%d", joined, n, low, n)
}

// View draws the progress table at width x height, the selected row
// marked.
func (p *Progress) View(width, height, selected int) string {
	k := drawKey{version: p.version, width: width, height: height, selected: selected, theme: p.c.Styles.Theme}
	if p.drawn == "" || p.drawnAs != k {
		p.drawn, p.drawnAs = p.draw(width, height, selected), k
	}
	return p.drawn
}

// draw draws the view (see View).
func (p *Progress) draw(width, height, selected int) string {
	s := p.c.Styles
	switch {
	case p.err != nil:
		return s.Error.Render(common.WrapText(p.err.Error(), width))
	case !p.loaded:
		return s.Faint.Render("Reading who has joined…")
	}
	w := p.ws
	var b []string
	if p.serving {
		b = append(b, s.Subtle.Render("Serving at ")+s.Accent.Render(p.info.URL)+s.Subtle.Render(" · code ")+s.Accent.Render(SpacedCode(p.info.Code)))
	} else {
		b = append(b, s.Warn.Render("Not serving: s starts it again."))
	}
	b = append(b, s.Subtle.Render("Devices rate: ")+modeText(w.Session.DeviceRating, s))
	el, onElement := p.element()
	if onElement {
		cur := w.Rounds.Current(el.ID)
		// what the devices and the room see of the round is the engine's
		// answer, as it is for every screen
		devices := w.See(session.Viewer{Kind: session.ViewParticipant}, el.ID, cur.Round).Values
		room := w.See(session.Viewer{Kind: session.ViewRoom}, el.ID, cur.Round).Values
		state := s.OK.Render("open")
		switch {
		case devices && room:
			state = s.Warn.Render("revealed to the room and the devices")
		case devices:
			state = s.Warn.Render("revealed to the devices")
		case room:
			state = s.Warn.Render("revealed to the room")
		case !cur.Open():
			state = s.Warn.Render("closed")
		}
		b = append(b, s.Bold.Render(el.Title)+s.Subtle.Render(fmt.Sprintf(" · round %d · ", cur.Round))+state)
	} else {
		b = append(b, s.Subtle.Render("The agenda is on “"+w.Pack.StepTitle(w.Pack.Agenda[min(max(0, w.Session.Step), len(w.Pack.Agenda)-1)])+"”."))
	}
	b = append(b, "")
	nameW := 6
	for _, pt := range w.Session.Participants {
		nameW = max(nameW, lipgloss.Width(pt.Name))
	}
	colW := 8
	nameW = min(nameW, max(6, width-4-colW*len(w.Pack.Criteria)-12))
	head := "    " + common.PadRight("", nameW) + "  " + common.PadRight("device", 10)
	if onElement {
		for _, cr := range w.Pack.Criteria {
			head += common.PadRight(common.ClipText(cr.Label, colW-1), colW)
		}
	} else {
		head += "rated"
	}
	b = append(b, s.Subtle.Render(head))
	room := max(1, height-len(b)-2)
	top := 0
	if selected >= room {
		top = selected - room + 1
	}
	b = append(b, p.rows(el, onElement, nameW, colW, selected, top, top+room)...)
	b = append(b, "", p.summary(el, onElement))
	return strings.Join(b, "\n")
}

// rows are the participants from to to, one line each: only those the
// window shows are drawn (a workshop of 200 redraws 20 a frame).
func (p *Progress) rows(el content.Element, onElement bool, nameW, colW, selected, from, to int) []string {
	s := p.c.Styles
	w := p.ws
	round := w.Rounds.Current(el.ID).Round
	pts := w.Session.Participants[min(from, len(w.Session.Participants)):min(to, len(w.Session.Participants))]
	out := make([]string, 0, len(pts))
	// each styled piece rendered once a frame, not once a cell
	notYet, joined := s.Faint.Render(common.PadRight("○ not yet", 10)), s.OK.Render(common.PadRight("● joined", 10))
	done, open := s.OK.Render(common.PadRight("✓", colW)), s.Faint.Render(common.PadRight("·", colW))
	for i, pt := range pts {
		i += from
		mark, dev := "  ", notYet
		if i == selected {
			mark = s.Accent.Render("▸ ")
		}
		if p.joined[pt.UUID] {
			dev = joined
		}
		line := "  " + mark + common.PadRight(common.ClipText(pt.Name, nameW), nameW) + "  " + dev
		if onElement {
			for _, cr := range w.Pack.Criteria {
				if p.given[cellKey{pt.UUID, el.ID, cr.ID, round}] {
					line += done
				} else {
					line += open
				}
			}
		} else {
			n, all := 0, 0
			for _, e := range w.Pack.Elements {
				r := w.Rounds.Current(e.ID).Round
				for _, cr := range w.Pack.Criteria {
					all++
					if p.given[cellKey{pt.UUID, e.ID, cr.ID, r}] {
						n++
					}
				}
			}
			line += fmt.Sprintf("%d of %d", n, all)
		}
		out = append(out, line)
	}
	return out
}

// summary counts who joined and rated.
func (p *Progress) summary(el content.Element, onElement bool) string {
	s := p.c.Styles
	n := len(p.ws.Session.Participants)
	if !onElement {
		return s.Subtle.Render(fmt.Sprintf("%d of %d joined", p.nJoined, n))
	}
	joined, rated := p.counts(el)
	parts := []string{fmt.Sprintf("%d of %d joined", joined, n)}
	for i, cr := range p.ws.Pack.Criteria {
		parts = append(parts, fmt.Sprintf("%s %d of %d", cr.Label, rated[i], n))
	}
	return s.Subtle.Render(strings.Join(parts, " · "))
}

// modeText says which elements devices may rate.
func modeText(m session.DeviceRating, s common.Styles) string {
	switch m {
	case session.DevicesAll:
		return s.Accent.Render("every element, at their own pace")
	case session.DevicesOff:
		return s.Warn.Render("nothing (paused)")
	}
	return s.Accent.Render("the element on screen")
}
