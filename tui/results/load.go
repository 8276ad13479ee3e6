package results

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
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

// loadCmd reads the session (when only its id is known), its statistics
// over every round and, for a review, the Markdown summary of package
// export, off the program's goroutine.
func (r *Model) loadCmd() tea.Cmd {
	c, id, sess, p, review, blind, owner := r.c, r.id, r.sess, r.pack, r.review, r.blind, r
	width, theme, mdStyle := 0, r.c.Styles.Theme, r.c.Styles.Markdown
	if r.width > 0 {
		width = r.contentWidth()
	}
	return func() tea.Msg {
		msg := resultsLoadedMsg{owner: owner, sess: sess, pack: p}
		var err error
		if p == nil {
			if msg.sess, msg.pack, _, err = c.OpenSession(id); err != nil {
				return resultsLoadedMsg{owner: owner, err: err}
			}
		}
		rounds, err := c.Store.Rounds(c.Ctx, msg.sess.ID)
		if err != nil {
			return resultsLoadedMsg{owner: owner, err: fmt.Errorf("results of session %s: %w", msg.sess.ID, err)}
		}
		if review {
			return loadReview(c, msg, rounds, width, theme, mdStyle)
		}
		if blind {
			data, err := revealedResults(c, msg.pack, msg.sess.ID, rounds)
			if err != nil {
				return resultsLoadedMsg{owner: owner, err: fmt.Errorf("results of session %s: %w", msg.sess.ID, err)}
			}
			msg.data = data
			return msg
		}
		res, err := c.Store.Results(c.Ctx, msg.pack, msg.sess.ID, 0)
		if err != nil {
			return resultsLoadedMsg{owner: owner, err: fmt.Errorf("results of session %s: %w", msg.sess.ID, err)}
		}
		msg.data = newResultsData(msg.pack, res, rounds)
		return msg
	}
}

// revealedResults computes the statistics of the revealed element x
// rounds only: the ranking and the matrix of what the group has seen.
func revealedResults(c *common.Common, p *content.Pack, id string, rounds []int) (*resultsData, error) {
	revealed, err := c.Store.Revealed(c.Ctx, id)
	if err != nil {
		return nil, err
	}
	var in []stats.Rating
	err = c.Store.EachRating(c.Ctx, id, func(r session.Rating) error {
		if revealed[session.RevealKey{ElementID: r.ElementID, Round: r.Round}] {
			if x, ok := session.StatsRating(r); ok {
				in = append(in, x)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d := newResultsData(p, session.ComputeStats(p, in), rounds)
	d.revealed = revealed
	return d, nil
}
