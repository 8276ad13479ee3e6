package ingest

import (
	"bufio"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// readAll reads every record with its start line, or the first error.
func readAll(s string, sep byte) ([][]string, []int, error) {
	rr := newRecords(bufio.NewReaderSize(strings.NewReader(s), 16), sep) // a small buffer: lines longer than it
	var recs [][]string
	var starts []int
	for {
		rec, start, err := rr.read()
		if errors.Is(err, io.EOF) {
			return recs, starts, nil
		}
		if err != nil {
			return recs, starts, err
		}
		recs = append(recs, append([]string(nil), rec...))
		starts = append(starts, start)
	}
}

func TestRecords(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		sep    byte
		recs   [][]string
		starts []int
	}{
		{"plain", "a,b\nc,d\n", ',', [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"no final line break", "a,b\nc,d", ',', [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"CRLF line ends", "a,b\r\nc,d\r\n", ',', [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"CRLF inside quotes is kept", "a,\"x\r\ny\"\r\nc,d\n", ',', [][]string{{"a", "x\r\ny"}, {"c", "d"}}, []int{1, 3}},
		{"LF inside quotes", "\"1\n2\n3\",b\nc,d\n", ',', [][]string{{"1\n2\n3", "b"}, {"c", "d"}}, []int{1, 4}},
		{"lone CR inside quotes", "\"a\rb\",c\n", ',', [][]string{{"a\rb", "c"}}, []int{1}},
		{"lone CR unquoted", "a\rb,c\n", ',', [][]string{{"a\rb", "c"}}, []int{1}},
		{"doubled quotes", "\"say \"\"hi\"\"\",\"\"\n", ',', [][]string{{`say "hi"`, ""}}, []int{1}},
		{"empty cells", ",,\n", ',', [][]string{{"", "", ""}}, []int{1}},
		{"empty line", "a\n\nb\n", ',', [][]string{{"a"}, {""}, {"b"}}, []int{1, 2, 3}},
		{"semicolon", "a;\"b;c\";5,0\n", ';', [][]string{{"a", "b;c", "5,0"}}, []int{1}},
		{"tab", "a\tb c\t\n", '\t', [][]string{{"a", "b c", ""}}, []int{1}},
		{"a line longer than the buffer", strings.Repeat("x", 40) + "," + strings.Repeat("y", 40) + "\n", ',',
			[][]string{{strings.Repeat("x", 40), strings.Repeat("y", 40)}}, []int{1}},
		{"quoted cell across buffer refills", "\"" + strings.Repeat("q\r\n", 20) + "\",z\n", ',',
			[][]string{{strings.Repeat("q\r\n", 20), "z"}}, []int{1}},
		{"NUL and ESC are data", "a\x00,\x1b[31m\n", ',', [][]string{{"a\x00", "\x1b[31m"}}, []int{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, starts, err := readAll(c.in, c.sep)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(recs, c.recs) || !reflect.DeepEqual(starts, c.starts) {
				t.Errorf("got %q at %v, want %q at %v", recs, starts, c.recs, c.starts)
			}
		})
	}
}

func TestRecordFaults(t *testing.T) {
	cases := []struct {
		name        string
		in          string
		start, line int
		msg         string
	}{
		{"never closed", "a,b\nc,\"open\nmore\n", 2, 3, "cell 2 opens a quote on line 2 that is never closed"},
		{"text after the quote", "a,b\n\"x\"y,z\n", 2, 2, "cell 1 has text after its closing quote"},
		{"bare quote", "a,b\nx,a \"q\" b\n", 2, 2, "cell 2 holds a quote"},
		{"space before a quote", "a, \"b\"\n", 1, 1, "cell 2 holds a quote"},
		{"row too long", "a,b\n" + strings.Repeat("x", MaxRowBytes+10) + "\nc,d\n", 2, 2, "longer than 1 MiB"},
		{"quoted row too long", "a,b\n\"" + strings.Repeat("x\n", MaxRowBytes/2+10) + "\"\n", 2, MaxRowBytes/2 + 2, "longer than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readAll(c.in, ',')
			var se *syntaxError
			if !errors.As(err, &se) || se.start != c.start || se.line != c.line || !strings.Contains(se.msg, c.msg) {
				t.Errorf("err = %v (%+v), want record %d, line %d: %q", err, se, c.start, c.line, c.msg)
			}
		})
	}
}
