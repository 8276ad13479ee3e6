package content

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Pack text reaches terminals (titles, bodies, labels), so it may hold no
// character a terminal acts on: an escape sequence in a title could rewrite
// the clipboard (OSC 52) or the window title when it is printed. The loader
// refuses such text where it enters, with file:line, rather than every
// printer cleaning it up.

// isControl reports whether r is a C0 control other than tab and newline,
// DEL, or a C1 control.
func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// hasControl reports whether s holds a control character or is not UTF-8.
func hasControl(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if isControl(r) {
			return true
		}
	}
	return false
}

// visible returns s with control characters and bytes that are not UTF-8
// written as escapes, for messages that quote pack text or file names.
func visible(s string) string {
	if !hasControl(s) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// controlName names a control character for a message: "U+001B (ESC)".
func controlName(r rune) string {
	names := map[rune]string{0: "NUL", 7: "BEL", 8: "backspace", 0x0b: "vertical tab", 0x0c: "form feed",
		0x0d: "carriage return", 0x1b: "ESC", 0x7f: "DEL", 0x9b: "CSI", 0x9d: "OSC"}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}

// maxTextProblems bounds the control-character reports for one file, so that
// a binary file gives a few lines, not thousands.
const maxTextProblems = 5

// checkText reports each line of a file that is not UTF-8, holds a control
// character, or a Markdown character reference to one ("&#27;", which the
// renderer would turn into ESC). A carriage return before a newline (a file
// saved on Windows) is allowed. It returns false when anything was found.
func (l *loader) checkText(file string, b []byte) bool {
	found := 0
	report := func(line int, format string, args ...any) {
		if found < maxTextProblems {
			l.add(file, line, format, args...)
		} else if found == maxTextProblems {
			l.add(file, line, "more lines with control characters or bytes that are not UTF-8 follow")
		}
		found++
	}
	line := 1
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\n' {
			line++
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if isControl(rune(c)) && !(c == '\r' && i+1 < len(b) && b[i+1] == '\n') {
				report(line, "control character %s: terminals act on it, so pack text may not hold it; remove it", controlName(rune(c)))
				i = nextLine(b, i)
				continue
			}
			if c == '&' && i+1 < len(b) && b[i+1] == '#' {
				if r, n := charRef(b[i:]); n > 0 && isControl(r) {
					report(line, "%s is a character reference to control character %s: remove it", b[i:i+n], controlName(r))
					i = nextLine(b, i)
					continue
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			report(line, "not UTF-8 text: save the file as UTF-8")
		case isControl(r):
			report(line, "control character %s: terminals act on it, so pack text may not hold it; remove it", controlName(r))
		default:
			i += size
			continue
		}
		i = nextLine(b, i)
	}
	return found == 0
}

// nextLine returns the index of the newline ending the line at i.
func nextLine(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// charRef decodes a numeric character reference ("&#27;", "&#x1b;") at the
// start of b, returning the character and the reference's length, or n == 0.
func charRef(b []byte) (r rune, n int) {
	end := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if end < 3 {
		return 0, 0
	}
	digits, base := string(b[2:end]), 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits == "" || digits[0] == '+' {
		return 0, 0
	}
	return rune(v), end + 1
}

// refControl returns the first character reference to a control character
// in s, or "".
func refControl(s string) (string, rune) {
	for i := strings.Index(s, "&#"); i >= 0; {
		if r, n := charRef([]byte(s[i:])); n > 0 && isControl(r) {
			return s[i : i+n], r
		}
		j := strings.Index(s[i+2:], "&#")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return "", 0
}

// checkScalars reports every YAML value (or key) that holds a control
// character after YAML read its escapes: "\e" and "\x1b" in double quotes
// make an ESC that the file's bytes do not show, and so may a !!binary
// value, which is refused. Aliases are not followed;
// the value they name is checked where it is written.
func (l *loader) checkScalars(d yamlDoc, n *yaml.Node) {
	if n == nil || n.Kind == yaml.AliasNode {
		return
	}
	if n.Kind == yaml.ScalarNode {
		if n.ShortTag() == "!!binary" {
			// yaml.v3 decodes base64 into a text field, bytes unchecked
			l.add(d.file, d.offset+n.Line, "a !!binary value: pack text is plain text, write it without the tag")
			return
		}
		for _, r := range n.Value {
			if isControl(r) {
				l.add(d.file, d.offset+n.Line, "a quoted value writes control character %s as an escape: terminals act on it, so pack text may not hold it; remove it", controlName(r))
				return
			}
		}
		if ref, r := refControl(n.Value); ref != "" {
			l.add(d.file, d.offset+n.Line, "%s is a character reference to control character %s: remove it", visible(ref), controlName(r))
		}
		return
	}
	for _, c := range n.Content {
		l.checkScalars(d, c)
	}
}
