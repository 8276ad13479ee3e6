// Package ingest brings sessions in from outside trustshop: ratings
// collected on paper and typed into a spreadsheet, or exported at another
// site. Read checks a csv file against a pack, row by row, before anything
// is written; Save stores it through the workshop engine:
//
//	f, err := ingest.Read(file, pack, ingest.Options{Date: date, Now: time.Now()})
//	// err is an *Error naming every bad row by its line
//	f.Session.Facilitator = "(imported)"
//	sess, err := ingest.Save(ctx, engine, pack, f, false)
//	f.Report.Write(os.Stdout, "ratings.csv")
//
// A file is the csv format of export.CSV, or what a spreadsheet makes of
// it: columns in any order, optional ones left out, a semicolon or tab as
// separator, decimal commas, empty cells for unanswered questions, dates
// without a time. Every name, title and comment meets the session's limits
// (session.CheckText) here, with its line, instead of at the engine.
package ingest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// Options steer Read.
type Options struct {
	// Title is the session's title (--title); the session_title column
	// may then be left out. Its cells must still agree: a file holds one
	// session.
	Title string
	// Date (--date) is the time of rows whose rated_at is empty or
	// missing, and the clock and time zone of rows whose rated_at is a
	// date alone. Zero: such rows are errors that name --date; a time is
	// never made up.
	Date time.Time
	// Now refuses a rated_at more than a day after it (a typo in the
	// year); zero checks only MinYear and MaxYear.
	Now time.Time
}

// File is a checked file, ready for Save.
type File struct {
	// Session has the title, the participants in order of first
	// appearance, the day of the earliest rating as Date and the file's
	// SourceHash. The caller sets the facilitator and the pack folder.
	Session session.NewSession
	Ratings []session.ImportedRating
	Report  Report
}

// MaxRows bounds the rows of one file; a session of 2,000,000 ratings is
// a hundred times the largest study.
const MaxRows = 2_000_000

// Read reads a csv file of ratings and checks every row against the pack:
// a known element and criterion, a round from 1 to MaxRound, a value on
// the criterion's scale or an abstention, a persona as role, names,
// organisations, titles and comments within the session's limits, a
// rated_at from MinYear to MaxYear, one spelling, role and organisation
// per participant, one session_title in the file and no cell twice. If
// anything is wrong it returns an *Error listing every bad row with its
// line, and no File.
func Read(r io.Reader, p *content.Pack, opt Options) (*File, error) {
	if !opt.Date.IsZero() && !opt.Now.IsZero() && opt.Date.After(opt.Now.Add(36*time.Hour)) {
		return nil, fmt.Errorf("--date %s is after today (%s): is the year right?", opt.Date.Format(time.RFC3339), opt.Now.Format("2006-01-02"))
	}
	sum := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, sum), 64<<10)
	if b, _ := br.Peek(2); len(b) == 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		return nil, fail(1, "the file is UTF-16 text: save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8)")
	}
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3) //nolint:errcheck // peeked
	}
	sep := sniff(br)
	rr := newRecords(br, sep)
	cells, _, err := rr.read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, fail(1, "the file is empty: the first line must be the header "+strings.Join(export.CSVHeader, ","))
	case err != nil:
		return nil, readFault(err, 1)
	}
	h, msg := readHeader(cells, opt)
	if msg != "" {
		return nil, fail(1, msg)
	}
	im := newImporter(p, opt, h)
	im.out.Report.Separator, im.out.Report.Date, im.out.Report.Ignored = sep, opt.Date, h.ignored
	for {
		rec, line, err := rr.read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			im.errs.add(readFault(err, line).Rows[0])
			break
		}
		if im.out.Report.Rows == MaxRows {
			im.errs.add(RowError{line, fmt.Sprintf("the file has more than %d rows: import one session per file", MaxRows)})
			break
		}
		im.row(line, rec)
	}
	return im.finish(hex.EncodeToString(sum.Sum(nil)))
}

// readFault turns a reading error at a line into a one-row Error.
func readFault(err error, line int) *Error {
	var se *syntaxError
	if errors.As(err, &se) {
		msg := se.msg
		if se.line != se.start {
			msg = fmt.Sprintf("%s (line %d)", msg, se.line)
		}
		return fail(se.start, msg+"; reading stopped here")
	}
	return fail(line, "cannot read the file: "+err.Error())
}

// cellKey is one cell of the session: participant x element x criterion x
// round.
type cellKey struct {
	participant, element int32 // element indexes the pack's elements
	crit, round          int16 // crit indexes its criteria; rounds end at MaxRound
}

// lastWho is the participant of the row before when it was good, and
// its vote: the rows of one participant usually come together.
type lastWho struct{ name, role, org, key, vote string }

// role is a role cell resolved against the pack.
type role struct{ id, problem string }

// importer is the state of one Read.
type importer struct {
	pack     *content.Pack
	opt      Options
	h        *header
	elements map[string]int // id, and id in lower case -> index in the pack
	criteria map[string]int
	values   []int // where the ratings' values live, a few thousand to an allocation
	roles    map[string]role
	people   poll                       // by lower-case name: name, role and organisation
	titles   poll                       // one key: session_title
	ids      poll                       // one key: session_id
	cells    map[cellKey]int32          // the line of each cell rated
	ratings  [][]session.ImportedRating // in blocks: growing one slice would copy it over and over
	lastWho  lastWho
	errs     errorList
	// rows without a time, while no --date gives one: reported together
	// (dateProblems), not once a row
	undated, dateOnly []int
	dateOnlyExample   string
	out               File
	earliest          time.Time
}

func newImporter(p *content.Pack, opt Options, h *header) *importer {
	im := &importer{pack: p, opt: opt, h: h, elements: map[string]int{}, criteria: map[string]int{},
		roles: map[string]role{}, cells: map[cellKey]int32{}}
	for i, e := range p.Elements {
		im.elements[strings.ToLower(e.ID)] = i
	}
	for i, e := range p.Elements {
		im.elements[e.ID] = i
	}
	for i, c := range p.Criteria {
		im.criteria[strings.ToLower(c.ID)] = i
	}
	for i, c := range p.Criteria {
		im.criteria[c.ID] = i
	}
	return im
}

// blank reports whether every cell is empty or spaces.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// row checks one record and, if it is good, adds its rating or counts it
// as a missing cell.
func (im *importer) row(line int, rec []string) {
	rep := &im.out.Report
	rep.Rows++
	if blank(rec) {
		rep.Skipped = append(rep.Skipped, Skip{line, "blank"})
		return
	}
	if w := im.h.width; len(rec) != w && (len(rec) < w || !blank(rec[w:])) {
		msg := fmt.Sprintf("%d cells, but the header has %d", len(rec), w)
		if im.decimalComma(rec) {
			msg += decimalCommaHint
		}
		im.errs.add(RowError{line, msg})
		return
	}
	var msgs []string
	bad := func(msg string) { msgs = append(msgs, msg) }
	cell := func(col string) string { return strings.TrimSpace(im.h.col(rec, col)) }
	text := func(col string) string { return export.Restore(cell(col)) }

	pi := im.participant(line, text(colParticipant), text(colRole), text(colOrganisation), bad)
	if title := export.Restore(im.h.col(rec, colSessionTitle)); strings.TrimSpace(title) != "" {
		if problem := checkText(title, session.MaxTitleLen, false); problem != "" {
			bad("session_title " + problem)
		} else {
			im.titles.vote("", title, line)
		}
	}
	if id := cell(colSessionID); id != "" {
		im.ids.vote("", id, line)
	}
	rt := session.ImportedRating{Participant: pi}
	el, ok := im.elements[text(colElementID)]
	if !ok {
		el, ok = im.elements[strings.ToLower(text(colElementID))]
	}
	if !ok {
		bad(fmt.Sprintf("unknown element_id %s: the pack %s has %s", quote(text(colElementID)), im.pack.ID, elementIDs(im.pack)))
	}
	if ok {
		rt.ElementID = im.pack.Elements[el].ID // the pack's string: a million rows share it
	}
	ci, okCrit := im.criteria[text(colCriterion)]
	if !okCrit {
		ci, okCrit = im.criteria[strings.ToLower(text(colCriterion))]
	}
	var crit content.Criterion
	if okCrit {
		crit = im.pack.Criteria[ci]
	}
	if !okCrit {
		bad(fmt.Sprintf("unknown criterion %s: the pack %s has %s", quote(text(colCriterion)), im.pack.ID, criterionIDs(im.pack)))
	}
	rt.CriterionID = crit.ID
	var problem string
	if !im.h.has(colRound) {
		rt.Round = 1 // a file without rounds (paper forms) is round 1
	} else if rt.Round, problem = parseRound(cell(colRound)); problem != "" {
		bad(problem)
	}
	abstain, okAbstain := parseAbstain(cell(colAbstain))
	if !okAbstain {
		bad(fmt.Sprintf("abstain %s: write TRUE, FALSE or leave it empty", quote(cell(colAbstain))))
	}
	rt.Abstain = abstain
	if v := cell(colValue); v != "" {
		n, comma, ok := parseValue(v)
		switch {
		case !ok && okCrit:
			bad(fmt.Sprintf("value %s: a whole number on the %s scale %d..%d", quote(v), crit.ID, crit.Min, crit.Max))
		case !ok:
			bad(fmt.Sprintf("value %s: a whole number", quote(v)))
		case abstain:
			bad(fmt.Sprintf("value %s with abstain TRUE: leave value empty for an abstention", quote(v)))
		case okCrit && !crit.InScale(n):
			bad(fmt.Sprintf("value %d is outside the %s scale %d..%d", n, crit.ID, crit.Min, crit.Max))
		default:
			rt.Value = im.value(n)
			rep.DecimalComma = rep.DecimalComma || comma
		}
	}
	// Untrimmed: comments keep their spaces. A copy, so that the row's
	// other cells are not kept with it.
	rt.Comment = strings.Clone(export.Restore(im.h.col(rec, colComment)))
	if problem := checkText(rt.Comment, session.MaxCommentLen, true); problem != "" {
		bad("comment " + problem)
	}
	given := rt.Abstain || rt.Value != nil
	if len(msgs) == 0 && !given && cell(colValue) == "" {
		if strings.TrimSpace(rt.Comment) != "" {
			rep.Skipped = append(rep.Skipped, Skip{line, "a comment without a value or abstention (a comment is stored with a rating)"})
		} else {
			rep.Missing = append(rep.Missing, line)
		}
		return
	}
	rt.RatedAt = im.ratedAt(line, cell(colRatedAt), bad)
	if len(msgs) > 0 {
		if im.decimalComma(rec) {
			msgs[len(msgs)-1] += decimalCommaHint
		}
		im.errs.add(RowError{line, strings.Join(msgs, "; ")})
		return
	}
	if rt.RatedAt.IsZero() {
		return // no time and no --date: one message names all such rows (finish)
	}
	k := cellKey{int32(pi), int32(el), int16(ci), int16(rt.Round)}
	if first, dup := im.cells[k]; dup {
		im.errs.add(RowError{line, fmt.Sprintf("the same participant, element, criterion and round as line %d", first)})
		return
	}
	im.cells[k] = int32(line)
	if rt.Abstain {
		rep.Abstentions++
	} else {
		rep.Values++
	}
	if im.earliest.IsZero() || rt.RatedAt.Before(im.earliest) {
		im.earliest = rt.RatedAt
	}
	if n := len(im.ratings); n == 0 || len(im.ratings[n-1]) == cap(im.ratings[n-1]) {
		im.ratings = append(im.ratings, make([]session.ImportedRating, 0, 8192))
	}
	im.ratings[len(im.ratings)-1] = append(im.ratings[len(im.ratings)-1], rt)
}
