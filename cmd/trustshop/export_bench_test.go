package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

// bigSession creates a session of 7,143 participants in a new database in
// dir and gives it n ratings with one INSERT … SELECT in one transaction
// (so the benchmark process never holds them): 7 elements x 2 criteria x
// 10 rounds per participant, an abstention every 23rd rating, a comment
// with a comma every 10th.
func bigSession(tb testing.TB, dir string, n int) (db, id string) {
	tb.Helper()
	ctx := context.Background()
	st, p, db := benchStore(tb, dir)
	const rounds = 10
	cells := len(p.Elements) * len(p.Criteria)
	in := session.NewSession{Title: "One million ratings", Facilitator: "Bench", Date: "2026-11-25"}
	for i := range (n + cells*rounds - 1) / (cells * rounds) {
		role := p.Personas[i%len(p.Personas)].ID
		in.Participants = append(in.Participants, session.Participant{Name: fmt.Sprintf("Participant %05d", i), Role: role, Organisation: "Org " + role})
	}
	sess, err := st.ImportSession(ctx, session.Importer(), p, in, nil)
	st.Close()
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	conn, err := sql.Open("sqlite3", "file:"+db+"?_foreign_keys=on&_txlock=immediate")
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	var elements []string
	for i, e := range p.Elements {
		elements = append(elements, fmt.Sprintf("(%d, '%s')", i, e.ID))
	}
	// Rating i: participant i/140, round i/14%10+1, element i/2%7,
	// criterion i%2 (impact, effort).
	q := fmt.Sprintf(`WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < %d),
		e(k, id) AS (VALUES %s),
		first(id) AS (SELECT min(id) FROM participants WHERE session_id = '%s')
		INSERT INTO ratings (session_id, participant_id, element_id, criterion_id, round, value, abstain, comment, rated_at, updated_at)
		SELECT '%s', first.id + n / %d, e.id, CASE n %% 2 WHEN 0 THEN 'impact' ELSE 'effort' END, n / %d %% %d + 1,
			CASE WHEN n %% 23 = 0 THEN NULL ELSE (n * 7 + n / 140) %% 5 + 1 END, n %% 23 = 0,
			CASE WHEN n %% 10 = 0 THEN 'a short remark, with a comma' ELSE '' END,
			strftime('%%Y-%%m-%%dT%%H:%%M:%%S.000000000Z', '2026-11-25 09:00:00', '+' || (n / 1000) || ' seconds'),
			'2026-11-25T09:00:00.000000000Z'
		FROM i JOIN e ON e.k = n / 2 %% %d CROSS JOIN first`,
		n-1, strings.Join(elements, ", "), sess.ID, sess.ID, cells*rounds, cells, rounds, len(p.Elements))
	tx, err := conn.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := tx.Exec("PRAGMA cache_size = -131072"); err != nil {
		tb.Fatal(err)
	}
	if _, err := tx.Exec(q); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built %d ratings in %v", n, time.Since(start).Round(time.Millisecond))
	return db, sess.ID
}

// runProcess runs a command with stdout to a file and returns its wall
// time and peak resident memory. The peak is the child's VmHWM, sampled
// from /proc while it runs: the rusage of a child started with vfork, as
// os/exec does, also counts the parent's memory at the time of exec.
// Where /proc is missing, it falls back to that rusage.
func runProcess(tb testing.TB, out string, name string, args ...string) (time.Duration, int64) {
	tb.Helper()
	f, err := os.Create(out)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = f, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	done := make(chan struct{})
	sampled := make(chan int64)
	go func() {
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		var hwm int64
		for {
			hwm = max(hwm, vmHWM(status))
			select {
			case <-done:
				sampled <- hwm
				return
			case <-tick.C:
			}
		}
	}()
	err = cmd.Wait()
	elapsed := time.Since(start)
	close(done)
	hwm := <-sampled
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	if hwm > 0 {
		return elapsed, hwm
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return elapsed, ru.Maxrss * 1024 // kilobytes on Linux
	}
	return elapsed, 0
}

// vmHWM reads the peak resident set size in bytes from a /proc status
// file, or 0.
func vmHWM(path string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// sqliteQuery selects the rows `export --format csv` writes, in its order,
// the way that lets SQLite stream them from its indexes without a sort
// (starting from ratings instead takes twice as long).
const sqliteQuery = `SELECT s.id, s.title, p.name, p.role, p.organisation, r.element_id, r.element_id,
	r.criterion_id, r.round, r.value, CASE r.abstain WHEN 1 THEN 'TRUE' ELSE 'FALSE' END, r.comment, r.rated_at
	FROM sessions s JOIN participants p ON p.session_id = s.id JOIN ratings r ON r.participant_id = p.id
	WHERE s.id = '%s' AND (r.value IS NOT NULL OR r.abstain = 1)
	ORDER BY p.position, p.id, r.element_id, r.criterion_id, r.round`

// BenchmarkExportCSVProcess runs `trustshop export ID --format csv` as a
// whole process on a session of 1,000,000 ratings, and the sqlite3 shell
// dumping the same rows as csv. Targets: within 1.5x of sqlite3, <= 200 MB
// peak memory. Metrics: peak-MB (max RSS of the child), x-sqlite3 (time
// relative to the fastest sqlite3 run).
func BenchmarkExportCSVProcess(b *testing.B) {
	dir := b.TempDir()
	bin := buildBinary(b, dir)
	db, id := bigSession(b, dir, 1_000_000)
	out := filepath.Join(dir, "out.csv")

	var sqliteBest time.Duration
	sqlite, err := exec.LookPath("sqlite3")
	if err == nil {
		b.Run("sqlite3", func(b *testing.B) {
			var peak int64
			for b.Loop() {
				d, rss := runProcess(b, out, sqlite, "-csv", "-header", db, fmt.Sprintf(sqliteQuery, id))
				peak = max(peak, rss)
				if sqliteBest == 0 || d < sqliteBest {
					sqliteBest = d
				}
			}
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
		})
	} else {
		b.Log("no sqlite3 on PATH (apt-get install sqlite3): the comparison is skipped")
	}
	b.Run("trustshop", func(b *testing.B) {
		var peak int64
		var times []time.Duration
		for b.Loop() {
			d, rss := runProcess(b, out, bin, "export", id, "--format", "csv", "--db", db)
			peak = max(peak, rss)
			times = append(times, d)
		}
		b.ReportMetric(float64(peak)/1e6, "peak-MB")
		if sqliteBest > 0 {
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2])/float64(sqliteBest), "x-sqlite3")
		}
	})
}
