package content

import (
	"fmt"
	"reflect"
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

// decodeYAML parses src once into a node tree, reports fields the target
// type does not have (misspelt fields are problems) and control characters
// made by escapes, then decodes the tree into v. It reports every problem
// and returns false when v is unusable.
func (l *loader) decodeYAML(file string, offset int, src []byte, v any) (yamlDoc, bool) {
	doc := yamlDoc{file: file, offset: offset}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		l.addYAML(file, offset, src, err)
		return doc, false
	}
	if len(root.Content) == 0 {
		l.add(file, offset+1, "the YAML is empty")
		return doc, false
	}
	doc.root = root.Content[0]
	if doc.root.Kind != yaml.MappingNode {
		l.add(file, offset+doc.root.Line, "expected key: value pairs")
		return doc, false
	}
	l.checkScalars(doc, doc.root)
	// An unknown (misspelt) field is reported, but the rest of the item is
	// still read, so that its id does not go missing and every reference to
	// it is not reported as a second, false problem.
	l.knownFields(doc, doc.root, reflect.TypeOf(v))
	if err := doc.root.Decode(v); err != nil {
		l.addYAML(file, offset, src, err)
		return doc, false
	}
	return doc, true
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// knownFields reports each key of a mapping that the struct type t has no
// field for, with the nearest field name when there is one.
func (l *loader) knownFields(d yamlDoc, n *yaml.Node, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n == nil || reflect.PointerTo(t).Implements(unmarshalerType) {
		return
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name != "" && name != "-" {
				fields[name] = f.Type
				names = append(names, name)
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			switch {
			case ok:
				l.knownFields(d, n.Content[i+1], ft)
			case k.Value != "<<": // a YAML merge key
				l.add(d.file, d.offset+k.Line, "unknown field %q%s (the fields are listed in docs/content-packs.md)", k.Value, didYouMean(k.Value, names))
			}
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			l.knownFields(d, c, t.Elem())
		}
	}
}

// didYouMean returns ": did you mean "x"?" for the name nearest to typed
// within two edits, or "".
func didYouMean(typed string, names []string) string {
	best, dist := "", 3
	for _, n := range names {
		if d := editDistance(typed, n); d < dist {
			best, dist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(": did you mean %q?", best)
}

// editDistance is the Levenshtein distance between two short names.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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
// body.
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
