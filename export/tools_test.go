package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// docBlock returns the code block that follows "<!-- tested: name -->" in
// docs/exports.md: the tests run what the documentation tells researchers
// to type.
func docBlock(t *testing.T, name string) string {
	t.Helper()
	doc, err := os.ReadFile("../docs/exports.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "<!-- tested: "+name+" -->\n```")
	if !ok {
		t.Fatalf("docs/exports.md has no block marked %q", name)
	}
	_, rest, _ = strings.Cut(rest, "\n") // the language
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("the %s block of docs/exports.md is not closed", name)
	}
	return block
}

// toolExport writes the csv export of a session made for R and pandas to
// ratings.csv in a new folder: hostile names, a CRLF comment, abstentions,
// times with and without fractions of a second. It returns the folder, the
// number of rows and of abstentions.
func toolExport(t *testing.T) (dir string, rows, abstentions int) {
	t.Helper()
	ctx := context.Background()
	p := defaultPack(t)
	e, err := session.OpenEngine(ctx, filepath.Join(t.TempDir(), "t.db"), session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	in := session.NewSession{Title: `Pilot "R", ünïcode 李`, Facilitator: "Dana", Date: "2026-11-25"}
	for i, name := range []string{"Ana", `Ben "the quote" O'Brien`, "=cmd|' /C calc'!A0", "Zoë, 李"} {
		in.Participants = append(in.Participants, session.Participant{Name: name, Role: p.Personas[i%len(p.Personas)].ID})
	}
	at := time.Date(2026, 11, 25, 9, 0, 1, 0, time.UTC)
	var ratings []session.ImportedRating
	for pi := range in.Participants {
		for ei, el := range p.Elements {
			for ci, c := range p.Criteria {
				v := 1 + (pi+ei+ci)%5
				r := session.ImportedRating{Participant: pi, ElementID: el.ID, CriterionID: c.ID, Round: 1, Value: &v,
					RatedAt: at.Add(time.Duration(len(ratings)) * 250 * time.Millisecond)}
				if (pi+ei+ci)%4 == 0 {
					r.Value, r.Abstain = nil, true
					abstentions++
				}
				if ei == 1 {
					r.Comment = "first line,\r\nsecond \"line\"\n=third"
				}
				ratings = append(ratings, r)
			}
		}
	}
	sess, err := e.ImportSession(ctx, session.Importer(), p, in, ratings)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	err = export.WriteFile(filepath.Join(dir, "ratings.csv"), func(w io.Writer) error {
		sum, err := export.Load(ctx, e, sess.ID, export.LoadOptions{})
		if err != nil {
			return err
		}
		return export.CSV(w, sum)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, len(ratings), abstentions
}

// runTool runs a script in dir and returns its "key value" lines.
func runTool(t *testing.T, dir, name string, args ...string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	got := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			got[k] = strings.TrimSpace(v)
		}
	}
	return got
}

func checkTool(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

// TestCSVLoadsInR loads an export with the R lines of docs/exports.md in
// real R (Debian's r-base-core; .ci/run installs it).
func TestCSVLoadsInR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		t.Skip("no Rscript on PATH: apt-get install r-base-core (.ci/run does) to check the csv export loads in R")
	}
	dir, rows, abstentions := toolExport(t)
	row, fraction := rowWithFraction(t, dir)
	script := docBlock(t, "R") + strings.ReplaceAll(`
cat("rows", nrow(ratings), "\n")
cat("abstain", class(ratings$abstain), "\n")
cat("value", class(ratings$value), "\n")
cat("na", sum(is.na(ratings$value)), "\n")
cat("abstained", nrow(ratings[ratings$abstain, ]), "\n")
cat("abstained_na", sum(is.na(ratings[ratings$abstain, "value"])), "\n")
cat("rated_at", class(ratings$rated_at)[1], "\n")
cat("times_na", sum(is.na(ratings$rated_at)), "\n")
cat("fraction", format(ratings$rated_at[ROW + 1], "%Y-%m-%dT%H:%M:%OS3Z", tz = "UTC"), "\n")
cat("span", as.numeric(max(ratings$rated_at)) - as.numeric(min(ratings$rated_at)), "\n")
# R's connections read a CRLF inside quotes as LF; the comment is whole.
cat("crlf", sum(ratings$comment == "first line,\nsecond \"line\"\n=third"), "\n")
cat("organisation", class(ratings$organisation), "\n")
`, "ROW", strconv.Itoa(row))
	if err := os.WriteFile(filepath.Join(dir, "load.R"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runTool(t, dir, rscript, "--vanilla", "load.R")
	checkTool(t, got, map[string]string{
		"rows": strconv.Itoa(rows), "abstain": "logical", "value": "integer", "na": strconv.Itoa(abstentions),
		"abstained": strconv.Itoa(abstentions), "abstained_na": strconv.Itoa(abstentions),
		"rated_at": "POSIXct", "times_na": "0", "fraction": fraction,
		"span": strconv.FormatFloat(float64(rows-1)*0.25, 'f', -1, 64), "crlf": "8",
		"organisation": "character", // empty in every row
	})
}

// TestCSVLoadsInPandas loads an export with the pandas lines of
// docs/exports.md in real pandas (Debian's python3-pandas, run by the
// system's python3: a pyenv python on PATH may lack it).
func TestCSVLoadsInPandas(t *testing.T) {
	python := "/usr/bin/python3"
	if out, err := exec.Command(python, "-c", "import pandas").CombinedOutput(); err != nil {
		t.Skipf("no pandas for %s (apt-get install python3-pandas; .ci/run does) to check the csv export loads in pandas: %v %s", python, err, out)
	}
	dir, rows, abstentions := toolExport(t)
	row, fraction := rowWithFraction(t, dir)
	script := docBlock(t, "pandas") + strings.ReplaceAll(`
print("rows", len(ratings))
print("abstain", ratings["abstain"].dtype)
print("value", ratings["value"].dtype)
print("na", int(ratings["value"].isna().sum()))
print("abstained", len(ratings[ratings["abstain"]]))
print("abstained_na", int(ratings[ratings["abstain"]]["value"].isna().sum()))
print("rated_at", ratings["rated_at"].dtype)
print("times_na", int(ratings["rated_at"].isna().sum()))
t = ratings["rated_at"][ROW]
print("fraction", t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000))
span = (ratings["rated_at"].max() - ratings["rated_at"].min()).total_seconds()
print("span", ("%.2f" % span).rstrip("0").rstrip("."))
print("crlf", int(ratings["comment"].fillna("").str.contains("\r\n", regex=False).sum()))
print("organisation", ratings["organisation"].dtype)
`, "ROW", strconv.Itoa(row))
	if err := os.WriteFile(filepath.Join(dir, "load.py"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runTool(t, dir, python, "load.py")
	checkTool(t, got, map[string]string{
		"rows": strconv.Itoa(rows), "abstain": "bool", "value": "Int64", "na": strconv.Itoa(abstentions),
		"abstained": strconv.Itoa(abstentions), "abstained_na": strconv.Itoa(abstentions),
		"rated_at": "datetime64[ns, UTC]", "times_na": "0", "fraction": fraction,
		"span": strconv.FormatFloat(float64(rows-1)*0.25, 'f', -1, 64), "crlf": "8",
		"organisation": "string", // empty in every row
	})
}

// rowWithFraction finds the first row of the export whose rated_at has a
// fraction of a second, and returns its index (from 0, the header left
// out) and its time with milliseconds, as R and pandas print it.
func rowWithFraction(t *testing.T, dir string) (int, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "ratings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows[1:] {
		at, err := time.Parse(time.RFC3339Nano, row[len(row)-1])
		if err != nil {
			t.Fatal(err)
		}
		if at.Nanosecond() != 0 {
			return i, at.Format("2006-01-02T15:04:05.000Z")
		}
	}
	t.Fatal("no time in the export has a fraction of a second: the test would not see one dropped")
	return 0, ""
}
