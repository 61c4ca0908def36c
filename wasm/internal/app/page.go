package app

import (
	"html"
	"strings"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/form"
)

// The views of the page, named as in its address: #health-check, #mou
// and #preview.
const (
	ViewAssessment = "health-check"
	ViewMOU        = "mou"
	ViewPreview    = "preview"
)

var views = []string{ViewAssessment, ViewMOU, ViewPreview}

// Op is what a Patch does to an element.
type Op string

// The operations.
const (
	OpInner Op = "inner" // replace the element's content with HTML
	OpOuter Op = "outer" // replace the element itself with HTML
	OpText  Op = "text"  // replace the element's content with text
	OpAttr  Op = "attr"  // set the attribute Name to Value
	OpFocus Op = "focus" // move the keyboard focus to the element
	OpShow  Op = "show"  // show the element (remove hidden)
	OpHide  Op = "hide"  // hide the element
)

// Patch is one change to the page, by element id. The runtime applies
// patches in order and skips those whose element is not on the page.
type Patch struct {
	Op    Op
	ID    string
	HTML  string // for OpInner and OpOuter
	Name  string // for OpAttr
	Value string // for OpText and OpAttr
}

// Event is what the user did to a control, as the runtime reads it from
// the page: the control's data-pointer, data-widget and data-action, and
// its value and checked state.
type Event struct {
	Pointer string
	Widget  string
	Action  string // add, remove, up, down, choose, rename, file, visit (the user left the field) or check (show every finding); "" for a value
	Value   string
	Checked bool
}

// Page is the whole page: the self-assessment, the MOU builder and the
// MOU's preview. Its methods are the runtime's entry points; each returns
// the patches that bring the page up to date. A Page is not safe for
// concurrent use.
type Page struct {
	assessment *Assessment
	mou        *Builder // made when first needed: see builder
	view       string
	rendered   map[string]bool // views whose bodies are on the page
	mounted    bool            // HTML has rendered the page
	st         storage
	pending    map[string]*pendingImport // an import waiting for the user to confirm it, by view
	undo       map[string]*envelope      // each view as it was before its last import
	switching  string                    // the framework the picker asks to switch to
	mouFresh   bool                      // Open found no saved MOU and the builder is not made yet
}

// pendingImport is a file read, waiting for the user to say it may
// replace what they typed.
type pendingImport struct {
	name  string
	kind  string
	apply func()
}

// New returns a page with an empty health check and an empty MOU.
func New() (*Page, error) {
	a, err := NewAssessment()
	if err != nil {
		return nil, err
	}
	return &Page{assessment: a, view: ViewAssessment, rendered: map[string]bool{}, st: newStorage(),
		pending: map[string]*pendingImport{}, undo: map[string]*envelope{}}, nil
}

// Assessment returns the self-assessment view.
func (p *Page) Assessment() *Assessment { return p.assessment }

// MOU returns the MOU builder.
func (p *Page) MOU() *Builder { return p.builder() }

// builder returns the MOU builder, made the first time it is needed:
// compiling the MOU's form is most of what the page does before it is
// interactive, and the health check, the page's first view, does not
// need it until Finish renders the other views, after the first paint.
func (p *Page) builder() *Builder {
	if p.mou == nil {
		m, err := NewBuilder()
		if err != nil {
			// The embedded MOU schema is tested; this is a build defect.
			panic("app: " + err.Error())
		}
		p.mou = m
		if p.mouFresh {
			// A new MOU, as Open would have noted it: nothing to save yet.
			p.mouFresh = false
			p.st.written[KeyMOU] = p.payload(KeyMOU)
		}
	}
	return p.mou
}

// Show switches to a view; an unknown name shows nothing new.
func (p *Page) Show(view string) []Patch {
	known := false
	for _, v := range views {
		known = known || v == view
	}
	if !known {
		return nil
	}
	p.view = view
	var out []Patch
	for _, v := range views {
		op := OpHide
		if v == view {
			op = OpShow
		}
		out = append(out, Patch{Op: op, ID: "view-" + v})
		cur := "false"
		if v == view {
			cur = "page"
		}
		out = append(out, Patch{Op: OpAttr, ID: "nav-" + v, Name: "aria-current", Value: cur})
	}
	switch {
	case view == ViewPreview:
		out = append(out, Patch{Op: OpInner, ID: "preview-body", HTML: p.builder().Preview()})
	case p.mounted && !p.rendered[view]:
		out = append(out, p.Finish()...)
	}
	return out
}

// View returns the view shown.
func (p *Page) View() string { return p.view }

// Handle applies what the user did in a view. An edit ends the chance
// to undo the view's last import; leaving a field or asking to check
// the MOU does not.
func (p *Page) Handle(view string, e Event) []Patch {
	var out []Patch
	switch view {
	case ViewAssessment:
		out = p.assessment.Handle(e)
	case ViewMOU:
		out = p.builder().Handle(e)
	default:
		return nil
	}
	if p.undo[view] != nil && e.Action != "visit" && e.Action != "check" {
		delete(p.undo, view)
		out = append(out, Patch{Op: OpInner, ID: view + "-import-msg"})
	}
	return out
}

// Import reads a JSON file the user chose for a view. A file of the
// wrong kind is refused with a message that names its kind. When the
// view holds work, the page asks first (ConfirmImport or CancelImport
// answer); otherwise the file is loaded at once. After loading, the
// page says what was loaded and offers UndoImport.
func (p *Page) Import(view, name string, data []byte) []Patch {
	var apply func()
	var kind string
	var err error
	var work bool
	switch view {
	case ViewAssessment:
		apply, kind, err = p.assessment.prepare(data)
		work = p.assessment.hasWork()
	case ViewMOU:
		apply, err = p.builder().prepare(data)
		kind, work = schemas.MOU, p.builder().hasWork()
	default:
		return nil
	}
	msg := view + "-import-msg"
	if err != nil {
		delete(p.pending, view)
		return []Patch{
			{Op: OpInner, ID: view + "-confirm"},
			{Op: OpInner, ID: msg, HTML: form.MessagesHTML([]finding.Finding{{Severity: finding.Error, Message: text.Sentence(err.Error())}})},
		}
	}
	pi := &pendingImport{name: name, kind: kind, apply: apply}
	if !work {
		return p.load(view, pi)
	}
	p.pending[view] = pi
	return []Patch{
		{Op: OpInner, ID: msg},
		{Op: OpInner, ID: view + "-confirm", HTML: confirmHTML(view, name, kind)},
		{Op: OpFocus, ID: view + "-confirm-title"},
	}
}

// confirmHTML asks whether an import may replace the user's work.
func confirmHTML(view, name, kind string) string {
	what, mine := "the MOU in this form", "my MOU"
	if view == ViewAssessment {
		what, mine = "your answers and notes", "my answers"
	}
	file := "This file"
	if name != "" {
		file = html.EscapeString(name)
	}
	return `<div class="pk-confirm" role="alertdialog" aria-labelledby="` + view + `-confirm-title" aria-describedby="` + view + `-confirm-text">
<h2 class="pk-confirm-title" id="` + view + `-confirm-title" tabindex="-1">Replace ` + what + `?</h2>
<p id="` + view + `-confirm-text">` + file + ` holds ` + kindNames[kind] + `. Importing it replaces ` + what + `. You can undo it straight after.</p>
<div class="pk-toolbar-buttons">
<button type="button" class="pk-button pk-button-warning" data-command="import-confirm">Replace ` + mine + `</button>
<button type="button" class="pk-button pk-button-secondary" data-command="import-cancel">Keep ` + mine + `</button>
</div>
</div>
`
}

// ConfirmImport loads the file waiting to be imported into a view.
func (p *Page) ConfirmImport(view string) []Patch {
	pi := p.pending[view]
	if pi == nil {
		return nil
	}
	delete(p.pending, view)
	return p.load(view, pi)
}

// CancelImport forgets the file waiting to be imported into a view.
func (p *Page) CancelImport(view string) []Patch {
	if p.pending[view] == nil {
		return nil
	}
	delete(p.pending, view)
	return append([]Patch{{Op: OpInner, ID: view + "-confirm"}},
		append(p.say(view, "Nothing was imported: your work is as it was."), Patch{Op: OpFocus, ID: view + "-import"})...)
}

// load imports a file read, keeping the view as it was for UndoImport.
func (p *Page) load(view string, pi *pendingImport) []Patch {
	before := p.payload(keyOf(view))
	pi.apply()
	p.undo[view] = &before
	var what string
	switch view {
	case ViewAssessment:
		what = p.assessment.loaded(pi.kind)
	case ViewMOU:
		what = p.builder().loaded()
	}
	from := ""
	if pi.name != "" {
		from = " from " + html.EscapeString(pi.name)
	}
	out := append([]Patch{{Op: OpInner, ID: view + "-confirm"}}, p.rerender(view)...)
	return append(out, Patch{Op: OpInner, ID: view + "-import-msg", HTML: `<p class="pk-message pk-message-ok">Loaded ` + html.EscapeString(what) + from + `. ` +
		`<button type="button" class="pk-button pk-button-secondary pk-button-small" data-command="undo-import">Undo the import</button></p>`})
}

// UndoImport puts a view back as it was before its last import.
func (p *Page) UndoImport(view string) []Patch {
	before := p.undo[view]
	if before == nil {
		return nil
	}
	delete(p.undo, view)
	if err := p.loadSaved(keyOf(view), *before); err != nil {
		return p.say(view, "The import cannot be undone: "+err.Error()+".")
	}
	return append(p.rerender(view), p.say(view, "The import is undone: the "+whatOf(view)+" is as it was before.")...)
}

// rerender renders a view's body again, after its document was replaced.
func (p *Page) rerender(view string) []Patch {
	var html string
	switch view {
	case ViewAssessment:
		html = p.assessment.body()
	case ViewMOU:
		html = p.builder().body()
	default:
		return nil
	}
	p.rendered[view] = true
	return []Patch{
		{Op: OpInner, ID: view + "-body", HTML: html},
		{Op: OpFocus, ID: view + "-title"},
	}
}

// Export returns the view's document as a file to download.
func (p *Page) Export(view string) (name string, data []byte) {
	switch view {
	case ViewAssessment:
		return p.assessment.id() + "-answers.json", p.assessment.JSON()
	case ViewMOU, ViewPreview:
		return "mou.json", p.builder().JSON()
	}
	return "", nil
}

// Reset empties a view's document.
func (p *Page) Reset(view string) []Patch {
	delete(p.undo, view)
	delete(p.pending, view)
	switch view {
	case ViewAssessment:
		p.assessment.Reset()
		p.rendered[view] = true
		return []Patch{{Op: OpInner, ID: view + "-body", HTML: p.assessment.body()}, {Op: OpFocus, ID: view + "-title"}}
	case ViewMOU:
		p.builder().Reset()
		p.rendered[view] = true
		return []Patch{{Op: OpInner, ID: view + "-body", HTML: p.builder().body()}, {Op: OpFocus, ID: view + "-title"}}
	}
	return nil
}

// HTML renders the whole page, showing the view named (or the
// self-assessment when the name is unknown).
func (p *Page) HTML() string {
	var b strings.Builder
	b.Grow(256 << 10)
	b.WriteString(`<a class="pk-skip" href="#main" data-focus="main">Skip to main content</a>` + "\n")
	b.WriteString(`<header class="pk-header"><div class="pk-width">` + "\n")
	b.WriteString(`<p class="pk-brand">partnerkit</p>` + "\n")
	b.WriteString(`<nav class="pk-nav" aria-label="Forms"><ul>` + "\n")
	for _, v := range []struct{ id, label string }{
		{ViewAssessment, "Partnership health check"},
		{ViewMOU, "MOU builder"},
		{ViewPreview, "Preview and print"},
	} {
		cur := ""
		if v.id == p.view {
			cur = ` aria-current="page"`
		}
		b.WriteString(`<li><a id="nav-` + v.id + `" href="#` + v.id + `"` + cur + `>` + v.label + "</a></li>\n")
	}
	b.WriteString("</ul></nav>\n</div></header>\n")
	b.WriteString(`<main class="pk-width" id="main" tabindex="-1">` + "\n")
	if p.st.store == nil {
		b.WriteString(`<p class="pk-privacy">Everything you enter stays on this device, and is never sent anywhere.</p>` + "\n")
	} else {
		b.WriteString(`<p class="pk-privacy">Everything you enter stays on this device. It is saved in this browser so that you can come back to it, and is never sent anywhere.</p>` + "\n")
	}
	b.WriteString(p.noticesHTML())
	view := func(id, html string) {
		hidden := ""
		if id != p.view {
			hidden = " hidden"
		}
		b.WriteString(`<div class="pk-view" id="view-` + id + `" data-view="` + id + `"` + hidden + ">\n")
		b.WriteString(html)
		b.WriteString("</div>\n")
	}
	// Only the view shown is rendered now, and the MOU is not yet checked:
	// Finish does the rest once the page is on screen.
	clear(p.rendered)
	p.mounted = true
	body := func(v string, render func() string) string {
		if v != p.view {
			return ""
		}
		p.rendered[v] = true
		return render()
	}
	view(ViewAssessment, p.assessment.html(body(ViewAssessment, p.assessment.body)))
	mouBody := ""
	if p.view == ViewMOU {
		mouBody = body(ViewMOU, p.builder().render)
	}
	view(ViewMOU, mouShell(mouBody))
	view(ViewPreview, previewShell(""))
	b.WriteString("</main>\n")
	return b.String()
}

// Finish does what HTML left for after the first render: it renders the
// views not shown and checks the MOU, and returns the patches that put
// them on the page. The runtime calls it once the page is interactive.
func (p *Page) Finish() []Patch {
	var out []Patch
	if !p.rendered[ViewAssessment] {
		out = append(out, Patch{Op: OpInner, ID: ViewAssessment + "-body", HTML: p.assessment.body()})
		p.rendered[ViewAssessment] = true
	}
	if !p.rendered[ViewMOU] {
		out = append(out, Patch{Op: OpInner, ID: ViewMOU + "-body", HTML: p.builder().body()})
		p.rendered[ViewMOU] = true
	} else {
		out = append(out, p.builder().finish()...)
	}
	if p.view == ViewPreview {
		out = append(out, Patch{Op: OpInner, ID: "preview-body", HTML: p.builder().Preview()})
	}
	return out
}

// toolbar renders a view's import, export and start-again controls.
func toolbar(view, what string) string {
	return `<div class="pk-toolbar">
<div class="pk-file">
<label class="pk-label" for="` + view + `-import">Import a JSON file</label>
<div class="pk-hint" id="` + view + `-import-hint">` + what + `</div>
<div class="pk-msg" id="` + view + `-import-msg"></div>
<div id="` + view + `-confirm"></div>
<input class="pk-file-input" type="file" id="` + view + `-import" accept=".json,application/json" data-import="` + view + `" aria-describedby="` + view + `-import-hint ` + view + `-import-msg">
</div>
<div class="pk-toolbar-buttons">
<button type="button" class="pk-button pk-button-secondary" data-command="export">Export JSON</button>
<button type="button" class="pk-button pk-button-warning" data-command="reset">Start again</button>
</div>
</div>
`
}

func previewShell(doc string) string {
	return `<div class="pk-toolbar pk-no-print">
<h1 class="pk-title" id="preview-title" tabindex="-1">Preview and print</h1>
<p><a href="#mou">Back to the MOU builder</a></p>
<div class="pk-toolbar-buttons">
<button type="button" class="pk-button" data-command="print">Print</button>
<button type="button" class="pk-button pk-button-secondary" data-command="export">Export JSON</button>
</div>
</div>
<div id="preview-body">` + doc + `</div>
`
}
