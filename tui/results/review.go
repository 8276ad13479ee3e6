package results

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2/ansi"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// A review (trustshop review ID, v on the home screen, or any session of a
// read-only database) is this screen opened on the session's summary: the
// Markdown a participant reads (package export), then the elements, the
// ranking and the matrix. It writes nothing; enter walks through the
// session's steps read-only (common.OpenStepsMsg).

// NewReview opens session id read-only on its summary.
func NewReview(c *common.Common, id string) *Model {
	return newModel(c, id, true)
}

// loadReview reads what a review shows, in the load Cmd: the statistics
// and the summary of package export, rendered at the width and theme of
// the time (when known) so that the first frame costs no glamour run in
// Update.
func loadReview(c *common.Common, owner *Model, id string, width int, theme common.Theme, mdStyle ansi.StyleConfig) tea.Msg {
	// A review shows everything of a finished session and, of a running
	// one, what the facilitator may see: the engine's viewer decides.
	sum, err := export.Load(c.Ctx, c.Engine, id, export.LoadOptions{Stats: true, Notes: true, History: true,
		Viewer: session.Viewer{Kind: session.ViewReview}})
	if err != nil {
		return resultsLoadedMsg{owner: owner, err: err}
	}
	msg := resultsLoadedMsg{owner: owner, sess: sum.Session, pack: sum.Pack}
	var b bytes.Buffer
	if err := export.Markdown(&b, sum); err != nil {
		return resultsLoadedMsg{owner: owner, err: err}
	}
	msg.summary = common.QuoteLineBreaks(b.String()) // the notes keep their lines
	msg.data = newResultsData(sum.Results)
	if width > 0 {
		// a renderer of its own: the markdown cache is the program goroutine's
		if out, err := common.RenderMarkdown(msg.summary, min(width, common.MaxTextWidth), mdStyle); err == nil {
			msg.summaryLines = strings.Split(strings.Trim(out, "\n"), "\n")
			msg.summaryWidth, msg.summaryTheme = width, theme
		}
	}
	return msg
}

// summaryLines is the review's summary tab at width w, through the
// markdown cache.
func (r *Model) summaryLines(w int) []string {
	h := fnv.New64a()
	h.Write([]byte(r.summary))
	md := r.c.Markdown.Render(fmt.Sprintf("review:%s:%x", r.sess.ID, h.Sum64()), r.summary, min(w, common.MaxTextWidth))
	return strings.Split(md, "\n")
}
