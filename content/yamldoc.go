package content

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlDoc is one YAML document of a pack file: decoded strictly into a struct
// for its values, and kept as a node tree for the file lines of its parts.
type yamlDoc struct {
	file   string
	offset int // file line of the YAML's first line, minus one
	root   *yaml.Node
}

// decodeYAML decodes src strictly (unknown fields are problems) into v.
// It reports every problem to c and returns false when v is unusable.
func decodeYAML(c *problems, file string, offset int, src []byte, v any) (yamlDoc, bool) {
	doc := yamlDoc{file: file, offset: offset}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		c.addYAML(file, offset, err)
		return doc, false
	}
	if len(root.Content) == 0 {
		c.add(file, offset+1, "the YAML is empty")
		return doc, false
	}
	doc.root = root.Content[0]
	if doc.root.Kind != yaml.MappingNode {
		c.add(file, offset+doc.root.Line, "expected key: value pairs")
		return doc, false
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		c.addYAML(file, offset, err)
		// An unknown (misspelt) field is reported, but the rest of the item
		// is still read, so that its id does not go missing and every
		// reference to it is not reported as a second, false problem.
		var te *yaml.TypeError
		return doc, errors.As(err, &te) && doc.root.Decode(v) == nil
	}
	return doc, true
}

// value returns the node under key in the mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// line returns the file line of the value under key, or of the document's
// start when the key is absent.
func (d yamlDoc) line(key string) int {
	if n := value(d.root, key); n != nil {
		return d.offset + n.Line
	}
	return d.start()
}

// start is the file line of the document's first key.
func (d yamlDoc) start() int {
	if d.root == nil {
		return d.offset + 1
	}
	return d.offset + d.root.Line
}

// items returns the file lines of the items of the list under key.
func (d yamlDoc) items(key string) []int {
	return d.itemsOf(value(d.root, key))
}

func (d yamlDoc) itemsOf(n *yaml.Node) []int {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	lines := make([]int, len(n.Content))
	for i, item := range n.Content {
		lines[i] = d.offset + item.Line
	}
	return lines
}

// itemLine returns the line of item i of a list of lines, or fallback.
func itemLine(lines []int, i, fallback int) int {
	if i < len(lines) {
		return lines[i]
	}
	return fallback
}

// splitFrontMatter splits a Markdown file into its YAML front matter and
// body. bodyLine is the file line the body starts on.
func splitFrontMatter(c *problems, file string, src []byte) (front []byte, body string, ok bool) {
	text := strings.TrimPrefix(string(src), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		c.add(file, 1, "no front matter: the file must start with a line \"---\", then YAML, then \"---\"")
		return nil, "", false
	}
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimSpace(lines[i]); t == "---" || t == "..." {
			return []byte(strings.Join(lines[1:i], "")), strings.Join(lines[i+1:], ""), true
		}
	}
	c.add(file, 1, "front matter is not closed: add a line \"---\" after its last field")
	return nil, "", false
}

// splitSections cuts a Markdown body at its level-two headings, ignoring
// headings inside fenced code blocks.
func splitSections(body string) []Section {
	var (
		out   []Section
		cur   *Section
		fence bool
		buf   strings.Builder
	)
	flush := func() {
		if cur != nil {
			cur.Body = strings.TrimSpace(buf.String())
			out = append(out, *cur)
		}
		buf.Reset()
	}
	for _, ln := range strings.SplitAfter(body, "\n") {
		t := strings.TrimSpace(ln)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence && strings.HasPrefix(ln, "## ") {
			flush()
			cur = &Section{Heading: strings.TrimSpace(strings.TrimPrefix(ln, "## "))}
			continue
		}
		buf.WriteString(ln)
	}
	flush()
	return out
}

// hasSection reports whether a section with the heading (any case) exists.
func hasSection(ss []Section, heading string) bool {
	for _, s := range ss {
		if strings.EqualFold(s.Heading, heading) {
			return true
		}
	}
	return false
}
