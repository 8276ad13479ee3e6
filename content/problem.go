package content

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a pack, at a file and line of the pack.
type Problem struct {
	File string // slash-separated, relative to the pack folder
	Line int    // 1-based; 0 when the file as a whole is meant
	Msg  string
}

// Error implements error as "file:line: message".
func (p Problem) Error() string {
	if p.Line <= 0 {
		return p.File + ": " + p.Msg
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// Problems is every problem found in a pack. It is returned as an error by
// Load when the pack is not usable.
type Problems []Problem

// Error implements error, one problem a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// In returns the problems with each file prefixed by dir, so that messages
// name files the way the user typed the folder.
func (ps Problems) In(dir string) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.File = path.Join(dir, p.File)
		out[i] = p
	}
	return out
}

// problems collects problems while a pack is read.
type problems struct{ list Problems }

// add records a problem. Messages may quote pack text, so any control
// character left in one is written as an escape, never sent to a terminal.
func (c *problems) add(file string, line int, format string, args ...any) {
	c.list = append(c.list, Problem{File: visible(file), Line: line, Msg: visible(fmt.Sprintf(format, args...))})
}

var (
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlAtLine  = regexp.MustCompile(`at line (\d+)`)
	yamlKeyLine = regexp.MustCompile(`^(\s*(?:-\s+)?)([^\s#:'"][^:]*?):\s+(.*?)\s*(?:\s#.*)?$`)
	yamlUnmarsh = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
	yamlDupKey  = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
)

// addYAML records a YAML error, moving its line numbers by offset (the file
// line of the YAML's first line, minus one; positive for front matter). yaml.v3 may join several
// errors in one message; each becomes its own problem. src is the YAML, for
// messages that quote the line at fault.
func (c *problems) addYAML(file string, offset int, src []byte, err error) {
	prefix := ""
	if offset > 0 {
		prefix = "front matter: "
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n")
	for _, part := range strings.Split(msg, "\n") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n := 1
		if m := yamlLine.FindStringSubmatch(part); m != nil {
			n, _ = strconv.Atoi(m[1])
			part = m[2]
		}
		part = strings.TrimPrefix(part, "yaml: ")
		if strings.Contains(part, "tab character") || strings.HasPrefix(part, "found character that cannot start any token") {
			n = tabLine(src, n) // yaml.v3 may name the line before the tab
		}
		c.add(file, n+offset, "%s%s", prefix, tidyYAMLMessage(part, sourceLine(src, n), offset))
	}
}

// tabLine returns the first line from n on (within two) that is indented
// with a tab, or n.
func tabLine(src []byte, n int) int {
	for i := n; i <= n+2; i++ {
		if l := sourceLine(src, i); strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			return i
		}
	}
	return n
}

// sourceLine returns line n (1-based) of src, or "".
func sourceLine(src []byte, n int) string {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[n-1], "\r")
}

// tidyYAMLMessage turns yaml.v3's messages into ones a pack author can act
// on: what is wrong in their words, and the fix. line is the YAML line the
// message is about.
func tidyYAMLMessage(s, line string, offset int) string {
	switch {
	case strings.HasPrefix(s, "mapping values are not allowed"):
		if m := yamlKeyLine.FindStringSubmatch(line); m != nil && strings.Contains(m[3], ": ") {
			return fmt.Sprintf("the value of %q holds \": \", which YAML reads as the start of another field: put the value in quotes, %s: %s",
				m[2], m[2], strconv.Quote(m[3]))
		}
		return "a value holds \": \", which YAML reads as the start of another field: put the value in quotes"
	case strings.Contains(s, "tab character"),
		strings.HasPrefix(s, "found character that cannot start any token") && strings.Contains(line, "\t"):
		return "this line is indented with a tab: YAML indents with spaces only"
	case strings.HasPrefix(s, "could not find expected ':'"):
		return "a line without \"field: value\": add the colon, or indent the line if it continues the value above"
	}
	if m := yamlDupKey.FindStringSubmatch(s); m != nil {
		first, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("%q is given twice (first on line %d): keep one", m[1], first+offset)
	}
	if m := yamlUnmarsh.FindStringSubmatch(s); m != nil {
		what := map[string]string{"str": "text", "int": "a whole number", "float": "a number", "bool": "true or false",
			"seq": "a list", "map": "key: value pairs", "null": "empty", "timestamp": "a date"}[m[1]]
		if what == "" {
			what = m[1]
		}
		if m[2] != "" {
			what = fmt.Sprintf("%q is %s", m[2], what)
		} else {
			what = "found " + what
		}
		return fmt.Sprintf("%s where %s is expected", what, goTypeWords(m[3]))
	}
	return yamlAtLine.ReplaceAllStringFunc(s, func(at string) string {
		n, _ := strconv.Atoi(strings.TrimPrefix(at, "at line "))
		return fmt.Sprintf("at line %d", n+offset)
	})
}

// goTypeWords says a Go type of the pack's YAML structs in a pack author's words.
func goTypeWords(t string) string {
	switch {
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	}
	return "key: value pairs"
}
