package ingest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Report says what Read made of a file, for the user to check before and
// after it is stored.
type Report struct {
	Separator    byte // ',', ';' or '\t'
	DecimalComma bool // some value was written with a decimal comma (5,0)
	Rows         int  // rows after the header, blank ones included
	Values       int  // ratings with a value
	Abstentions  int  // ratings that are abstentions
	Participants int
	// Missing are the lines of cells left empty: neither a value nor an
	// abstention (not answered). They are no rating and no error.
	Missing []int
	// Dated are the lines whose rated_at came from Options.Date (empty, or
	// a date alone), and Date is that time.
	Dated []int
	Date  time.Time
	// Skipped are rows that hold nothing to store, and why.
	Skipped []Skip
	// Ignored are header cells that name no column of the format, quoted.
	Ignored []string
}

// Skip is a row left out, and why.
type Skip struct {
	Line int
	Why  string
}

// Ratings is the number of ratings read: values and abstentions.
func (r Report) Ratings() int { return r.Values + r.Abstentions }

// Write prints the report of the file called name: rows read, ratings,
// cells left empty, times taken from --date, rows skipped and columns
// ignored, each with its lines.
func (r Report) Write(w io.Writer, name string) error {
	var b strings.Builder
	how := separatorName(r.Separator) + "-separated"
	if r.DecimalComma {
		how += ", decimal commas"
	}
	fmt.Fprintf(&b, "%s: %s read (%s)\n", name, count(r.Rows, "row"), how)
	fmt.Fprintf(&b, "  %s: %s and %s, by %s\n", count(r.Ratings(), "rating"), count(r.Values, "value"),
		count(r.Abstentions, "abstention"), count(r.Participants, "participant"))
	if n := len(r.Missing); n > 0 {
		fmt.Fprintf(&b, "  %s left empty (not answered), no rating: %s\n", count(n, "cell"), lineList(r.Missing))
	}
	if n := len(r.Dated); n > 0 {
		fmt.Fprintf(&b, "  %s without a time of day took --date %s: %s\n", count(n, "rating"),
			r.Date.Format(time.RFC3339Nano), lineList(r.Dated))
	}
	if n := len(r.Skipped); n > 0 {
		var reasons []string
		lines := map[string][]int{}
		for _, s := range r.Skipped {
			if lines[s.Why] == nil {
				reasons = append(reasons, s.Why)
			}
			lines[s.Why] = append(lines[s.Why], s.Line)
		}
		fmt.Fprintf(&b, "  %s skipped:\n", count(n, "row"))
		for _, why := range reasons {
			fmt.Fprintf(&b, "    %s: %s\n", why, lineList(lines[why]))
		}
	}
	for _, col := range r.Ignored {
		fmt.Fprintf(&b, "  column %s ignored: it is not a column of the format\n", col)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// count writes "1 row", "3 rows".
func count(n int, noun string) string {
	return strconv.Itoa(n) + " " + noun + plural(n)
}

// lineList writes lines as "line 4" or "lines 2-13, 17, 40-42", at most
// ten runs and the count of the rest.
func lineList(lines []int) string {
	const maxRuns = 10
	var runs []string
	i := 0
	for ; i < len(lines) && len(runs) < maxRuns; i++ {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if j > i {
			runs = append(runs, fmt.Sprintf("%d-%d", lines[i], lines[j]))
		} else {
			runs = append(runs, strconv.Itoa(lines[i]))
		}
		i = j
	}
	s := "lines " + strings.Join(runs, ", ")
	if len(lines) == 1 {
		s = "line " + runs[0]
	}
	if rest := len(lines) - i; rest > 0 {
		s += fmt.Sprintf(" and %d more", rest)
	}
	return s
}
