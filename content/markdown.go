package content

import (
	"fmt"
	"strings"
)

// IntroID is the item id of the pack's introduction.
const IntroID = "intro"

// Item is anything a participant can read on its own: the intro, a persona,
// a story or an element.
type Item struct {
	Kind  StepKind // StepIntro, StepPersona, StepStory or StepElement
	ID    string
	Title string
}

// Items lists every readable item in pack order: intro, personas, stories,
// elements.
func (p *Pack) Items() []Item {
	out := []Item{{StepIntro, IntroID, p.Intro.Title}}
	for _, x := range p.Personas {
		out = append(out, Item{StepPersona, x.ID, x.Title})
	}
	for _, x := range p.Stories {
		out = append(out, Item{StepStory, x.ID, x.Title})
	}
	for _, x := range p.Elements {
		out = append(out, Item{StepElement, x.ID, x.Title})
	}
	return out
}

// Item finds a readable item by id ("intro" for the introduction).
func (p *Pack) Item(id string) (Item, bool) {
	for _, it := range p.Items() {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// Markdown returns the item as one Markdown document: its title, body,
// connections, testimonials and references. It carries no terminal styling;
// the TUI renders it with glamour and exports embed it as is.
func (p *Pack) Markdown(it Item) string {
	var b strings.Builder
	switch it.Kind {
	case StepIntro:
		fmt.Fprintf(&b, "# %s\n\n%s\n", p.Intro.Title, p.Intro.Body)
		if p.Source != "" {
			fmt.Fprintf(&b, "\n---\n\n*Source:* %s\n", p.Source)
		}
	case StepPersona:
		x, _ := p.Persona(it.ID)
		fmt.Fprintf(&b, "# %s\n\n*Stakeholder persona*\n\n%s\n", x.Title, x.Body)
		p.writeTestimonials(&b, x.Testimonials)
		if len(x.Stories) > 0 {
			b.WriteString("\n## Connected user stories\n\n")
			for _, id := range x.Stories {
				s, _ := p.Story(id)
				fmt.Fprintf(&b, "- **%s**: %s\n", s.Title, p.relation(s))
			}
		}
		writeReferences(&b, x.References)
	case StepStory:
		x, _ := p.Story(it.ID)
		fmt.Fprintf(&b, "# %s\n\n*User story:* %s\n\n%s\n", x.Title, p.relation(x), x.Body)
		if len(x.Elements) > 0 {
			b.WriteString("\n## Solution elements\n\n")
			for i, id := range x.Elements {
				e, _ := p.Element(id)
				fmt.Fprintf(&b, "%d. **%s**\n", i+1, e.Title)
			}
		}
		p.writeTestimonials(&b, x.Testimonials)
	case StepElement:
		x, _ := p.Element(it.ID)
		fmt.Fprintf(&b, "# %s\n\n*Solution element*\n\n%s\n", x.Title, x.Body)
		if stories := p.StoriesOf(x.ID); len(stories) > 0 {
			b.WriteString("\n## Answers the user stories\n\n")
			for _, s := range stories {
				fmt.Fprintf(&b, "- **%s**: %s\n", s.Title, p.relation(s))
			}
		}
		p.writeTestimonials(&b, x.Testimonials)
		writeReferences(&b, x.References)
	}
	return b.String()
}

// StoriesOf returns the stories an element answers, in pack order.
func (p *Pack) StoriesOf(elementID string) []Story {
	var out []Story
	for _, s := range p.Stories {
		for _, e := range s.Elements {
			if e == elementID {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// relation says who trusts whom, with persona titles.
func (p *Pack) relation(s Story) string {
	from, to := s.From, s.To
	if x, ok := p.Persona(s.From); ok {
		from = x.Title
	}
	if x, ok := p.Persona(s.To); ok {
		to = x.Title
	}
	return from + " → " + to
}

func (p *Pack) writeTestimonials(b *strings.Builder, ts []Testimonial) {
	if len(ts) == 0 {
		return
	}
	b.WriteString("\n## From the interviews\n")
	for _, t := range ts {
		fmt.Fprintf(b, "\n> %s\n", strings.ReplaceAll(strings.TrimSpace(t.Quote), "\n", "\n> "))
		if t.Attribution != "" {
			fmt.Fprintf(b, ">\n> — *%s*\n", t.Attribution)
		}
	}
}

func writeReferences(b *strings.Builder, refs []Reference) {
	if len(refs) == 0 {
		return
	}
	b.WriteString("\n## References\n\n")
	for _, r := range refs {
		if r.URL != "" {
			fmt.Fprintf(b, "- %s <%s>\n", r.Text, r.URL)
		} else {
			fmt.Fprintf(b, "- %s\n", r.Text)
		}
	}
}
