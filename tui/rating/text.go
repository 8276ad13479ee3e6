package rating

import (
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// MissingLines describes the open cells, one line per participant:
// "Ana (supplier) → Explain your twin properly! (Effort); Prove your
// quality!": the open criteria in brackets, an element alone when none of
// its criteria is rated, "nothing rated yet" for a participant who has not
// begun. Past maxLines the rest is summed up. With one element (the grid's
// reveal) the element is left out.
func MissingLines(list []session.ParticipantMissing, oneElement bool, maxLines int) []string {
	var lines []string
	for i, pm := range list {
		if maxLines > 0 && len(lines) == maxLines-1 && i < len(list)-1 {
			rest := 0
			for _, x := range list[i:] {
				rest += x.Cells()
			}
			lines = append(lines, fmt.Sprintf("… and %s (%s open)", countOf(len(list)-i, "more participant"), countOf(rest, "cell")))
			break
		}
		var parts []string
		for _, me := range pm.Elements {
			switch {
			case oneElement:
				parts = append(parts, strings.Join(labels(me.Criteria), ", "))
			case pm.Nothing:
				parts = append(parts, "nothing rated yet ("+countOf(pm.Cells(), "cell")+")")
			case me.All:
				parts = append(parts, me.Title)
			default:
				parts = append(parts, me.Title+" ("+strings.Join(labels(me.Criteria), ", ")+")")
			}
			if pm.Nothing && !oneElement {
				break
			}
		}
		lines = append(lines, participantLabel(pm.Participant)+" → "+strings.Join(parts, "; "))
	}
	return lines
}

// MissingBlock is MissingLines wrapped to width w and cut to maxLines
// lines, the last of which then says how many more there are.
func MissingBlock(list []session.ParticipantMissing, w, maxLines int) []string {
	var lines []string
	for _, l := range MissingLines(list, false, 0) {
		lines = append(lines, wrapWords(l, w)...)
	}
	if maxLines = max(2, maxLines); len(lines) > maxLines {
		lines = append(lines[:maxLines-1], fmt.Sprintf("… %s more", countOf(len(lines)-maxLines+1, "line")))
	}
	return lines
}

// CountOf is "1 cell", "2 cells".
func CountOf(n int, noun string) string { return countOf(n, noun) }

// WrapWords wraps plain text at spaces to width w.
func WrapWords(s string, w int) []string { return wrapWords(s, w) }

// countOf is "1 cell", "2 cells".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// participantLabel is "Ana (supplier)".
func participantLabel(p session.Participant) string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role + ")"
}

// wrapWords wraps plain text at spaces to width w (display width).
func wrapWords(s string, w int) []string { return common.WrapWords(s, w) }

// labels are the criteria's labels.
func labels(cs []content.Criterion) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Label
	}
	return out
}

// questionMark ends a question about a title: "?" unless the title ends
// in its own "!" or "?" ("Open round 2 of Protect the IP!", not "!?").
func questionMark(title string) string {
	if strings.HasSuffix(title, "!") || strings.HasSuffix(title, "?") {
		return ""
	}
	return "?"
}
