package results

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
)

// The ranking of each element's latest round asks the read-model which
// round it shows per criterion: an element whose round 2 is blind on
// impact, but rated on effort in round 1 only (revealed), is ranked on
// effort and not revealed on impact.
func TestRankingHidesPerCriterion(t *testing.T) {
	d := blindOnImpact(t)
	text := ansi.Strip(strings.Join(d.rankingLines(common.NewStyles(common.ThemeDark), latestRound, 60), "\n"))
	effort := text[strings.Index(text, "Effort"):]
	impact := text[:strings.Index(text, "Effort")]
	if !strings.Contains(effort, "1. Explain") || strings.Contains(effort, "Not revealed yet") {
		t.Errorf("effort, revealed in round 1, is not ranked:\n%s", text)
	}
	if !strings.Contains(impact, "Not revealed yet: 1. Explain") {
		t.Errorf("impact, blind in round 2, is not listed as not revealed:\n%s", text)
	}
}

// The elements view of each element's latest round asks the read-model
// per criterion too: the same element shows its revealed round-1 effort
// and says impact (round 2) is not revealed, not the element as a whole.
func TestElementsHidePerCriterion(t *testing.T) {
	d := blindOnImpact(t)
	st := common.NewStyles(common.ThemeDark)
	for _, tc := range []struct {
		round           int
		want, notWanted []string
	}{
		{latestRound, []string{"1. Explain your twin properly! · round 1", "Effort", "median 2", "Impact (round 2) not revealed yet: reveal it"}, []string{"median 5", "median 4"}},
		{1, []string{"Impact", "median 4", "Effort", "median 2"}, []string{"Not revealed"}},
		{2, []string{"Not revealed yet"}, []string{"median 5", "median 2"}},
	} {
		lines, _ := d.elementsLines(st, tc.round, 80)
		text := ansi.Strip(strings.Join(lines, "\n"))
		text = text[:strings.Index(text, "2. Create")]
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("round %d: no %q in\n%s", tc.round, w, text)
			}
		}
		for _, w := range tc.notWanted {
			if strings.Contains(text, w) {
				t.Errorf("round %d: %q in\n%s", tc.round, w, text)
			}
		}
	}
}

// blindOnImpact is the room's results of explain, rated and revealed in
// round 1 on both criteria and rated again in round 2 (open, blind) on
// impact only.
func blindOnImpact(t *testing.T) *resultsData {
	t.Helper()
	rate := func(rater, crit string, round, v int) stats.Rating {
		return stats.Rating{Element: "explain", Criterion: crit, Round: round, Rater: rater, Value: v}
	}
	ratings := []stats.Rating{rate("a", "impact", 1, 4), rate("b", "impact", 1, 4), rate("a", "effort", 1, 2), rate("b", "effort", 1, 2),
		rate("a", "impact", 2, 5)}
	at := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	rounds := session.Rounds{"explain": {{ElementID: "explain", Round: 1, ClosedAt: at, RevealedRoomAt: at}, {ElementID: "explain", Round: 2, OpenedAt: at}}}
	_, d := resultsOf(t, ratings, session.Viewer{Kind: session.ViewRoom}, rounds)
	return d
}
