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

func (c *problems) add(file string, line int, format string, args ...any) {
	c.list = append(c.list, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// addYAML records a YAML error, moving its line numbers by offset (the file
// line of the YAML's first line, minus one; positive for front matter). yaml.v3 may join several
// errors in one message; each becomes its own problem.
func (c *problems) addYAML(file string, offset int, err error) {
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
		if m := yamlLine.FindStringSubmatch(part); m != nil {
			n, _ := strconv.Atoi(m[1])
			c.add(file, n+offset, "%s%s", prefix, tidyYAMLMessage(m[2]))
			continue
		}
		c.add(file, offset+1, "%s%s", prefix, tidyYAMLMessage(strings.TrimPrefix(part, "yaml: ")))
	}
}

// tidyYAMLMessage makes yaml.v3's Go-flavoured messages read for a pack author.
func tidyYAMLMessage(s string) string {
	if i := strings.Index(s, " not found in type "); i >= 0 {
		return "unknown " + s[:i] + " (check the spelling against docs/content-packs.md)"
	}
	s = strings.ReplaceAll(s, "!!str", "text")
	s = strings.ReplaceAll(s, "!!int", "a whole number")
	s = strings.ReplaceAll(s, "!!seq", "a list")
	s = strings.ReplaceAll(s, "!!map", "a mapping")
	return s
}
