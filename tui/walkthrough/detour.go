package walkthrough

import (
	"github.com/trustshop/trustshop/content"
)

// detours are the items opened over the step by number, each over the one
// before: on the map a story, and from that story one of its elements; on
// a story step one of its elements. esc goes back one level, to the item
// it came from and where it was scrolled; the step (and its clock) stays
// the current one throughout.
type detours struct {
	items  []content.Item
	scroll []int // the scroll offset of the level under each item
}

func (d *detours) open() bool { return len(d.items) > 0 }

func (d *detours) clear() { d.items, d.scroll = nil, nil }

// top is the item shown, nil when the step is.
func (d *detours) top() *content.Item {
	if len(d.items) == 0 {
		return nil
	}
	return &d.items[len(d.items)-1]
}

// stepScroll is the step's own scroll offset, kept while detours are open.
func (d *detours) stepScroll() int { return d.scroll[0] }

// push opens it at level `at` (0: over the step), closing the levels from
// there on; scroll is the offset of the level it opens over.
func (d *detours) push(at int, it content.Item, scroll int) {
	if at < len(d.items) {
		scroll = d.scroll[at] // replacing: the level under keeps its offset
	}
	d.items, d.scroll = append(d.items[:at], it), append(d.scroll[:at], scroll)
}

// pop closes the top item and returns the scroll offset to go back to.
func (d *detours) pop() int {
	n := len(d.items) - 1
	off := d.scroll[n]
	d.items, d.scroll = d.items[:n], d.scroll[:n]
	return off
}

// under names what esc goes back to: the item under the top, or "" for
// the step.
func (d *detours) under() *content.Item {
	if len(d.items) < 2 {
		return nil
	}
	return &d.items[len(d.items)-2]
}

// links are the items a shown item links to by number: a story's
// elements, the map's stories; an element links to none.
func linksOf(p *content.Pack, kind content.StepKind, id string) []content.Item {
	var out []content.Item
	switch kind {
	case content.StepStory:
		s, _ := p.Story(id)
		for _, eid := range s.Elements {
			if it, ok := p.Item(eid); ok {
				out = append(out, it)
			}
		}
	case content.StepMap:
		for _, s := range p.Stories {
			out = append(out, content.Item{Kind: content.StepStory, ID: s.ID, Title: s.Title})
		}
	}
	return out
}

// linkLevel is the level whose links the numbers open: the top item's
// when it has links, else the nearest one under it that has (a number on
// a story's element opens a sibling element in its place). 0 is the step.
func (w *Model) linkLevel() (level int, links []content.Item) {
	for i := len(w.detours.items); i > 0; i-- {
		it := w.detours.items[i-1]
		if l := linksOf(w.pack, it.Kind, it.ID); len(l) > 0 {
			return i, l
		}
	}
	st := w.currentStep()
	return 0, linksOf(w.pack, st.Kind, st.Ref)
}

// links are the items the numbers open now.
func (w *Model) links() []content.Item {
	_, l := w.linkLevel()
	return l
}

// openLinked shows linked item i over what it links from; esc or
// backspace comes back.
func (w *Model) openLinked(i int) {
	level, links := w.linkLevel()
	if i < 0 || i >= len(links) {
		return
	}
	w.detours.push(level, links[i], w.page.vp.YOffset())
	w.refresh(true)
	w.saveViewCmd() // the projector shows it too
}

// closeDetour goes back one level, where it was scrolled.
func (w *Model) closeDetour() {
	w.page.restore = w.detours.pop()
	w.refresh(true)
	w.saveViewCmd()
}

// backTitle names what esc goes back to.
func (w *Model) backTitle() string {
	if it := w.detours.under(); it != nil {
		return it.Title
	}
	return w.pack.StepTitle(w.currentStep())
}
