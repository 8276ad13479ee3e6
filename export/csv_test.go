package export_test

import (
	"context"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	st, p, sess := fixture(t, hostile)
	out := render(t, st, p, sess.ID, "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "session_id,session_title,participant,role,organisation,element_id,element_title,criterion,round,value,abstain,comment,rated_at" {
		t.Fatalf("header %s", got)
	}
	// Free-text cells: title, participant, organisation, comment.
	for _, row := range rows[1:] {
		for _, col := range []int{1, 2, 4, 11} {
			if c := row[col]; c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q of column %d would run as a formula", c, col)
			}
		}
	}
	cases := map[string]string{ // participant -> the cell written
		"=cmd|' /C calc'!A0":        "'=cmd|' /C calc'!A0",
		"-2+3":                      "'-2+3",
		"<script>alert(1)</script>": "<script>alert(1)</script>",
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		seen[row[2]] = true
	}
	for name, want := range cases {
		if !seen[want] {
			t.Errorf("participant %q: no cell %q", name, want)
		}
	}
}

// TestRoundTrip exports a session, imports the csv and exports the new
// session: the two files are equal but for session_id.
func TestRoundTrip(t *testing.T) {
	for name, who := range map[string]people{"plain": plain, "hostile": hostile} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st, p, sess := fixture(t, who)
			first := render(t, st, p, sess.ID, "csv")
			im, err := export.ReadCSV(strings.NewReader(first), p)
			if err != nil {
				t.Fatal(err)
			}
			if im.Session.Title != who.title {
				t.Errorf("title %q, want %q", im.Session.Title, who.title)
			}
			in := im.Session
			in.Facilitator = "(imported)"
			again, err := st.ImportSession(ctx, session.Importer(), p, in, im.Ratings)
			if err != nil {
				t.Fatal(err)
			}
			second := render(t, st, p, again.ID, "csv")
			if strings.ReplaceAll(first, sess.ID, "ID") != strings.ReplaceAll(second, again.ID, "ID") {
				t.Errorf("export, import, export changed the csv:\n%s\n---\n%s", first, second)
			}
		})
	}
}

func TestImportReportsEveryBadRow(t *testing.T) {
	p := defaultPack(t)
	file := strings.Join([]string{
		strings.Join(export.CSVHeader, ","),
		`s,T,Ana,supplier,Acme,explain,E,impact,1,4,false,,2026-11-25T09:00:00Z`,
		`s,T,Ana,supplier,Acme,explain,E,effort,1,2,false,"a comment`,
		`over three`,
		`lines",2026-11-25T09:00:01Z`,
		`s,T,Ben,user,,nope,E,impact,1,4,false,,2026-11-25T09:00:02Z`,            // line 6: unknown element
		`s,T,Ben,user,,explain,E,impact,0,9,maybe,,yesterday`,                    // line 7: round, abstain, value, time
		`s,T,Ben,user,,explain,E,effort,1,,false,,2026-11-25T09:00:03Z`,          // line 8: no value
		`s,T,Ben,user,,explain,E,effort,2,3,true,,2026-11-25T09:00:03Z`,          // line 9: value and abstain
		`s,Other,Chi,boss,,explain,E,impact,1,3,false,,2026-11-25T09:00:04Z`,     // line 10: title, role
		`s,T,Ana,supplier,Acme,explain,E,impact,1,5,false,,2026-11-25T09:00:05Z`, // line 11: duplicate of 2
		`s,T,ana,supplier,Acme,quality,E,impact,1,5,false,,2026-11-25T09:00:05Z`, // line 12: spelt differently
		`s,T,Ana,user,Acme,quality,E,effort,1,5,false,,2026-11-25T09:00:05Z`,     // line 13: other role
		`s,T,Dev,user`, // line 14: too few fields
		`s,T,Dev,user,,quality,E,impact,1,6,false,,2026-11-25T09:00:05Z`, // line 15: off the scale
	}, "\n") + "\n"
	_, err := export.ReadCSV(strings.NewReader(file), p)
	var bad export.RowErrors
	if !errors.As(err, &bad) {
		t.Fatalf("err = %v, want RowErrors", err)
	}
	var lines []int
	for _, e := range bad {
		lines = append(lines, e.Line)
	}
	if want := []int{6, 7, 8, 9, 10, 11, 12, 13, 14, 15}; !reflect.DeepEqual(lines, want) {
		t.Errorf("bad lines %v, want %v\n%v", lines, want, err)
	}
	for _, want := range []string{`unknown element_id "nope"`, "round", "abstain", "rated_at", "value is empty",
		"leave value empty", "session_title", `role "boss"`, "same participant, element, criterion and round as line 2",
		"spelt", "role", "fields", "outside the impact scale"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("report lacks %q:\n%v", want, err)
		}
	}
}

func TestImportAcceptsSpreadsheetSpellings(t *testing.T) {
	p := defaultPack(t)
	file := "\ufeff" + strings.Join(export.CSVHeader, ",") + "\r\n" +
		"s,T,Ana,supplier,,explain,E,impact,1,4.0,FALSE,,2026-11-25T09:00:00+01:00\r\n" +
		"s,T,Ana,supplier,,explain,E,effort,1,,True,,2026-11-25T09:00:00.5Z\r\n"
	im, err := export.ReadCSV(strings.NewReader(file), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Ratings) != 2 || *im.Ratings[0].Value != 4 || !im.Ratings[1].Abstain || im.Session.Date != "2026-11-25" {
		t.Errorf("import: %+v", im)
	}
}

func TestImportRejectsBadFiles(t *testing.T) {
	p := defaultPack(t)
	cases := map[string]struct {
		file string
		line int
	}{
		"empty":        {"", 1},
		"header only":  {strings.Join(export.CSVHeader, ",") + "\n", 2},
		"wrong header": {"a,b,c\n1,2,3\n", 1},
		"bare quote": {strings.Join(export.CSVHeader, ",") + "\n" +
			"s,T,Ana,supplier,,explain,E,impact,1,4,false,,2026-11-25T09:00:00Z\n" +
			"s,T,Ana,supplier,,explain,E,effort,1,4,false,a \"quoted\" word,2026-11-25T09:00:00Z\n", 3},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := export.ReadCSV(strings.NewReader(c.file), p)
			var bad export.RowErrors
			if !errors.As(err, &bad) || len(bad) != 1 || bad[0].Line != c.line {
				t.Errorf("err = %#v, want one bad row at line %d", err, c.line)
			}
		})
	}
}
