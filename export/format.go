package export

import (
	"strconv"
	"strings"
)

// Number formats an optional statistic: at most two decimals, "–" when
// undefined.
func Number(p *float64) string {
	if p == nil {
		return "–"
	}
	s := strconv.FormatFloat(*p, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// pct formats an optional share as a percentage.
func pct(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.Itoa(int(*p*100+0.5)) + "\u00a0%" // no line break before the sign
}

// consensusWord says whether a cell reached consensus.
func consensusWord(c *bool) string {
	switch {
	case c == nil:
		return "–"
	case *c:
		return "yes"
	}
	return "no"
}
