package study_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/study"
)

// TestVerify changes a database, a json export and a csv export after the
// fact in each way a reviewer must catch, and checks that verify reports
// every change and accepts the files as trustshop wrote them (with a
// correction of a closed round made through trustshop).
func TestVerify(t *testing.T) {
	p := defaultPack(t)
	dir := t.TempDir()
	db := dir + "/w.db"
	e := openEngine(t, db, p)
	sess := workshop(t, e, p, "Leeds", [3][4]int{{3, 2, 4, 1}, {4, 2, 5, 2}, {5, 3, 4, 2}})
	exportAs(t, e, sess.ID, "json", dir+"/w.json")
	exportAs(t, e, sess.ID, "csv", dir+"/w.csv")
	hist, err := e.History(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	corrected := false
	for _, c := range hist {
		corrected = corrected || c.Correction()
	}
	if !corrected {
		t.Fatal("the fixture has no correction")
	}
	e.Close()

	sqlEdit := func(stmts ...string) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			x, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			for _, s := range stmts {
				if _, err := x.Exec(s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
		}
	}
	jsonEdit := func(fn func(doc map[string]any)) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			b, _ := os.ReadFile(path)
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			fn(doc)
			b, _ = json.MarshalIndent(doc, "", "  ")
			os.WriteFile(path, b, 0o644)
		}
	}
	textEdit := func(fn func(string) string) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			b, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(fn(string(b))), 0o644)
		}
	}
	ratingsOf := func(doc map[string]any) []any { return doc["ratings"].([]any) }
	historyOf := func(doc map[string]any, i int) []any { return ratingsOf(doc)[i].(map[string]any)["history"].([]any) }
	lastRow := "(SELECT max(id) FROM history)"
	cases := []struct {
		name   string
		file   string // w.db, w.json or w.csv
		tamper func(t *testing.T, path string)
		want   string // in the report; "" for a file that must pass
	}{
		{"untouched database with a correction", "w.db", nil, ""},
		{"untouched json export with a correction", "w.json", nil, ""},
		{"untouched csv against its json", "w.csv", nil, ""},
		{"database: a rating edited with sqlite3", "w.db",
			sqlEdit("UPDATE ratings SET value = 1 WHERE element_id = 'protect-ip' AND criterion_id = 'impact' AND value = 5"), "edited outside trustshop"},
		{"database: a rating row deleted", "w.db",
			sqlEdit("DELETE FROM ratings WHERE element_id = 'protect-ip' AND criterion_id = 'effort' AND value = 1"), "deleted outside trustshop"},
		{"database: a history row deleted", "w.db",
			sqlEdit("DELETE FROM history WHERE id = (SELECT min(id) + 5 FROM history)"), "does not follow the row before it"},
		{"database: a history value edited", "w.db",
			sqlEdit("UPDATE history SET new_value = '1' WHERE id = (SELECT min(id) FROM history WHERE entity = 'rating')"), "its content is not what was recorded"},
		{"database: history rows reordered", "w.db",
			sqlEdit("UPDATE history SET id = -id WHERE id IN (SELECT min(id) + 6 FROM history UNION SELECT min(id) + 7 FROM history)",
				"UPDATE history SET id = (SELECT min(id) FROM history WHERE id > 0) + 7 WHERE id = -((SELECT min(id) FROM history WHERE id > 0) + 6)",
				"UPDATE history SET id = -id - 1 WHERE id < 0"), "history row"},
		{"database: the last history row cut off", "w.db",
			sqlEdit("DELETE FROM history WHERE id = " + lastRow), "rows were cut off the end"},
		{"json: a rating's value edited", "w.json", jsonEdit(func(doc map[string]any) {
			r := ratingsOf(doc)[0].(map[string]any)
			r["value"] = float64(int(r["value"].(float64))%5 + 1)
		}), "edited outside trustshop"},
		{"json: a history row deleted", "w.json", jsonEdit(func(doc map[string]any) {
			r := ratingsOf(doc)[1].(map[string]any)
			r["history"] = historyOf(doc, 1)[1:]
		}), "missing before row"},
		{"json: history rows reordered", "w.json", jsonEdit(func(doc map[string]any) {
			h := doc["history"].([]any)
			a, b := h[1].(map[string]any), h[2].(map[string]any)
			a["seq"], b["seq"] = b["seq"], a["seq"]
		}), "history row"},
		{"json: a statistic edited", "w.json", jsonEdit(func(doc map[string]any) {
			el := doc["statistics"].(map[string]any)["elements"].([]any)[0].(map[string]any)
			el["median"] = 1.0
		}), "statistics.elements[0].median differs"},
		{"json: the chain head replaced", "w.json", jsonEdit(func(doc map[string]any) {
			doc["chain_head"] = strings.Repeat("0", 64)
		}), "rows were cut off the end"},
		{"csv: a cell changed", "w.csv", textEdit(func(s string) string {
			lines := strings.Split(s, "\n")
			lines[1] = strings.Replace(lines[1], ",FALSE,", ",TRUE,", 1)
			return strings.Join(lines, "\n")
		}), "is not as in the json"},
		{"csv: a row deleted", "w.csv", textEdit(func(s string) string {
			lines := strings.Split(s, "\n")
			return strings.Join(append(lines[:2:2], lines[3:]...), "\n")
		}), "is missing (deleted outside trustshop)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			for _, f := range []string{"w.db", "w.json", "w.csv"} {
				copyFile(t, dir+"/"+f, work+"/"+f)
			}
			if tc.tamper != nil {
				tc.tamper(t, work+"/"+tc.file)
			}
			before, _ := os.ReadFile(work + "/" + tc.file)
			rep, err := study.Verify(context.Background(), work+"/"+tc.file, study.VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			text := report(rep)
			t.Log(text)
			if tc.want == "" {
				if !rep.OK() {
					t.Fatalf("an untouched file is reported:\n%s", text)
				}
				if len(rep.Sessions) != 1 || rep.Sessions[0].Rows < 20 || !strings.Contains(rep.Sessions[0].Statistics, "the same") {
					t.Errorf("report: %s", text)
				}
			} else {
				if rep.OK() {
					t.Fatalf("the change was not caught:\n%s", text)
				}
				if !strings.Contains(text, tc.want) {
					t.Errorf("report does not say %q:\n%s", tc.want, text)
				}
			}
			if after, _ := os.ReadFile(work + "/" + tc.file); string(after) != string(before) {
				t.Error("verify changed the file")
			}
		})
	}
}

func report(rep *study.Report) string {
	var b strings.Builder
	for _, s := range rep.Sessions {
		b.WriteString(s.SessionID + " " + s.Statistics + "\n")
		for _, p := range s.Problems {
			b.WriteString("  " + p + "\n")
		}
	}
	for _, p := range rep.Problems {
		b.WriteString(p + "\n")
	}
	return b.String()
}

// TestVerifyCSVFields holds a csv export whose comment has a CRLF against
// its json: untouched it passes (the csv is read byte-true), and a change
// is reported by the field that differs.
func TestVerifyCSVFields(t *testing.T) {
	p := defaultPack(t)
	dir := t.TempDir()
	e := openEngine(t, dir+"/w.db", p)
	sess := workshop(t, e, p, "Leeds", [3][4]int{{3, 2, 4, 1}, {4, 2, 5, 2}, {5, 3, 4, 2}})
	v, comment := 3, "line1\r\nline2"
	if err := e.RecordRating(context.Background(), session.Facilitator(), session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID,
		ParticipantID: sess.Participants[1].ID, ElementID: "explain", CriterionID: "impact", Round: 2}, Value: &v, Comment: &comment}); err != nil {
		t.Fatal(err)
	}
	exportAs(t, e, sess.ID, "json", dir+"/w.json")
	exportAs(t, e, sess.ID, "csv", dir+"/w.csv")
	e.Close()
	b, _ := os.ReadFile(dir + "/w.csv")
	csvText := string(b)
	if !strings.Contains(csvText, "line1\r\nline2") {
		t.Fatal("the export lost the CRLF; the test needs it")
	}
	cases := []struct {
		name      string
		edit      func(string) string
		want, not string
	}{
		{"untouched, a comment with CRLF", func(s string) string { return s }, "", ""},
		{"the comment's CRLF made LF", func(s string) string { return strings.Replace(s, "line1\r\nline2", "line1\nline2", 1) }, `comment "line1\nline2", not "line1\r\nline2"`, "value"},
		{"the comment changed", func(s string) string { return strings.Replace(s, "line2", "line3", 1) }, "comment ", "abstain"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			copyFile(t, dir+"/w.json", work+"/w.json")
			os.WriteFile(work+"/w.csv", []byte(tc.edit(csvText)), 0o644)
			rep, err := study.Verify(context.Background(), work+"/w.csv", study.VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			text := report(rep)
			if tc.want == "" {
				if !rep.OK() {
					t.Fatalf("an untouched csv is reported:\n%s", text)
				}
				return
			}
			if rep.OK() || !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) {
				t.Errorf("report should say %q and not %q:\n%s", tc.want, tc.not, text)
			}
		})
	}
}
