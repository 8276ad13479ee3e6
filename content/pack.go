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
	Matrix    Matrix // the manifest's matrix pair; empty when it sets none (see MatrixAxes)
}

// Matrix names the two criteria of the matrix chart by id: X across, Y up.
type Matrix struct{ X, Y string }

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
	// Points labels the scale's points: Min and Max always, the points
	// between them where the pack gives a label (a 0..10 scale may label
	// only 0, 5 and 10).
	Points map[int]string
	// LowerIsBetter is true for a criterion where less is better (effort,
	// cost, risk): rankings and the 70-15 consensus rule read the scale the
	// other way round. The pack says `better: lower`; the default is higher.
	LowerIsBetter bool
}

// The bounds of a rating scale: its points lie within ScaleLimit of zero,
// and it has at most MaxScalePoints points, so that a pack cannot make a
// scale too long to list or rate by key.
const (
	ScaleLimit     = 1000
	MaxScalePoints = 101
)

// MaxStepMinutes is the longest agenda step, ten hours.
const MaxStepMinutes = 600

// PointLabel returns the label of scale point v, or "" for a point the pack
// leaves unlabelled (show its number alone).
func (c Criterion) PointLabel(v int) string { return c.Points[v] }

// InScale reports whether v is a point of the criterion's scale.
func (c Criterion) InScale(v int) bool { return v >= c.Min && v <= c.Max }

// Consensus is the pack's definition of consensus on an element x criterion.
type Consensus struct {
	// Rule is ConsensusIQRAgreement, ConsensusPercentAgreement or
	// Consensus7015.
	Rule string
	// MaxIQR: iqr-agreement needs iqr <= MaxIQR. The other rules ignore it.
	MaxIQR float64
	// MinAgreement: iqr-agreement and percent-agreement need agreement (the
	// share of ratings within one point of the median) >= MinAgreement.
	// 70-15 ignores it.
	MinAgreement float64
}

// The consensus rules a pack may choose.
const (
	// ConsensusIQRAgreement: IQR <= max_iqr and agreement >= min_agreement.
	ConsensusIQRAgreement = "iqr-agreement"
	// ConsensusPercentAgreement: agreement >= min_agreement, no IQR condition
	// (Diamond et al. 2014, J Clin Epidemiol 67:401).
	ConsensusPercentAgreement = "percent-agreement"
	// Consensus7015: at least 70 % of ratings in the best third of the scale
	// and under 15 % in the worst third, best and worst by the criterion's
	// direction (LowerIsBetter).
	Consensus7015 = "70-15"
)

// DefaultConsensus is used when a pack sets no thresholds.
var DefaultConsensus = Consensus{Rule: ConsensusIQRAgreement, MaxIQR: 1, MinAgreement: 0.75}

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

// MatrixAxes returns the criteria of the matrix chart: x across, y up. It is
// the pair the pack's manifest names; else effort across and impact up when
// the pack has both ids; else the second criterion across and the first up.
// ok is false when the pack has fewer than two criteria.
func (p *Pack) MatrixAxes() (x, y Criterion, ok bool) {
	if len(p.Criteria) < 2 {
		return Criterion{}, Criterion{}, false
	}
	if x, okx := p.Criterion(p.Matrix.X); okx {
		if y, oky := p.Criterion(p.Matrix.Y); oky {
			return x, y, true
		}
	}
	if x, okx := p.Criterion("effort"); okx {
		if y, oky := p.Criterion("impact"); oky {
			return x, y, true
		}
	}
	return p.Criteria[1], p.Criteria[0], true
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
