package ingest

import (
	"fmt"
	"sort"
	"strings"
)

// RowError is a bad row of a file. Line is the line where the row's record
// starts (the header is line 1), also when a quoted cell before it spans
// several lines.
type RowError struct {
	Line int
	Msg  string
}

// Error implements error.
func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// MaxReported is how many bad rows an Error lists; the rest are counted.
const MaxReported = 100

// Error is everything wrong with a file: the bad rows in file order, one
// entry per row with all its problems, at most MaxReported of them.
type Error struct {
	Rows []RowError
	More int // bad rows (or, past 1,000, problems) not listed
	// Grouped counts the further bad rows that one message of Rows names
	// by their lines: a problem many rows share (no time of day) is said
	// once, at its first line.
	Grouped int
}

// Error implements error.
func (e *Error) Error() string {
	msgs := make([]string, 0, len(e.Rows)+1)
	for _, r := range e.Rows {
		msgs = append(msgs, r.Error())
	}
	if e.More > 0 {
		msgs = append(msgs, fmt.Sprintf("… and %d more", e.More))
	}
	return strings.Join(msgs, "\n")
}

// Bad is the number of bad rows.
func (e *Error) Bad() int { return len(e.Rows) + e.More + e.Grouped }

// fail is an Error of one row.
func fail(line int, msg string) *Error { return &Error{Rows: []RowError{{line, msg}}} }

// maxKept bounds the problems kept while reading: a file where every one
// of a million rows is bad must not take a million messages of memory.
const maxKept = 10 * MaxReported

// errorList gathers problems in any order.
type errorList struct {
	rows    []RowError
	dropped int
	grouped []int // the lines after the first of each group
}

// group adds one problem of many rows, at the first line; msg names the
// lines.
func (l *errorList) group(lines []int, msg string) {
	l.add(RowError{lines[0], msg})
	l.grouped = append(l.grouped, lines[1:]...)
}

func (l *errorList) add(e RowError) {
	if len(l.rows) >= maxKept {
		l.dropped++
		return
	}
	l.rows = append(l.rows, e)
}

// blame adds the message for every row of the ballot.
func (l *errorList) blame(b *ballot, msg string) {
	for _, line := range b.lines {
		l.add(RowError{line, msg})
	}
	l.dropped += b.n - len(b.lines)
}

// err sorts the problems by line, joins those of one row and cuts the
// list at MaxReported; nil when there are none.
func (l *errorList) err() error {
	if len(l.rows) == 0 {
		return nil
	}
	sort.SliceStable(l.rows, func(i, j int) bool { return l.rows[i].Line < l.rows[j].Line })
	var out []RowError
	for _, r := range l.rows {
		if n := len(out); n > 0 && out[n-1].Line == r.Line {
			if !strings.Contains(out[n-1].Msg, r.Msg) {
				out[n-1].Msg += "; " + r.Msg
			}
			continue
		}
		out = append(out, r)
	}
	e := &Error{Rows: out, More: l.dropped}
	listed := make(map[int]bool, len(out))
	for _, r := range out {
		listed[r.Line] = true
	}
	for _, line := range l.grouped {
		if !listed[line] {
			listed[line] = true
			e.Grouped++
		}
	}
	if len(out) > MaxReported {
		e.Rows, e.More = out[:MaxReported], e.More+len(out)-MaxReported
	}
	return e
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
