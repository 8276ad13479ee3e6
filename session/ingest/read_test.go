package ingest_test

import (
	"errors"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/trustshop/trustshop/session/ingest"
)

// row is a line of the export's format, in the header's order.
func row(title, name, role, org, el, crit, round, value, abstain, comment, at string) string {
	return strings.Join([]string{"s", title, name, role, org, el, "E", crit, round, value, abstain, comment, at}, ",")
}

var nine = time.Date(2026, 11, 25, 9, 0, 0, 0, time.FixedZone("", 3600))

// TestReadSpreadsheets reads files as spreadsheets and paper forms write
// them; each is imported, and the report says what was made of it.
func TestReadSpreadsheets(t *testing.T) {
	at := "2026-11-25T09:00:00Z"
	cases := []struct {
		name string
		file string
		opt  ingest.Options
		// want
		ratings, values, abstentions, participants int
		missing, dated                             []int
		skipped                                    []ingest.Skip
		ignored                                    []string
		sep                                        byte
		comma                                      bool
		title                                      string
	}{
		{name: "the export's format", file: csvFile(header,
			row("T", "Ana", "supplier", "Acme", "explain", "impact", "1", "4", "FALSE", "", at),
			row("T", "Ana", "supplier", "Acme", "explain", "effort", "1", "", "TRUE", "", at)),
			ratings: 2, values: 1, abstentions: 1, participants: 1, sep: ',', title: "T"},
		{name: "columns in any order, optional ones left out", file: csvFile("rated_at,value,criterion,element_id,round,role,participant,abstain,session_title",
			at+",4,impact,explain,1,supplier,Ana,false,T",
			at+",2,effort,explain,1,user,Ben,false,T"),
			ratings: 2, values: 2, participants: 2, sep: ',', title: "T"},
		{name: "semicolons and decimal commas", file: csvFile("session_title;participant;role;element_id;criterion;round;value;abstain;comment;rated_at",
			"T;Ana;supplier;explain;impact;1;4,0;FALSE;gut, sehr gut;"+at,
			"T;Ana;supplier;explain;effort;1;2;FALSE;;"+at),
			ratings: 2, values: 2, participants: 1, sep: ';', comma: true, title: "T"},
		{name: "tab-separated", file: csvFile("session_title\tparticipant\trole\telement_id\tcriterion\tround\tvalue\tabstain\trated_at",
			"T\tAna\tsupplier\texplain\timpact\t1\t4\tFALSE\t"+at),
			ratings: 1, values: 1, participants: 1, sep: '\t', title: "T"},
		{name: "byte order mark, CRLF, header in other case with spaces", file: "\ufeff Session_Title ,PARTICIPANT,Role,element_id,criterion,round,value,abstain,rated_at\r\n" +
			"T,Ana,supplier,explain,impact,1,4.0,False,2026-11-25T10:00:00+01:00\r\n",
			ratings: 1, values: 1, participants: 1, sep: ',', title: "T"},
		{name: "abstain in any case or empty", file: csvFile(header,
			row("T", "Ana", "supplier", "", "explain", "impact", "1", "", "True", "", at),
			row("T", "Ana", "supplier", "", "explain", "effort", "1", "", "true", "", at),
			row("T", "Ana", "supplier", "", "document", "impact", "1", "3", "", "", at),
			row("T", "Ana", "supplier", "", "document", "effort", "1", "3", "false", "", at)),
			ratings: 4, values: 2, abstentions: 2, participants: 1, sep: ',', title: "T"},
		{name: "empty value cells are missing ratings", file: csvFile(header,
			row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at),
			row("T", "Ana", "supplier", "", "explain", "effort", "1", "", "FALSE", "", ""),
			row("T", "Ben", "user", "", "explain", "impact", "1", "", "", "", ""),
			row("T", "Ben", "user", "", "explain", "effort", "1", "", "", "not sure", "")),
			ratings: 1, values: 1, participants: 2, missing: []int{3, 4}, sep: ',', title: "T",
			skipped: []ingest.Skip{{Line: 5, Why: "a comment without a value or abstention (a comment is stored with a rating)"}}},
		{name: "blank rows and trailing empty cells", file: csvFile("session_title;participant;role;element_id;criterion;round;value;abstain;rated_at",
			"T;Ana;supplier;explain;impact;1;4;FALSE;"+at+";;;",
			";;;;;;;;",
			"",
			"T;Ana;supplier;explain;effort;1;4;FALSE;"+at),
			ratings: 2, values: 2, participants: 1, sep: ';', title: "T",
			skipped: []ingest.Skip{{Line: 3, Why: "blank"}, {Line: 4, Why: "blank"}}},
		{name: "columns of no use are ignored and named", file: csvFile("form_no,"+header+",\x1b]52;c;x\x07",
			"17,"+row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at)+",x"),
			ratings: 1, values: 1, participants: 1, sep: ',', title: "T", ignored: []string{`"form_no"`, `"\x1b]52;c;x\a"`}},
		{name: "--date for empty times and dates alone", opt: ingest.Options{Date: nine}, file: csvFile(header,
			row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", ""),
			row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-26"),
			row("T", "Ana", "supplier", "", "document", "effort", "1", "4", "FALSE", "", at)),
			ratings: 3, values: 3, participants: 1, dated: []int{2, 3}, sep: ',', title: "T"},
		{name: "no rated_at column with --date", opt: ingest.Options{Date: nine},
			file:    csvFile("session_title,participant,role,element_id,criterion,round,value,abstain", "T,Ana,supplier,explain,impact,1,4,FALSE"),
			ratings: 1, values: 1, participants: 1, dated: []int{2}, sep: ',', title: "T"},
		{name: "--title without session_title", opt: ingest.Options{Title: "Paper forms", Date: nine},
			file:    csvFile("participant,role,element_id,criterion,round,value,abstain", "Ana,Supplier,EXPLAIN,Impact,1,4,"),
			ratings: 1, values: 1, participants: 1, dated: []int{2}, sep: ',', title: "Paper forms"},
		{name: "--title over session_title", opt: ingest.Options{Title: "Site B"}, file: csvFile(header,
			row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at)),
			ratings: 1, values: 1, participants: 1, sep: ',', title: "Site B"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ingest.Read(strings.NewReader(c.file), defaultPack(t), c.opt)
			if err != nil {
				t.Fatal(err)
			}
			r := f.Report
			if len(f.Ratings) != c.ratings || r.Values != c.values || r.Abstentions != c.abstentions || r.Participants != c.participants ||
				len(f.Session.Participants) != c.participants {
				t.Errorf("%d ratings (%d values, %d abstentions) by %d participants; want %d (%d, %d) by %d",
					len(f.Ratings), r.Values, r.Abstentions, r.Participants, c.ratings, c.values, c.abstentions, c.participants)
			}
			if !reflect.DeepEqual(r.Missing, c.missing) || !reflect.DeepEqual(r.Dated, c.dated) ||
				!reflect.DeepEqual(r.Skipped, c.skipped) || !reflect.DeepEqual(r.Ignored, c.ignored) {
				t.Errorf("missing %v, dated %v, skipped %v, ignored %q; want %v, %v, %v, %q",
					r.Missing, r.Dated, r.Skipped, r.Ignored, c.missing, c.dated, c.skipped, c.ignored)
			}
			if r.Separator != c.sep || r.DecimalComma != c.comma || f.Session.Title != c.title {
				t.Errorf("separator %q, decimal comma %v, title %q; want %q, %v, %q", r.Separator, r.DecimalComma, f.Session.Title, c.sep, c.comma, c.title)
			}
			if !strings.HasPrefix(f.Session.SourceHash, "sha256:") || len(f.Session.SourceHash) != 71 {
				t.Errorf("source hash %q", f.Session.SourceHash)
			}
		})
	}
}

func TestReadTakesDateAndRoles(t *testing.T) {
	file := csvFile("participant;role;organisation;element_id;criterion;round;value;abstain;rated_at",
		"Ana;Supplier;Acme;explain;impact;1;4;;2026-11-26",
		"Ana;supplier;Acme;explain;effort;1;;TRUE;",
		"Ben;partners;;explain;impact;1;5,0;;2026-11-25T08:00:00Z")
	f, err := ingest.Read(strings.NewReader(file), defaultPack(t), ingest.Options{Title: "Paper", Date: nine})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{f.Session.Participants[0].Role, f.Session.Participants[1].Role,
		f.Ratings[0].RatedAt.Format(time.RFC3339), f.Ratings[1].RatedAt.Format(time.RFC3339), f.Ratings[2].RatedAt.Format(time.RFC3339), f.Session.Date}
	want := []string{"supplier", "partner", "2026-11-26T09:00:00+01:00", "2026-11-25T09:00:00+01:00", "2026-11-25T08:00:00Z", "2026-11-25"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if *f.Ratings[2].Value != 5 || !f.Ratings[1].Abstain {
		t.Errorf("ratings %+v", f.Ratings)
	}
}

// readErr reads a file that must fail and returns its bad rows.
func readErr(t *testing.T, file string, opt ingest.Options) *ingest.Error {
	t.Helper()
	f, err := ingest.Read(strings.NewReader(file), defaultPack(t), opt)
	var bad *ingest.Error
	if !errors.As(err, &bad) || f != nil {
		t.Fatalf("err = %v, file %v; want an *ingest.Error and no file", err, f)
	}
	return bad
}

func lines(e *ingest.Error) []int {
	var out []int
	for _, r := range e.Rows {
		out = append(out, r.Line)
	}
	return out
}

func TestReadReportsEveryBadRow(t *testing.T) {
	file := strings.Join([]string{
		header,
		`s,T,Ana,supplier,Acme,explain,E,impact,1,4,FALSE,,2026-11-25T09:00:00Z`,
		`s,T,Ana,supplier,Acme,explain,E,effort,1,2,false,"a comment`,
		`over three`,
		`lines",2026-11-25T09:00:01Z`,
		`s,T,Ben,user,,nope,E,impact,1,4,false,,2026-11-25T09:00:02Z`,            // line 6: unknown element
		`s,T,Ben,user,,explain,E,impact,0,9,maybe,,yesterday`,                    // line 7: round, abstain, value, time
		`s,T,Ben,user,,explain,E,effort,1,,false,,2026-11-25T09:00:03Z`,          // (line 8: a missing rating, no error)
		`s,T,Ben,user,,explain,E,effort,2,3,true,,2026-11-25T09:00:03Z`,          // line 9: value and abstain
		`s,Other,Chi,boss,,explain,E,impact,1,3,false,,2026-11-25T09:00:04Z`,     // line 10: title, role
		`s,T,Ana,supplier,Acme,explain,E,impact,1,5,false,,2026-11-25T09:00:05Z`, // line 11: duplicate of 2
		`s,T,ana,supplier,Acme,quality,E,impact,1,5,false,,2026-11-25T09:00:05Z`, // line 12: spelt differently
		`s,T,Ana,user,Acme,quality,E,effort,1,5,false,,2026-11-25T09:00:05Z`,     // line 13: other role
		`s,T,Dev,user`, // line 14: too few cells
		`s,T,Dev,user,,quality,E,impact,1,6,false,,2026-11-25T09:00:05Z`, // line 15: off the scale
	}, "\n") + "\n"
	bad := readErr(t, file, ingest.Options{})
	if want := []int{6, 7, 9, 10, 11, 12, 13, 14, 15}; !reflect.DeepEqual(lines(bad), want) {
		t.Errorf("bad lines %v, want %v\n%v", lines(bad), want, bad)
	}
	for _, want := range []string{`unknown element_id "nope": the pack dttf has explain, incentive`, "round \"0\"", `abstain "maybe"`,
		`rated_at "yesterday"`, "leave value empty", `session_title "Other" differs from "T"`, `role "boss"`,
		"same participant, element, criterion and round as line 2", `spelt "ana" here`, `has role "user" here`,
		"4 cells, but the header has 13", "outside the impact scale"} {
		if !strings.Contains(bad.Error(), want) {
			t.Errorf("report lacks %q:\n%v", want, bad)
		}
	}
}

// A participant's odd row is blamed, not the rows that agree after it.
func TestReadBlamesTheOddRow(t *testing.T) {
	at := "2026-11-25T09:00:00Z"
	rows := func(roles ...string) string {
		var rs []string
		for i, r := range roles {
			rs = append(rs, row("T", "Ana", r, "", "explain", "impact", strconv.Itoa(i+1), "4", "FALSE", "", at))
		}
		return csvFile(header, rs...)
	}
	cases := []struct {
		name  string
		roles []string
		lines []int
		msg   string
	}{
		{"first row odd", []string{"user", "supplier", "supplier", "supplier", "supplier", "supplier", "supplier", "supplier", "supplier", "supplier"},
			[]int{2}, `participant "Ana" has role "user" here, but "Ana, supplier" on 9 other rows (from line 3)`},
		{"last row odd", []string{"supplier", "supplier", "supplier", "user"}, []int{5}, `has role "user" here, but "Ana, supplier" on 3 other rows (from line 2)`},
		{"a tie blames the later", []string{"supplier", "user"}, []int{3}, `has role "user" here, but "Ana, supplier" on line 2`},
		{"two odd rows", []string{"supplier", "partner", "supplier", "user", "supplier"}, []int{3, 5}, `has role "partner" here`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := readErr(t, rows(c.roles...), ingest.Options{})
			if !reflect.DeepEqual(lines(bad), c.lines) || !strings.Contains(bad.Rows[0].Msg, c.msg) {
				t.Errorf("lines %v, want %v; %q lacks %q", lines(bad), c.lines, bad.Rows[0].Msg, c.msg)
			}
		})
	}
	titles := csvFile(header,
		row("Wrong", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at),
		row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", at),
		row("T", "Ana", "supplier", "", "document", "effort", "1", "4", "FALSE", "", at))
	if bad := readErr(t, titles, ingest.Options{}); !reflect.DeepEqual(lines(bad), []int{2}) {
		t.Errorf("odd title: lines %v, want [2]", lines(bad))
	}
}

func TestReadRefusesBadFiles(t *testing.T) {
	at := "2026-11-25T09:00:00Z"
	good := row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at)
	cases := []struct {
		name string
		file string
		opt  ingest.Options
		line int
		msg  string
	}{
		{"empty", "", ingest.Options{}, 1, "the file is empty: the first line must be the header session_id,session_title"},
		{"header only", header + "\n", ingest.Options{}, 2, "no ratings: the file has only its header"},
		{"only missing ratings", csvFile(header, row("T", "Ana", "supplier", "", "explain", "impact", "1", "", "", "", "")), ingest.Options{}, 2,
			"no ratings: all 1 value cells are empty"},
		{"data instead of a header", "a,b,c\n1,2,3\n", ingest.Options{}, 1, "the first line must be the header, naming the columns, in any order: session_id,session_title"},
		{"a column lacking", csvFile(strings.Replace(header, ",role,", ",rolle,", 1), good), ingest.Options{}, 1,
			"the header lacks role. The first line names the columns, in any order"},
		{"a column twice", csvFile(header+",value", good+",4"), ingest.Options{}, 1, "column value is there twice (cells 10 and 14)"},
		{"no rated_at column", csvFile(strings.TrimSuffix(header, ",rated_at"), strings.TrimSuffix(good, ","+at)), ingest.Options{}, 1,
			"without rated_at give --date"},
		{"no session_title column", csvFile(strings.Replace(header, "session_title,", "", 1), strings.Replace(good, ",T,", ",", 1)), ingest.Options{}, 1,
			"without session_title give the title with --title"},
		{"empty titles", csvFile(header, row("", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at)), ingest.Options{}, 2,
			"the session_title cells are empty: give the title with --title"},
		{"empty rated_at without --date", csvFile(header, row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", "")), ingest.Options{}, 2,
			"rated_at is empty: give --date with the day and time the ratings were given"},
		{"a date alone without --date", csvFile(header, row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", "2026-11-25")), ingest.Options{}, 2,
			`rated_at "2026-11-25" is a date without a time: give --date with the time of day`},
		{"--date in the future", csvFile(header, good), ingest.Options{Date: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Now: time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)},
			0, "--date 2027-01-01T00:00:00Z is after today (2026-11-25): is the year right?"},
		{"in the future", csvFile(header, row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", "2027-11-25T09:00:00Z")),
			ingest.Options{Now: time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)}, 2, `rated_at "2027-11-25T09:00:00Z" is after today (2026-11-25)`},
		{"a round gap", csvFile(header, good, row("T", "Ana", "supplier", "", "explain", "impact", "3", "5", "FALSE", "", at),
			row("T", "Ana", "supplier", "", "explain", "effort", "3", "5", "FALSE", "", at)), ingest.Options{}, 3,
			`element "explain" has ratings in round 3 but none in round 2: an element's rounds follow each other from 1`},
		{"UTF-16", "\xff\xfes\x00", ingest.Options{}, 1, "the file is UTF-16 text: save it as CSV UTF-8"},
		{"a bare quote stops reading", csvFile(header, good, `s,T,Ana,supplier,,explain,E,effort,1,4,false,a "quoted" word,`+at, good), ingest.Options{}, 3,
			"cell 12 holds a quote"},
		{"a quote never closed", csvFile(header, good, `s,T,Ana,supplier,,explain,E,effort,1,4,false,"open,`+at, good, good), ingest.Options{}, 3,
			"cell 12 opens a quote on line 3 that is never closed (line 5); reading stopped here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.line == 0 { // a flag, not a line of the file
				if _, err := ingest.Read(strings.NewReader(c.file), defaultPack(t), c.opt); err == nil || err.Error() != c.msg {
					t.Errorf("err = %v, want %q", err, c.msg)
				}
				return
			}
			bad := readErr(t, c.file, c.opt)
			if len(bad.Rows) != 1 || bad.Rows[0].Line != c.line || !strings.Contains(bad.Rows[0].Msg, c.msg) {
				t.Errorf("got %v, want one bad row at line %d: %q", bad, c.line, c.msg)
			}
		})
	}
}

// A file written by release 4 (lower-case true/false) still imports.
func TestReadReleaseFourExport(t *testing.T) {
	f, err := os.Open("../../testdata/db/release-4.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im, err := ingest.Read(f, defaultPack(t), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Ratings) != 66 || im.Report.Abstentions == 0 || len(im.Session.Participants) != 4 {
		t.Errorf("%d ratings, %d abstentions, %d participants; want 66, some, 4", len(im.Ratings), im.Report.Abstentions, len(im.Session.Participants))
	}
}

// A file that cannot be read to its end is refused at the line reading
// stopped.
func TestReadFailingDisk(t *testing.T) {
	good := row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z")
	r := io.MultiReader(strings.NewReader(csvFile(header, good)), iotest.ErrReader(errors.New("input/output error")))
	_, err := ingest.Read(r, defaultPack(t), ingest.Options{})
	var bad *ingest.Error
	if !errors.As(err, &bad) || len(bad.Rows) != 1 || bad.Rows[0].Line != 3 || bad.Rows[0].Msg != "cannot read the file: input/output error" {
		t.Errorf("err = %v", err)
	}
}

// A decimal comma in a comma-separated file splits the value into two
// cells; the message names the likely cause and the fix, and only where
// the cells fit that cause.
func TestReadDecimalCommaHint(t *testing.T) {
	const hint = "decimal comma"
	at := "2026-11-25T09:00:00Z"
	cases := []struct {
		name, head, row string
		want            string
		hint            bool
	}{
		{"4,5 as the last column", "session_title,participant,role,element_id,criterion,rated_at,abstain,value",
			"T,Ana,supplier,explain,impact," + at + ",FALSE,4,5", "9 cells, but the header has 8", true},
		{"4,5 before other columns", header, "s,T,Ana,supplier,Acme,explain,E,impact,1,4,5,FALSE,," + at, "14 cells, but the header has 13", true},
		{"5,0 with a trailing separator", "session_title,participant,role,element_id,criterion,rated_at,value,abstain",
			"T,Ana,supplier,explain,impact," + at + ",5,0,", `abstain "0"`, true},
		{"an extra cell that is not digits", "session_title,participant,role,element_id,criterion,rated_at,abstain,value",
			"T,Ana,supplier,explain,impact," + at + ",FALSE,4,x", "9 cells, but the header has 8", false},
		{"semicolons: no decimal comma cause", "session_title;participant;role;element_id;criterion;rated_at;abstain;value",
			"T;Ana;supplier;explain;impact;" + at + ";FALSE;4;5", "9 cells, but the header has 8", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := readErr(t, csvFile(c.head, c.row), ingest.Options{})
			msg := bad.Error()
			if !strings.Contains(msg, c.want) || strings.Contains(msg, hint) != c.hint {
				t.Errorf("message %q; want %q, hint %v", msg, c.want, c.hint)
			}
			if c.hint && !strings.Contains(msg, "semicolons") {
				t.Errorf("the hint names no fix: %q", msg)
			}
		})
	}
}
