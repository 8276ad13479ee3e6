package exportdialog

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/tui/common"
)

// exportCmd writes session id in format to path. Without replace, an
// existing file is left alone and reported.
func exportCmd(c *common.Common, owner *Model, p *content.Pack, id, format, path string, replace bool) tea.Cmd {
	return func() tea.Msg {
		msg := exportedMsg{owner: owner, path: path}
		if _, err := os.Stat(path); err == nil && !replace {
			msg.exists = true
			return msg
		}
		f, ok := export.Lookup(format)
		if !ok {
			msg.err = fmt.Errorf("export: unknown format %q", format)
			return msg
		}
		// as `trustshop export` without --all: a summary of a running
		// session shows what the room saw, csv and json every value
		w, err := c.Engine.Session(c.Ctx, id)
		if err != nil {
			msg.err = fmt.Errorf("export session %s: %w", id, err)
			return msg
		}
		sum, err := export.Load(c.Ctx, c.Engine, id, f.Options(w.Status, false))
		if err != nil {
			msg.err = fmt.Errorf("export session %s: %w", id, err)
			return msg
		}
		msg.err = export.WriteFileContext(c.Ctx, path, func(w io.Writer) error {
			cw := &countingWriter{w: w}
			err := f.Write(cw, sum)
			msg.bytes = cw.n
			return err
		})
		return msg
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// slugify makes a file name part of a title: lower case letters and digits
// joined by single dashes, at most 40 characters; "session" if none.
func slugify(title string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range strings.ToLower(title) {
		if n >= 40 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "session"
	}
	return b.String()
}
