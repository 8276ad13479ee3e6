package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// BenchmarkShowProcess runs `trustshop show explain` as a whole process,
// output to a pipe (plain text at 80 columns), beside the floor: a program
// that only renders the same Markdown with glamour at the same width
// (testdata/showfloor). Target: trustshop within 1.2x of the floor.
func BenchmarkShowProcess(b *testing.B) {
	dir := b.TempDir()
	bin := buildBinary(b, dir)
	floor := filepath.Join(dir, "showfloor")
	if out, err := exec.Command("go", "build", "-o", floor, "./testdata/showfloor").CombinedOutput(); err != nil {
		b.Fatalf("go build showfloor: %v\n%s", err, out)
	}
	p, err := content.Default()
	if err != nil {
		b.Fatal(err)
	}
	it, _ := p.Item("explain")
	md := filepath.Join(dir, "explain.md")
	if err := os.WriteFile(md, []byte(p.Markdown(it)), 0o600); err != nil {
		b.Fatal(err)
	}
	run := func(name string, args ...string) time.Duration {
		cmd := exec.Command(name, args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		if out.Len() < 1000 {
			b.Fatalf("%s printed %d bytes", name, out.Len())
		}
		return d
	}
	// the two alternate, so a busy machine slows both alike; ns/op is
	// trustshop's run, floor-ns/op the floor's and x-floor their ratio
	var ours, theirs time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		ours += run(bin, "show", "explain", "--width", "80")
		b.StopTimer()
		theirs += run(floor, md, strconv.Itoa(80))
		b.StartTimer()
		n++
	}
	b.ReportMetric(float64(theirs.Nanoseconds())/float64(n), "floor-ns/op")
	b.ReportMetric(float64(ours)/float64(theirs), "x-floor")
}

// BenchmarkFirstFrameProcess starts `trustshop open ID` under a pseudo
// terminal of 100x30 and stops the clock when the walkthrough's first frame
// with the session's content (its step line) has been written: process
// start to first frame, as a facilitator sees it. Target: <= 100 ms.
func BenchmarkFirstFrameProcess(b *testing.B) {
	dir := b.TempDir()
	bin := buildBinary(b, dir)
	st, p, db := benchStore(b, dir)
	ctx := context.Background()
	sess, err := st.CreateSession(ctx, session.CommandLine(), p, session.NewSession{Title: "Bench", Facilitator: "Dana",
		Participants: []session.Participant{{Name: "Ana", Role: "supplier"}, {Name: "Ben", Role: "user"}}})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.MoveTo(ctx, session.CommandLine(), sess.ID, 12, false); err != nil { // an element step
		b.Fatal(err)
	}
	st.Close()
	for b.Loop() {
		firstFrame(b, bin, "open", sess.ID, "--db", db)
	}
}

// firstFrame runs the program on a pty until it has drawn the step line,
// then kills it.
func firstFrame(b *testing.B, bin string, args ...string) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var mu sync.Mutex
	var out bytes.Buffer
	done := make(chan struct{})
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := f.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			found := bytes.Contains(out.Bytes(), []byte("Step 13 of"))
			mu.Unlock()
			if found {
				close(done)
				return
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		mu.Lock()
		defer mu.Unlock()
		b.Fatalf("no first frame after 10s; output:\n%q", out.String())
	}
	b.StopTimer()
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	b.StartTimer()
}
