package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Limits of the values a file may hold. Names, titles and comments take
// the session's own limits (session.MaxNameLen and the like).
const (
	// MaxRound is the highest round: Delphi studies run two to four, and a
	// round near 2^63 breaks every screen that adds one to it.
	MaxRound = 99
	// MinYear and MaxYear bound rated_at and --date: 0001-01-01 is Go's
	// zero time, 9999-12-31 a spreadsheet's "never"; the session's date
	// (the day of the earliest rating) allows the same years.
	MinYear = 1900
	MaxYear = 2999
)

// parseRound reads a round: a whole number from 1 to MaxRound.
func parseRound(s string) (int, string) {
	n, ok := digits(s)
	if !ok || n < 1 || n > MaxRound {
		return 0, fmt.Sprintf("round %s: a whole number from 1 to %d", quote(s), MaxRound)
	}
	return n, ""
}

// digits parses 1 to 9 ASCII digits, so that no sign, space or exponent
// passes and nothing overflows.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseValue reads a value cell: a whole number, written "4", "-1", or
// with a fraction of zeros as pandas writes an integer column that has
// empty cells ("4.0") and a spreadsheet in a decimal-comma locale does
// ("4,0"). "+4", "4e0", "0x4" and spaces inside are refused: a file that
// writes them was not written as a table of points. comma reports a
// decimal comma.
func parseValue(s string) (v int, comma, ok bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := s, "", false
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		whole, frac, hasFrac = s[:i], s[i+1:], true
		comma = s[i] == ','
	}
	n, ok := digits(whole)
	if !ok || hasFrac && (frac == "" || strings.Trim(frac, "0") != "") {
		return 0, false, false
	}
	if neg {
		n = -n
	}
	return n, comma, true
}

// parseAbstain reads an abstain cell: TRUE or FALSE in any case, or empty
// for false.
func parseAbstain(s string) (abstain bool, ok bool) {
	switch {
	case s == "" || strings.EqualFold(s, "false"):
		return false, true
	case strings.EqualFold(s, "true"):
		return true, true
	}
	return false, false
}

// stamp is a rated_at cell: a time, a date alone (that takes its time of
// day from --date) or nothing.
type stamp struct {
	at       time.Time
	dateOnly bool
}

// parseStamp reads a rated_at cell: an RFC 3339 time such as
// 2026-11-25T09:30:00Z or 2026-11-25T10:30:00.25+01:00 (a space may stand
// for the T, the seconds may be left out), or a date alone, 2026-11-25.
// The shape is checked strictly before time.Parse, which would take
// T9:00:00Z and ten fractional digits.
func parseStamp(s string) (stamp, string) {
	bad := func(why string) (stamp, string) {
		return stamp{}, fmt.Sprintf("rated_at %s: %s", quote(s), why)
	}
	const example = "write a time such as 2026-11-25T09:30:00Z (UTC) or 2026-11-25T10:30:00+01:00, or a date alone"
	if len(s) < 10 || !shape(s[:10], "dddd-dd-dd") {
		return bad(example)
	}
	year, _ := digits(s[:4])
	if year < MinYear || year > MaxYear {
		return bad(fmt.Sprintf("the year must be from %d to %d", MinYear, MaxYear))
	}
	if len(s) == 10 {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return bad("no such day")
		}
		return stamp{at: t, dateOnly: true}, ""
	}
	rest := s[10:]
	if rest[0] != 'T' && rest[0] != ' ' || len(rest) < 6 || !shape(rest[1:6], "dd:dd") {
		return bad(example)
	}
	hm, sec, frac := rest[1:6], "00", ""
	rest = rest[6:]
	if len(rest) >= 3 && shape(rest[:3], ":dd") {
		sec, rest = rest[1:3], rest[3:]
	}
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return bad("a fraction of a second has 1 to 9 digits")
		}
		frac, rest = rest[:n], rest[n:]
	}
	switch {
	case rest == "Z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && shape(rest[1:], "dd:dd"):
		h, _ := digits(rest[1:3])
		m, _ := digits(rest[4:6])
		if h > 14 || m > 59 {
			return bad("a time zone offset is at most ±14:00")
		}
	case rest == "":
		return bad("no time zone: end it with Z for UTC, or with the offset, e.g. +01:00")
	default:
		return bad(example)
	}
	t, err := time.Parse(time.RFC3339Nano, s[:10]+"T"+hm+":"+sec+frac+rest)
	if err != nil {
		return bad("no such day or time")
	}
	return stamp{at: t}, ""
}

// shape reports whether s has the layout, where d is a digit and every
// other byte stands for itself.
func shape(s, layout string) bool {
	if len(s) != len(layout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if layout[i] == 'd' {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		} else if s[i] != layout[i] {
			return false
		}
	}
	return true
}

// ParseDate reads the --date of an import: the time given to rows whose
// rated_at is empty or missing, and whose clock and time zone a rated_at
// of a date alone takes. It is written as rated_at is; a date alone means
// midnight UTC.
func ParseDate(s string) (time.Time, error) {
	st, msg := parseStamp(strings.TrimSpace(s))
	if msg != "" {
		return time.Time{}, fmt.Errorf("--date %s", strings.TrimPrefix(msg, "rated_at "))
	}
	return st.at, nil
}

// onDay is the time of day and zone of def on the day of date.
func onDay(date, def time.Time) time.Time {
	y, m, d := date.Date()
	h, mi, s := def.Clock()
	return time.Date(y, m, d, h, mi, s, def.Nanosecond(), def.Location())
}

// quote writes a cell for a message: quoted with Go's escapes, so that no
// control character reaches the terminal, and cut to 40 characters, so
// that a 5 MB name does not fill it.
func quote(s string) string {
	const max = 40
	n := 0
	for i := range s {
		if n == max {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}

const decimalCommaHint = `; the value looks written with a decimal comma ("4,5" for 4.5), which a comma-separated file reads as two cells: quote the value ("4,5") or save the file separated by semicolons`

// decimalComma reports whether a row of a comma-separated file has one
// cell too many because its value was written with a decimal comma: the
// value cell is a number and the cell after it digits alone ("4,5" read
// as 4 and 5; "5,0," as 5 and 0 with an empty cell after).
func (im *importer) decimalComma(rec []string) bool {
	vi := im.h.pos[colValue]
	if im.out.Report.Separator != ',' || vi < 0 || len(rec) != im.h.width+1 {
		return false
	}
	_, _, isNumber := parseValue(strings.TrimSpace(rec[vi]))
	_, isDigits := digits(strings.TrimSpace(rec[vi+1]))
	return isNumber && isDigits
}
