// Package content loads, validates and presents trustshop content packs.
//
// A content pack is a folder a researcher edits by hand: a manifest
// (pack.yaml) with the pack's metadata, rating criteria and agenda, an
// intro.md, and one Markdown file with YAML front matter for every persona,
// user story and solution element (personas/, stories/, elements/). The
// format is documented in docs/content-packs.md. The default pack, the
// Digital Twin Trust Framework, is embedded in the binary (see Default).
package content

import "slices"

// Pack is a loaded content pack.
type Pack struct {
	ID          string
	Title       string
	Version     string
	Source      string // citation of the work the pack is based on
	Licence     string
	ContentHash string // "sha256:<hex>" over every file of the pack

	Intro     Intro
	Personas  []Persona
	Stories   []Story
	Elements  []Element
	Criteria  []Criterion
	Agenda    []Step
	Consensus Consensus
}

// Intro is the pack's opening text.
type Intro struct {
	Title string
	Body  string // Markdown
}

// Testimonial is a quote from an interview with the role that gave it.
type Testimonial struct {
	Quote       string `yaml:"quote" json:"quote"`
	Attribution string `yaml:"attribution" json:"attribution"`
}

// Reference is a cited work; URL may be empty.
type Reference struct {
	Text string `yaml:"text" json:"text"`
	URL  string `yaml:"url,omitempty" json:"url,omitempty"`
}

// Section is one "## Heading" part of a Markdown body.
type Section struct {
	Heading string
	Body    string
}

// Persona is a stakeholder type of the framework.
type Persona struct {
	ID           string
	Title        string
	Short        string // a few words for maps and pickers
	Body         string // Markdown: profile, tasks, needs and pain points
	Sections     []Section
	Testimonials []Testimonial
	References   []Reference
	Stories      []string // ids of the connected user stories
}

// Story is a user story: who must trust whom, and the elements that help.
type Story struct {
	ID           string
	Title        string
	From, To     string // persona ids: From must trust To
	Detailed     bool   // false: the source names the story only, the group fills it in
	Body         string
	Sections     []Section
	Testimonials []Testimonial
	Elements     []string // ids of the solution elements that answer it
}

// Element is a solution element that experts rate.
type Element struct {
	ID           string
	Title        string
	Body         string
	Sections     []Section
	Testimonials []Testimonial
	References   []Reference
}

// Criterion is one question every element is rated on.
type Criterion struct {
	ID       string
	Label    string
	Question string
	Min, Max int
	Points   map[int]string // a label for every point from Min to Max
	// LowerIsBetter says the lowest ratings are the best (effort): the
	// ranking puts them first.
	LowerIsBetter bool
}

// PointLabel returns the label of scale point v, or "".
func (c Criterion) PointLabel(v int) string { return c.Points[v] }

// InScale reports whether v is a point of the criterion's scale.
func (c Criterion) InScale(v int) bool { return v >= c.Min && v <= c.Max }

// Consensus holds the thresholds for calling an element's ratings a consensus.
type Consensus struct {
	MaxIQR       float64 // consensus needs iqr <= MaxIQR
	MinAgreement float64 // and agreement >= MinAgreement
}

// DefaultConsensus is used when a pack sets no thresholds.
var DefaultConsensus = Consensus{MaxIQR: 1, MinAgreement: 0.75}

// StepKind says what an agenda step shows.
type StepKind string

// The kinds of agenda step.
const (
	StepIntro   StepKind = "intro"
	StepMap     StepKind = "map" // the stakeholder map
	StepPersona StepKind = "persona"
	StepStory   StepKind = "story"
	StepElement StepKind = "element" // the element and its rating
	StepSummary StepKind = "summary"
)

// Step is one agenda step.
type Step struct {
	Kind    StepKind
	Ref     string // the persona, story or element id; empty for intro, map, summary
	Minutes int    // suggested duration
}

// Key identifies the step within a pack, e.g. "element:explain" or "intro".
// Notes and timers in a session are stored under it.
func (s Step) Key() string {
	if s.Ref == "" {
		return string(s.Kind)
	}
	return string(s.Kind) + ":" + s.Ref
}

// Persona returns the persona with the id.
func (p *Pack) Persona(id string) (Persona, bool) {
	i := slices.IndexFunc(p.Personas, func(x Persona) bool { return x.ID == id })
	if i < 0 {
		return Persona{}, false
	}
	return p.Personas[i], true
}

// Story returns the user story with the id.
func (p *Pack) Story(id string) (Story, bool) {
	i := slices.IndexFunc(p.Stories, func(x Story) bool { return x.ID == id })
	if i < 0 {
		return Story{}, false
	}
	return p.Stories[i], true
}

// Element returns the solution element with the id.
func (p *Pack) Element(id string) (Element, bool) {
	i := slices.IndexFunc(p.Elements, func(x Element) bool { return x.ID == id })
	if i < 0 {
		return Element{}, false
	}
	return p.Elements[i], true
}

// Criterion returns the rating criterion with the id.
func (p *Pack) Criterion(id string) (Criterion, bool) {
	i := slices.IndexFunc(p.Criteria, func(x Criterion) bool { return x.ID == id })
	if i < 0 {
		return Criterion{}, false
	}
	return p.Criteria[i], true
}

// StepTitle returns a short human title for an agenda step.
func (p *Pack) StepTitle(s Step) string {
	switch s.Kind {
	case StepIntro:
		return "Introduction"
	case StepMap:
		return "Stakeholder map"
	case StepSummary:
		return "Summary"
	case StepPersona:
		if x, ok := p.Persona(s.Ref); ok {
			return x.Title
		}
	case StepStory:
		if x, ok := p.Story(s.Ref); ok {
			return x.Title
		}
	case StepElement:
		if x, ok := p.Element(s.Ref); ok {
			return x.Title
		}
	}
	return s.Key()
}
