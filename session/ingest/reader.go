package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxRowBytes bounds one row of a file. A row of ratings is a few hundred
// bytes (a name holds at most 100 characters, a comment 2,000); a longer
// one is not a file of ratings, and reading on would only fill memory.
const MaxRowBytes = 1 << 20

const tooLong = "the row is longer than 1 MiB; a row of ratings is a few hundred bytes: is this the right file?"

// records reads the records of an RFC 4180 file with a given separator.
// It is encoding/csv's reader but for one thing: a quoted cell keeps its
// bytes as they are, where encoding/csv turns every CRLF inside quotes into
// LF (golang/go#22746, by design), so a comment typed with CRLF would not
// survive export, import and export. Outside quotes a record ends at LF or
// CRLF.
type records struct {
	r       *bufio.Reader
	sep     byte
	line    int    // lines read so far
	long    []byte // a line longer than r's buffer
	buf     []byte // the cells of the current record, end to end
	ends    []int  // where each cell ends in buf
	cells   []string
	tooLong bool
}

// syntaxError is a record that cannot be read; reading stops there,
// since where the next record starts is no longer certain.
type syntaxError struct {
	start, line int // the record's first line, the line of the fault
	msg         string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func newRecords(r *bufio.Reader, sep byte) *records {
	return &records{r: r, sep: sep}
}

// readLine returns the next line with its line break, or io.EOF. A line
// longer than MaxRowBytes is cut there (and the record marked too long);
// the rest of it is skipped, so line numbers stay right.
func (rr *records) readLine() ([]byte, error) {
	line, err := rr.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		rr.long = append(rr.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = rr.r.ReadSlice('\n')
			if len(rr.long)+len(line) > MaxRowBytes {
				rr.tooLong = true
			} else {
				rr.long = append(rr.long, line...)
			}
		}
		line = rr.long
	}
	if len(line) > 0 {
		rr.line++
		if errors.Is(err, io.EOF) {
			err = nil
		}
	}
	return line, err
}

// add appends bytes to the current cell, up to MaxRowBytes a record.
func (rr *records) add(b []byte) {
	if len(rr.buf)+len(b) > MaxRowBytes {
		rr.tooLong = true
		return
	}
	rr.buf = append(rr.buf, b...)
}

// lineEnd reports whether rest is what is left of a line after its last
// cell: nothing, LF or CRLF.
func lineEnd(rest []byte) bool {
	return len(rest) == 0 || len(rest) == 1 && rest[0] == '\n' || len(rest) == 2 && rest[0] == '\r' && rest[1] == '\n'
}

// read returns the next record and the line it starts on, or io.EOF after
// the last one. The cells are valid until the next call.
func (rr *records) read() (cells []string, start int, err error) {
	rr.buf, rr.ends, rr.tooLong = rr.buf[:0], rr.ends[:0], false
	line, err := rr.readLine()
	if err != nil {
		return nil, rr.line + 1, err
	}
	start = rr.line
	fault := func(format string, args ...any) ([]string, int, error) {
		return nil, start, &syntaxError{start: start, line: rr.line, msg: fmt.Sprintf(format, args...)}
	}
	for {
		if rr.tooLong {
			return fault(tooLong)
		}
		cell := len(rr.ends) + 1
		if len(line) > 0 && line[0] == '"' {
			line = line[1:]
			for {
				if i := bytes.IndexByte(line, '"'); i >= 0 {
					rr.add(line[:i])
					line = line[i+1:]
					if len(line) > 0 && line[0] == '"' { // "" is one quote
						rr.add(line[:1])
						line = line[1:]
						continue
					}
					break
				}
				rr.add(line) // the line break is part of the cell, CR and all
				if rr.tooLong {
					return fault(tooLong)
				}
				if line, err = rr.readLine(); err != nil {
					if errors.Is(err, io.EOF) {
						return fault("cell %d opens a quote on line %d that is never closed", cell, start)
					}
					return nil, start, err
				}
			}
			rr.ends = append(rr.ends, len(rr.buf))
			switch {
			case len(line) > 0 && line[0] == rr.sep:
				line = line[1:]
				continue
			case lineEnd(line) && rr.tooLong:
				return fault(tooLong)
			case lineEnd(line):
				return rr.record(), start, nil
			}
			return fault("cell %d has text after its closing quote: a quote inside a quoted cell is written twice (\"\")", cell)
		}
		i := bytes.IndexByte(line, rr.sep)
		end := i
		if i < 0 {
			end = len(line)
			if end > 0 && line[end-1] == '\n' {
				end--
				if end > 0 && line[end-1] == '\r' {
					end--
				}
			}
		}
		if bytes.IndexByte(line[:end], '"') >= 0 {
			return fault("cell %d holds a quote (\") but does not start with one: quote the whole cell and write the quote twice", cell)
		}
		rr.add(line[:end])
		rr.ends = append(rr.ends, len(rr.buf))
		if i < 0 {
			if rr.tooLong {
				return fault(tooLong)
			}
			return rr.record(), start, nil
		}
		line = line[i+1:]
	}
}

// record cuts the current record's cells out of one string.
func (rr *records) record() []string {
	s := string(rr.buf)
	rr.cells = rr.cells[:0]
	from := 0
	for _, end := range rr.ends {
		rr.cells = append(rr.cells, s[from:end])
		from = end
	}
	return rr.cells
}

// CSVReader reads an RFC 4180 file byte-true: a quoted cell keeps a CRLF
// inside it, which encoding/csv turns into LF. verify reads csv exports
// with it, so an untouched export with such a comment matches its json.
type CSVReader struct{ rr *records }

// NewCSVReader reads r with the separator sep.
func NewCSVReader(r io.Reader, sep byte) *CSVReader {
	return &CSVReader{newRecords(bufio.NewReader(r), sep)}
}

// Read returns the next record (a fresh slice) and the line it starts on,
// or io.EOF after the last one.
func (c *CSVReader) Read() ([]string, int, error) {
	cells, line, err := c.rr.read()
	if err != nil {
		return nil, line, err
	}
	return append([]string(nil), cells...), line, nil
}
