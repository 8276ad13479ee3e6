package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// buildBinary builds trustshop into dir for whole-process benchmarks.
func buildBinary(tb testing.TB, dir string) string {
	tb.Helper()
	bin := filepath.Join(dir, "trustshop")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// benchStore opens a new database in dir for a whole-process benchmark to
// fill, with the embedded pack. The caller closes the store before the runs.
func benchStore(tb testing.TB, dir string) (*session.Engine, *content.Pack, string) {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	db := filepath.Join(dir, "bench.db")
	st, err := session.OpenEngine(context.Background(), db, session.Options{}, session.EngineOptions{Pack: p})
	if err != nil {
		tb.Fatal(err)
	}
	return st, p, db
}

// BenchmarkSessionsProcess runs `trustshop sessions` as a whole process on
// a database holding 1,000 sessions. Target: <= 50 ms per run.
func BenchmarkSessionsProcess(b *testing.B) {
	dir := b.TempDir()
	bin := buildBinary(b, dir)
	st, p, db := benchStore(b, dir)
	ctx := context.Background()
	for i := range 1000 {
		_, err := st.CreateSession(ctx, session.CommandLine(), p, session.NewSession{
			Title: fmt.Sprintf("Workshop %d", i), Facilitator: "Dana", Date: "2026-11-25",
			Participants: []session.Participant{{Name: "Ana", Role: "supplier"}, {Name: "Ben", Role: "user"}, {Name: "Chi", Role: "partner"}},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	for b.Loop() {
		cmd := exec.Command(bin, "sessions", "--db", db)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
