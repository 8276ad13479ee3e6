// Package exportdialog is the export dialog: it asks for a format and a
// file name and writes a session's export there (package export, in a
// tea.Cmd). It opens over the screen it was called from (common.OpenExportMsg)
// and closes with common.PopMsg once written or cancelled; a failed write
// keeps the dialog, the format and the name as they were.
package exportdialog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// exportFormats are the formats the dialog offers, with what each is for.
var exportFormats = []struct{ name, desc string }{
	{"md", "a summary to read (glow, GitHub)"},
	{"csv", "one row per rating (R, pandas, spreadsheets)"},
	{"json", "everything, with the statistics"},
	{"html", "one self-contained page to share or print"},
}

// Model is the dialog: the formats, the file name, and the state of the
// write.
type Model struct {
	c    *common.Common
	id   string
	sess session.Session
	pack *content.Pack // nil until loaded when opened by id
	err  error         // the last failure, shown in the dialog

	format  int
	path    textinput.Model
	def     string // the name the dialog proposed last
	writing bool
	replace string // a file that exists: enter again replaces it

	width, height int
	keys          KeyMap
}

// New exports a session the caller has loaded.
func New(c *common.Common, sess session.Session, p *content.Pack) *Model {
	d := NewByID(c, sess.ID)
	d.sess, d.pack = sess, p
	d.setDefault()
	return d
}

// NewByID exports session id (the home screen's selection);
// the session and its pack are read in Init.
func NewByID(c *common.Common, id string) *Model {
	in := textinput.New()
	in.Prompt = "File: "
	in.Placeholder = "file name"
	in.CharLimit = 4096
	return &Model{c: c, id: id, path: in, keys: DefaultKeyMap()}
}

// exportSessionMsg carries the session to export, read by Init.
type exportSessionMsg struct {
	owner *Model
	sess  session.Session
	pack  *content.Pack
	err   error
}

// exportedMsg reports an export.
type exportedMsg struct {
	owner  *Model
	path   string // as written, absolute
	bytes  int64
	exists bool // not written: the file exists and replacing was not confirmed
	err    error
}

// Init implements common.Screen: it reads the session when only its id is known.
func (d *Model) Init() tea.Cmd {
	focus := d.path.Focus()
	if d.pack != nil {
		return focus
	}
	c, id, owner := d.c, d.id, d
	return tea.Batch(focus, func() tea.Msg {
		w, err := c.OpenSession(id)
		return exportSessionMsg{owner: owner, sess: w.Session, pack: w.Pack, err: err}
	})
}

// Title implements common.Screen.
func (d *Model) Title() string {
	if d.sess.Title == "" {
		return "Export"
	}
	return "Export · " + d.sess.Title
}

// Capturing implements common.Screen: the file name is typed.
func (d *Model) Capturing() bool { return true }

// SetSize implements common.Screen.
func (d *Model) SetSize(w, h int) {
	d.width, d.height = w, h
	d.path.SetWidth(max(10, d.innerWidth()-len(d.path.Prompt)-1))
}

func (d *Model) innerWidth() int { return max(20, min(72, d.width-8)) }

// Update implements common.Screen.
func (d *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case exportSessionMsg:
		if msg.owner != d {
			return d, nil
		}
		if msg.err != nil {
			d.err = msg.err
			return d, common.ErrorCmd(msg.err)
		}
		d.sess, d.pack = msg.sess, msg.pack
		d.setDefault()
		return d, nil
	case exportedMsg:
		if msg.owner != d {
			return d, nil
		}
		d.writing = false
		switch {
		case msg.err != nil:
			d.err = msg.err
			return d, common.ErrorCmd(msg.err)
		case msg.exists:
			d.replace = msg.path
			return d, nil
		}
		return d, tea.Sequence(common.Pop, common.StatusCmd(fmt.Sprintf("Wrote %d bytes to %s", msg.bytes, msg.path)))
	case tea.KeyPressMsg:
		return d, d.onKey(msg)
	}
	var cmd tea.Cmd
	d.path, cmd = d.path.Update(msg)
	return d, cmd
}

func (d *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := d.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return tea.Sequence(common.Pop, common.StatusCmd("Not exported")) // after the pop, which clears the status
	case d.pack == nil || d.writing:
		return nil
	case key.Matches(msg, k.Up):
		d.setFormat((d.format + len(exportFormats) - 1) % len(exportFormats))
		return nil
	case key.Matches(msg, k.Down):
		d.setFormat((d.format + 1) % len(exportFormats))
		return nil
	case key.Matches(msg, k.Write):
		return d.write()
	}
	var cmd tea.Cmd
	before := d.path.Value()
	d.path, cmd = d.path.Update(msg)
	if d.path.Value() != before {
		d.replace, d.err = "", nil
	}
	return cmd
}

// setDefault proposes ./<title-slug>-<id>.<ext> in the current folder.
func (d *Model) setDefault() {
	f, _ := export.Lookup(exportFormats[d.format].name)
	d.def = "./" + slugify(d.sess.Title) + "-" + d.sess.ID + f.Ext
	d.path.SetValue(d.def)
	d.path.CursorEnd()
}

// setFormat picks a format; the proposed name follows it, a typed name
// keeps its own but gets the new extension if it had the old one.
func (d *Model) setFormat(i int) {
	old, _ := export.Lookup(exportFormats[d.format].name)
	d.format = i
	d.replace, d.err = "", nil
	if d.path.Value() == d.def {
		d.setDefault()
		return
	}
	f, _ := export.Lookup(exportFormats[i].name)
	if v := d.path.Value(); strings.HasSuffix(v, old.Ext) {
		d.path.SetValue(strings.TrimSuffix(v, old.Ext) + f.Ext)
		d.path.CursorEnd()
	}
}

// write starts the export, or asks first when the file exists.
func (d *Model) write() tea.Cmd {
	path := strings.TrimSpace(d.path.Value())
	if path == "" {
		d.err = errors.New("give a file name")
		return nil
	}
	if strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		d.err = fmt.Errorf("export to %s: %w", path, err)
		return nil
	}
	replace := d.replace == abs
	d.writing, d.err, d.replace = true, nil, ""
	return exportCmd(d.c, d, d.pack, d.sess.ID, exportFormats[d.format].name, abs, replace)
}

// View implements common.Screen.
func (d *Model) View() string {
	s := d.c.Styles
	box := s.Dialog.Render(strings.Join(d.body(false), "\n"))
	if lipgloss.Height(box) > d.height { // a small window: no blank lines, no headings
		box = s.Dialog.Padding(0, 1).Render(strings.Join(d.body(true), "\n"))
	}
	return lipgloss.Place(d.width, d.height, lipgloss.Center, lipgloss.Center, box)
}

// body is the dialog's lines; compact leaves out the blank lines, the
// headings and the hint (the footer has the keys).
func (d *Model) body(compact bool) []string {
	s := d.c.Styles
	w := d.innerWidth()
	var lines []string
	gap := func() {
		if !compact {
			lines = append(lines, "")
		}
	}
	title := "Export"
	if d.sess.Title != "" {
		title += " “" + common.OneLine(d.sess.Title) + "”"
	}
	lines = append(lines, s.Title.Render(common.ClipText(title, w)))
	gap()
	if d.pack == nil && d.err == nil {
		lines = append(lines, s.Faint.Render("Reading the session…"))
	}
	if d.pack != nil {
		if !compact {
			lines = append(lines, s.Bold.Render("Format"))
		}
		for i, f := range exportFormats {
			line := ansi.Truncate(fmt.Sprintf("%-5s %s", f.name, f.desc), w-2, "…")
			if i == d.format {
				lines = append(lines, s.Accent.Render("› ")+s.Selected.Render(line))
			} else {
				lines = append(lines, "  "+s.App.Render(line))
			}
		}
		gap()
		lines = append(lines, d.path.View())
	}
	switch {
	case d.writing:
		gap()
		lines = append(lines, s.Faint.Render("Writing…"))
	case d.err != nil:
		gap()
		lines = append(lines, strings.Split(s.Error.Render(common.WrapText(d.err.Error(), w)), "\n")...)
	case d.replace != "":
		gap()
		lines = append(lines, strings.Split(s.Warn.Render(common.WrapText("The file exists. enter replaces it; or type another name.", w)), "\n")...)
	}
	if !compact {
		gap()
		lines = append(lines, s.Faint.Render(common.ClipText("↑/↓ format · type the file's path · enter exports · esc cancels", w)))
	}
	return lines
}

// SessionID implements common.SessionScreen: an export in the middle of a
// session keeps its clock in view.
func (d *Model) SessionID() string { return d.sess.ID }
