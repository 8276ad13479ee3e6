package results

import (
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// SummaryMarkdown is the rating results of the walkthrough's summary step:
// the sections of the Markdown summary that show results (the ranking,
// the matrix, the consensus), as package export writes them from the
// engine's read-model for the room: an element not revealed to the room
// is listed as such, never shown. It reads the database, so it runs in a
// tea.Cmd; "" when nothing was rated.
func SummaryMarkdown(c *common.Common, id string) (string, error) {
	return summaryMarkdown(c, id, "Press **R** for every element's distribution and the other rounds, **x** to export.")
}

// RoomSummaryMarkdown is SummaryMarkdown for the projector window: the
// same results, without the facilitator's keys.
func RoomSummaryMarkdown(c *common.Common, id string) (string, error) {
	return summaryMarkdown(c, id, "")
}

func summaryMarkdown(c *common.Common, id, keys string) (string, error) {
	sum, err := export.Load(c.Ctx, c.Engine, id, export.LoadOptions{Stats: true, Viewer: session.Viewer{Kind: session.ViewRoom}})
	if err != nil {
		return "", fmt.Errorf("results of session %s: %w", id, err)
	}
	var b strings.Builder
	if err := export.SummaryResults(&b, sum); err != nil || b.Len() == 0 {
		return "", err
	}
	var intro []string
	if n := len(sum.Results.Rounds); n > 1 {
		intro = append(intro, fmt.Sprintf("%d rounds: each element in the latest round it was rated in.", n))
	}
	if keys != "" {
		intro = append(intro, keys)
	}
	if len(intro) == 0 {
		return b.String(), nil
	}
	return strings.Join(intro, " ") + "\n" + b.String(), nil
}
