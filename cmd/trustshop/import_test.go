package main

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// paperForms is a file as a spreadsheet in a decimal-comma locale writes
// paper forms typed in: semicolons, columns in its own order, no
// session_id, element_title or organisation, dates without a time, a
// question not answered, a blank row.
const paperForms = "participant;role;element_id;criterion;round;value;abstain;comment;rated_at;session_title\n" +
	"Ana;Supplier;explain;impact;1;4,0;;;2026-11-25;Paper forms\n" +
	"Ana;Supplier;explain;effort;1;;;;2026-11-25;Paper forms\n" +
	"Ben;user;explain;impact;1;;TRUE;\"can't judge; new here\";;Paper forms\n" +
	"Ben;user;explain;effort;1;2;;;2026-11-25T10:15:00+01:00;Paper forms\n" +
	";;;;;;;;;\n"

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lastLine is the last line of stdout: the new session's id.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func TestImportPaperForms(t *testing.T) {
	c := newCLI(t)
	file := writeFile(t, "forms.csv", paperForms)

	code, out, errs := c.run("", "import", file)
	if code != 1 || !strings.Contains(errs, file+`:2: rated_at "2026-11-25" is a date without a time: give --date`) ||
		!strings.Contains(errs, file+":4: rated_at is empty: give --date") || !strings.Contains(errs, "nothing imported") || out != "" {
		t.Fatalf("without --date: exit %d\nstdout %q\nstderr %s", code, out, errs)
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("a refused import created the database")
	}

	code, out, errs = c.run("", "import", file, "--date", "2026-11-25T09:00:00+01:00")
	if code != 0 {
		t.Fatalf("import: %s", errs)
	}
	for _, want := range []string{
		file + ": 5 rows read (semicolon-separated, decimal commas)",
		"  3 ratings: 2 values and 1 abstention, by 2 participants",
		"  1 cell left empty (not answered), no rating: line 3",
		"  2 ratings without a time of day took --date 2026-11-25T09:00:00+01:00: lines 2, 4",
		"  1 row skipped:\n    blank: line 6",
		`Imported "Paper forms": 3 ratings by 2 participants on dttf`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	id := lastLine(out)
	_, csv, _ := c.run("", "export", id, "--format", "csv")
	for _, want := range []string{
		",Paper forms,Ana,supplier,,explain,Explain your twin properly!,impact,1,4,FALSE,,2026-11-25T08:00:00Z\n",
		",Paper forms,Ben,user,,explain,Explain your twin properly!,impact,1,,TRUE,can't judge; new here,2026-11-25T08:00:00Z\n",
		",Paper forms,Ben,user,,explain,Explain your twin properly!,effort,1,2,FALSE,,2026-11-25T09:15:00Z\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("the export lacks %q:\n%s", want, csv)
		}
	}
	if strings.Contains(csv, "Ana,supplier,,explain,Explain your twin properly!,effort") {
		t.Errorf("the question left empty became a rating:\n%s", csv)
	}
	// An imported session is finished, not "planned" (issue 11).
	_, list, _ := c.run("", "sessions", "--json")
	var sessions []sessionJSON
	if err := json.Unmarshal([]byte(list), &sessions); err != nil || len(sessions) != 1 || sessions[0].Status != "finished" || sessions[0].Ratings != 3 {
		t.Errorf("sessions --json after the import: %v %s", err, list)
	}
}

func TestImportTheSameFileTwice(t *testing.T) {
	c := newCLI(t)
	file := writeFile(t, "forms.csv", paperForms)
	code, out, errs := c.run("", "import", file, "--date", "2026-11-25")
	if code != 0 {
		t.Fatal(errs)
	}
	id := lastLine(out)
	code, out, errs = c.run("", "import", file, "--date", "2026-11-25")
	if code != 1 || out != "" || !strings.Contains(errs, "this file was imported before, as "+id+` "Paper forms" (2026-11-25): nothing imported; give --again`) {
		t.Errorf("second import: exit %d\nstdout %q\nstderr %s", code, out, errs)
	}
	if n := c.sessionCount(); n != 1 {
		t.Errorf("%d sessions after a refused import, want 1", n)
	}
	code, out, errs = c.run("", "import", file, "--date", "2026-11-25", "--check")
	if code != 0 || !strings.Contains(out, "this file was imported before, as "+id) || !strings.Contains(out, "nothing written (--check)") {
		t.Errorf("--check of a file imported before: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs = c.run("", "import", file, "--date", "2026-11-25", "--again"); code != 0 || lastLine(out) == id {
		t.Errorf("--again: exit %d\n%s%s", code, out, errs)
	}
	if n := c.sessionCount(); n != 2 {
		t.Errorf("%d sessions after --again, want 2", n)
	}
}

func TestImportCheckWritesNothing(t *testing.T) {
	c := newCLI(t)
	file := writeFile(t, "forms.csv", paperForms)
	code, out, errs := c.run("", "import", file, "--date", "2026-11-25T09:00:00Z", "--check")
	if code != 0 || !strings.Contains(out, "3 ratings: 2 values and 1 abstention") || !strings.HasSuffix(out, "Checked against dttf 1.0.0: nothing written (--check)\n") {
		t.Errorf("--check: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("--check created the database")
	}
	bad := writeFile(t, "bad.csv", strings.Replace(paperForms, "4,0", "4,5", 1))
	if code, out, errs := c.run("", "import", bad, "--date", "2026-11-25", "--check"); code != 1 || out != "" ||
		!strings.Contains(errs, bad+`:2: value "4,5": a whole number on the impact scale 1..5`) {
		t.Errorf("--check of a bad file: exit %d\nstdout %q\nstderr %s", code, out, errs)
	}
}

func TestImportUsage(t *testing.T) {
	c := newCLI(t)
	file := writeFile(t, "forms.csv", paperForms)
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"import", file, "--date", "25.11.2026"}, 2, `--date "25.11.2026": write a time such as 2026-11-25T09:30:00Z`},
		{[]string{"import", file, "--date", "9999-12-31"}, 2, "the year must be from 1900 to 2999"},
		{[]string{"import", filepath.Join(t.TempDir(), "none.csv")}, 1, "no such file"},
		{[]string{"import"}, 2, "accepts 1 arg"},
	} {
		if code, _, errs := c.run("", tc.args...); code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.err)
		}
	}
	// stdin, with the file's own header and times
	stdin := "session_title,participant,role,element_id,criterion,round,value,abstain,rated_at\nT,Ana,supplier,explain,impact,1,4,FALSE,2026-11-25T09:00:00Z\n"
	if code, out, errs := c.run(stdin, "import", "-"); code != 0 || !strings.Contains(out, "-: 1 row read (comma-separated)") {
		t.Errorf("import -: exit %d\n%s%s", code, out, errs)
	}
}

// Hostile cells reach the terminal only escaped, and nothing is written.
func TestImportHostileFile(t *testing.T) {
	c := newCLI(t)
	file := writeFile(t, "evil.csv", "session_title,participant,role,element_id,criterion,round,value,abstain,comment,rated_at\n"+
		"T\x1b]0;pwned\x07,Ana,supplier,explain,impact,1,4,FALSE,,2026-11-25T09:00:00Z\n"+
		"T,Ana\x1b]52;c;aGk=\x07,supplier,explain,effort,1,4,FALSE,,2026-11-25T09:00:00Z\n"+
		"T,Ben,user,explain,impact,9223372036854775807,+4,FALSE,\x00,9999-12-31T00:00:00Z\n")
	code, out, errs := c.run("", "import", file)
	if code != 1 || out != "" || strings.ContainsAny(errs, "\x1b\x07\x00") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, out, errs)
	}
	for _, want := range []string{file + ":2: session_title holds a control character (U+001B)",
		file + `:3: participant "Ana\x1b]52;c;aGk=\a" holds a control character`, file + `:4: round "9223372036854775807"`,
		`value "+4"`, "comment holds a control character (U+0000)", `rated_at "9999-12-31T00:00:00Z": the year`, "3 bad rows against pack dttf; nothing imported"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("a refused import created the database")
	}
}

// export -o onto a named pipe streams into it (issue 13 §6).
func TestExportToAPipe(t *testing.T) {
	c := newCLI(t)
	id := ratedSession(t, c)
	fifo := filepath.Join(t.TempDir(), "ratings.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	code, _, errs := c.run("", "export", id, "-o", fifo)
	if code != 0 || !strings.Contains(errs, "Wrote "+fifo) {
		t.Fatalf("export -o fifo: exit %d: %s", code, errs)
	}
	select {
	case s := <-got:
		if !strings.HasPrefix(s, "session_id,session_title,") || strings.Count(s, "\n") != 7 {
			t.Errorf("the reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader got nothing")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe became %v (%v)", info.Mode(), err)
	}
}
