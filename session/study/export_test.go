package study_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/session/study"
)

// mergedStudy merges the three sites of sites() and exports the study.
func mergedStudy(t *testing.T) (*study.Result, study.ExportFiles) {
	t.Helper()
	ctx := context.Background()
	p := defaultPack(t)
	dir, _ := sites(t, false)
	out := openEngine(t, dir+"/study.db", p)
	if _, err := study.Merge(ctx, out, p, []string{dir + "/leeds.db", dir + "/graz.db", dir + "/munich.json"}, study.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := study.Compute(ctx, out, p)
	if err != nil {
		t.Fatal(err)
	}
	files, err := study.Export(ctx, out, p, filepath.Join(t.TempDir(), "study.csv"), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return res, files
}

// TestDataPackageFollowsTheSpecs checks datapackage.json against the
// rules of the Frictionless Data Package (v1, tabular profile) and Table
// Schema specs (specs.frictionlessdata.io/data-package,
// /tabular-data-resource, /table-schema, /csv-dialect): required
// properties, names, paths, bytes and sha256 of each file, field types and
// formats, every csv's header against its schema and every cell against its
// field's type and constraints, primary and foreign keys. Python's
// frictionless is not installable here (no PyPI), so this is the check in Go.
func TestDataPackageFollowsTheSpecs(t *testing.T) {
	_, files := mergedStudy(t)
	b, err := os.ReadFile(files.DataPackage)
	if err != nil {
		t.Fatal(err)
	}
	var dp map[string]any
	if err := json.Unmarshal(b, &dp); err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^([-a-z0-9._/])+$`)
	if dp["profile"] != "tabular-data-package" || !name.MatchString(dp["name"].(string)) {
		t.Errorf("profile %v name %v", dp["profile"], dp["name"])
	}
	if _, err := time.Parse(time.RFC3339, dp["created"].(string)); err != nil {
		t.Errorf("created: %v", err)
	}
	resources := dp["resources"].([]any)
	if len(resources) != 2 {
		t.Fatalf("%d resources", len(resources))
	}
	keys := map[string]map[string]bool{} // resource -> primary key values
	types := map[string]bool{"string": true, "integer": true, "number": true, "boolean": true, "date": true, "datetime": true}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	var foreign [][2]string // resource value -> referenced resource
	for _, x := range resources {
		r := x.(map[string]any)
		rname, path := r["name"].(string), r["path"].(string)
		if !name.MatchString(rname) || r["profile"] != "tabular-data-resource" || filepath.IsAbs(path) || strings.Contains(path, "..") {
			t.Errorf("resource %v", r)
		}
		data, err := os.ReadFile(filepath.Join(filepath.Dir(files.DataPackage), path))
		if err != nil {
			t.Fatal(err)
		}
		if int(r["bytes"].(float64)) != len(data) {
			t.Errorf("%s: bytes %v, file %d", rname, r["bytes"], len(data))
		}
		if out, err := exec.Command("sha256sum", filepath.Join(filepath.Dir(files.DataPackage), path)).Output(); err == nil {
			if want := "sha256:" + strings.Fields(string(out))[0]; r["hash"] != want {
				t.Errorf("%s: hash %v, sha256sum says %s", rname, r["hash"], want)
			}
		}
		schema := r["schema"].(map[string]any)
		var fields []map[string]any
		for _, f := range schema["fields"].([]any) {
			fields = append(fields, f.(map[string]any))
		}
		rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range fields {
			if rows[0][i] != f["name"] || !types[f["type"].(string)] {
				t.Errorf("%s: column %d is %q, field %v", rname, i, rows[0][i], f)
			}
		}
		pk := []int{}
		for _, k := range schema["primaryKey"].([]any) {
			pk = append(pk, slices.IndexFunc(fields, func(f map[string]any) bool { return f["name"] == k }))
		}
		keys[rname] = map[string]bool{}
		for line, row := range rows[1:] {
			var key []string
			for _, i := range pk {
				key = append(key, row[i])
			}
			if keys[rname][strings.Join(key, "\x00")] {
				t.Errorf("%s:%d: primary key %v twice", rname, line+2, key)
			}
			keys[rname][strings.Join(key, "\x00")] = true
			for i, f := range fields {
				if msg := checkCell(row[i], f, uuid); msg != "" {
					t.Fatalf("%s:%d: %s: %s", rname, line+2, f["name"], msg)
				}
			}
			if fks, ok := schema["foreignKeys"].([]any); ok {
				for _, fk := range fks {
					ref := fk.(map[string]any)["reference"].(map[string]any)
					i := slices.IndexFunc(fields, func(f map[string]any) bool { return f["name"] == fk.(map[string]any)["fields"].([]any)[0] })
					foreign = append(foreign, [2]string{row[i], ref["resource"].(string)})
				}
			}
		}
	}
	for _, f := range foreign {
		if !keys[f[1]][f[0]] {
			t.Errorf("foreign key %s not in %s", f[0], f[1])
		}
	}
	if rep, err := study.Verify(context.Background(), files.DataPackage, study.VerifyOptions{}); err != nil || !rep.OK() {
		t.Errorf("verify datapackage.json: %v %v", err, rep)
	}
	os.WriteFile(files.CSV, append(mustRead(t, files.CSV), "x\n"...), 0o644)
	if rep, err := study.Verify(context.Background(), files.DataPackage, study.VerifyOptions{}); err != nil || rep.OK() {
		t.Errorf("verify did not catch a changed csv: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkCell checks a cell against its Table Schema field: "" is missing
// (missingValues), else it must cast to the type and meet the constraints.
func checkCell(v string, f map[string]any, uuid *regexp.Regexp) string {
	c, _ := f["constraints"].(map[string]any)
	if v == "" {
		if c["required"] == true {
			return "required but missing"
		}
		return ""
	}
	switch f["type"] {
	case "integer":
		n, err := strconv.Atoi(v)
		if err != nil {
			return err.Error()
		}
		if m, ok := c["minimum"].(float64); ok && float64(n) < m {
			return "below minimum"
		}
		if m, ok := c["maximum"].(float64); ok && float64(n) > m {
			return "above maximum"
		}
	case "boolean":
		if v != "TRUE" && v != "FALSE" {
			return "not in trueValues/falseValues"
		}
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return err.Error()
		}
	case "datetime":
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return err.Error()
		}
	case "string":
		if f["format"] == "uuid" && !uuid.MatchString(v) {
			return "not a uuid"
		}
	}
	if enum, ok := c["enum"].([]any); ok && !slices.Contains(enum, any(v)) {
		return "not in enum"
	}
	return ""
}

// TestPooledStatisticsAgainstR loads the merged csv in R (read.csv, as a
// researcher would) and recomputes there the pooled statistics of every
// element x criterion x round: n, median, IQR (quantile type 7, R's
// default), mean, sd, and for each element x criterion the paired
// wilcox.test(to, from, paired = TRUE) between the rounds, and
// Krippendorff's interval alpha per criterion and round by the
// coincidence-matrix formula (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability", section C) written out in base R. The data have
// ties and zero differences (the normal approximation with continuity
// correction) and one participant per site who changed.
func TestPooledStatisticsAgainstR(t *testing.T) {
	if _, err := exec.LookPath("Rscript"); err != nil {
		t.Skip("Rscript is not installed (.ci/run installs r-base-core)")
	}
	res, files := mergedStudy(t)
	script := `options(digits = 15)
d <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = FALSE)
stopifnot(is.logical(d$abstain), is.integer(d$value), length(unique(d$site)) == 3)
v <- d[!d$abstain, ]
for (k in split(v, list(v$element_id, v$criterion, v$round), drop = TRUE)) {
  x <- k$value; q <- quantile(x, c(.25, .75))
  cat("cell", k$element_id[1], k$criterion[1], k$round[1], length(x), median(x), q[[2]] - q[[1]], mean(x), sd(x), "\n")
}
for (k in split(v, list(v$element_id, v$criterion), drop = TRUE)) {
  if (length(unique(k$round)) < 2) next
  a <- k[k$round == 1, ]; b <- k[k$round == 2, ]
  m <- merge(a, b, by = "participant_uuid")
  w <- suppressWarnings(wilcox.test(m$value.y, m$value.x, paired = TRUE))
  cat("wilcox", k$element_id[1], k$criterion[1], nrow(m), w$statistic[[1]], if (is.na(w$p.value)) "NA" else w$p.value, "\n")
}
alpha <- function(u) {  # u: one vector of values per unit (element)
  u <- u[sapply(u, length) > 1]; vals <- unlist(u); n <- length(vals)
  do <- sum(sapply(u, function(x) { m <- length(x); s <- 0
    for (i in seq_along(x)) for (j in seq_along(x)) if (i != j) s <- s + (x[i] - x[j])^2
    s / (m - 1) })) / n
  de <- sum(outer(vals, vals, function(a, b) (a - b)^2)) / (n * (n - 1))
  1 - do / de
}
for (k in split(v, list(v$criterion, v$round), drop = TRUE)) {
  cat("alpha", k$criterion[1], k$round[1], alpha(split(k$value, k$element_id)), "\n")
}
`
	out, err := exec.Command("Rscript", "-e", script, files.CSV).CombinedOutput()
	if err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	cells := map[string]stats.ElementStats{}
	for _, es := range res.Pooled.Elements {
		cells[fmt.Sprintf("%s %s %d", es.ElementID, es.Criterion, es.Round)] = es
	}
	near := func(what string, got *float64, want string) {
		t.Helper()
		w, err := strconv.ParseFloat(want, 64)
		if want == "NA" {
			if got != nil {
				t.Errorf("%s: %v, R says NA", what, *got)
			}
			return
		}
		if err != nil || got == nil || math.Abs(*got-w) > 1e-9*math.Max(1, math.Abs(w)) {
			t.Errorf("%s: %v, R says %s", what, deref(got), want)
		}
	}
	checked := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		switch f[0] {
		case "cell":
			es, ok := cells[strings.Join(f[1:4], " ")]
			if !ok {
				t.Errorf("no pooled cell %v", f[1:4])
				continue
			}
			if strconv.Itoa(es.N) != f[4] {
				t.Errorf("%v: n %d, R %s", f[1:4], es.N, f[4])
			}
			near(line+" median", es.Median, f[5])
			near(line+" iqr", es.IQR, f[6])
			near(line+" mean", es.Mean, f[7])
			near(line+" sd", es.SD, f[8])
		case "wilcox":
			i := slices.IndexFunc(res.Pooled.Stability, func(s stats.ElementStability) bool { return s.ElementID == f[1] && s.Criterion == f[2] })
			if i < 0 {
				t.Errorf("no pooled stability for %v", f[1:3])
				continue
			}
			s := res.Pooled.Stability[i]
			if strconv.Itoa(s.NPaired) != f[3] {
				t.Errorf("%v: n_paired %d, R %s", f[1:3], s.NPaired, f[3])
			}
			near(line+" V", s.WilcoxonV, f[4])
			near(line+" p", s.WilcoxonP, f[5])
		case "alpha":
			round, _ := strconv.Atoi(f[2])
			i := slices.IndexFunc(res.Pooled.Criteria, func(c study.PooledCriterion) bool { return c.Criterion == f[1] && c.Round == round })
			if i < 0 {
				t.Errorf("no pooled alpha for %v", f[1:3])
				continue
			}
			near(line, res.Pooled.Criteria[i].AlphaInterval, f[3])
		}
		checked[f[0]]++
	}
	if checked["cell"] < 6 || checked["wilcox"] < 2 || checked["alpha"] < 4 {
		t.Errorf("R reported too little: %v\n%s", checked, out)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
