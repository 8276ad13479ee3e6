package results

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// resultsLoadedMsg carries what the results screen shows.
type resultsLoadedMsg struct {
	owner   *Model
	sess    session.Session
	pack    *content.Pack
	data    *resultsData
	summary string
	// the summary rendered in the Cmd at the width and theme of the time,
	// so that the first frame of a review costs no glamour run in Update
	summaryLines []string
	summaryWidth int
	summaryTheme common.Theme
	err          error
}

// Init implements common.Screen: it reads the statistics.
func (r *Model) Init() tea.Cmd { return r.loadCmd() }

// loadCmd reads the session (when only its id is known) and what the
// screen's viewer may see of its results over every round and, for a
// review, the Markdown summary of package export, off the program's
// goroutine.
func (r *Model) loadCmd() tea.Cmd {
	c, id, sess, review, viewer, owner := r.c, r.id, r.sess, r.review, r.viewer, r
	width, theme, mdStyle := 0, r.c.Styles.Theme, r.c.Styles.Markdown
	if r.width > 0 {
		width = r.contentWidth()
	}
	if sess.ID != "" {
		id = sess.ID
	}
	return func() tea.Msg {
		if review {
			return loadReview(c, owner, id, width, theme, mdStyle)
		}
		view, err := c.Engine.Results(c.Ctx, viewer, id)
		if err != nil {
			return resultsLoadedMsg{owner: owner, err: fmt.Errorf("results of session %s: %w", id, err)}
		}
		return resultsLoadedMsg{owner: owner, sess: view.Session, pack: view.Pack, data: newResultsData(view)}
	}
}
