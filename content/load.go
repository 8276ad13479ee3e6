package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The files and folders of a pack.
const (
	ManifestFile = "pack.yaml"
	IntroFile    = "intro.md"
	PersonasDir  = "personas"
	StoriesDir   = "stories"
	ElementsDir  = "elements"
)

// LoadDir loads and validates the pack in the folder dir. Problems name
// files under dir, as the user wrote it.
func LoadDir(dir string) (*Pack, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("load pack %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("load pack %s: not a folder (a pack is a folder holding %s)", dir, ManifestFile)
	}
	p, err := Load(newPackDir(dir))
	var ps Problems
	if errors.As(err, &ps) {
		return nil, ps.In(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("load pack %s: %w", dir, err)
	}
	return p, nil
}

// Load reads and validates the pack at the root of fsys. When anything is
// wrong it returns every problem found, as Problems.
func Load(fsys fs.FS) (*Pack, error) {
	l := loader{fsys: fsys, hash: sha256.New(), ids: map[string]string{}, brokenIDs: map[string]bool{}, brokenKinds: map[string]bool{}}
	p := &Pack{}
	if !l.manifest(p) {
		return nil, l.list
	}
	l.intro(p)
	l.personas(p)
	l.stories(p)
	l.elements(p)
	l.validate(p)
	if len(l.list) > 0 {
		return nil, l.list
	}
	p.ContentHash = "sha256:" + hex.EncodeToString(l.hash.Sum(nil))
	return p, nil
}

// loader reads the files of one pack, hashing what it reads.
type loader struct {
	problems
	fsys fs.FS
	hash hash.Hash
	// where each item's references sit, for the cross-reference checks
	refs []ref
	ids  map[string]string // item id -> the file that defined it first
	// the items whose file could not be read: by id where the id could be
	// found, else by kind; references to them are not reported again
	brokenIDs   map[string]bool
	brokenKinds map[string]bool
	total       int64 // bytes read so far, against MaxPackBytes
}

// ref is a reference from one item to another, with its place.
type ref struct {
	file string
	line int
	kind string // "persona", "story" or "element"
	id   string
}

// item reads one item file of the given kind ("persona", "story",
// "element" or "" for the intro): its front matter into meta, its body
// returned. A file that cannot be used is marked broken, so that the
// references to it do not each report it again.
func (l *loader) item(file, kind string, meta any) (yamlDoc, string, bool) {
	src, ok := l.read(file, MaxMarkdownBytes, "missing: a pack folder needs "+file+" (see docs/content-packs.md)")
	if !ok {
		l.broken(kind, "")
		return yamlDoc{}, "", false
	}
	if !l.checkText(file, src) {
		l.broken(kind, idLine(src))
		return yamlDoc{}, "", false
	}
	front, body, ok := splitFrontMatter(&l.problems, file, src)
	if !ok {
		l.broken(kind, idLine(src))
		return yamlDoc{}, "", false
	}
	doc, ok := l.decodeYAML(file, 1, front, meta)
	if !ok {
		id := idLine(front)
		if n := value(doc.root, "id"); n != nil && n.Kind == yaml.ScalarNode {
			id = n.Value
		}
		l.broken(kind, id)
	}
	return doc, body, ok
}

// broken records an item that could not be read.
func (l *loader) broken(kind, id string) {
	if id != "" {
		l.brokenIDs[id] = true
	} else if kind != "" {
		l.brokenKinds[kind] = true
	}
}

var idPattern = regexp.MustCompile(`(?m)^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?\r?$`)

// idLine finds an item's id in text YAML could not read: a line "id: x".
func idLine(src []byte) string {
	if m := idPattern.FindSubmatch(src); m != nil {
		return string(m[1])
	}
	return ""
}

// identify checks an item's id and title and records the id.
func (l *loader) identify(doc yamlDoc, id, title string) {
	switch {
	case id == "":
		l.add(doc.file, doc.start(), "missing id")
	case !validID(id):
		l.add(doc.file, doc.line("id"), "id %q: use lower-case letters, digits and dashes", id)
	default:
		if first, dup := l.ids[id]; dup {
			l.add(doc.file, doc.line("id"), "duplicate id %q: %s uses it already", id, first)
		} else {
			l.ids[id] = doc.file
		}
	}
	if strings.TrimSpace(title) == "" {
		l.add(doc.file, doc.line("title"), "missing title")
	}
}

// needSections reports each required section the body lacks.
func (l *loader) needSections(file string, ss []Section, headings ...string) {
	for _, h := range headings {
		if !hasSection(ss, h) {
			l.add(file, 1, "missing section \"## %s\"", h)
		}
	}
}

// refList records the references of a list of ids; an id listed twice is a
// problem (it would show twice wherever the list is shown).
func (l *loader) refList(doc yamlDoc, key, kind string, ids []string) {
	lines := doc.items(key)
	first := map[string]int{}
	for i, id := range ids {
		line := itemLine(lines, i, doc.line(key))
		if at, dup := first[id]; dup {
			l.add(doc.file, line, "%s %q is listed twice in %s (first on line %d): list it once", kind, id, key, at)
			continue
		}
		first[id] = line
		l.refs = append(l.refs, ref{file: doc.file, line: line, kind: kind, id: id})
	}
}

func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

type introMeta struct {
	Title string `yaml:"title"`
}

func (l *loader) intro(p *Pack) {
	var meta introMeta
	doc, body, ok := l.item(IntroFile, "", &meta)
	if !ok {
		return
	}
	if strings.TrimSpace(meta.Title) == "" {
		l.add(IntroFile, doc.line("title"), "missing title")
	}
	p.Intro = Intro{Title: meta.Title, Body: strings.TrimSpace(body)}
}

type personaMeta struct {
	ID           string        `yaml:"id"`
	Title        string        `yaml:"title"`
	Short        string        `yaml:"short"`
	Stories      []string      `yaml:"stories"`
	Testimonials []Testimonial `yaml:"testimonials"`
	References   []Reference   `yaml:"references"`
}

func (l *loader) personas(p *Pack) {
	for _, file := range l.markdownFiles(PersonasDir, "persona") {
		var m personaMeta
		doc, body, ok := l.item(file, "persona", &m)
		if !ok {
			continue
		}
		l.identify(doc, m.ID, m.Title)
		l.refList(doc, "stories", "story", m.Stories)
		ss := splitSections(body)
		l.needSections(file, ss, "Typical profile", "Tasks", "Key needs and pain points")
		if m.Short == "" {
			m.Short = m.Title
		}
		p.Personas = append(p.Personas, Persona{
			ID: m.ID, Title: m.Title, Short: m.Short, Body: strings.TrimSpace(body), Sections: ss,
			Testimonials: m.Testimonials, References: m.References, Stories: m.Stories,
		})
	}
	if len(p.Personas) == 0 && !l.brokenKinds["persona"] {
		l.add(PersonasDir, 0, "no personas: add at least one .md file")
	}
}

type storyMeta struct {
	ID           string        `yaml:"id"`
	Title        string        `yaml:"title"`
	From         string        `yaml:"from"`
	To           string        `yaml:"to"`
	Detailed     bool          `yaml:"detailed"`
	Elements     []string      `yaml:"elements"`
	Testimonials []Testimonial `yaml:"testimonials"`
}

func (l *loader) stories(p *Pack) {
	for _, file := range l.markdownFiles(StoriesDir, "story") {
		var m storyMeta
		doc, body, ok := l.item(file, "story", &m)
		if !ok {
			continue
		}
		l.identify(doc, m.ID, m.Title)
		for _, side := range []struct{ key, id string }{{"from", m.From}, {"to", m.To}} {
			if side.id == "" {
				l.add(file, doc.start(), "missing %q: the id of a persona", side.key)
				continue
			}
			l.refs = append(l.refs, ref{file: file, line: doc.line(side.key), kind: "persona", id: side.id})
		}
		l.refList(doc, "elements", "element", m.Elements)
		ss := splitSections(body)
		l.needSections(file, ss, "Description")
		p.Stories = append(p.Stories, Story{
			ID: m.ID, Title: m.Title, From: m.From, To: m.To, Detailed: m.Detailed,
			Body: strings.TrimSpace(body), Sections: ss, Testimonials: m.Testimonials, Elements: m.Elements,
		})
	}
}

type elementMeta struct {
	ID           string        `yaml:"id"`
	Title        string        `yaml:"title"`
	Testimonials []Testimonial `yaml:"testimonials"`
	References   []Reference   `yaml:"references"`
}

func (l *loader) elements(p *Pack) {
	for _, file := range l.markdownFiles(ElementsDir, "element") {
		var m elementMeta
		doc, body, ok := l.item(file, "element", &m)
		if !ok {
			continue
		}
		l.identify(doc, m.ID, m.Title)
		ss := splitSections(body)
		l.needSections(file, ss, "Description")
		p.Elements = append(p.Elements, Element{
			ID: m.ID, Title: m.Title, Body: strings.TrimSpace(body), Sections: ss,
			Testimonials: m.Testimonials, References: m.References,
		})
	}
	if len(p.Elements) == 0 && !l.brokenKinds["element"] {
		l.add(ElementsDir, 0, "no solution elements: add at least one .md file")
	}
}
