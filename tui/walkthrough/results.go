package walkthrough

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// opensResults reports whether k opens the results screen (R, anywhere in
// the walkthrough, also over the rating grid) or the export dialog (x, but
// not over the rating grid, where x clears a cell).
func (w *Model) opensResults(k tea.KeyPressMsg) bool {
	if !w.loaded || w.Capturing() || w.agenda.focus && w.width < narrowWidth {
		return false // a narrow agenda keeps the keys: see onKey
	}
	keys := w.keys
	return key.Matches(k, keys.Results) || w.rating == nil && key.Matches(k, keys.Export)
}

// openResults opens the results screen over the walkthrough, on the
// element of the step when it is an element step, or the export dialog.
// During the session the results show only the element x rounds revealed
// in the rating grid.
func (w *Model) openResults(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, w.keys.Export) {
		sess, p := w.sess, w.pack
		return func() tea.Msg { return common.OpenExportMsg{ID: sess.ID, Sess: sess, Pack: p} }
	}
	st := w.currentStep()
	focus := ""
	if top := w.detours.top(); top == nil && st.Kind == content.StepElement {
		focus = st.Ref
	} else if top != nil && top.Kind == content.StepElement {
		focus = top.ID
	}
	// What shows is the engine's answer for the viewer: on the
	// facilitator's screen during the session only what was revealed to
	// the room, so the results cannot anchor anyone still rating.
	viewer := session.Viewer{Kind: session.ViewFacilitator}
	if w.readOnly {
		viewer.Kind = session.ViewReview
	}
	sess, p := w.sess, w.pack
	return func() tea.Msg { return common.OpenResultsMsg{Sess: sess, Pack: p, Viewer: viewer, Focus: focus} }
}
