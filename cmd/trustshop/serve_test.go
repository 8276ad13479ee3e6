package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/trustshop/trustshop/session"
)

// TestOpenServe runs `trustshop open ID --serve --addr 127.0.0.1:PORT` as
// a facilitator would, under an 80x24 pseudo terminal: the join screen
// shows, this test (another process on the same database) reads the join
// address and code from the engine and opens the page, and quitting stops
// serving.
func TestOpenServe(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not building the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	st, p, db := benchStore(t, dir)
	defer st.Close()
	ctx := context.Background()
	sess, err := st.CreateSession(ctx, session.CommandLine(), p, session.NewSession{Title: "Served", Facilitator: "Dana",
		Participants: []session.Participant{{Name: "Ana", Role: "supplier"}}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	cmd := exec.Command(bin, "open", sess.ID, "--serve", "--addr", addr, "--db", db)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		f.Close()
	}()
	var mu sync.Mutex
	var out bytes.Buffer
	go func() { // the terminal must be read, or the program blocks
		buf := make([]byte, 32<<10)
		for {
			n, err := f.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				mu.Lock()
				defer mu.Unlock()
				t.Fatalf("no %s after 15s; the screen:\n%q", what, out.String())
			}
		}
	}
	waitFor("join screen", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return bytes.Contains(out.Bytes(), []byte("Join code"))
	})
	// the screen draws the join screen before the outbox has told the
	// database it is shown: another process sees it a moment later
	var info session.ServeInfo
	var ok bool
	waitFor("join screen shown to other processes", func() bool {
		info, ok, err = st.Serving(ctx, sess.ID)
		return err != nil || ok && info.JoinShown
	})
	if err != nil || !ok || info.URL != "http://"+addr || !info.JoinShown {
		t.Fatalf("another process reads %+v %v %v", info, ok, err)
	}
	resp, err := http.Get(info.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Join the workshop") {
		t.Fatalf("the page: %d\n%s", resp.StatusCode, body)
	}
	if _, err := f.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("q did not end the program")
	}
	if _, ok, _ := st.Serving(ctx, sess.ID); ok {
		t.Error("still served after quitting")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Errorf("%s still listens after quitting", addr)
	}
}

func TestAddrNeedsServe(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	code, _, errs := c.run("", "open", id, "--addr", "127.0.0.1:8080")
	if code != exitUsage || !strings.Contains(errs, "--addr needs --serve") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
