package content

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

type manifestYAML struct {
	ID        string          `yaml:"id"`
	Title     string          `yaml:"title"`
	Version   string          `yaml:"version"`
	Source    string          `yaml:"source"`
	Licence   string          `yaml:"licence"`
	Consensus *consensusYAML  `yaml:"consensus"`
	Matrix    *matrixYAML     `yaml:"matrix"`
	Criteria  []criterionYAML `yaml:"criteria"`
	Agenda    []stepYAML      `yaml:"agenda"`
}

type consensusYAML struct {
	Rule         string `yaml:"rule"`
	MaxIQR       number `yaml:"max_iqr"`
	MinAgreement number `yaml:"min_agreement"`
}

type matrixYAML struct {
	X string `yaml:"x"`
	Y string `yaml:"y"`
}

type stepYAML struct {
	Kind    string `yaml:"kind"`
	Ref     string `yaml:"ref"`
	Minutes number `yaml:"minutes"`
}

// consensusRules lists the rules a pack may name, for messages too.
var consensusRules = []string{ConsensusIQRAgreement, ConsensusPercentAgreement, Consensus7015}

// maxIQRLimit bounds max_iqr by the widest scale a pack may have.
const maxIQRLimit = 2 * ScaleLimit

// manifest reads pack.yaml; without a usable manifest nothing else is read.
func (l *loader) manifest(p *Pack) bool {
	src, ok := l.read(ManifestFile, MaxManifestBytes, "missing: a pack folder needs a "+ManifestFile+" (see docs/content-packs.md)")
	if !ok || !l.checkText(ManifestFile, src) {
		return false
	}
	var m manifestYAML
	doc, ok := l.decodeYAML(ManifestFile, 0, src, &m)
	if !ok {
		return false
	}
	switch {
	case m.ID == "":
		l.add(ManifestFile, doc.start(), "missing id")
	case !validID(m.ID):
		l.add(ManifestFile, doc.line("id"), "id %q: use lower-case letters, digits and dashes", m.ID)
	}
	if strings.TrimSpace(m.Title) == "" {
		l.add(ManifestFile, doc.line("title"), "missing title")
	}
	if strings.TrimSpace(m.Version) == "" {
		l.add(ManifestFile, doc.line("version"), "missing version")
	}
	p.ID, p.Title, p.Version = m.ID, m.Title, m.Version
	p.Source, p.Licence = strings.TrimSpace(m.Source), strings.TrimSpace(m.Licence)
	p.Consensus = l.consensus(doc, m.Consensus)
	p.Criteria = l.criteria(doc, m.Criteria)
	p.Matrix = l.matrix(doc, m.Matrix, m.Criteria)
	p.Agenda = l.agenda(doc, m.Agenda)
	return true
}

func (l *loader) consensus(doc yamlDoc, c *consensusYAML) Consensus {
	out := DefaultConsensus
	if c == nil {
		return out
	}
	node := value(doc.root, "consensus")
	switch {
	case c.Rule == "":
	case !slices.Contains(consensusRules, c.Rule):
		l.add(ManifestFile, doc.lineIn(node, "rule"), "consensus rule %q: use %s", c.Rule, strings.Join(consensusRules, ", "))
	default:
		out.Rule = c.Rule
	}
	if c.MaxIQR.set() {
		v, err := c.MaxIQR.float()
		if err == nil && (v < 0 || v > maxIQRLimit) {
			err = fmt.Errorf("%s is outside 0..%d", c.MaxIQR.node.Value, maxIQRLimit)
		}
		if err != nil {
			l.add(ManifestFile, doc.offset+c.MaxIQR.line(), "consensus max_iqr %v", err)
		} else {
			out.MaxIQR = v
		}
	}
	if c.MinAgreement.set() {
		v, err := c.MinAgreement.float()
		if err == nil && (v < 0 || v > 1) {
			err = fmt.Errorf("%s is outside 0..1: it is a share, 0.75 for 75 %%", c.MinAgreement.node.Value)
		}
		if err != nil {
			l.add(ManifestFile, doc.offset+c.MinAgreement.line(), "consensus min_agreement %v", err)
		} else {
			out.MinAgreement = v
		}
	}
	return out
}

// matrix checks the manifest's matrix pair against the criteria as written
// (a criterion with a problem of its own is not reported again here).
func (l *loader) matrix(doc yamlDoc, m *matrixYAML, criteria []criterionYAML) Matrix {
	if m == nil {
		return Matrix{}
	}
	node := value(doc.root, "matrix")
	known := map[string]bool{}
	var ids []string
	for _, c := range criteria {
		known[c.ID] = true
		ids = append(ids, c.ID)
	}
	ok := true
	for _, axis := range []struct{ key, id string }{{"x", m.X}, {"y", m.Y}} {
		line := doc.lineIn(node, axis.key)
		switch {
		case axis.id == "":
			l.add(ManifestFile, line, "matrix: missing %s, the id of the criterion %s", axis.key, map[string]string{"x": "across", "y": "up"}[axis.key])
			ok = false
		case !known[axis.id]:
			l.add(ManifestFile, line, "matrix %s: unknown criterion %q (use %s)", axis.key, axis.id, strings.Join(ids, ", "))
			ok = false
		}
	}
	if ok && m.X == m.Y {
		l.add(ManifestFile, doc.lineIn(node, "y"), "matrix: x and y are both %q: name two different criteria", m.X)
	}
	return Matrix{X: m.X, Y: m.Y}
}

var stepKinds = map[StepKind]string{ // kind -> the kind of item its ref names
	StepIntro: "", StepMap: "", StepSummary: "",
	StepPersona: "persona", StepStory: "story", StepElement: "element",
}

func (l *loader) agenda(doc yamlDoc, list []stepYAML) []Step {
	lines := doc.items("agenda")
	if len(list) == 0 {
		l.add(ManifestFile, doc.line("agenda"), "no agenda: add the workshop's steps under \"agenda:\"")
	}
	var out []Step
	for i, s := range list {
		line := itemLine(lines, i, doc.line("agenda"))
		kind := StepKind(s.Kind)
		refKind, known := stepKinds[kind]
		switch {
		case s.Kind == "":
			l.add(ManifestFile, line, "agenda step %d: missing kind (intro, map, persona, story, element or summary)", i+1)
		case !known:
			l.add(ManifestFile, line, "agenda step %d: unknown kind %q (use intro, map, persona, story, element or summary)", i+1, s.Kind)
		case refKind == "" && s.Ref != "":
			l.add(ManifestFile, line, "agenda step %d: a %s step takes no ref", i+1, s.Kind)
		case refKind != "" && s.Ref == "":
			l.add(ManifestFile, line, "agenda step %d: a %s step needs the ref of a %s", i+1, s.Kind, refKind)
		case refKind != "":
			l.refs = append(l.refs, ref{file: ManifestFile, line: line, kind: refKind, id: s.Ref})
		}
		minutes := 0
		if !s.Minutes.set() {
			l.add(ManifestFile, line, "agenda step %d: missing minutes (a whole number from 1 to %d)", i+1, MaxStepMinutes)
		} else if v, err := s.Minutes.whole(1, MaxStepMinutes); err != nil {
			l.add(ManifestFile, doc.offset+s.Minutes.line(), "agenda step %d: minutes %v (a whole number from 1 to %d)", i+1, err, MaxStepMinutes)
		} else {
			minutes = v
		}
		out = append(out, Step{Kind: kind, Ref: s.Ref, Minutes: minutes})
	}
	return out
}

// validate checks every reference between items once all are read. A
// reference to an item whose file could not be read is not reported again:
// the file's own problem says what to fix.
func (l *loader) validate(p *Pack) {
	kinds := map[string]map[string]bool{"persona": {}, "story": {}, "element": {}}
	for _, x := range p.Personas {
		kinds["persona"][x.ID] = true
	}
	for _, x := range p.Stories {
		kinds["story"][x.ID] = true
	}
	for _, x := range p.Elements {
		kinds["element"][x.ID] = true
	}
	for _, r := range l.refs {
		if !kinds[r.kind][r.id] && !l.brokenIDs[r.id] && !l.brokenKinds[r.kind] {
			l.add(r.file, r.line, "unknown %s %q", r.kind, r.id)
		}
	}
}

// lineIn returns the file line of the value under key in the mapping n, or
// of n itself, or of the document's start.
func (d yamlDoc) lineIn(n *yaml.Node, key string) int {
	if v := value(n, key); v != nil {
		return d.offset + v.Line
	}
	if n != nil {
		return d.offset + n.Line
	}
	return d.start()
}
