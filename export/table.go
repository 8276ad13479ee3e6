package export

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// TableWriter aligns tab-separated cells in columns the way
// text/tabwriter does, but by display width: tabwriter counts runes, so a
// CJK title (two columns a character) or a name with a combining accent
// shifts every column after it. Lines written between two flushes form
// one table; each cell ended by a tab is padded to its column's widest
// cell plus the padding, and the last cell of a line is not padded.
type TableWriter struct {
	w       io.Writer
	padding int
	buf     bytes.Buffer
}

// NewTableWriter returns a TableWriter writing to w with padding spaces
// between columns.
func NewTableWriter(w io.Writer, padding int) *TableWriter {
	return &TableWriter{w: w, padding: padding}
}

// Write buffers p until Flush.
func (t *TableWriter) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the buffered lines, aligned, and empties the buffer.
func (t *TableWriter) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	if text == "" {
		return nil
	}
	lines := strings.SplitAfter(text, "\n")
	rows := make([][]string, len(lines))
	var widths []int
	for i, l := range lines {
		cells := strings.Split(strings.TrimSuffix(l, "\n"), "\t")
		rows[i] = cells
		for j, c := range cells[:len(cells)-1] { // the last cell is not aligned
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], ansi.StringWidth(c))
		}
	}
	var b strings.Builder
	for i, cells := range rows {
		for j, c := range cells {
			b.WriteString(c)
			if j < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-ansi.StringWidth(c)+t.padding))
			}
		}
		if strings.HasSuffix(lines[i], "\n") {
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(t.w, b.String())
	return err
}
