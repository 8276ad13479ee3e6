package main

import (
	"io"
	"unicode/utf8"

	"github.com/trustshop/trustshop/session"
)

// visibleWriter is the one place the command line's text output (lists,
// statistics, outlines, messages, errors) is made safe for a terminal:
// whatever it passes on went through session.Visible, so a session title
// or a name holding an escape sequence, in a database written before the
// commands refused them, is printed as "\x1b]52;…" instead of rewriting
// the clipboard or the window title.
type visibleWriter struct {
	w       io.Writer
	pending []byte // an incomplete character, or a \r, held for the next write
}

func newVisibleWriter(w io.Writer) *visibleWriter { return &visibleWriter{w: w} }

// Write implements io.Writer. Bytes that may continue in the next write
// (the first bytes of a character, a \r that may precede a \n) are held
// until then or until Flush.
func (v *visibleWriter) Write(p []byte) (int, error) {
	buf := append(v.pending, p...)
	cut := len(buf) - incompleteTail(buf)
	if cut > 0 && buf[cut-1] == '\r' {
		cut--
	}
	out := session.Visible(string(buf[:cut]))
	v.pending = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(v.w, out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back.
func (v *visibleWriter) Flush() error {
	if len(v.pending) == 0 {
		return nil
	}
	out := session.Visible(string(v.pending))
	v.pending = nil
	_, err := io.WriteString(v.w, out)
	return err
}

// incompleteTail is the length of a UTF-8 sequence cut short at the end of
// b, or 0.
func incompleteTail(b []byte) int {
	for n := 1; n <= utf8.UTFMax-1 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c < utf8.RuneSelf { // ASCII: nothing started after it
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-n:]) {
				return 0
			}
			return n
		}
	}
	return 0
}

// data is where a command writes data for other programs (an export, JSON)
// to standard output: the bytes as they are when it goes to a file or a
// pipe, since an export must round-trip exactly, but through
// visibleWriter when it goes to a terminal, which would act on control
// characters.
func (a *app) data() io.Writer {
	if isTerminal(a.stdout) {
		return a.out
	}
	return a.stdout
}
