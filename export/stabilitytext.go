package export

import (
	"bufio"
	"fmt"
	"strconv"
)

// stabilityText writes, for a session rated in more than one round, how
// stable the answers were between consecutive rounds: per element and
// criterion over the experts who gave a value in both (how many, the share
// who kept it, the mean change, Wilcoxon's V and p, the coefficients of
// variation), then Kendall's W per criterion over the elements rated in
// both (docs/delphi.md). Consensus and stability are reported apart, as
// the json's elements and stability are.
func stabilityText(bw *bufio.Writer, v *view, refs map[string]elementRef) error {
	sum := v.Sum
	if sum.Results == nil || sum.Round > 0 || len(sum.Results.Rounds) < 2 {
		return nil
	}
	sr := sum.Results.Stability()
	label := func(criterion string) string {
		if c, ok := sum.Pack.Criterion(criterion); ok {
			return oneLineText(c.Label)
		}
		return criterion
	}
	fmt.Fprintln(bw, "\nStability between rounds (the experts with a value in both)")
	tw := NewTableWriter(bw, 2)
	fmt.Fprintln(tw, "#\tELEMENT\tCRITERION\tROUNDS\tPAIRED\tKEPT\tMEAN |Δ|\tWILCOXON V\tP\tCV")
	unpaired := 0
	for _, es := range sr.Elements {
		if es.NPaired == 0 {
			unpaired++
			continue
		}
		ref := refs[es.ElementID]
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d→%d\t%d\t%s\t%s\t%s\t%s\t%s → %s\n", ref.Num, clip(ref.Title, 34), label(es.Criterion),
			es.FromRound, es.ToRound, es.NPaired, pct(es.Unchanged), Number(es.MeanAbsChange), Number(es.WilcoxonV),
			pValue(es.WilcoxonP), Number(es.CVFrom), Number(es.CVTo))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("statistics of session %s: %w", sum.Session.ID, err)
	}
	if unpaired > 0 {
		fmt.Fprintf(bw, "No expert gave a value in both rounds: %d element x criterion pair%s\n", unpaired, plural(unpaired))
	}
	for _, cs := range sr.Criteria {
		fmt.Fprintf(bw, "Kendall's W of %s, round %d → %d (%d element%s rated in both): %s → %s, change %s\n",
			label(cs.Criterion), cs.FromRound, cs.ToRound, cs.NElements, plural(cs.NElements),
			Number(cs.WFrom), Number(cs.WTo), signed(cs.Change))
	}
	return nil
}

// pValue formats a p-value: three decimals, or "< 0.001".
func pValue(p *float64) string {
	switch {
	case p == nil:
		return "–"
	case *p < 0.001:
		return "< 0.001"
	}
	return strconv.FormatFloat(*p, 'f', 3, 64)
}

// signed formats a change with its sign.
func signed(p *float64) string {
	if p != nil && *p > 0 {
		return "+" + Number(p)
	}
	return Number(p)
}
