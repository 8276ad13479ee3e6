package walkthrough

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/results"
)

// A wide window gives an element step's text its measure and the room
// beside it to the element's ratings: how many cells are given in its
// current round while it is blind, its results once revealed, as the
// facilitator's screen may see them (the engine's viewer decides). They
// are read when the step opens and again when the feed brings a change of
// the element's ratings or rounds.

// minSideW is the room the ratings beside the text need.
const minSideW = 44

// side is what the column beside an element step's text shows.
type side struct {
	element  string
	round    int
	given    int
	cells    int
	revealed bool
	stats    []stats.ElementStats
	loaded   bool
	seq      int
}

// sideLoadedMsg carries the ratings of the element beside the text.
type sideLoadedMsg struct {
	owner *Model
	seq   int
	data  side
	err   error
}

// sideCmd reads the ratings of an element step (a resize to a wide
// window then shows them at once).
func (w *Model) sideCmd() tea.Cmd {
	st := w.currentStep()
	if !w.loaded || st.Kind != content.StepElement {
		w.side = side{seq: w.side.seq}
		return nil
	}
	w.side.seq++
	eng, ctx, id, el, owner, seq := w.c.Engine, w.c.Ctx, w.sess.ID, st.Ref, w, w.side.seq
	viewer := session.Viewer{Kind: session.ViewFacilitator}
	if w.readOnly {
		viewer.Kind = session.ViewReview
	}
	return func() tea.Msg {
		ws, err := eng.Workshop(ctx, id)
		if err != nil {
			return sideLoadedMsg{owner: owner, seq: seq, err: err}
		}
		round := ws.Rounds.Current(el).Round
		cells, err := eng.Cells(ctx, viewer, id, session.CellQuery{Element: el, Round: round})
		if err != nil {
			return sideLoadedMsg{owner: owner, seq: seq, err: err}
		}
		d := side{element: el, round: round, cells: len(ws.Session.Participants) * len(ws.Pack.Criteria), loaded: true}
		d.revealed = ws.See(viewer, el, round).Values
		var rows []session.Rating
		for _, c := range cells {
			if c.Given {
				d.given++
				rows = append(rows, c.Rating)
			}
		}
		if d.revealed {
			view := session.BuildResults(ws.Session, ws.Pack, ws.Rounds, viewer, rows)
			for _, c := range ws.Pack.Criteria {
				es := stats.ElementStats{ElementID: el, Criterion: c.ID, Round: round}
				if x := view.Cell(el, c.ID, round); x != nil {
					es = *x
				}
				d.stats = append(d.stats, es)
			}
		}
		return sideLoadedMsg{owner: owner, seq: seq, data: d}
	}
}

func (w *Model) onSideLoaded(msg sideLoadedMsg) tea.Cmd {
	if msg.owner != w || msg.seq != w.side.seq {
		return nil
	}
	if msg.err != nil {
		return common.ErrorCmd(msg.err)
	}
	msg.data.seq = w.side.seq
	w.side = msg.data
	return nil
}

// sideConcerns reports whether feed changes touch the element beside the
// text: its ratings or its rounds.
func (w *Model) sideConcerns(changes []session.Change) bool {
	if w.currentStep().Kind != content.StepElement {
		return false
	}
	el := w.currentStep().Ref
	for _, c := range changes {
		if _, k, ok := c.CellOf(); ok && k.ElementID == el || c.Entity == "round" || c.Entity == "participant" {
			return true
		}
	}
	return false
}

// sideLines is the column beside the text, width wide.
func (w *Model) sideLines(width int) []string {
	s := w.c.Styles
	d := w.side
	if !d.loaded || d.element != w.currentStep().Ref {
		return []string{s.Faint.Render("Reading the ratings…")}
	}
	mode := s.Rating.Abstain.Render("blind")
	if d.revealed {
		mode = s.OK.Render("revealed")
	}
	lines := []string{s.Title.Render("Ratings") + s.Faint.Render(fmt.Sprintf(" · round %d · ", d.round)) + mode,
		s.Subtle.Render(fmt.Sprintf("%d of %d cells given", d.given, d.cells)), ""}
	if d.revealed {
		return append(lines, results.ElementLines(s, w.pack.Criteria, d.stats, width)...)
	}
	hint := "r opens the grid; its results show here once revealed (ctrl+o in the grid)"
	if w.readOnly {
		hint = "Not revealed during the session."
	}
	for _, l := range splitWords(hint, width) {
		lines = append(lines, s.Faint.Render(l))
	}
	return lines
}

// splitWords wraps text at spaces to width (display width).
func splitWords(text string, width int) []string { return common.WrapWords(text, width) }
