package ingest

// A row's value, time and participant, as the importer reads them.

import (
	"fmt"
	"strings"
	"time"

	"github.com/trustshop/trustshop/session"
)

// value returns a pointer to n, from a block shared with other ratings.
func (im *importer) value(n int) *int {
	if len(im.values) == cap(im.values) {
		im.values = make([]int, 0, 4096)
	}
	im.values = append(im.values, n)
	return &im.values[len(im.values)-1]
}

// ratedAt reads a rated_at cell, taking Options.Date where it is empty or
// a date alone.
func (im *importer) ratedAt(line int, s string, bad func(string)) time.Time {
	if s == "" {
		if im.opt.Date.IsZero() {
			im.undated = append(im.undated, line)
			return time.Time{}
		}
		im.out.Report.Dated = append(im.out.Report.Dated, line)
		return im.opt.Date
	}
	st, problem := parseStamp(s)
	switch {
	case problem != "":
		bad(problem)
		return time.Time{}
	case st.dateOnly && im.opt.Date.IsZero():
		if len(im.dateOnly) == 0 {
			im.dateOnlyExample = s
		}
		im.dateOnly = append(im.dateOnly, line)
		return time.Time{}
	case st.dateOnly:
		im.out.Report.Dated = append(im.out.Report.Dated, line)
		st.at = onDay(st.at, im.opt.Date)
	}
	if !im.opt.Now.IsZero() && st.at.After(im.opt.Now.Add(36*time.Hour)) {
		bad(fmt.Sprintf("rated_at %s is after today (%s): is the year right?", quote(s), im.opt.Now.Format("2006-01-02")))
	}
	return st.at
}

// dateExample is the --date the messages show.
const dateExample = "e.g. --date 2026-11-25T09:00:00+01:00"

// dateProblems reports the rows that have no time while no --date gives
// one: one message for the rows with rated_at empty, one for those with a
// date alone, each naming its lines.
func (im *importer) dateProblems() {
	if n := len(im.undated); n == 1 {
		im.errs.add(RowError{im.undated[0], "rated_at is empty: give --date with the day and time the ratings were given, " + dateExample})
	} else if n > 1 {
		im.errs.group(im.undated, fmt.Sprintf("rated_at is empty on %d rows (%s): give --date with the day and time the ratings were given, %s",
			n, lineList(im.undated), dateExample))
	}
	if n := len(im.dateOnly); n == 1 {
		im.errs.add(RowError{im.dateOnly[0], fmt.Sprintf("rated_at %s is a date without a time: give --date with the time of day for such rows, %s",
			quote(im.dateOnlyExample), dateExample)})
	} else if n > 1 {
		im.errs.group(im.dateOnly, fmt.Sprintf("rated_at is a date without a time on %d rows (%s; the first: %s): give --date with the time of day for such rows, %s",
			n, lineList(im.dateOnly), quote(im.dateOnlyExample), dateExample))
	}
}

// participant checks the row's participant and votes for its spelling,
// role and organisation; it returns the participant's index.
func (im *importer) participant(line int, name, typedRole, org string, bad func(string)) int {
	if name == "" {
		bad("participant is empty")
		return -1
	}
	if c := &im.lastWho; c.key != "" && name == c.name && typedRole == c.role && org == c.org {
		return im.people.vote(c.key, c.vote, line)
	}
	ok := true
	if problem := checkText(name, session.MaxNameLen, false); problem != "" {
		bad(fmt.Sprintf("participant %s %s", quote(name), problem))
		ok = false
	}
	if problem := checkText(org, session.MaxNameLen, false); problem != "" {
		bad(fmt.Sprintf("organisation %s %s", quote(org), problem))
		ok = false
	}
	r, seen := im.roles[typedRole]
	if !seen {
		if _, exact := im.pack.Persona(typedRole); exact {
			r.id = typedRole
		} else if id, err := im.pack.ResolveRole(typedRole); err == nil && typedRole != "" {
			r.id = id
		} else {
			r.problem = fmt.Sprintf("role %s is not a persona of the pack %s (%s)", quote(typedRole), im.pack.ID, personaIDs(im.pack))
		}
		if len(im.roles) < 1000 { // a hostile file could name a million roles
			im.roles[typedRole] = r
		}
	}
	if r.problem != "" {
		bad(r.problem)
		ok = false
	}
	key := strings.ToLower(name)
	if !ok {
		im.lastWho.key = ""
		return im.people.index(key)
	}
	im.lastWho = lastWho{name, typedRole, org, key, name + "\x00" + r.id + "\x00" + org}
	return im.people.vote(key, im.lastWho.vote, line)
}

// checkText is session.CheckText with the fix for a file that is not
// UTF-8.
func checkText(s string, max int, multiline bool) string {
	problem := session.CheckText(s, max, multiline)
	if problem == "is not valid UTF-8 text" {
		problem += ": save the file as CSV UTF-8"
	}
	return problem
}
