package ingest_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/ingest"
)

// FuzzRead feeds Read any bytes. It must not panic; what it refuses it
// refuses with lines and printable messages; what it accepts the engine
// accepts too (the session and every rating pass the engine's own checks),
// within the limits of issue 13. The seed corpus holds every file of the
// table tests, so `go test` replays them; findings of `go test -fuzz` go
// to testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	at := "2026-11-25T09:00:00Z"
	good := row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", at)
	seeds := []string{
		"", header, csvFile(header, good),
		csvFile(header, good, row("T", "Ana", "supplier", "", "explain", "effort", "1", "", "TRUE", "line\r\nbreak", at)),
		csvFile("session_title;participant;role;element_id;criterion;round;value;abstain;rated_at", "T;Ana;supplier;explain;impact;1;4,0;;2026-11-25"),
		csvFile("participant\trole\telement_id\tcriterion\tround\tvalue\tabstain", "Ana\tSupplier\tEXPLAIN\tImpact\t1\t4\t"),
		"\ufeff" + strings.ReplaceAll(csvFile(header, good), "\n", "\r\n"),
		"\xff\xfes\x00e\x00",
		csvFile(header, good, `s,T,Ana,supplier,,explain,E,effort,1,4,false,"open,`+at),
		csvFile(header, good, `s,T,Ana,supplier,,explain,E,effort,1,4,false,a "q" b,`+at),
		csvFile(header, row("T", "Ana", "user", "", "explain", "impact", "1", "4", "FALSE", "", at), good, good),
		csvFile("form_no,"+header, "1,"+good, ";;;;", ""),
	}
	for _, c := range hostileRows {
		if len(c.row) < 1<<16 { // the 5 MB name stays in the table test
			seeds = append(seeds, csvFile(header, good, c.row))
		}
	}
	if b, err := os.ReadFile("../../testdata/db/release-4.csv"); err == nil {
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	p := defaultPack(f)
	f.Fuzz(func(t *testing.T, data []byte, withDate bool) {
		opt := ingest.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
		if withDate {
			opt.Date = nine
		}
		file, err := ingest.Read(strings.NewReader(string(data)), p, opt)
		if err != nil {
			var bad *ingest.Error
			if !errors.As(err, &bad) || len(bad.Rows) == 0 || len(bad.Rows) > ingest.MaxReported || file != nil {
				t.Fatalf("err = %#v, file %v", err, file)
			}
			for _, r := range bad.Rows {
				if r.Line < 1 {
					t.Fatalf("a bad row at line %d: %q", r.Line, r.Msg)
				}
				if msg := printable(r.Msg); msg != "" {
					t.Fatalf("%s: %q", msg, r.Msg)
				}
			}
			return
		}
		in := file.Session
		in.Facilitator = "(imported)"
		if err := in.Validate(p); err != nil {
			t.Fatalf("the engine refuses the session Read accepted: %v", err)
		}
		r := file.Report
		if len(file.Ratings) == 0 || r.Values+r.Abstentions != len(file.Ratings) || r.Participants != len(in.Participants) {
			t.Fatalf("report %+v for %d ratings", r, len(file.Ratings))
		}
		for _, rt := range file.Ratings {
			ri := session.RatingInput{RatingKey: session.RatingKey{ElementID: rt.ElementID, CriterionID: rt.CriterionID, Round: rt.Round},
				Value: rt.Value, Abstain: rt.Abstain}
			if err := ri.Validate(p); err != nil {
				t.Fatalf("the engine refuses a rating Read accepted: %v", err)
			}
			if rt.Round > ingest.MaxRound || rt.RatedAt.Year() < ingest.MinYear || rt.RatedAt.Year() > ingest.MaxYear ||
				rt.Participant < 0 || rt.Participant >= len(in.Participants) {
				t.Fatalf("a rating out of bounds: %+v", rt)
			}
			if problem := session.CheckText(rt.Comment, session.MaxCommentLen, true); problem != "" {
				t.Fatalf("comment %q %s", rt.Comment, problem)
			}
		}
		for _, col := range r.Ignored {
			if msg := printable(col); msg != "" {
				t.Fatalf("ignored column %s: %s", col, msg)
			}
		}
	})
}

// printable says why a message could harm a terminal or fill it, or "".
func printable(msg string) string {
	if !utf8.ValidString(msg) {
		return "not UTF-8"
	}
	if len(msg) > 1000 {
		return "longer than 1000 bytes"
	}
	for _, r := range msg {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return "a control or format character"
		}
	}
	return ""
}
