package present

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The test binary is also the facilitator's window of the two-process
// test: with facilitatorEnv set it runs the terminal interface on the
// database and session named there, reading its keys from standard input.
const facilitatorEnv = "TRUSTSHOP_TEST_FACILITATOR"

func TestMain(m *testing.M) {
	if spec := os.Getenv(facilitatorEnv); spec != "" {
		os.Exit(runFacilitator(spec))
	}
	os.Exit(m.Run())
}

// runFacilitator is the other process: trustshop open ID, keys from stdin.
func runFacilitator(spec string) int {
	path, id, _ := strings.Cut(spec, "#")
	ctx := context.Background()
	e, err := session.OpenEngine(ctx, path, session.Options{}, session.EngineOptions{})
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	defer e.Close()
	p, err := content.Default()
	if err != nil {
		return 1
	}
	err = tui.Run(ctx, tui.Options{Engine: e, Pack: p, Session: id, Input: os.Stdin, Output: io.Discard,
		ProgramOptions: []tea.ProgramOption{tea.WithWindowSize(100, 30), tea.WithoutSignals()}})
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// frames wraps the window so that a test sees each frame it draws: the
// program's goroutine sends them, so nothing races.
type frames struct {
	*Model
	out chan string
}

func (f frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := f.Model.Update(msg)
	select {
	case f.out <- tuitest.Plain(f.render()):
	default: // the test is not reading: it has what it needs
	}
	return f, cmd
}

// waitFrame waits until a frame shows text (and, with a leading "!", no
// longer shows it) and returns how long it took.
func waitFrame(t *testing.T, out chan string, text string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := time.After(limit)
	last := ""
	want := !strings.HasPrefix(text, "!")
	text = strings.TrimPrefix(text, "!")
	for {
		select {
		case f := <-out:
			last = f
			if strings.Contains(f, text) == want {
				return time.Since(start)
			}
		case <-deadline:
			t.Fatalf("no frame showed %q within %s; the last:\n%s", text, limit, last)
		}
	}
}

// The projector window follows the facilitator's window, which runs in
// another process on the same database: the next step and a pause show
// within a second of the key.
func TestPresentFollowsAnotherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "trustshop.db")
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := session.OpenEngine(ctx, path, session.Options{}, session.EngineOptions{PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	sess, err := e.CreateSession(ctx, session.Facilitator(), p, session.NewSession{Title: "Pilot", Facilitator: "Dana",
		Participants: []session.Participant{{Name: "Ana", Role: "supplier"}, {Name: "Ben", Role: "user"}}})
	if err != nil {
		t.Fatal(err)
	}

	// the facilitator's window, in a process of its own
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), facilitatorEnv+"="+path+"#"+sess.ID)
	keys, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		keys.Close() // the end of its input ends it
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()

	// the projector's window, here
	c := common.New(ctx, common.Options{Engine: e, Theme: common.ThemeHighContrast, ReadOnly: true})
	defer c.Close()
	out := make(chan string, 64)
	prog := tea.NewProgram(frames{New(c, sess.ID, false), out}, tea.WithInput(nil), tea.WithOutput(io.Discard),
		tea.WithWindowSize(100, 30), tea.WithoutSignals())
	done := make(chan struct{})
	go func() { prog.Run(); close(done) }()
	defer func() { prog.Quit(); <-done }()

	// the facilitator opens the session: its clock starts
	waitFrame(t, out, "5:00 left", 10*time.Second)
	for _, step := range []struct{ key, want string }{
		{"n", "Stakeholder map"},
		{"n", "Digital Twin Supplier"},
		{"b", "paused"},
		{"b", "!paused"},
		{"p", "Stakeholder map"},
		{"4", "› Trust from the user to the supplier"}, // a story opened from the map
		{"2", "› Create a common (economic) incentive!"},
		{"\x1b", "› Trust from the user to the supplier"}, // esc: back to the story
	} {
		if _, err := io.WriteString(keys, step.key); err != nil {
			t.Fatalf("the facilitator's window ended: %v\n%s", err, stderr.String())
		}
		took := waitFrame(t, out, step.want, 3*time.Second)
		t.Logf("%s: the projector showed %q after %s", step.key, step.want, took.Round(time.Millisecond))
		if took > time.Second {
			t.Errorf("%s: the projector followed after %s, want within a second", step.key, took)
		}
	}
	if stderr.Len() > 0 {
		t.Errorf("the facilitator's window said: %s", stderr.String())
	}
}
