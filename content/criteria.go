package content

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

type criterionYAML struct {
	ID       string `yaml:"id"`
	Label    string `yaml:"label"`
	Question string `yaml:"question"`
	Better   string `yaml:"better"`
	Min      number `yaml:"min"`
	Max      number `yaml:"max"`
	Points   points `yaml:"points"`
}

// points is a criterion's scale labels as written, so that the mistakes
// people make (a list instead of a mapping, a key in quotes) get a message
// in their words rather than yaml.v3's "cannot unmarshal !!seq into map".
type points struct{ node *yaml.Node }

// UnmarshalYAML implements yaml.Unmarshaler by keeping the node.
func (p *points) UnmarshalYAML(node *yaml.Node) error {
	p.node = node
	return nil
}

func (l *loader) criteria(doc yamlDoc, list []criterionYAML) []Criterion {
	lines := doc.items("criteria")
	if len(list) == 0 {
		l.add(ManifestFile, doc.line("criteria"), "no criteria: add at least one under \"criteria:\"")
	}
	seen := map[string]bool{}
	var out []Criterion
	for i, c := range list {
		line := itemLine(lines, i, doc.line("criteria"))
		switch {
		case c.ID == "":
			l.add(ManifestFile, line, "criterion %d: missing id", i+1)
		case !validID(c.ID):
			l.add(ManifestFile, line, "criterion id %q: use lower-case letters, digits and dashes", c.ID)
		case seen[c.ID]:
			l.add(ManifestFile, line, "duplicate criterion id %q", c.ID)
		}
		seen[c.ID] = true
		if strings.TrimSpace(c.Label) == "" {
			l.add(ManifestFile, line, "criterion %q: missing label", c.ID)
		}
		if strings.TrimSpace(c.Question) == "" {
			l.add(ManifestFile, line, "criterion %q: missing question", c.ID)
		}
		lower := false
		switch c.Better {
		case "", "higher":
		case "lower":
			lower = true
		default:
			l.add(ManifestFile, doc.lineIn(itemNode(value(doc.root, "criteria"), i), "better"), "criterion %q: better %q: use higher (the default) or lower", c.ID, c.Better)
		}
		lo, hi, ok := l.scale(doc, c, line)
		if !ok {
			continue
		}
		labels, ok := l.points(doc, c, line, lo, hi)
		if !ok {
			continue
		}
		out = append(out, Criterion{ID: c.ID, Label: c.Label, Question: c.Question, Min: lo, Max: hi, Points: labels, LowerIsBetter: lower})
	}
	return out
}

// itemNode returns item i of the list n, or nil.
func itemNode(n *yaml.Node, i int) *yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}

// scale reads a criterion's min and max: whole numbers within ScaleLimit of
// zero, min below max, at most MaxScalePoints points.
func (l *loader) scale(doc yamlDoc, c criterionYAML, line int) (lo, hi int, ok bool) {
	if !c.Min.set() || !c.Max.set() {
		l.add(ManifestFile, line, "criterion %q: the scale needs min and max", c.ID)
		return 0, 0, false
	}
	ok = true
	for _, f := range []struct {
		name string
		n    number
		v    *int
	}{{"min", c.Min, &lo}, {"max", c.Max, &hi}} {
		v, err := f.n.whole(-ScaleLimit, ScaleLimit)
		if err != nil {
			l.add(ManifestFile, doc.offset+f.n.line(), "criterion %q: scale %s %v (a whole number from %d to %d)", c.ID, f.name, err, -ScaleLimit, ScaleLimit)
			ok = false
		}
		*f.v = v
	}
	switch {
	case !ok:
	case lo >= hi:
		l.add(ManifestFile, line, "criterion %q: scale min %d must be below max %d", c.ID, lo, hi)
		ok = false
	case hi-lo+1 > MaxScalePoints:
		l.add(ManifestFile, line, "criterion %q: a scale of %d points cannot be rated by key: use at most %d", c.ID, hi-lo+1, MaxScalePoints)
		ok = false
	}
	return lo, hi, ok
}

// points reads a criterion's labels. Both ends of the scale need one; the
// points between may go without (a 0..10 scale may label 0, 5 and 10).
func (l *loader) points(doc yamlDoc, c criterionYAML, line, lo, hi int) (map[int]string, bool) {
	n := c.Points.node
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	labels := map[int]string{}
	switch {
	case n == nil || n.ShortTag() == "!!null":
	case n.Kind == yaml.SequenceNode:
		l.add(ManifestFile, doc.offset+n.Line, "criterion %q: the points are a list (\"- label\"): write one \"value: label\" a line instead, e.g. %d: %s",
			c.ID, lo, exampleLabel(n))
		return nil, false
	case n.Kind != yaml.MappingNode:
		l.add(ManifestFile, doc.offset+n.Line, "criterion %q: points: write one \"value: label\" a line, e.g. %d: Little", c.ID, lo)
		return nil, false
	}
	ok, keysOK := true, true
	if n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			at := doc.offset + k.Line
			p, err := pointKey(k)
			if err != nil {
				l.add(ManifestFile, at, "criterion %q: %v", c.ID, err)
				ok, keysOK = false, false
				continue
			}
			if p < lo || p > hi {
				l.add(ManifestFile, at, "criterion %q: label for point %d outside the scale %d..%d", c.ID, p, lo, hi)
				ok = false
				continue
			}
			if _, dup := labels[p]; dup {
				l.add(ManifestFile, at, "criterion %q: point %d is labelled twice", c.ID, p)
				ok = false
				continue
			}
			if v.Kind != yaml.ScalarNode {
				l.add(ManifestFile, doc.offset+v.Line, "criterion %q: the label of point %d must be text", c.ID, p)
				ok = false
				continue
			}
			if v.ShortTag() != "!!null" && strings.TrimSpace(v.Value) != "" {
				labels[p] = v.Value
			}
		}
	}
	var missing []string
	for _, p := range []int{lo, hi} {
		if labels[p] == "" {
			missing = append(missing, strconv.Itoa(p))
		}
	}
	if len(missing) > 0 && keysOK { // a point written wrongly is likely the missing one
		l.add(ManifestFile, line, "criterion %q: missing label for scale point %s: label at least both ends of the scale", c.ID, strings.Join(missing, " and "))
		ok = false
	}
	return labels, ok
}

// pointKey reads a scale point written as a key of points.
func pointKey(k *yaml.Node) (int, error) {
	if k.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("a point must be a whole number")
	}
	if k.ShortTag() == "!!str" {
		if _, err := strconv.Atoi(strings.TrimSpace(k.Value)); err == nil && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			return 0, fmt.Errorf("point %q is in quotes, so YAML reads it as text: write %s: without quotes", k.Value, strings.TrimSpace(k.Value))
		}
		return 0, fmt.Errorf("point %q is not a number: the points are the whole numbers from min to max", k.Value)
	}
	v, err := number{k}.whole(-ScaleLimit, ScaleLimit)
	if err != nil {
		return 0, fmt.Errorf("point %v", err)
	}
	return v, nil
}

// exampleLabel returns the first label of a list of points, for the fix.
func exampleLabel(n *yaml.Node) string {
	if len(n.Content) > 0 && n.Content[0].Kind == yaml.ScalarNode && n.Content[0].Value != "" {
		return n.Content[0].Value
	}
	return "Little"
}
