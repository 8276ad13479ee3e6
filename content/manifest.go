package content

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
)

type manifestYAML struct {
	ID        string          `yaml:"id"`
	Title     string          `yaml:"title"`
	Version   string          `yaml:"version"`
	Source    string          `yaml:"source"`
	Licence   string          `yaml:"licence"`
	Consensus *consensusYAML  `yaml:"consensus"`
	Criteria  []criterionYAML `yaml:"criteria"`
	Agenda    []stepYAML      `yaml:"agenda"`
}

type consensusYAML struct {
	MaxIQR       *float64 `yaml:"max_iqr"`
	MinAgreement *float64 `yaml:"min_agreement"`
}

type criterionYAML struct {
	ID       string         `yaml:"id"`
	Label    string         `yaml:"label"`
	Question string         `yaml:"question"`
	Min      *int           `yaml:"min"`
	Max      *int           `yaml:"max"`
	Points   map[int]string `yaml:"points"`
}

type stepYAML struct {
	Kind    string `yaml:"kind"`
	Ref     string `yaml:"ref"`
	Minutes int    `yaml:"minutes"`
}

// manifest reads pack.yaml; without a usable manifest nothing else is read.
func (l *loader) manifest(p *Pack) bool {
	l.ids = map[string]string{}
	src, err := l.read(ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		l.add(ManifestFile, 0, "missing: a pack folder needs a %s (see docs/content-packs.md)", ManifestFile)
		return false
	}
	if err != nil {
		l.add(ManifestFile, 0, "cannot read: %v", err)
		return false
	}
	var m manifestYAML
	doc, ok := decodeYAML(&l.problems, ManifestFile, 0, src, &m)
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
	p.Agenda = l.agenda(doc, m.Agenda)
	return true
}

func (l *loader) consensus(doc yamlDoc, c *consensusYAML) Consensus {
	out := DefaultConsensus
	if c == nil {
		return out
	}
	if c.MaxIQR != nil {
		out.MaxIQR = *c.MaxIQR
		if out.MaxIQR < 0 {
			l.add(ManifestFile, doc.line("consensus"), "consensus max_iqr must not be negative")
		}
	}
	if c.MinAgreement != nil {
		out.MinAgreement = *c.MinAgreement
		if out.MinAgreement < 0 || out.MinAgreement > 1 {
			l.add(ManifestFile, doc.line("consensus"), "consensus min_agreement is a share between 0 and 1")
		}
	}
	return out
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
		if c.Min == nil || c.Max == nil {
			l.add(ManifestFile, line, "criterion %q: the scale needs min and max", c.ID)
			continue
		}
		lo, hi := *c.Min, *c.Max
		if lo >= hi {
			l.add(ManifestFile, line, "criterion %q: scale min %d must be below max %d", c.ID, lo, hi)
			continue
		}
		if hi-lo > 100 {
			l.add(ManifestFile, line, "criterion %q: a scale of more than 101 points cannot be rated by key", c.ID)
			continue
		}
		var missing []string
		for v := lo; v <= hi; v++ {
			if strings.TrimSpace(c.Points[v]) == "" {
				missing = append(missing, strconv.Itoa(v))
			}
		}
		if len(missing) > 0 {
			l.add(ManifestFile, line, "criterion %q: missing label for scale point %s", c.ID, strings.Join(missing, ", "))
		}
		for v := range c.Points {
			if v < lo || v > hi {
				l.add(ManifestFile, line, "criterion %q: label for point %d outside the scale %d..%d", c.ID, v, lo, hi)
			}
		}
		out = append(out, Criterion{ID: c.ID, Label: c.Label, Question: c.Question, Min: lo, Max: hi, Points: c.Points})
	}
	return out
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
		if s.Minutes <= 0 {
			l.add(ManifestFile, line, "agenda step %d: minutes must be a positive whole number", i+1)
		}
		out = append(out, Step{Kind: kind, Ref: s.Ref, Minutes: s.Minutes})
	}
	return out
}

// validate checks every reference between items once all are read.
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
		if !kinds[r.kind][r.id] {
			l.add(r.file, r.line, "unknown %s %q", r.kind, r.id)
		}
	}
}
