package results

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// summaryMatrixW and summaryMatrixH size the matrix in the summary step: it
// sits in a code block of the Markdown pane, which does not wrap, so it
// must fit the pane of an 80-column terminal.
const summaryMatrixW, summaryMatrixH = 46, 12

// SummaryMarkdown is the rating results of the walkthrough's summary step: per
// criterion the ranking (median, IQR, consensus), the matrix of two
// criteria (effort across, impact up when the pack has both) with its
// legend, and the consensus list. With several rounds each element counts
// in the latest round it was rated in (a Delphi round 2 rates only the
// contested elements again), as in the exports. It reads the store, so it
// runs in a tea.Cmd; "" when nothing was rated.
func SummaryMarkdown(c *common.Common, p *content.Pack, sess session.Session) (string, error) {
	rounds, err := c.Store.Rounds(c.Ctx, sess.ID)
	if err != nil {
		return "", fmt.Errorf("results of session %s: %w", sess.ID, err)
	}
	if len(rounds) == 0 {
		return "", nil
	}
	res, err := c.Store.Results(c.Ctx, p, sess.ID, 0)
	if err != nil {
		return "", fmt.Errorf("results of session %s: %w", sess.ID, err)
	}
	d := newResultsData(p, res, rounds)
	round := rounds[0]
	var b strings.Builder
	if len(rounds) > 1 {
		round = latestRound
		fmt.Fprintf(&b, "%d rounds: each element in the latest round it was rated in. ", len(rounds))
	}
	b.WriteString("Press **R** for every element's distribution and the other rounds, **x** to export.\n\n")

	b.WriteString("### Ranking\n\nBy median, then mean; ✓ consensus, ✗ none, – undefined.\n\n")
	for _, cr := range p.Criteria {
		fmt.Fprintf(&b, "**%s**\n\n| # | Element | Median | IQR | |\n|--:|---|--:|--:|:-:|\n", mdEscape(cr.Label))
		var unrated []string
		for _, r := range d.ranking(cr.ID, round) {
			es := d.pick(r.ElementID, cr.ID, round)
			if es == nil || es.N == 0 {
				unrated = append(unrated, d.elementTitle(r.ElementID))
				continue
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", r.Position, mdEscape(d.elementTitle(r.ElementID)),
				export.Number(es.Median), export.Number(es.IQR), consensusShort(es.Consensus))
		}
		if len(unrated) > 0 {
			fmt.Fprintf(&b, "\nNo ratings: %s\n", mdEscape(strings.Join(unrated, "; ")))
		}
		b.WriteString("\n")
	}

	if axes := matrixAxes(p); len(axes) > 0 {
		xc, yc := axes[0][0], axes[0][1]
		pts, absent, _ := d.matrixPoints(xc, yc, round)
		fmt.Fprintf(&b, "### %s × %s\n\nEach element at its median %s (up) and %s (across).\n\n",
			mdEscape(yc.Label), mdEscape(xc.Label), mdEscape(strings.ToLower(yc.Label)), mdEscape(strings.ToLower(xc.Label)))
		// plain styles: this runs off the program goroutine, and the code
		// block shows no colour anyway
		plot := renderMatrix(common.Styles{}, pts, matrixAxis{ID: xc.ID, Label: xc.Label, Min: xc.Min, Max: xc.Max},
			matrixAxis{ID: yc.ID, Label: yc.Label, Min: yc.Min, Max: yc.Max}, summaryMatrixW, summaryMatrixH,
			xc.ID == "effort" && yc.ID == "impact")
		b.WriteString("```text\n")
		for _, l := range plot {
			b.WriteString(strings.TrimRight(ansi.Strip(l), " ") + "\n")
		}
		b.WriteString("```\n\n")
		for _, pt := range pts {
			// "- **2** Title", not "- 2. Title", which would start a list
			fmt.Fprintf(&b, "- **%d** %s: %s %s, %s %s\n", pt.Num, mdEscape(p.Elements[pt.Num-1].Title),
				mdEscape(yc.Label), export.Number(&pt.Y), mdEscape(xc.Label), export.Number(&pt.X))
		}
		if len(absent) > 0 {
			fmt.Fprintf(&b, "\nNot placed (no median on both): %s\n", mdEscape(strings.Join(absent, "; ")))
		}
		b.WriteString("\n")
	}

	b.WriteString("### Consensus\n\n")
	for _, cr := range p.Criteria {
		var yes, no, none []string
		for _, e := range p.Elements {
			es := d.pick(e.ID, cr.ID, round)
			switch {
			case es == nil || es.Consensus == nil:
				none = append(none, d.elementTitle(e.ID))
			case *es.Consensus:
				yes = append(yes, d.elementTitle(e.ID))
			default:
				no = append(no, d.elementTitle(e.ID))
			}
		}
		fmt.Fprintf(&b, "**%s**\n\n- ✓ Consensus: %s\n- ✗ No consensus: %s\n", mdEscape(cr.Label), listOrNone(yes), listOrNone(no))
		if len(none) > 0 {
			fmt.Fprintf(&b, "- – No ratings: %s\n", listOrNone(none))
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

func listOrNone(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return mdEscape(strings.Join(items, "; "))
}

// mdEscape keeps pack text from starting Markdown it did not mean: a
// backslash before the characters that could, and no line breaks.
func mdEscape(s string) string {
	s = common.OneLine(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
