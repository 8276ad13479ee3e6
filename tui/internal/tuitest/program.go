package tuitest

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// Start runs the model in teatest at w x h with the ASCII colour profile.
func Start(tb testing.TB, m tea.Model, w, h int) *teatest.TestModel {
	tb.Helper()
	return teatest.NewTestModel(tb, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

// WaitFor waits until the program has drawn text.
func WaitFor(tb testing.TB, tm *teatest.TestModel, text string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// WaitForAll waits until the program has drawn every one of texts, read
// without escape sequences, in any order and in any frames since it was
// called.
func WaitForAll(tb testing.TB, tm *teatest.TestModel, texts ...string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool { // b: all output since the call
		plain := []byte(ansi.Strip(string(b)))
		for _, t := range texts {
			if !bytes.Contains(plain, []byte(t)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// WaitForText waits until the program has drawn text, read without escape
// sequences (styles split styled text in the raw stream).
func WaitForText(tb testing.TB, tm *teatest.TestModel, text string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// FinalScreen quits and returns the last frame as plain text.
func FinalScreen(tb testing.TB, tm *teatest.TestModel) string {
	tb.Helper()
	if err := tm.Quit(); err != nil {
		tb.Fatal(err)
	}
	return ScreenText(tm.FinalModel(tb, teatest.WithFinalTimeout(5*time.Second)))
}
