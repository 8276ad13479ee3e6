package walkthrough

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/results"
)

// summaryResultsMsg carries the rating results section of the summary.
type summaryResultsMsg struct {
	markdown string
	err      error
}

// loadRatingResultsCmd reads what the summary shows the room of the
// ratings (results.SummaryMarkdown), off the program's goroutine, when the
// summary step opens.
func loadRatingResultsCmd(c *common.Common, id string) tea.Cmd {
	return func() tea.Msg {
		md, err := results.SummaryMarkdown(c, id)
		return summaryResultsMsg{markdown: md, err: err}
	}
}

// summaryMarkdown is the summary step: the session, who took part by role,
// the notes taken on each step, and the rating results.
func (w *Model) summaryMarkdown() string {
	p, x := w.pack, w.sess
	var b strings.Builder
	fmt.Fprintf(&b, "# Summary: %s\n\n", x.Title)
	meta := []string{x.Date, "facilitated by " + x.Facilitator}
	if x.Organisation != "" {
		meta = append(meta, x.Organisation)
	}
	fmt.Fprintf(&b, "*%s* · pack %s %s\n\n", strings.Join(meta, " · "), p.ID, p.Version)

	fmt.Fprintf(&b, "## Participants (%d)\n\n", len(x.Participants))
	if len(x.Participants) == 0 {
		b.WriteString("No participants were registered for this session.\n\n")
	}
	// one participant a line, each with their own organisation: "Ben,
	// Dev (Acme AG)" read as if both were with Acme
	for _, role := range p.Personas {
		first := true
		for _, pt := range x.Participants {
			if pt.Role != role.ID {
				continue
			}
			if first {
				fmt.Fprintf(&b, "- **%s**\n", role.Title)
				first = false
			}
			if pt.Organisation != "" {
				fmt.Fprintf(&b, "  - %s, %s\n", pt.Name, pt.Organisation)
			} else {
				fmt.Fprintf(&b, "  - %s\n", pt.Name)
			}
		}
	}

	b.WriteString("\n## Notes\n\n")
	any := false
	for _, st := range p.Agenda {
		note := strings.TrimSpace(w.notes.typed[st.Key()])
		if note == "" || st.Kind == content.StepSummary {
			continue
		}
		any = true
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", p.StepTitle(st), common.NoteQuote(note))
	}
	if !any {
		b.WriteString("No notes were taken on the steps so far.\n\n")
	}
	if note := strings.TrimSpace(w.notes.typed[content.Step{Kind: content.StepSummary}.Key()]); note != "" {
		fmt.Fprintf(&b, "### Closing notes\n\n%s\n\n", common.NoteQuote(note))
	}

	b.WriteString("## Rating results\n\n")
	if w.results != "" {
		b.WriteString(w.results + "\n")
	} else {
		b.WriteString("No rating results to show yet.\n")
	}
	return b.String()
}
