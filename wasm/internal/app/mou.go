package app

import (
	"errors"
	"html"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/google/uuid"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/form"
)

// Builder is the MOU builder: the MOU schema as a form, checked by
// mou.CheckValue after every change, each finding shown beside its field
// and in a summary at the top that links to the fields. A new MOU shows
// no finding yet: a field's findings show once the user has been to it,
// and all of them once the user asks to check the MOU, or loads one with
// something in it (see Form.Visible).
type Builder struct {
	form    *form.Form
	checked bool // report, msgs, summary and status are up to date
	report  *mou.Report
	msgs    form.Messages     // every finding, on its field
	vis     form.Messages     // the findings shown now
	hidden  int               // how many findings are not shown yet
	version int               // counts changes, for saved
	save    cache             // the JSON as last saved
	slots   map[string]string // what each messages element holds
	shown   bool              // the page shows a check's findings
	summary string
	status  string
	// checker checks the document: mou.CheckValue for the MOU builder,
	// the schema's own validation for another schema embedded.
	checker func(v any) *mou.Report
	// embedded is true for a form embedded in another page: no links to
	// the page's other views.
	embedded bool
	schema   string      // the schema's name
	parts    string      // the parts panel's HTML, as on the page
	states   []partState // the parts' states it shows
}

// NewBuilder returns a builder holding a new, empty MOU.
func NewBuilder() (*Builder, error) {
	root, err := form.ForSchema(schemas.MOU)
	if err != nil {
		return nil, err
	}
	root = withHints(schemas.MOU, root)
	b := &Builder{form: form.New(root, "mou"), checker: mou.CheckValue, schema: schemas.MOU}
	b.Reset()
	return b, nil
}

// Reset starts a new MOU, with a new id. Nothing is visited: the new
// MOU shows no finding until the user has been to a field.
func (b *Builder) Reset() {
	b.form.Reset()
	if b.schema == schemas.MOU {
		_ = b.form.Input("/id", uuid.NewString())
		_ = b.form.Input("/legallyBinding", "false")
		b.form.Load(b.form.Value()) // the two inputs are not the user's visits
	}
	b.checked = false
	b.version++
}

// Form returns the builder's form.
func (b *Builder) Form() *form.Form { return b.form }

// Report returns the report of checking the MOU as it is.
func (b *Builder) Report() *mou.Report {
	b.ensure()
	return b.report
}

// ensure checks the MOU if it changed since the last check. The first
// check compiles the schemas, which takes a moment in a browser: the page
// does it after its first render.
func (b *Builder) ensure() {
	if !b.checked {
		b.check()
	}
}

// JSON returns the MOU, members in the schema's order.
func (b *Builder) JSON() []byte { return b.form.JSON() }

// saved returns the MOU's JSON for localStorage, made again only after a
// change.
func (b *Builder) saved() string { return b.save.get(b.version, b.JSON) }

// Load replaces the MOU with a document: an object recognised as an MOU
// (see kindOf), checked as it is, so that a draft with problems loads and
// shows them. A file of another kind is refused with a message that says
// what it is.
func (b *Builder) Load(data []byte) error {
	apply, err := b.prepare(data)
	if err != nil {
		return err
	}
	apply()
	return nil
}

// prepare reads a file to import and returns what loads it; nothing
// changes until apply is called.
func (b *Builder) prepare(data []byte) (apply func(), err error) {
	doc, err := decodeObject(data, "an MOU")
	if err != nil {
		return nil, err
	}
	if err := isMOU(doc); err != nil {
		return nil, err
	}
	return func() { b.loadDoc(doc) }, nil
}

// loaded says what was loaded, in a few words.
func (b *Builder) loaded() string {
	if t := b.title(); t != "" {
		return "the MOU " + quote(t)
	}
	return "an MOU with no title yet"
}

// isMOU refuses a document that is not an MOU.
func isMOU(doc map[string]any) error {
	switch kind := kindOf(doc); kind {
	case schemas.MOU:
		return nil
	case "":
		if hasMemberOf(doc, schemas.MOU) {
			return nil // a draft too sparse to tell, with an MOU's members
		}
		return errors.New("this file is not an MOU: it has none of an MOU's members (such as " + someMembers(schemas.MOU, 4) + ")")
	default:
		return errors.New(wrongKind(kind, kindNames[schemas.MOU]))
	}
}

// loadDoc replaces the MOU with doc. A document with something in it
// (an import, a restored draft) shows all its findings at once: whoever
// loads one expects to see what is wrong with it.
func (b *Builder) loadDoc(doc map[string]any) {
	b.form.Load(doc)
	if b.hasWork() {
		b.form.CheckAll()
	}
	b.checked = false
	b.version++
}

// hasWork reports whether the MOU holds anything beyond a new one's id
// and empty defaults: whether loading another would replace work.
func (b *Builder) hasWork() bool {
	m, ok := b.form.Value().(map[string]any)
	if !ok {
		return false
	}
	for k, v := range m {
		if k != "id" && k != "$schema" && !blank(v) {
			return true
		}
	}
	return false
}

// blank reports whether a value holds nothing a person typed: null,
// false, "", or objects and arrays of those.
func blank(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case map[string]any:
		for _, e := range x {
			if !blank(e) {
				return false
			}
		}
		return true
	case []any:
		return len(x) == 0
	}
	return false
}

// title returns the MOU's title, or "" when it has none.
func (b *Builder) title() string {
	m, _ := b.form.Value().(map[string]any)
	t, _ := m["title"].(string)
	return t
}

// decodeObject decodes a file that should hold a JSON object.
func decodeObject(data []byte, what string) (map[string]any, error) {
	doc, err := schemas.Decode(data)
	if err != nil {
		var se *schemas.SyntaxError
		if errors.As(err, &se) {
			return nil, errors.New("the file is not valid JSON: line " + strconv.Itoa(se.Line) + ", column " + strconv.Itoa(se.Column) + ": " + se.Msg)
		}
		return nil, errors.New("the file is not valid JSON")
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, errors.New("the file does not hold " + what + ": it should be a JSON object, in braces")
	}
	return m, nil
}

// check runs the MOU check and places each finding on its field.
func (b *Builder) check() {
	b.report = b.checker(b.form.Value())
	b.msgs = form.Messages{}
	for _, f := range b.report.Findings {
		ptr := b.form.Place(f.Path)
		b.msgs[ptr] = append(b.msgs[ptr], f)
	}
	b.checked = true
	b.present()
}

// present chooses the findings to show now, those of the fields the user
// has been to, and renders the summary and status for them.
func (b *Builder) present() {
	b.vis = b.form.Visible(b.msgs)
	var shown []finding.Finding
	for _, f := range b.report.Findings {
		if _, ok := b.vis[b.form.Place(f.Path)]; ok {
			shown = append(shown, f)
		}
	}
	b.hidden = len(b.report.Findings) - len(shown)
	b.summary = b.summaryHTML(shown)
	b.status = statusText(shown, b.hidden)
}

// Handle applies what the user did, checks the MOU again and returns the
// patches that show the result.
func (b *Builder) Handle(e Event) []Patch {
	b.ensure()
	oldSlots, oldSummary, oldStatus := b.slots, b.summary, b.status
	if !b.shown {
		oldSummary, oldStatus = checking, ""
	}
	structure, focus, err := edit(b.form, e)
	switch e.Action {
	case "visit", "check":
		b.present() // the MOU is as it was: only what is shown changes
	default:
		b.version++
		b.check()
	}
	if e.Action == "check" {
		focus = b.summaryFocus()
	}
	now := b.form.Slots(b.vis)
	var out []Patch
	if err == nil && structure != "" {
		id, html, ferr := b.form.Fragment(structure, b.vis)
		if ferr == nil {
			out = append(out, Patch{Op: OpOuter, ID: id, HTML: html})
		}
	}
	out = append(out, slotPatches(b.form, oldSlots, now)...)
	b.slots = now
	if b.summary != oldSummary {
		out = append(out, Patch{Op: OpInner, ID: "mou-summary", HTML: b.summary})
	}
	if b.status != oldStatus {
		out = append(out, Patch{Op: OpText, ID: "mou-status", Value: b.status})
	}
	out = append(out, b.partsPatch()...)
	b.shown = true
	return append(out, focus...)
}

// finish checks the MOU, if that is still to do, and returns the patches
// that show the findings on a page rendered before the check.
func (b *Builder) finish() []Patch {
	if b.checked && b.shown {
		return nil
	}
	b.ensure()
	now := b.form.Slots(b.vis)
	out := slotPatches(b.form, b.slots, now)
	b.slots = now
	out = append(out, Patch{Op: OpInner, ID: "mou-summary", HTML: b.summary}, Patch{Op: OpText, ID: "mou-status", Value: b.status})
	out = append(out, b.partsPatch()...)
	b.shown = true
	return out
}

// HTML renders the builder: its heading, the import and export controls,
// and the body, checked.
func (b *Builder) HTML() string { return b.html(b.body()) }

func (b *Builder) html(body string) string { return mouShell(body) }

// mouShell is the MOU builder around its body: the heading, the import
// and export controls.
func mouShell(body string) string {
	return `<h1 class="pk-title" id="mou-title" tabindex="-1">Memorandum of Understanding</h1>
<p class="pk-lead">Draft your partnership&#39;s MOU. It is checked against the guidance for schools as you type: each problem is shown beside its field and listed below.</p>
` + toolbar(ViewMOU, "An MOU exported from this page, or any MOU in partnerkit&#39;s format.") + `<div id="mou-body">` + body + "</div>\n"
}

// checking stands in for the summary until the first check is done.
const checking = `<p class="pk-hint">Checking the MOU…</p>`

// body checks the MOU and renders the summary and the form.
func (b *Builder) body() string {
	b.ensure()
	return b.render()
}

// render renders the summary and the form as they stand: before the
// first check, with no findings yet (see Page.Finish).
func (b *Builder) render() string {
	summary, msgs := checking, form.Messages(nil)
	if b.checked {
		summary, msgs = b.summary, b.vis
	}
	b.slots = b.form.Slots(msgs)
	b.shown = b.checked
	main := `<div id="mou-summary">` + summary + `</div>
<p class="pk-vh" role="status" id="mou-status">` + html.EscapeString(b.status) + `</p>
` + b.form.HTML(msgs) + b.actions()
	if b.schema != schemas.MOU {
		return main
	}
	b.states = b.partStates()
	b.parts = b.renderParts(b.states)
	return `<div class="pk-layout">
<div class="pk-main-col">
` + main + `</div>
<aside class="pk-side-col" aria-labelledby="mou-parts-title"><section class="pk-scores pk-parts-panel" id="mou-parts" aria-labelledby="mou-parts-title">
` + b.parts + `</section></aside>
</div>
`
}

// partsPatch brings the parts panel up to date, if it changed.
func (b *Builder) partsPatch() []Patch {
	if b.schema != schemas.MOU {
		return nil
	}
	// The panel changes only with the parts' states: after most
	// keystrokes it is not rendered again.
	states := b.partStates()
	if b.parts != "" && slices.Equal(states, b.states) {
		return nil
	}
	now := b.renderParts(states)
	b.states = states
	if now == b.parts {
		return nil
	}
	b.parts = now
	return []Patch{{Op: OpInner, ID: "mou-parts", HTML: now}}
}

// actions renders what follows the form: the button that checks the
// whole MOU and the link to the preview, or nothing when the form is
// embedded (the embedding adds its own button, which checks it all).
func (b *Builder) actions() string {
	if b.embedded {
		return ""
	}
	return `<p class="pk-actions">` + checkButton("mou-check-end", "pk-button pk-button-secondary") + ` <a class="pk-button" href="#preview">Preview and print</a></p>
`
}

// checkButton renders a button that shows every finding.
func checkButton(id, class string) string {
	return `<button type="button" class="` + class + `" id="` + id + `" data-action="check" data-pointer="">Check the MOU</button>`
}

// summaryFocus is where the focus goes once the user asked to check
// the MOU: to the summary, as the GOV.UK error summary does on submit.
func (b *Builder) summaryFocus() []Patch {
	switch {
	case b.report.Count(finding.Error) > 0:
		return []Patch{{Op: OpFocus, ID: "mou-summary-errors"}}
	case len(b.report.Findings) > 0:
		return []Patch{{Op: OpFocus, ID: "mou-summary-warnings"}}
	}
	return []Patch{{Op: OpFocus, ID: "mou-summary-ok"}}
}

// summaryHTML renders the error summary of the findings shown, as the
// GOV.UK Design System does: errors under "There is a problem", then the
// warnings and notes, each a link to its field, in the order the fields
// are on the page. While some findings are not shown yet, it says so,
// with a button that shows them.
func (b *Builder) summaryHTML(shown []finding.Finding) string {
	more := ""
	if b.hidden > 0 {
		more = `<div class="pk-summary-more" id="mou-summary-more"><p class="pk-hint">Each field is checked once you have filled it in or moved on from it.</p>
<p>` + checkButton("mou-check", "pk-button pk-button-secondary") + "</p></div>\n"
	}
	if len(shown) == 0 && b.hidden > 0 {
		return more
	}
	if len(shown) == 0 && b.embedded {
		return `<div class="pk-summary pk-summary-ok" id="mou-summary-ok" tabindex="-1"><h2 class="pk-summary-title" id="mou-summary-title">No problems found</h2></div>
`
	}
	if len(shown) == 0 {
		return `<div class="pk-summary pk-summary-ok" id="mou-summary-ok" tabindex="-1"><h2 class="pk-summary-title" id="mou-summary-title">No problems found</h2>
<p>This MOU follows the guidance. <a href="#preview">Preview and print it</a> when the partners are ready to sign.</p></div>
`
	}
	rank := map[string]int{}
	for i, p := range b.form.Pointers() {
		rank[p] = i
	}
	type item struct {
		f      finding.Finding
		ptr    string
		target string
	}
	var errs, others []item
	for _, f := range shown {
		ptr := b.form.Place(f.Path)
		it := item{f: f, ptr: ptr, target: b.form.Target(ptr)}
		if f.Severity == finding.Error {
			errs = append(errs, it)
		} else {
			others = append(others, it)
		}
	}
	byPage := func(a, c item) int { return rank[a.ptr] - rank[c.ptr] }
	slices.SortStableFunc(errs, byPage)
	slices.SortStableFunc(others, byPage)
	var s strings.Builder
	list := func(items []item) {
		s.WriteString(`<ul class="pk-summary-list">` + "\n")
		for _, it := range items {
			s.WriteString(`<li data-code="` + html.EscapeString(it.f.Code) + `"><a href="#` + it.target + `" data-focus="` + it.target + `">`)
			s.WriteString(html.EscapeString(it.f.Message))
			s.WriteString("</a></li>\n")
		}
		s.WriteString("</ul>\n")
	}
	if len(errs) > 0 {
		s.WriteString(`<div class="pk-summary pk-summary-error" id="mou-summary-errors" aria-labelledby="mou-summary-title" tabindex="-1">` + "\n")
		s.WriteString(`<h2 class="pk-summary-title" id="mou-summary-title">There is a problem</h2>` + "\n")
		list(errs)
		s.WriteString("</div>\n")
	}
	if len(others) > 0 {
		s.WriteString(`<div class="pk-summary pk-summary-warning" id="mou-summary-warnings" aria-labelledby="mou-warnings-title" tabindex="-1">` + "\n")
		s.WriteString(`<h2 class="pk-summary-title" id="mou-warnings-title">Things to check</h2>` + "\n")
		list(others)
		s.WriteString("</div>\n")
	}
	s.WriteString(more)
	return s.String()
}

// statusText says in a few words how the MOU stands, for screen readers:
// the findings shown, and nothing while those not shown yet are all.
func statusText(shown []finding.Finding, hidden int) string {
	errs := 0
	for _, f := range shown {
		if f.Severity == finding.Error {
			errs++
		}
	}
	rest := len(shown) - errs
	switch {
	case errs == 0 && rest == 0 && hidden > 0:
		return ""
	case errs == 0 && rest == 0:
		return "No problems found."
	case rest == 0:
		return text.Count(errs, "problem", "problems") + "."
	case errs == 0:
		return "No problems, " + text.Count(rest, "thing", "things") + " to check."
	}
	return text.Count(errs, "problem", "problems") + " and " + text.Count(rest, "thing", "things") + " to check."
}

// Preview renders the MOU as a document to print, with a note, not
// printed, while it still has problems.
func (b *Builder) Preview() string {
	m := mou.FromValue(b.form.Value())
	doc, err := mou.Render(&m, mou.HTML)
	if err != nil {
		return ""
	}
	note := ""
	if n := b.Report().Count(finding.Error); n > 0 {
		note = `<div class="pk-notice pk-no-print"><p>This MOU still has ` + text.Count(n, "problem", "problems") +
			`. <a href="#mou">Put them right in the MOU builder</a> before the partners sign.</p></div>` + "\n"
	}
	return note + string(doc)
}

// cache holds a document's JSON for one version of it.
type cache struct {
	version int
	valid   bool
	text    string
}

func (c *cache) get(version int, make func() []byte) string {
	if !c.valid || c.version != version {
		// make's bytes are new and no one else's (Form.JSON): the text
		// is them, not a copy, which after every keystroke would be the
		// whole MOU once more.
		b := make()
		c.text, c.version, c.valid = unsafe.String(unsafe.SliceData(b), len(b)), version, true
	}
	return c.text
}
