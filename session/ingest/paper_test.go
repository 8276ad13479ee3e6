package ingest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session/ingest"
)

// A file without a round column (a paper form) is round 1.
func TestReadWithoutRoundIsRoundOne(t *testing.T) {
	file := "session_title,participant,role,element_id,criterion,value,abstain,rated_at\n" +
		"Paper,Ana,supplier,explain,impact,4,FALSE,2026-11-25T09:00:00Z\n" +
		"Paper,Ana,supplier,explain,effort,,TRUE,2026-11-25T09:00:00Z\n"
	f, err := ingest.Read(strings.NewReader(file), defaultPack(t), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Ratings) != 2 {
		t.Fatalf("%d ratings", len(f.Ratings))
	}
	for _, r := range f.Ratings {
		if r.Round != 1 {
			t.Errorf("%s/%s: round %d, want 1", r.ElementID, r.CriterionID, r.Round)
		}
	}
}

// Rows without a time while no --date gives one are named in one message
// per kind (empty, a date alone), at the first such line, and counted as
// bad rows each.
func TestReadGroupsRowsWithoutATime(t *testing.T) {
	at := "2026-11-25T09:00:00Z"
	r := func(crit, el, when string) string {
		return row("T", "Ana", "supplier", "", el, crit, "1", "3", "FALSE", "", when)
	}
	file := csvFile(header, r("impact", "explain", "2026-11-25"), r("effort", "explain", "2026-11-25"),
		r("impact", "quality", "2026-11-25"), r("effort", "quality", at), r("impact", "incentive", "2026-11-26"),
		r("effort", "incentive", ""), r("impact", "document", ""))
	bad := readErr(t, file, ingest.Options{})
	if len(bad.Rows) != 2 {
		t.Fatalf("want two messages, got %d:\n%v", len(bad.Rows), bad)
	}
	dateOnly, empty := bad.Rows[0], bad.Rows[1]
	if dateOnly.Line != 2 || !strings.Contains(dateOnly.Msg, `a date without a time on 4 rows (lines 2-4, 6; the first: "2026-11-25"): give --date`) {
		t.Errorf("date alone: %v", dateOnly)
	}
	if empty.Line != 7 || !strings.Contains(empty.Msg, "rated_at is empty on 2 rows (lines 7-8): give --date") {
		t.Errorf("empty: %v", empty)
	}
	if bad.Bad() != 6 {
		t.Errorf("Bad() = %d, want the 6 rows without a time", bad.Bad())
	}
	// with --date they import, and the report names their lines once
	f, err := ingest.Read(strings.NewReader(file), defaultPack(t), ingest.Options{Date: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := f.Report.Write(&b, "f.csv"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "6 ratings without a time of day took --date 2026-11-25T09:00:00Z: lines 2-4, 6-8\n") {
		t.Errorf("report:\n%s", b.String())
	}
}

// A header that lacks a column gets one message that names it and what
// it holds.
func TestReadHeaderNamesTheColumnAndTheFix(t *testing.T) {
	file := "session_title,participant,role,element_id,criterion,round,value,rated_at\n" +
		"T,Ana,supplier,explain,impact,1,4,2026-11-25T09:00:00Z\n"
	bad := readErr(t, file, ingest.Options{})
	if len(bad.Rows) != 1 || bad.Rows[0].Line != 1 {
		t.Fatalf("want one message on line 1: %v", bad)
	}
	msg := bad.Rows[0].Msg
	for _, want := range []string{"the header lacks abstain.", "abstain is TRUE where the expert could not judge, else FALSE or empty"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
