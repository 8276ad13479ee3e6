package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/session"
)

// StatsText writes the statistics as plain tables for a terminal: per
// criterion and round one row per element rated (n, abstentions, median,
// IQR, mean, sd, agreement, consensus) and how many were not, the
// agreement across experts, and the ranking. A criterion's round nobody
// rated is one line. It is what `trustshop stats` prints.
func StatsText(w io.Writer, sum Summary) error {
	v := &view{Sum: sum}
	refs := v.elementRefs()
	v.criteria()
	v.rankings(refs)
	bw := bufio.NewWriter(w)
	s, p := sum.Session, sum.Pack
	fmt.Fprintf(bw, "%s · %s · %s %s", s.ID, oneLineText(s.Title), p.ID, p.Version)
	if sum.Round > 0 {
		fmt.Fprintf(bw, " · round %d", sum.Round)
	}
	fmt.Fprintln(bw)
	if len(sum.Stats.Elements) == 0 {
		fmt.Fprintln(bw, "\nNo ratings yet.")
		return flushText(bw, s.ID)
	}
	fmt.Fprintf(bw, "Consensus (✓): %s.\n", session.DescribeConsensus(sum.Session.Consensus))
	tw := NewTableWriter(bw, 2)
	lo := 0
	for _, cs := range v.Criteria {
		hi := lo
		rated, unrated := 0, 0
		for ; hi < len(sum.Stats.Elements); hi++ {
			es := sum.Stats.Elements[hi]
			if es.Criterion != cs.Criterion.ID || es.Round != cs.Round {
				break
			}
			if es.N > 0 || es.Abstain > 0 {
				rated++
			} else {
				unrated++
			}
		}
		cells := sum.Stats.Elements[lo:hi]
		lo = hi
		if rated == 0 {
			fmt.Fprintf(bw, "\n%s, round %d: nobody rated it.\n", oneLineText(cs.Criterion.Label), cs.Round)
			continue
		}
		fmt.Fprintf(bw, "\n%s, round %d\n", oneLineText(cs.Criterion.Label), cs.Round)
		fmt.Fprintln(tw, "#\tELEMENT\tN\tABST\tMEDIAN\tIQR\tMEAN\tSD\tAGREE\tCONSENSUS")
		for _, es := range cells {
			if es.N == 0 && es.Abstain == 0 {
				continue
			}
			ref := refs[es.ElementID]
			fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", ref.Num, clip(ref.Title, 34), es.N, es.Abstain,
				Number(es.Median), Number(es.IQR), Number(es.Mean), Number(es.SD), pct(es.Agreement), consensusMark(es.Consensus))
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("statistics of session %s: %w", s.ID, err)
		}
		if unrated > 0 {
			fmt.Fprintf(bw, "Not rated in this round: %d element%s\n", unrated, plural(unrated))
		}
		fmt.Fprintf(bw, "Across experts: alpha nominal %s, ordinal %s, interval %s; Kendall's W %s\n",
			Number(cs.AlphaNominal), Number(cs.AlphaOrdinal), Number(cs.AlphaInterval), Number(cs.KendallW))
	}
	for _, rk := range v.Rankings {
		fmt.Fprintf(bw, "\nRanking by %s, round %d (median, then mean)\n", oneLineText(rk.Criterion.Label), rk.Round)
		for _, r := range rk.Rows {
			fmt.Fprintf(tw, "%d.\t%s\tmedian %s\tmean %s\t%s\n", r.Position, clip(r.Element.Title, 40), Number(r.Median), Number(r.Mean), consensusMark(r.Consensus))
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("statistics of session %s: %w", s.ID, err)
		}
		if len(rk.Unrated) > 0 {
			fmt.Fprintf(bw, "Not rated in this round: %d element%s\n", len(rk.Unrated), plural(len(rk.Unrated)))
		}
	}
	if err := stabilityText(bw, v, refs); err != nil {
		return err
	}
	return flushText(bw, s.ID)
}

func flushText(bw *bufio.Writer, id string) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("statistics of session %s: %w", id, err)
	}
	return nil
}

// consensusMark is the consensus column of the text tables.
func consensusMark(c *bool) string {
	switch {
	case c == nil:
		return "–"
	case *c:
		return "✓ yes"
	}
	return "✗ no"
}

// clip keeps a text on one line and at most n columns wide (display
// width), cut between grapheme clusters with "…".
func clip(s string, n int) string { return ansi.Truncate(oneLineText(s), n, "…") }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
