package common

import (
	"fmt"
	"image/color"

	"charm.land/glamour/v2/ansi"
)

// MarkdownStyle is glamour's style for a theme (trustshop show uses it).
func MarkdownStyle(t Theme) ansi.StyleConfig { return markdownStyle(paletteFor(t)) }

// markdownStyle builds glamour's style from the palette rather than from
// glamour's own dark and light styles: those pick colours for some
// background (a link in colour 30 on a dark one is under 4.5:1), mark
// headings with "##", and pad inline code with spaces that read as
// "( dttf )". Headings differ by weight, colour and underline instead.
//
// No colour is set on Text: glamour styles the words inside a block with
// it, over the block's own colour, which made the projector theme's
// headings white on yellow.
func markdownStyle(p palette) ansi.StyleConfig {
	fg, subtle, faint := hex(p.fg), hex(p.subtle), hex(p.faint)
	accent, accent2 := hex(p.accent), hex(p.accent2)
	margin, indent := uint(0), uint(1)
	yes, no := true, false
	quote := "│ "
	return ansi.StyleConfig{
		Document: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{BlockPrefix: "\n", BlockSuffix: "\n", Color: &fg},
			Margin:         &margin,
		},
		BlockQuote: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{Color: &subtle},
			Indent:         &indent, IndentToken: &quote,
		},
		List:    ansi.StyleList{LevelIndent: 2},
		Heading: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{BlockSuffix: "\n", Color: &accent, Bold: &yes}},
		H1: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{
			Prefix: " ", Suffix: " ", Color: ptr(hex(p.selFG)), BackgroundColor: ptr(hex(p.selBG)), Bold: &yes,
		}},
		H2:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &accent, Bold: &yes, Underline: &yes}},
		H3:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &accent2, Bold: &yes}},
		H4:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &fg, Bold: &yes}},
		H5:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &fg, Bold: &yes, Italic: &yes}},
		H6:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &subtle, Bold: &no, Italic: &yes}},
		Strikethrough:  ansi.StylePrimitive{CrossedOut: &yes},
		Emph:           ansi.StylePrimitive{Italic: &yes},
		Strong:         ansi.StylePrimitive{Bold: &yes},
		HorizontalRule: ansi.StylePrimitive{Color: &faint, Format: "\n────────\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:           ansi.StylePrimitive{Color: &accent, Underline: &yes},
		LinkText:       ansi.StylePrimitive{Color: &accent2, Bold: &yes},
		Image:          ansi.StylePrimitive{Color: &accent, Underline: &yes},
		ImageText:      ansi.StylePrimitive{Color: &subtle, Format: "Image: {{.text}} →"},
		Code:           ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &accent2}},
		CodeBlock: ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{Color: &fg},
			Margin:         &margin,
		}},
		Table:                 ansi.StyleTable{StyleBlock: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: &fg}}},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n→ "},
	}
}

// hex is a colour as glamour takes it: "#rrggbb".
func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

func ptr[T any](v T) *T { return &v }
