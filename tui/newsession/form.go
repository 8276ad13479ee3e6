// Package newsession is the new-session form (huh) with a live preview
// beside it: the pack and its problems, and the participants grouped by
// role as they are typed (participants.go).
package newsession

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// packCheckDelay is how long the form waits after the last key in the pack
// folder field before it loads the folder to check it.
const packCheckDelay = 300 * time.Millisecond

// formValues are what the facilitator types into the new-session form.
type formValues struct {
	title, facilitator, organisation, site, packDir, participants string
}

// Model is the new-session form (huh) with a live preview beside it:
// the pack and its problems, and the participants grouped by role.
type Model struct {
	c             *common.Common
	keys          KeyMap
	v             *formValues
	form          *huh.Form
	width, height int

	checks   map[string]packCheckedMsg // pack folder checks by the text typed
	checkSeq int
	queued   string // the folder text the last check was queued for
	advance  bool   // enter was pressed on the folder before its check ended
	creating bool
	leaving  bool // esc with something typed: asking before throwing it away
}

// sessionCreatedMsg reports the result of the new-session form.
type sessionCreatedMsg struct {
	sess session.Session
	err  error
}

// packCheckedMsg carries the result of validating a pack folder typed in
// the new-session form.
type packCheckedMsg struct {
	dir  string // as typed
	abs  string // the absolute folder; "" for the embedded pack
	pack *content.Pack
	err  error
}

// packCheckDueMsg fires packCheckDelay after a key in the folder field.
type packCheckDueMsg struct {
	seq int
	dir string
}

// New returns the form, on the app's pack.
func New(c *common.Common) *Model {
	f := &Model{c: c, keys: DefaultKeyMap(), v: &formValues{packDir: c.PackDir}, checks: map[string]packCheckedMsg{}}
	if c.Pack != nil {
		// the app's pack is checked already; "" is the embedded one
		f.checks[c.PackDir] = packCheckedMsg{dir: c.PackDir, pack: c.Pack, abs: c.PackDir}
	}
	f.queued = c.PackDir
	f.form = f.buildForm()
	return f
}

func (f *Model) buildForm() *huh.Form {
	required := func(what string) func(string) error {
		return func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("give %s", what)
			}
			return nil
		}
	}
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Key("title").Title("Title").Placeholder("e.g. Pilot workshop with Acme").
				Value(&f.v.title).Validate(required("the session a title")),
			huh.NewInput().Key("facilitator").Title("Facilitator").Placeholder("who runs the workshop").
				Value(&f.v.facilitator).Validate(required("the facilitator's name")),
			huh.NewInput().Key("organisation").Title("Organisation").Placeholder("optional").
				Value(&f.v.organisation),
			// the site labels the session in a study merged from several
			// laptops (issue 8); the session-edit screen changes it later
			huh.NewInput().Key("site").Title("Site").Placeholder("optional: where it runs, e.g. Munich, TUM").
				Value(&f.v.site),
			huh.NewInput().Key("pack").Title("Content pack folder").
				Placeholder("empty: the embedded Digital Twin Trust Framework").
				Value(&f.v.packDir).Validate(f.validatePack),
		).Title("New session"),
		huh.NewGroup(
			huh.NewText().Key("participants").Title("Participants").
				Description("One a line: Name: role[: organisation]").
				Placeholder("Ana: supplier: Vendor GmbH\nBen: user\nChi: partner").
				Lines(8).ExternalEditor(false).Value(&f.v.participants).Validate(f.validateParticipants),
		).Title("Who takes part"),
	).WithTheme(f.c.Styles.Form).WithKeyMap(formKeyMap()).WithShowHelp(false)
	return form
}

// Init implements common.Screen; the footer's message of the screen
// before (a theme, a deletion) is not about the form, and goes.
func (f *Model) Init() tea.Cmd {
	return tea.Batch(f.form.Init(), func() tea.Msg { return common.StatusMsg{} })
}

// Title implements common.Screen.
func (f *Model) Title() string { return "New session" }

// Capturing implements common.Screen: every key is typing.
func (f *Model) Capturing() bool { return true }

// SetSize implements common.Screen. The form is as tall as its fields, so
// that a field's error shows under them, not at the foot of the window.
func (f *Model) SetSize(w, h int) {
	f.width, f.height = w, h
	f.form = f.form.WithWidth(f.formWidth())
}

// typed reports whether anything was typed that esc would throw away.
func (f *Model) typed() bool {
	v := f.v
	return strings.TrimSpace(v.title+v.facilitator+v.organisation+v.site+v.participants) != "" || strings.TrimSpace(v.packDir) != f.c.PackDir
}

func (f *Model) formWidth() int {
	if f.width >= 96 {
		return min(64, f.width/2+8)
	}
	return max(20, f.width-2)
}

// pack returns the pack the participants are checked against: the one in
// the folder field, or the app's pack when the field is empty.
func (f *Model) pack() (*content.Pack, string) {
	dir := strings.TrimSpace(f.v.packDir)
	r, ok := f.checks[dir]
	if !ok || r.err != nil {
		return nil, dir
	}
	return r.pack, r.dir
}

func (f *Model) validatePack(s string) error {
	dir := strings.TrimSpace(s)
	r, ok := f.checks[dir]
	switch {
	case !ok:
		return errors.New("checking the folder…")
	case r.err != nil:
		var ps content.Problems
		if errors.As(r.err, &ps) {
			return fmt.Errorf("%d problem%s in this pack: see the list", len(ps), common.Plural(len(ps)))
		}
		return r.err
	}
	return nil
}

func (f *Model) validateParticipants(s string) error {
	p, _ := f.pack()
	if p == nil {
		return errors.New("fix the content pack folder first (shift+tab)")
	}
	_, problems := parseParticipants(p, s)
	if len(problems) > 0 {
		return errors.New(problems[0])
	}
	return nil
}

// checkPackCmd loads and validates a pack folder ("" for the embedded pack).
func checkPackCmd(dir string) tea.Cmd {
	return func() tea.Msg {
		if dir == "" {
			p, err := content.Default()
			return packCheckedMsg{pack: p, err: err}
		}
		path := dir
		if rest, ok := strings.CutPrefix(path, "~"+string(filepath.Separator)); ok {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, rest)
			}
		}
		p, err := content.LoadDir(path)
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return packCheckedMsg{dir: dir, pack: p, err: err, abs: path}
	}
}

// createSessionCmd stores the new session.
func createSessionCmd(c *common.Common, p *content.Pack, in session.NewSession) tea.Cmd {
	return func() tea.Msg {
		sess, err := c.Engine.CreateSession(c.Ctx, c.Facilitator(), p, in)
		return sessionCreatedMsg{sess: sess, err: err}
	}
}

// Update implements common.Screen.
func (f *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case packCheckDueMsg:
		if msg.seq == f.checkSeq {
			return f, checkPackCmd(msg.dir)
		}
		return f, nil
	case packCheckedMsg:
		f.checks[msg.dir] = msg
		if f.advance && msg.dir == strings.TrimSpace(f.v.packDir) {
			f.advance = false
			return f.forward(tea.KeyPressMsg{Code: tea.KeyEnter})
		}
		return f, nil
	case sessionCreatedMsg:
		f.creating = false
		if msg.err != nil {
			f.form = f.buildForm()
			f.SetSize(f.width, f.height)
			return f, tea.Batch(f.form.Init(), common.ErrorCmd(msg.err))
		}
		// the status after the new screen, which clears it
		return f, tea.Sequence(func() tea.Msg { return common.OpenSessionMsg{ID: msg.sess.ID} },
			common.StatusCmd(fmt.Sprintf("Created session %s %s", msg.sess.ID, common.Quote(msg.sess.Title))))
	case common.ThemeChangedMsg:
		f.form = f.form.WithTheme(f.c.Styles.Form)
		return f, nil
	case tea.KeyPressMsg:
		if f.leaving {
			switch {
			case key.Matches(msg, f.keys.Discard):
				f.leaving = false
				return f, tea.Sequence(common.GoHome, common.StatusCmd("New session not created"))
			case key.Matches(msg, f.keys.Keep):
				f.leaving = false
			}
			return f, nil
		}
		if key.Matches(msg, f.keys.Cancel) {
			if f.typed() {
				f.leaving = true
				return f, nil
			}
			return f, common.GoHome
		}
		if f.onPackField() && (msg.Code == tea.KeyEnter || msg.Code == tea.KeyTab) && msg.Mod == 0 {
			dir := strings.TrimSpace(f.v.packDir)
			if _, ok := f.checks[dir]; !ok {
				f.advance = true
				return f, checkPackCmd(dir)
			}
		}
	}
	return f.forward(msg)
}

// forward hands a message to the form and acts on its state.
func (f *Model) forward(msg tea.Msg) (common.Screen, tea.Cmd) {
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	cmds := []tea.Cmd{cmd}
	if dir := strings.TrimSpace(f.v.packDir); f.onPackField() && dir != f.queued {
		f.queued = dir
		f.checkSeq++
		if _, done := f.checks[dir]; !done {
			seq := f.checkSeq
			cmds = append(cmds, tea.Tick(packCheckDelay, func(time.Time) tea.Msg { return packCheckDueMsg{seq: seq, dir: dir} }))
		}
	}
	switch f.form.State {
	case huh.StateAborted:
		return f, common.GoHome
	case huh.StateCompleted:
		if !f.creating {
			f.creating = true
			p, dir := f.pack()
			people, _ := parseParticipants(p, f.v.participants)
			if r, ok := f.checks[dir]; ok {
				dir = r.abs
			}
			in := session.NewSession{Title: f.v.title, Facilitator: f.v.facilitator, Organisation: f.v.organisation,
				Site: strings.TrimSpace(f.v.site), PackDir: dir, Participants: people}
			if f.c.Now != nil {
				in.Date = f.c.Now().Format("2006-01-02")
			}
			cmds = append(cmds, createSessionCmd(f.c, p, in))
		}
	}
	return f, tea.Batch(cmds...)
}

func (f *Model) onPackField() bool {
	fl := f.form.GetFocusedField()
	return fl != nil && fl.GetKey() == "pack"
}

// View implements common.Screen.
func (f *Model) View() string {
	if f.creating {
		return f.c.Styles.Faint.Render("  Creating the session…")
	}
	s := f.c.Styles
	// every line within the form's width: an error naming a long folder
	// must not push the preview off the screen
	lines := strings.Split(f.form.View(), "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, f.formWidth(), "…")
	}
	if f.leaving {
		lines = append(lines, "", s.Warn.Render(common.WrapText("Throw away what you typed? y throws it away · n keeps typing", f.formWidth())))
	}
	form := lipgloss.NewStyle().Padding(1, 1, 0, 1).Render(strings.Join(lines, "\n"))
	if f.width >= 96 {
		pw := f.width - lipgloss.Width(form) - 2
		return lipgloss.JoinHorizontal(lipgloss.Top, form, f.preview(pw))
	}
	return lipgloss.JoinVertical(lipgloss.Left, form, f.preview(f.width-2))
}

// preview shows what the form will create, updated as the user types.
func (f *Model) preview(width int) string {
	s := f.c.Styles
	inner := max(10, width-4)
	var b strings.Builder
	b.WriteString(s.Title.Render("Content pack") + "\n")
	p, dir := f.pack()
	switch {
	case p != nil:
		where := "embedded"
		if dir != "" {
			where = dir
		}
		b.WriteString(s.OK.Render("✓ ") + s.App.Render(common.ClipText(p.Title, inner-2)) + "\n")
		b.WriteString(s.Faint.Render(common.ClipText("version "+p.Version+" · "+where, inner)) + "\n")
	default:
		r, ok := f.checks[dir]
		if !ok {
			b.WriteString(s.Faint.Render("checking "+common.ClipText(dir, inner-9)+"…") + "\n")
			return s.Pane.Width(width).Render(strings.TrimRight(b.String(), "\n"))
		}
		b.WriteString(s.Error.Render("✗ "+common.ClipText(dir, inner-2)) + "\n")
		var ps content.Problems
		if errors.As(r.err, &ps) {
			for i, pr := range ps {
				if i == 6 {
					b.WriteString(s.Faint.Render(fmt.Sprintf("… and %d more (trustshop pack check)", len(ps)-6)) + "\n")
					break
				}
				b.WriteString(s.Error.Render(common.WrapText(pr.Error(), inner)) + "\n")
			}
		} else {
			b.WriteString(s.Error.Render(common.WrapText(r.err.Error(), inner)) + "\n")
		}
		return s.Pane.Width(width).Render(strings.TrimRight(b.String(), "\n"))
	}
	people, problems := parseParticipants(p, f.v.participants)
	fmt.Fprintf(&b, "\n%s\n", s.Title.Render(fmt.Sprintf("Participants (%d)", len(people))))
	for _, x := range p.Personas {
		var names []string
		for _, pt := range people {
			if pt.Role == x.ID {
				names = append(names, pt.Name)
			}
		}
		list := s.Faint.Render("—")
		if len(names) > 0 {
			list = s.App.Render(strings.Join(names, ", "))
		}
		b.WriteString(common.WrapText(s.Accent.Render(x.ID)+s.Faint.Render(" "+x.Short+": ")+list, inner) + "\n")
	}
	for _, pr := range problems {
		b.WriteString(s.Error.Render(common.WrapText(pr, inner)) + "\n")
	}
	if len(people) == 0 && len(problems) == 0 {
		b.WriteString(s.Faint.Render(common.WrapText("Type one participant a line; a role may be abbreviated (sup, us, par).", inner)) + "\n")
	}
	return s.Pane.Width(width).Render(strings.TrimRight(b.String(), "\n"))
}
