package ingest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session/ingest"
)

func TestReportSaysWhatWasDone(t *testing.T) {
	rows := []string{"form;" + strings.ReplaceAll(strings.Replace(header, "session_id,", "", 1), ",", ";")}
	for i := range 14 {
		value, abstain, at := fmt.Sprint(1+i%5)+",0", "", ""
		switch {
		case i == 3:
			abstain, value = "TRUE", ""
		case i >= 10:
			value = ""
		}
		if i%2 == 0 {
			at = "2026-11-25T08:00:00Z"
		}
		crit := []string{"impact", "effort"}[i%2]
		rows = append(rows, fmt.Sprintf("%d;Paper;Ana;supplier;;explain;E;%s;%d;%s;%s;;%s", i, crit, i/2+1, value, abstain, at))
	}
	rows = append(rows, ";;;;;;;;;;;;;", "x;Paper;Ben;user;;explain;E;impact;1;;;a note;")
	f, err := ingest.Read(strings.NewReader(strings.Join(rows, "\n")), defaultPack(t), ingest.Options{Date: nine})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := f.Report.Write(&b, "forms.csv"); err != nil {
		t.Fatal(err)
	}
	want := `forms.csv: 16 rows read (semicolon-separated, decimal commas)
  10 ratings: 9 values and 1 abstention, by 2 participants
  4 cells left empty (not answered), no rating: lines 12-15
  5 ratings without a time of day took --date 2026-11-25T09:00:00+01:00: lines 3, 5, 7, 9, 11
  2 rows skipped:
    blank: line 16
    a comment without a value or abstention (a comment is stored with a rating): line 17
  column "form" ignored: it is not a column of the format
`
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestErrorListsAtMostMaxReported(t *testing.T) {
	rows := []string{header}
	for i := range ingest.MaxReported + 50 {
		rows = append(rows, row("T", "Ana", "supplier", "", "nope", "impact", fmt.Sprint(i%99+1), "4", "FALSE", "", "2026-11-25T09:00:00Z"))
	}
	bad := readErr(t, strings.Join(rows, "\n"), ingest.Options{})
	if len(bad.Rows) != ingest.MaxReported || bad.More != 50 || bad.Bad() != ingest.MaxReported+50 ||
		!strings.HasSuffix(bad.Error(), "\n… and 50 more") || bad.Rows[0].Line != 2 {
		t.Errorf("%d rows listed, %d more; last line %q", len(bad.Rows), bad.More, bad.Error()[len(bad.Error())-20:])
	}
}
