package content

// Outline is a pack's structure without its text, as `trustshop pack show
// --json` prints it. Field names are a contract for other tools.
type Outline struct {
	ID          string             `json:"id"`
	Title       string             `json:"title"`
	Version     string             `json:"version"`
	ContentHash string             `json:"content_hash"`
	Source      string             `json:"source"`
	Licence     string             `json:"licence"`
	Personas    []OutlinePersona   `json:"personas"`
	Stories     []OutlineStory     `json:"stories"`
	Elements    []OutlineElement   `json:"elements"`
	Criteria    []OutlineCriterion `json:"criteria"`
	Agenda      []OutlineStep      `json:"agenda"`
	Consensus   OutlineConsensus   `json:"consensus"`
	// Matrix is the pair of criteria the matrix chart uses (Pack.MatrixAxes),
	// null when the pack has fewer than two criteria.
	Matrix *OutlineMatrix `json:"matrix"`
}

// OutlineMatrix names the matrix chart's criteria: x across, y up.
type OutlineMatrix struct {
	X string `json:"x"`
	Y string `json:"y"`
}

// OutlinePersona is a persona in an Outline.
type OutlinePersona struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Short   string   `json:"short"`
	Stories []string `json:"stories"`
}

// OutlineStory is a user story in an Outline.
type OutlineStory struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	From     string   `json:"from"`
	To       string   `json:"to"`
	Detailed bool     `json:"detailed"`
	Elements []string `json:"elements"`
}

// OutlineElement is a solution element in an Outline.
type OutlineElement struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// OutlineCriterion is a rating criterion in an Outline.
type OutlineCriterion struct {
	ID       string         `json:"id"`
	Label    string         `json:"label"`
	Question string         `json:"question"`
	Min      int            `json:"min"`
	Max      int            `json:"max"`
	Points   map[int]string `json:"points"`
	Better   string         `json:"better"` // "higher" or "lower"
}

// OutlineStep is an agenda step in an Outline.
type OutlineStep struct {
	Key     string `json:"key"`
	Kind    string `json:"kind"`
	Ref     string `json:"ref,omitempty"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
}

// OutlineConsensus is the consensus rule in an Outline.
type OutlineConsensus struct {
	Rule         string  `json:"rule"`
	MaxIQR       float64 `json:"max_iqr"`
	MinAgreement float64 `json:"min_agreement"`
}

// Outline returns the pack's structure. Lists are never nil, so JSON shows
// them as [] rather than null.
func (p *Pack) Outline() Outline {
	o := Outline{
		ID: p.ID, Title: p.Title, Version: p.Version, ContentHash: p.ContentHash,
		Source: p.Source, Licence: p.Licence,
		Personas: []OutlinePersona{}, Stories: []OutlineStory{}, Elements: []OutlineElement{},
		Criteria: []OutlineCriterion{}, Agenda: []OutlineStep{},
		Consensus: OutlineConsensus{Rule: p.Consensus.Rule, MaxIQR: p.Consensus.MaxIQR, MinAgreement: p.Consensus.MinAgreement},
	}
	if x, y, ok := p.MatrixAxes(); ok {
		o.Matrix = &OutlineMatrix{X: x.ID, Y: y.ID}
	}
	for _, x := range p.Personas {
		o.Personas = append(o.Personas, OutlinePersona{ID: x.ID, Title: x.Title, Short: x.Short, Stories: nonNil(x.Stories)})
	}
	for _, x := range p.Stories {
		o.Stories = append(o.Stories, OutlineStory{ID: x.ID, Title: x.Title, From: x.From, To: x.To, Detailed: x.Detailed, Elements: nonNil(x.Elements)})
	}
	for _, x := range p.Elements {
		o.Elements = append(o.Elements, OutlineElement{ID: x.ID, Title: x.Title})
	}
	for _, x := range p.Criteria {
		better := "higher"
		if x.LowerIsBetter {
			better = "lower"
		}
		o.Criteria = append(o.Criteria, OutlineCriterion{ID: x.ID, Label: x.Label, Question: x.Question, Min: x.Min, Max: x.Max, Points: x.Points, Better: better})
	}
	for _, s := range p.Agenda {
		o.Agenda = append(o.Agenda, OutlineStep{Key: s.Key(), Kind: string(s.Kind), Ref: s.Ref, Title: p.StepTitle(s), Minutes: s.Minutes})
	}
	return o
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
