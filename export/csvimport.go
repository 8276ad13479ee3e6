package export

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// Import is a csv file in the format CSV writes, checked against a pack and
// ready for (*session.Store).ImportSession.
type Import struct {
	// Session has the file's session_title, the participants in order of
	// first appearance, and the day of the earliest rating as its Date. The
	// caller sets the facilitator.
	Session session.NewSession
	Ratings []session.ImportedRating
}

// RowError is a bad row of a csv file. Line is the line where the row's
// record starts (the header is line 1), also when a quoted cell before it
// spans several lines.
type RowError struct {
	Line int
	Msg  string
}

// Error implements error.
func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// RowErrors are every bad row of a file, in file order.
type RowErrors []RowError

// Error implements error.
func (es RowErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// importer is the state of one ReadCSV call.
type importer struct {
	pack     *content.Pack
	out      Import
	bad      RowErrors
	title    string
	titleAt  int
	people   map[string]int // lower-case name -> index in out.Session.Participants
	firstAt  []int          // per participant: the line it first appears on
	cells    map[cellKey]int
	earliest time.Time
}

type cellKey struct {
	participant   int
	element, crit string
	round         int
}

// ReadCSV reads a csv file in the format CSV writes and checks every row
// against the pack: a known element and criterion, a value on the
// criterion's scale or an abstention (value empty exactly when abstain is
// true), a persona id as role, one role and organisation per participant,
// a round of at least 1, an RFC 3339 rated_at, one session_title in the
// whole file and no cell twice. If any row is bad it returns RowErrors
// listing every one of them with its line.
//
// A leading single quote that CSV put before a formula-like cell is
// removed. A UTF-8 byte order mark, CRLF line ends and the TRUE/FALSE and
// 4.0 spellings that spreadsheets and pandas write back are accepted.
func ReadCSV(r io.Reader, p *content.Pack) (Import, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked per row, so that every bad row is reported
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Import{}, RowErrors{{1, "the file is empty: the first line must be the header " + strings.Join(CSVHeader, ",")}}
	}
	if err != nil {
		return Import{}, parseError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	if strings.Join(header, ",") != strings.Join(CSVHeader, ",") {
		return Import{}, RowErrors{{1, "the header must be exactly " + strings.Join(CSVHeader, ",")}}
	}
	im := &importer{pack: p, people: map[string]int{}, cells: map[cellKey]int{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			im.bad = append(im.bad, parseError(err)...)
			break // the reader cannot find the next record reliably
		}
		line, _ := cr.FieldPos(0)
		im.row(line, rec)
	}
	if len(im.bad) > 0 {
		return Import{}, im.bad
	}
	if len(im.out.Ratings) == 0 {
		return Import{}, RowErrors{{2, "no ratings: the file has only its header"}}
	}
	im.out.Session.Title = im.title
	im.out.Session.Date = im.earliest.UTC().Format("2006-01-02")
	return im.out, nil
}

// parseError turns a csv syntax error into a RowError at its record.
func parseError(err error) RowErrors {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return RowErrors{{pe.StartLine, fmt.Sprintf("line %d, column %d: %v", pe.Line, pe.Column, pe.Err)}}
	}
	return RowErrors{{0, err.Error()}}
}

// row checks one record and, if it is good, adds its rating.
func (im *importer) row(line int, rec []string) {
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }
	defer func() {
		if len(msgs) > 0 {
			im.bad = append(im.bad, RowError{line, strings.Join(msgs, "; ")})
		}
	}()
	if len(rec) != numCols {
		bad("%d fields, want %d (%s)", len(rec), numCols, strings.Join(CSVHeader, ","))
		return
	}
	cell := func(col int) string { return restore(strings.TrimSpace(rec[col])) }

	if title := restore(rec[colSessionTitle]); im.titleAt == 0 {
		im.title, im.titleAt = title, line
	} else if title != im.title {
		bad("session_title %q differs from %q on line %d: a file holds one session", title, im.title, im.titleAt)
	}
	rt := im.rating(rec, cell, bad)
	pi := im.participant(line, cell, bad)
	if len(msgs) > 0 {
		return
	}
	rt.Participant = pi
	k := cellKey{pi, rt.ElementID, rt.CriterionID, rt.Round}
	if first, dup := im.cells[k]; dup {
		bad("the same participant, element, criterion and round as line %d", first)
		return
	}
	im.cells[k] = line
	if im.earliest.IsZero() || rt.RatedAt.Before(im.earliest) {
		im.earliest = rt.RatedAt
	}
	im.out.Ratings = append(im.out.Ratings, rt)
}

// rating reads the element, criterion, round, value, abstain, comment and
// rated_at cells.
func (im *importer) rating(rec []string, cell func(int) string, bad func(string, ...any)) session.ImportedRating {
	var rt session.ImportedRating
	el, ok := im.pack.Element(cell(colElementID))
	if !ok {
		bad("unknown element_id %q (pack %s)", cell(colElementID), im.pack.ID)
	}
	rt.ElementID = el.ID // the pack's string: a million rows share it
	crit, okCrit := im.pack.Criterion(cell(colCriterion))
	if !okCrit {
		bad("unknown criterion %q (pack %s)", cell(colCriterion), im.pack.ID)
	}
	rt.CriterionID = crit.ID
	round, err := strconv.Atoi(cell(colRound))
	if err != nil || round < 1 {
		bad("round %q: a whole number from 1", cell(colRound))
	}
	rt.Round = round
	switch strings.ToLower(cell(colAbstain)) {
	case "true":
		rt.Abstain = true
	case "false":
	default:
		bad("abstain %q: write true or false", cell(colAbstain))
	}
	value := cell(colValue)
	switch {
	case rt.Abstain && value != "":
		bad("value %q with abstain true: leave value empty for an abstention", value)
	case !rt.Abstain && value == "":
		bad("value is empty: give a value, or abstain true")
	case value != "":
		v, ok := wholeNumber(value)
		switch {
		case !ok:
			bad("value %q: a whole number", value)
		case okCrit && !crit.InScale(v):
			bad("value %d outside the %s scale %d..%d", v, crit.ID, crit.Min, crit.Max)
		default:
			rt.Value = &v
		}
	}
	rt.Comment = restore(rec[colComment]) // untrimmed: comments keep their spaces
	at, err := time.Parse(time.RFC3339, cell(colRatedAt))
	if err != nil {
		bad("rated_at %q: an RFC 3339 time such as 2026-11-25T09:30:00Z", cell(colRatedAt))
	}
	rt.RatedAt = at
	return rt
}

// participant finds or adds the row's participant and checks that it has
// the same role and organisation everywhere.
func (im *importer) participant(line int, cell func(int) string, bad func(string, ...any)) int {
	name, role, org := cell(colParticipant), cell(colRole), cell(colOrganisation)
	if name == "" {
		bad("participant is empty")
		return -1
	}
	if _, ok := im.pack.Persona(role); !ok {
		ids := make([]string, len(im.pack.Personas))
		for i, x := range im.pack.Personas {
			ids[i] = x.ID
		}
		bad("role %q is not a persona of pack %s (%s)", role, im.pack.ID, strings.Join(ids, ", "))
		return -1
	}
	key := strings.ToLower(name)
	if i, ok := im.people[key]; ok {
		p := im.out.Session.Participants[i]
		switch {
		case p.Name != name:
			bad("participant %q is spelt %q on line %d", name, p.Name, im.firstAt[i])
		case p.Role != role || p.Organisation != org:
			bad("participant %q has role %q and organisation %q on line %d, here %q and %q",
				name, p.Role, p.Organisation, im.firstAt[i], role, org)
		}
		return i
	}
	im.people[key] = len(im.out.Session.Participants)
	im.firstAt = append(im.firstAt, line)
	im.out.Session.Participants = append(im.out.Session.Participants, session.Participant{Name: name, Role: role, Organisation: org})
	return len(im.out.Session.Participants) - 1
}

// wholeNumber parses "4", and "4.0" as pandas writes an integer column
// that has empty cells.
func wholeNumber(s string) (int, bool) {
	if v, err := strconv.Atoi(s); err == nil {
		return v, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}
