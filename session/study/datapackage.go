package study

import (
	"time"

	"github.com/trustshop/trustshop/content"
)

// DataPackage is a Frictionless Data Package descriptor
// (https://specs.frictionlessdata.io/data-package/, tabular profile) of a
// study's csv files; R's frictionless::read_package and Python's
// frictionless.Package read it.
type DataPackage struct {
	Profile   string        `json:"profile"`
	Name      string        `json:"name"`
	Title     string        `json:"title"`
	Created   string        `json:"created"`
	Sources   []DPSource    `json:"sources,omitempty"`
	Resources []DPResource  `json:"resources"`
	Trustshop DPTrustshopEx `json:"trustshop"`
}

// DPSource is where the data came from (the content pack's source).
type DPSource struct {
	Title string `json:"title"`
}

// DPResource is one csv file of the package.
type DPResource struct {
	Name      string    `json:"name"`
	Path      string    `json:"path"`
	Profile   string    `json:"profile"`
	Format    string    `json:"format"`
	Mediatype string    `json:"mediatype"`
	Encoding  string    `json:"encoding"`
	Bytes     int64     `json:"bytes"`
	Hash      string    `json:"hash"` // "sha256:<hex>"
	Dialect   DPDialect `json:"dialect"`
	Schema    DPSchema  `json:"schema"`
	Title     string    `json:"title,omitempty"`
}

// DPDialect is the csv dialect (RFC 4180 with a header).
type DPDialect struct {
	Delimiter        string `json:"delimiter"`
	DoubleQuote      bool   `json:"doubleQuote"`
	Header           bool   `json:"header"`
	LineTerminator   string `json:"lineTerminator"`
	QuoteChar        string `json:"quoteChar"`
	SkipInitialSpace bool   `json:"skipInitialSpace"`
}

// DPSchema is a Table Schema (https://specs.frictionlessdata.io/table-schema/).
type DPSchema struct {
	Fields        []DPField      `json:"fields"`
	MissingValues []string       `json:"missingValues"`
	PrimaryKey    []string       `json:"primaryKey,omitempty"`
	ForeignKeys   []DPForeignKey `json:"foreignKeys,omitempty"`
}

// DPField is one column of a Table Schema.
type DPField struct {
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Format      string         `json:"format,omitempty"`
	Description string         `json:"description,omitempty"`
	TrueValues  []string       `json:"trueValues,omitempty"`
	FalseValues []string       `json:"falseValues,omitempty"`
	Constraints *DPConstraints `json:"constraints,omitempty"`
}

// DPConstraints are a field's constraints.
type DPConstraints struct {
	Required *bool `json:"required,omitempty"`
	Unique   *bool `json:"unique,omitempty"`
	Minimum  *int  `json:"minimum,omitempty"`
	Maximum  *int  `json:"maximum,omitempty"`
	Enum     []any `json:"enum,omitempty"`
}

// DPForeignKey ties a resource's fields to another's.
type DPForeignKey struct {
	Fields    []string    `json:"fields"`
	Reference DPReference `json:"reference"`
}

// DPReference is the other end of a foreign key.
type DPReference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// DPTrustshopEx is trustshop's own part of the descriptor (the spec
// allows properties of one's own): the pack and each session's chain head,
// so that a reviewer can tie the package to the databases and exports.
type DPTrustshopEx struct {
	PackID      string            `json:"pack_id"`
	PackVersion string            `json:"pack_version"`
	PackHash    string            `json:"pack_hash"`
	ChainHeads  map[string]string `json:"chain_heads"`
}

func newDataPackage(p *content.Pack, res *Result, now time.Time, ratings, sessions writtenFile) DataPackage {
	yes := true
	one := 1
	elements := make([]any, len(p.Elements))
	for i, e := range p.Elements {
		elements[i] = e.ID
	}
	criteria := make([]any, len(p.Criteria))
	lo, hi := 0, 0
	for i, c := range p.Criteria {
		criteria[i] = c.ID
		if i == 0 || c.Min < lo {
			lo = c.Min
		}
		if i == 0 || c.Max > hi {
			hi = c.Max
		}
	}
	roles := make([]any, len(p.Personas))
	for i, x := range p.Personas {
		roles[i] = x.ID
	}
	req := &DPConstraints{Required: &yes}
	dialect := DPDialect{Delimiter: ",", DoubleQuote: true, Header: true, LineTerminator: "\n", QuoteChar: `"`}
	dp := DataPackage{
		Profile: "tabular-data-package",
		Name:    "trustshop-study",
		Title:   "Ratings of the " + p.Title + " study",
		Created: now.UTC().Format(time.RFC3339),
		Resources: []DPResource{
			{
				Name: "ratings", Path: ratings.name, Profile: "tabular-data-resource", Format: "csv", Mediatype: "text/csv",
				Encoding: "utf-8", Bytes: ratings.bytes, Hash: ratings.hash, Dialect: dialect,
				Title: "One row per rating: a value or an abstention",
				Schema: DPSchema{
					Fields: []DPField{
						{Name: "site", Type: "string", Description: "where the workshop ran, as its facilitator labelled it"},
						{Name: "session_id", Type: "string", Constraints: req},
						{Name: "session_date", Type: "date", Description: "the workshop's day"},
						{Name: "participant_uuid", Type: "string", Format: "uuid", Constraints: req,
							Description: "the participant's stable id, the same in every export and database"},
						{Name: "role", Type: "string", Constraints: &DPConstraints{Enum: roles}, Description: "a persona id of the pack"},
						{Name: "element_id", Type: "string", Constraints: &DPConstraints{Required: &yes, Enum: elements}},
						{Name: "criterion", Type: "string", Constraints: &DPConstraints{Required: &yes, Enum: criteria}},
						{Name: "round", Type: "integer", Constraints: &DPConstraints{Required: &yes, Minimum: &one}},
						{Name: "value", Type: "integer", Constraints: &DPConstraints{Minimum: &lo, Maximum: &hi},
							Description: "a point of the criterion's scale; empty for an abstention"},
						{Name: "abstain", Type: "boolean", TrueValues: []string{"TRUE"}, FalseValues: []string{"FALSE"},
							Constraints: req, Description: "\"can't judge\", which is not a missing rating"},
						{Name: "rated_at", Type: "datetime", Description: "when the value or abstention was given, UTC"},
					},
					MissingValues: []string{""},
					PrimaryKey:    []string{"session_id", "participant_uuid", "element_id", "criterion", "round"},
					ForeignKeys: []DPForeignKey{{Fields: []string{"session_id"},
						Reference: DPReference{Resource: "sessions", Fields: []string{"session_id"}}}},
				},
			},
			{
				Name: "sessions", Path: sessions.name, Profile: "tabular-data-resource", Format: "csv", Mediatype: "text/csv",
				Encoding: "utf-8", Bytes: sessions.bytes, Hash: sessions.hash, Dialect: dialect,
				Title: "One row per workshop",
				Schema: DPSchema{
					Fields: []DPField{
						{Name: "session_id", Type: "string", Constraints: &DPConstraints{Required: &yes, Unique: &yes}},
						{Name: "site", Type: "string"},
						{Name: "title", Type: "string"},
						{Name: "date", Type: "date"},
						{Name: "participants", Type: "integer"},
						{Name: "ratings", Type: "integer"},
						{Name: "chain_head", Type: "string", Description: "the hash of the newest row of the session's history (trustshop verify)"},
					},
					MissingValues: []string{""},
					PrimaryKey:    []string{"session_id"},
				},
			},
		},
		Trustshop: DPTrustshopEx{PackID: p.ID, PackVersion: p.Version, PackHash: p.ContentHash, ChainHeads: map[string]string{}},
	}
	if p.Source != "" {
		dp.Sources = []DPSource{{Title: p.Source}}
	}
	for _, s := range res.Sessions {
		dp.Trustshop.ChainHeads[s.SessionID] = s.ChainHead
	}
	return dp
}
