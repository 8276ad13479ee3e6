package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/session"
)

// CSVHeader is the header of the csv format, a contract for the R and
// pandas scripts that read it (docs/exports.md).
var CSVHeader = []string{
	"session_id", "session_title", "participant", "role", "organisation",
	"element_id", "element_title", "criterion", "round", "value", "abstain",
	"comment", "rated_at",
}

// The columns of CSVHeader.
const (
	colSessionID = iota
	colSessionTitle
	colParticipant
	colRole
	colOrganisation
	colElementID
	colElementTitle
	colCriterion
	colRound
	colValue
	colAbstain
	colComment
	colRatedAt
	numCols
)

// CSV writes one row per rating (a value or an abstention; comment-only
// rows are left out) in tidy form, streaming the rows from sum.Ratings.
// Free-text cells a spreadsheet would run as a formula get a leading single
// quote (see neutralise); the importer (session/ingest) removes it again
// with Restore. abstain is written TRUE or FALSE, the spelling R's
// read.csv and pandas both read as a logical column.
func CSV(w io.Writer, sum Summary) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	type who struct{ name, role, org string }
	people := make(map[int64]who, len(sum.Session.Participants))
	for _, p := range sum.Session.Participants {
		people[p.ID] = who{neutralise(p.Name), neutralise(p.Role), neutralise(p.Organisation)}
	}
	titles := make(map[string]string, len(sum.Pack.Elements))
	for _, e := range sum.Pack.Elements {
		titles[e.ID] = neutralise(e.Title)
	}
	rec := make([]string, numCols)
	rec[colSessionID] = sum.Session.ID
	rec[colSessionTitle] = neutralise(sum.Session.Title)
	var (
		lastPID  int64 = -1
		lastElem string
		stamp    []byte
	)
	err := sum.Ratings(func(r session.Rating) error {
		if !r.Given() {
			return nil
		}
		if r.ParticipantID != lastPID {
			p, ok := people[r.ParticipantID]
			if !ok {
				p = who{name: neutralise(r.Participant)}
			}
			rec[colParticipant], rec[colRole], rec[colOrganisation] = p.name, p.role, p.org
			lastPID = r.ParticipantID
		}
		if r.ElementID != lastElem || rec[colElementID] == "" {
			rec[colElementID], rec[colElementTitle] = neutralise(r.ElementID), titles[r.ElementID]
			lastElem = r.ElementID
		}
		rec[colCriterion] = neutralise(r.CriterionID)
		rec[colRound] = strconv.Itoa(r.Round)
		if r.Abstain || r.Value == nil {
			rec[colValue], rec[colAbstain] = "", "TRUE"
		} else {
			rec[colValue], rec[colAbstain] = strconv.Itoa(*r.Value), "FALSE"
		}
		rec[colComment] = neutralise(r.Comment)
		stamp = r.RatedAt.UTC().AppendFormat(stamp[:0], time.RFC3339Nano)
		rec[colRatedAt] = string(stamp)
		return cw.Write(rec)
	})
	if err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// formulaStart reports whether a spreadsheet would treat a cell starting
// with c as a formula (OWASP "CSV injection").
func formulaStart(c byte) bool {
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
}

// needsQuote reports whether s must be neutralised: it starts like a
// formula, or it is single quotes followed by such a start (so that a text
// that really begins with a quote survives the round trip).
func needsQuote(s string) bool {
	t := strings.TrimLeft(s, "'")
	return t != "" && formulaStart(t[0])
}

// neutralise puts a single quote before a cell a spreadsheet would run.
func neutralise(s string) string {
	if s == "" || s[0] != '\'' && !formulaStart(s[0]) || !needsQuote(s) {
		return s
	}
	return "'" + s
}

// Restore undoes the neutralising of a free-text cell that CSV wrote: it
// is exactly its inverse, Restore(neutralise(s)) == s for every s.
func Restore(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}
