package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/export"
)

// The columns of the csv format (export.CSVHeader), by name.
const (
	colSessionID    = "session_id"
	colSessionTitle = "session_title"
	colParticipant  = "participant"
	colRole         = "role"
	colOrganisation = "organisation"
	colElementID    = "element_id"
	colElementTitle = "element_title"
	colCriterion    = "criterion"
	colRound        = "round"
	colValue        = "value"
	colAbstain      = "abstain"
	colComment      = "comment"
	colRatedAt      = "rated_at"
)

// optional names the columns a file may leave out. element_title is not
// read (the pack has the titles); without organisation every participant
// has none, without comment no rating has one, without round every rating
// is of round 1. session_title may be left out when the title is given
// (Options.Title), rated_at when every row takes --date (Options.Date).
const optional = colSessionID + ", " + colElementTitle + ", " + colOrganisation + ", " + colComment + ", " + colRound + " (then 1)"

// columnFix says what a column a header lacks must hold.
var columnFix = map[string]string{
	colSessionTitle: "without session_title give the title with --title",
	colRatedAt:      "without rated_at give --date, the day (and time) the ratings were given",
	colParticipant:  "participant is the name or alias of who rated",
	colRole:         "role is a persona of the pack (its id, short name or title)",
	colElementID:    "element_id is the id of an element of the pack (trustshop pack show)",
	colCriterion:    "criterion is the id of a criterion of the pack (trustshop pack show)",
	colValue:        "value is the rating, empty where it was not answered",
	colAbstain:      "abstain is TRUE where the expert could not judge, else FALSE or empty",
}

// header maps the columns of a file to their position; -1 for a column
// the file leaves out.
type header struct {
	pos     map[string]int
	width   int      // cells in the header
	ignored []string // cells that name no column of the format
}

// col returns the cell of the column in rec, "" when the file has no such
// column.
func (h *header) col(rec []string, name string) string {
	if i := h.pos[name]; i >= 0 && i < len(rec) {
		return rec[i]
	}
	return ""
}

// has reports whether the file has the column.
func (h *header) has(name string) bool { return h.pos[name] >= 0 }

// readHeader reads the first record as the header: the columns in any
// order and any case, with the optional ones left out.
func readHeader(cells []string, opt Options) (*header, string) {
	h := &header{pos: map[string]int{}, width: len(cells)}
	for _, name := range export.CSVHeader {
		h.pos[name] = -1
	}
	for i, cell := range cells {
		name := strings.ToLower(strings.TrimSpace(cell))
		j, known := h.pos[name]
		switch {
		case !known:
			if name != "" {
				h.ignored = append(h.ignored, quote(cell))
			}
		case j >= 0:
			return nil, fmt.Sprintf("column %s is there twice (cells %d and %d)", name, j+1, i+1)
		default:
			h.pos[name] = i
		}
	}
	var missing []string
	for _, name := range export.CSVHeader {
		switch {
		case h.has(name) || isOptional(name):
		case name == colSessionTitle && opt.Title != "":
		case name == colRatedAt && !opt.Date.IsZero():
		default:
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return h, ""
	}
	columns := fmt.Sprintf("the columns, in any order: %s (%s may be left out)", strings.Join(export.CSVHeader, ","), optional)
	msg := fmt.Sprintf("the header lacks %s. The first line names %s", strings.Join(missing, ", "), columns)
	if len(h.pos)-countMissing(h) == 0 {
		msg = "the first line must be the header, naming " + columns
	}
	for _, m := range missing {
		if fix := columnFix[m]; fix != "" {
			msg += "; " + fix
		}
	}
	return nil, msg
}

// countMissing counts the columns of the format the file leaves out.
func countMissing(h *header) int {
	n := 0
	for _, i := range h.pos {
		if i < 0 {
			n++
		}
	}
	return n
}

func isOptional(name string) bool {
	return name == colSessionID || name == colElementTitle || name == colOrganisation || name == colComment || name == colRound
}

// separators are the separators a spreadsheet writes: a comma, a
// semicolon where the comma is the decimal mark (German, French, … locales)
// and a tab ("tab-separated text").
const separators = ",;\t"

// sniff finds the separator of a file from its first line: the one that
// splits it into the most column names of the format; a comma when none
// does (the header error then names the columns).
func sniff(br *bufio.Reader) byte {
	peek, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(peek, '\n'); i >= 0 {
		peek = peek[:i]
	}
	best, bestN := byte(','), 0
	for i := range len(separators) {
		sep := separators[i]
		n := 0
		for _, cell := range bytes.Split(peek, []byte{sep}) {
			name := strings.ToLower(strings.Trim(string(cell), " \"\r\ufeff"))
			for _, col := range export.CSVHeader {
				if name == col {
					n++
					break
				}
			}
		}
		if n > bestN {
			best, bestN = sep, n
		}
	}
	return best
}

// separatorName names a separator for the report.
func separatorName(sep byte) string {
	switch sep {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}
