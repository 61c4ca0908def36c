package form

import (
	"encoding/json"
	"html"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
)

// Messages are the findings to show, by the pointer of the field that
// shows them: use Place to find that field for a finding's path.
type Messages map[string][]finding.Finding

// ID returns the id of the element that shows the value at ptr: the
// control of a one-line field, or the fieldset of an object, a list or a
// group of radios or checkboxes. Ids are the form's prefix followed by the
// pointer, with "/" written "__" and any character but a letter or digit
// written "_" and two hexadecimal digits.
func (f *Form) ID(ptr string) string {
	var b strings.Builder
	b.WriteString(f.prefix)
	const hex = "0123456789abcdef"
	for i := 0; i < len(ptr); i++ {
		c := ptr[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == '/':
			b.WriteString("__")
		default:
			b.WriteByte('_')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// MessagesID returns the id of the element beside the field at ptr that
// holds its messages. It is always on the page, empty when there is
// nothing to say, and the field's control names it in aria-describedby.
func (f *Form) MessagesID(ptr string) string { return f.ID(ptr) + "-msg" }

// Place returns the pointer of the field that shows a finding about
// path: the field at path itself, or the nearest field that holds it.
func (f *Form) Place(path string) string {
	if !strings.HasPrefix(path, "/") {
		return "" // the whole document, or not a pointer
	}
	fd, v, at := f.root, f.doc, ""
	for _, tok := range pointer.Tokens(path) {
		fd = f.resolve(fd, v, at)
		if !fd.fits(v) {
			return at
		}
		switch {
		case fd.Kind == KindObject:
			p := fd.member(tok)
			m, _ := v.(map[string]any)
			if p == nil || p.Widget == WidgetHidden || f.hidden[pointer.Join(at, tok)] {
				return at
			}
			if _, there := m[tok]; !there && fd.Property(tok) == nil {
				return at // a named member that is not there has no field
			}
			fd, v = p, m[tok]
		case fd.Kind == KindArray && fd.Widget == WidgetList:
			a, _ := v.([]any)
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(a) || strconv.Itoa(i) != tok || fd.item(i) == nil {
				return at
			}
			fd, v = fd.item(i), a[i]
		default:
			return at
		}
		at = pointer.Join(at, tok)
	}
	return at
}

// Target returns the id of the element a link to the field at ptr should
// move to: its control, or the first of its radios or checkboxes, or its
// fieldset.
func (f *Form) Target(ptr string) string {
	fd, v, ok := f.walk(ptr)
	if !ok {
		return f.ID("")
	}
	fd = f.resolve(fd, v, ptr)
	if (fd.Widget == WidgetRadios || fd.Widget == WidgetCheckboxes) && f.fitsShown(fd, v) {
		return f.ID(ptr) + "-0"
	}
	return f.ID(ptr)
}

func (f *Form) fitsShown(fd *Field, v any) bool {
	return fd.fits(v) && (fd.Widget != WidgetRadios || len(fd.Options) > 0)
}

// HTML renders the whole form, with msgs beside their fields.
func (f *Form) HTML(msgs Messages) string {
	r := renderer{f: f, msgs: msgs}
	r.b.Grow(32 << 10)
	r.root()
	return r.b.String()
}

// Fragment renders the field at ptr alone, for replacing it after a
// change to its structure (an item added, removed or moved, a branch
// chosen). It returns the id of the element to replace and its new HTML.
func (f *Form) Fragment(ptr string, msgs Messages) (id, html string, err error) {
	if ptr == "" {
		if f.rootIsPage() {
			return f.ID(""), f.HTML(msgs), nil
		}
		return f.prefix + "-form", f.HTML(msgs), nil
	}
	fd, v, ok := f.walk(ptr)
	if !ok {
		return "", "", ErrNoField
	}
	r := renderer{f: f, msgs: msgs}
	depth := strings.Count(ptr, "/")
	if base, key, m, ok := f.namedMember(ptr); ok {
		// A member the user names: its value, inside the entry whose
		// name box stays on the page.
		parent := f.resolve(f.At(base), m, base)
		i := slices.Index(f.mapKeys(parent, m, base), key)
		r.entryValue(parent, m, base, key, i, depth-1)
		return f.ID(base) + "-value-" + strconv.Itoa(i), r.b.String(), nil
	}
	if cut := strings.LastIndexByte(ptr, '/'); cut >= 0 && len(fd.When) > 0 {
		r.conditional(fd, v, ptr, depth)
		return f.ID(ptr) + "-cond", r.b.String(), nil
	}
	label := ""
	if a, i, base, isItem := f.parent(ptr); isItem {
		label = itemLabel(f.resolve(f.At(base), a, base), i, a[i])
	}
	r.field(fd, v, ptr, label, depth)
	return r.outerID(fd.expand(), v, ptr), r.b.String(), nil
}

// Slots renders the content of every messages element that has
// something to say, by pointer: msgs, with the problems of JSON text that
// does not parse first. Elements not in the map are empty. It is what
// HTML puts in them, for updating a page without rendering it again.
func (f *Form) Slots(msgs Messages) map[string]string {
	out := make(map[string]string, len(msgs)+len(f.errs))
	for ptr := range msgs {
		out[ptr] = MessagesHTML(f.slotMessages(ptr, msgs))
	}
	for ptr := range f.errs {
		out[ptr] = MessagesHTML(f.slotMessages(ptr, msgs))
	}
	for ptr, html := range out {
		if html == "" {
			delete(out, ptr)
		}
	}
	return out
}

func (f *Form) slotMessages(ptr string, msgs Messages) []finding.Finding {
	ms := msgs[ptr]
	if e, ok := f.errs[ptr]; ok {
		ms = append([]finding.Finding{{Severity: finding.Error, Path: ptr, Message: e}}, ms...)
	}
	return ms
}

// Pointers lists the pointers of the fields on the page, in the order
// they appear, for ordering messages as the page does.
func (f *Form) Pointers() []string {
	var out []string
	var walk func(fd *Field, v any, ptr string, depth int)
	walk = func(fd *Field, v any, ptr string, depth int) {
		if depth > maxDepth {
			return
		}
		fd = f.resolve(fd, v, ptr)
		if fd.Widget == WidgetHidden {
			return
		}
		out = append(out, ptr)
		if !fd.fits(v) {
			return
		}
		switch {
		case fd.Kind == KindObject:
			m, _ := v.(map[string]any)
			for _, p := range fd.Properties {
				mp := pointer.Join(ptr, p.Name)
				if !f.hidden[mp] {
					walk(p, m[p.Name], mp, depth+1)
				}
			}
			if fd.named() {
				for _, k := range f.mapKeys(fd, m, ptr) {
					if p := fd.member(k); p != nil {
						walk(p, m[k], pointer.Join(ptr, k), depth+1)
					}
				}
			}
		case fd.Kind == KindArray && fd.Widget == WidgetList:
			a, _ := v.([]any)
			for i, e := range a {
				if it := fd.item(i); it != nil {
					walk(it, e, pointer.Index(ptr, i), depth+1)
				}
			}
		}
	}
	walk(f.root, f.doc, "", 0)
	return out
}

// MessagesHTML renders the messages that go in a field's messages element.
func MessagesHTML(ms []finding.Finding) string {
	var r renderer
	r.messages(ms)
	return r.b.String()
}

type renderer struct {
	f    *Form
	msgs Messages
	b    strings.Builder
	// removable is the pointer of the branch of a tree being rendered,
	// whose fieldset gets a button that takes it out.
	removable string
}

func (r *renderer) s(s string) { r.b.WriteString(s) }

// text writes s escaped for HTML text and attribute values.
func (r *renderer) text(s string) { writeEscaped(&r.b, s) }

// attr writes ` name="value"`.
func (r *renderer) attr(name, value string) {
	r.b.WriteByte(' ')
	r.b.WriteString(name)
	r.b.WriteString(`="`)
	r.text(value)
	r.b.WriteByte('"')
}

// writeEscaped writes s escaped for HTML text and quoted attribute
// values, as html.EscapeString escapes it.
func writeEscaped(b *strings.Builder, s string) { b.WriteString(html.EscapeString(s)) }

func (r *renderer) root() {
	f := r.f
	if f.rootIsPage() {
		// The root object's members are the page; its title is the page's.
		r.s(`<div class="pk-form" tabindex="-1"`)
		r.attr("id", f.ID(""))
		r.s(">\n")
		if root := f.root.expand(); len(root.Unsupported) > 0 {
			r.hint(root, f.ID(""), "") // what the page does not check, said at its top
		}
		r.slot("")
		r.members(f.root.expand(), f.doc, "", 0)
	} else {
		r.s(`<div class="pk-form"`)
		r.attr("id", f.prefix+"-form")
		r.s(">\n")
		r.field(f.root, f.doc, "", "", 0)
	}
	r.s("</div>\n")
}

// rootIsPage reports whether the root is an object whose members are
// rendered straight onto the page, rather than as one field.
func (f *Form) rootIsPage() bool {
	return f.root.Kind == KindObject && f.root.fits(f.doc)
}

// outerID is the id of the outermost element field renders.
func (r *renderer) outerID(fd *Field, v any, ptr string) string {
	id := r.f.ID(ptr)
	switch {
	case fd.target != nil && v == nil:
		return id
	case fd.Kind == KindChoice:
		return id + "-choice"
	case fd.Widget == WidgetHidden:
		return ""
	case (fd.Widget == WidgetFieldset || fd.Widget == WidgetList || fd.Widget == WidgetCheckboxes || fd.Widget == WidgetRadios || fd.Widget == WidgetMap) && r.f.fitsShown(fd, v):
		return id
	}
	return id + "-group"
}

// field renders the field fd showing v at ptr. label, when set, replaces
// the field's own label (array items are numbered).
func (r *renderer) field(fd *Field, v any, ptr, label string, depth int) {
	if label == "" {
		label = fd.Label()
	}
	if label == "" {
		label = "Value"
	}
	if depth > maxDepth {
		return
	}
	if fd.target != nil && v == nil {
		r.collapsed(fd, ptr, label)
		return
	}
	if fd.target != nil && !r.f.inArray(ptr) {
		r.removable = ptr // a branch of a tree can be taken out again
	}
	fd = fd.expand()
	if fd.Kind == KindChoice {
		r.choice(fd, v, ptr, label, depth)
		return
	}
	if !fd.fits(v) {
		r.jsonArea(fd, v, ptr, label, "the value here is not the kind the form expects")
		return
	}
	switch fd.Widget {
	case WidgetHidden:
		return
	case WidgetFieldset, WidgetMap:
		r.fieldset(fd, v, ptr, label, depth)
	case WidgetList:
		r.list(fd, v, ptr, label, depth)
	case WidgetCheckboxes:
		r.checkboxes(fd, v, ptr, label)
	case WidgetRadios:
		r.radios(fd, v, ptr, label)
	case WidgetSelect, WidgetReference:
		r.selectBox(fd, v, ptr, label)
	case WidgetCheckbox:
		r.checkbox(fd, v, ptr, label)
	case WidgetConstant:
		r.constant(fd, v, ptr, label)
	case WidgetJSON:
		r.jsonArea(fd, v, ptr, label, "")
	default:
		r.input(fd, v, ptr, label)
	}
}

// describedBy lists the ids of a field's hint and messages.
func (r *renderer) describedBy(fd *Field, id string) string {
	if fd.Description != "" || len(fd.Unsupported) > 0 || containsHint(fd) != "" {
		return id + "-hint " + id + "-msg"
	}
	return id + "-msg"
}

func (r *renderer) labelText(fd *Field, label string) {
	r.text(label)
	if fd.Required {
		r.s(`<span class="pk-required"> (required)</span>`)
	}
}

// containsHint says what a list must contain, where its contains (and
// those allOf keeps beside it) can be said in words: their options or
// their title; and that nothing fits, where allOf's branches leave no
// value at all.
func containsHint(fd *Field) string {
	var notes []string
	if note := containsNote(fd.Contains); note != "" {
		notes = append(notes, note)
	}
	for _, a := range fd.All {
		if a.Kind == KindJSON && a.Keyword == "false" {
			notes = append(notes, "No value can go here: the schema's rules contradict each other.")
		} else if note := containsNote(a.Contains); note != "" {
			notes = append(notes, note)
		}
	}
	return strings.Join(notes, " ")
}

func containsNote(ct *Contains) string {
	if ct == nil {
		return ""
	}
	what := containsWords(ct.Field)
	switch {
	case what == "" || ct.Min == 0 && ct.Max == nil:
		return ""
	case ct.Min == 1 && ct.Max == nil:
		return "Include " + what + "."
	case ct.Max == nil:
		return "Include at least " + strconv.Itoa(ct.Min) + " items like " + what + "."
	case ct.Min == 0:
		return "Include at most " + plural(*ct.Max, "item", "items") + " like " + what + "."
	case ct.Min == *ct.Max:
		return "Include exactly " + plural(ct.Min, "item", "items") + " like " + what + "."
	}
	return "Include from " + strconv.Itoa(ct.Min) + " to " + strconv.Itoa(*ct.Max) + " items like " + what + "."
}

func (r *renderer) hint(fd *Field, id, extra string) {
	if note := containsHint(fd); note != "" {
		if extra != "" {
			extra += " "
		}
		extra += note
	}
	if len(fd.Unsupported) > 0 {
		note := "The form does not check " + quoteList(fd.Unsupported) + " here: the whole document is checked when it is used."
		if extra != "" {
			extra += " "
		}
		extra += note
	}
	if fd.Description == "" && extra == "" {
		return
	}
	r.s(`<div class="pk-hint"`)
	r.attr("id", id+"-hint")
	r.s(">")
	r.text(fd.Description)
	if extra != "" {
		if fd.Description != "" {
			r.s(" ")
		}
		r.text(extra)
	}
	r.s("</div>\n")
}

// slot writes the messages element of the field at ptr.
func (r *renderer) slot(ptr string) {
	r.s(`<div class="pk-msg"`)
	r.attr("id", r.f.MessagesID(ptr))
	r.s(">")
	if r.f != nil {
		r.messages(r.f.slotMessages(ptr, r.msgs))
	}
	r.s("</div>\n")
}

var severityWords = map[finding.Severity]string{finding.Error: "Error: ", finding.Warning: "Warning: ", finding.Info: "Note: "}

func (r *renderer) messages(ms []finding.Finding) {
	for _, m := range ms {
		sev := m.Severity
		if _, ok := severityWords[sev]; !ok {
			sev = finding.Error // a severity beyond info is shown as the safe one
		}
		r.s(`<p class="pk-message pk-message-` + sev.String() + `"`)
		if m.Code != "" {
			r.attr("data-code", m.Code)
		}
		r.s(`><span class="pk-vh">` + severityWords[sev] + `</span>`)
		r.text(m.Message)
		r.s("</p>")
	}
}

func (r *renderer) group(id string) {
	r.s(`<div class="pk-group"`)
	r.attr("id", id+"-group")
	r.s(">\n")
}

func (r *renderer) input(fd *Field, v any, ptr, label string) {
	if fd.Widget == WidgetFile {
		r.file(fd, v, ptr, label)
		return
	}
	id := r.f.ID(ptr)
	r.group(id)
	r.s(`<label class="pk-label"`)
	r.attr("for", id)
	r.s(">")
	r.labelText(fd, label)
	r.s("</label>\n")
	r.hint(fd, id, "")
	r.slot(ptr)
	val := scalarText(v)
	if fd.Widget == WidgetTextArea {
		r.s(`<textarea class="pk-textarea" rows="4"`)
	} else {
		r.s(`<input class="pk-input"`)
		typ := "text"
		switch fd.Widget {
		case WidgetDate:
			// A value that is not YYYY-MM-DD would show as empty in a date
			// picker: show it as text, so that the user sees what to fix.
			if val == "" || isISODate(val) {
				typ = "date"
			}
		case WidgetEmail:
			typ = "email"
		case WidgetURL:
			typ = "url"
		case WidgetDateTime:
			if local, ok := localDateTime(val); ok {
				typ, val = "datetime-local", local
			} else if val == "" {
				typ = "datetime-local"
			}
		case WidgetTime:
			if t, ok := shortTime(val); ok {
				typ, val = "time", t
			} else if val == "" {
				typ = "time"
			}
		case WidgetNumber:
			if fd.Kind == KindInteger {
				r.attr("inputmode", "numeric")
			} else {
				r.attr("inputmode", "decimal")
			}
		}
		r.attr("type", typ)
		r.attr("value", val)
	}
	if fd.Placeholder != "" && val == "" {
		r.attr("placeholder", fd.Placeholder)
	}
	r.attr("id", id)
	r.attr("name", id)
	r.attr("data-pointer", ptr)
	r.attr("data-widget", string(fd.Widget))
	r.attr("aria-describedby", r.describedBy(fd, id))
	if fd.Widget != WidgetEmail && fd.Widget != WidgetURL {
		r.s(` autocomplete="off"`)
	}
	if fd.Widget == WidgetNumber || fd.Format != "" {
		r.s(` spellcheck="false"`)
	}
	if fd.ReadOnly {
		r.s(" readonly")
	}
	if fd.Widget == WidgetTextArea {
		r.s(">")
		r.text(val)
		r.s("</textarea>\n")
	} else {
		r.s(">\n")
	}
	r.s("</div>\n")
}

func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// scalarText is how a value reads in a text box.
func scalarText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (r *renderer) checkbox(fd *Field, v any, ptr, label string) {
	id := r.f.ID(ptr)
	r.group(id)
	r.slot(ptr)
	r.s(`<div class="pk-checkbox"><input class="pk-checkbox-input" type="checkbox"`)
	r.attr("id", id)
	r.attr("name", id)
	r.attr("data-pointer", ptr)
	r.attr("data-widget", string(fd.Widget))
	r.attr("aria-describedby", r.describedBy(fd, id))
	if b, _ := v.(bool); b {
		r.s(" checked")
	}
	if fd.ReadOnly {
		r.s(" disabled")
	}
	r.s(`><label class="pk-label"`)
	r.attr("for", id)
	r.s(">")
	r.labelText(fd, label)
	r.s("</label></div>\n")
	r.hint(fd, id, "")
	r.s("</div>\n")
}

// options returns the field's options and, after them, any value the
// document holds that is not one of them, so that it can be seen and
// taken out.
func options(fd *Field, values []any) []Option {
	opts := fd.Options
	for _, v := range values {
		known := false
		for _, o := range opts {
			if equal(o.Value, v) {
				known = true
				break
			}
		}
		if !known {
			if len(opts) == len(fd.Options) {
				opts = append([]Option(nil), opts...)
			}
			opts = append(opts, Option{Value: v, Label: scalarText(v) + " (not one of the choices)"})
		}
	}
	return opts
}

func optionValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

func (r *renderer) fieldsetStart(fd *Field, id, class, label string, focusable bool) {
	r.s(`<fieldset class="pk-fieldset` + class + `"`)
	r.attr("id", id)
	if focusable {
		r.s(` tabindex="-1"`)
	}
	r.attr("aria-describedby", r.describedBy(fd, id))
	r.s(`>`)
	r.s(`<legend class="pk-legend"`)
	r.attr("id", id+"-legend")
	r.s(">")
	r.labelText(fd, label)
	r.s("</legend>\n")
}

func (r *renderer) radios(fd *Field, v any, ptr, label string) {
	id := r.f.ID(ptr)
	var values []any
	if v != nil {
		values = []any{v}
	}
	opts := options(fd, values)
	r.fieldsetStart(fd, id, " pk-group", label, false)
	r.hint(fd, id, "")
	r.slot(ptr)
	r.s(`<div class="pk-radios">` + "\n")
	for i, o := range opts {
		oid := id + "-" + strconv.Itoa(i)
		r.s(`<div class="pk-radio"><input class="pk-radio-input" type="radio"`)
		r.attr("id", oid)
		r.attr("name", id)
		r.attr("value", optionValue(o.Value))
		r.attr("data-pointer", ptr)
		r.attr("data-widget", string(fd.Widget))
		if v != nil && equal(o.Value, v) {
			r.s(" checked")
		}
		if fd.ReadOnly {
			r.s(" disabled")
		}
		r.s(`><label class="pk-label"`)
		r.attr("for", oid)
		r.s(">")
		r.text(o.Label)
		r.s("</label></div>\n")
	}
	r.s("</div>\n</fieldset>\n")
}

func (r *renderer) selectBox(fd *Field, v any, ptr, label string) {
	id := r.f.ID(ptr)
	var values []any
	if v != nil {
		values = []any{v}
	}
	opts := options(r.f.offered(fd), values)
	r.group(id)
	r.s(`<label class="pk-label"`)
	r.attr("for", id)
	r.s(">")
	r.labelText(fd, label)
	r.s("</label>\n")
	r.hint(fd, id, "")
	r.slot(ptr)
	r.s(`<select class="pk-select"`)
	r.attr("id", id)
	r.attr("name", id)
	r.attr("data-pointer", ptr)
	r.attr("data-widget", string(fd.Widget))
	r.attr("aria-describedby", r.describedBy(fd, id))
	if fd.ReadOnly {
		r.s(" disabled")
	}
	r.s(">\n")
	r.s(`<option value="">Not chosen</option>` + "\n")
	for _, o := range opts {
		r.s("<option")
		r.attr("value", optionValue(o.Value))
		if v != nil && equal(o.Value, v) {
			r.s(" selected")
		}
		r.s(">")
		r.text(o.Label)
		r.s("</option>\n")
	}
	r.s("</select>\n</div>\n")
}

func (r *renderer) checkboxes(fd *Field, v any, ptr, label string) {
	id := r.f.ID(ptr)
	a, _ := v.([]any)
	items := r.f.offered(fd.Items)
	opts := options(items, a)
	r.fieldsetStart(fd, id, " pk-group", label, false)
	r.hint(fd, id, "")
	r.slot(ptr)
	r.s(`<div class="pk-checkboxes">` + "\n")
	for i, o := range opts {
		oid := id + "-" + strconv.Itoa(i)
		r.s(`<div class="pk-checkbox"><input class="pk-checkbox-input" type="checkbox"`)
		r.attr("id", oid)
		r.attr("name", id)
		r.attr("value", optionValue(o.Value))
		r.attr("data-pointer", ptr)
		r.attr("data-widget", string(fd.Widget))
		for _, e := range a {
			if equal(e, o.Value) {
				r.s(" checked")
				break
			}
		}
		r.s(`><label class="pk-label"`)
		r.attr("for", oid)
		r.s(">")
		r.text(o.Label)
		r.s("</label></div>\n")
	}
	r.s("</div>\n</fieldset>\n")
}

func (r *renderer) constant(fd *Field, v any, ptr, label string) {
	id := r.f.ID(ptr)
	r.group(id)
	r.s(`<span class="pk-label"`)
	r.attr("id", id+"-label")
	r.s(">")
	r.labelText(fd, label)
	r.s("</span>\n")
	r.hint(fd, id, "")
	r.slot(ptr)
	shown := v
	if shown == nil && len(fd.Options) == 1 {
		shown = fd.Options[0].Value
	}
	r.s(`<p class="pk-constant" tabindex="-1"`)
	r.attr("id", id)
	r.attr("aria-labelledby", id+"-label")
	r.attr("aria-describedby", r.describedBy(fd, id))
	r.s(">")
	label = scalarText(shown)
	if len(fd.Options) == 1 && equal(shown, fd.Options[0].Value) {
		label = fd.Options[0].Label
	}
	r.text(label)
	r.s("</p>\n</div>\n")
}

// jsonReasons explain, in the hint, why a field is JSON text.
var jsonReasons = map[string]string{
	"$ref": "a reference it cannot follow", "false": "a value that is never allowed",
	"type":  "a value of several types that is also a choice (oneOf or anyOf)",
	"anyOf": "both oneOf and anyOf together", "oneOf": "an empty choice",
	"items": "a list that must stay empty", "maxItems": "a list that must stay empty",
}

func (r *renderer) jsonArea(fd *Field, v any, ptr, label, why string) {
	id := r.f.ID(ptr)
	if why == "" {
		why = jsonReasons[fd.Keyword]
	}
	extra := "Write this as JSON."
	if why != "" {
		extra = "Write this as JSON: the form cannot show " + why + "."
	}
	text, draft := r.f.drafts[ptr]
	if !draft && v != nil {
		text = strings.TrimSuffix(string(fd.Marshal(v)), "\n")
	}
	r.group(id)
	r.s(`<label class="pk-label"`)
	r.attr("for", id)
	r.s(">")
	r.labelText(fd, label)
	r.s(`<span class="pk-tag"> (JSON)</span></label>` + "\n")
	r.hint(fd, id, extra)
	r.slot(ptr)
	r.s(`<textarea class="pk-textarea pk-json" rows="4" spellcheck="false" autocomplete="off"`)
	r.attr("id", id)
	r.attr("name", id)
	r.attr("data-pointer", ptr)
	r.attr("data-widget", string(WidgetJSON))
	r.s(` aria-describedby="` + id + `-hint ` + id + `-msg">`)
	r.text(text)
	r.s("</textarea>\n</div>\n")
}

func (r *renderer) fieldset(fd *Field, v any, ptr, label string, depth int) {
	id := r.f.ID(ptr)
	r.fieldsetStart(fd, id, "", label, true)
	r.hint(fd, id, "")
	r.slot(ptr)
	removable := r.removable == ptr && ptr != ""
	r.members(fd, v, ptr, depth)
	if removable {
		r.s(`<div class="pk-item-actions">`)
		r.button("remove", ptr, "Remove", label, false)
		r.s("</div>\n")
	}
	r.s("</fieldset>\n")
}

// members renders an object's members: its properties, each under its
// conditions, then those the user names.
func (r *renderer) members(fd *Field, v any, ptr string, depth int) {
	m, _ := v.(map[string]any)
	for _, p := range fd.Properties {
		mp := pointer.Join(ptr, p.Name)
		if len(p.When) > 0 {
			r.conditional(p, m[p.Name], mp, depth+1)
			continue
		}
		r.field(p, m[p.Name], mp, "", depth+1)
	}
	if fd.named() {
		r.named(fd, m, ptr, depth)
	}
}

// conditional renders a member a condition shows or hides, in an element
// that is always on the page, empty while the member is hidden.
func (r *renderer) conditional(p *Field, v any, ptr string, depth int) {
	r.s(`<div class="pk-conditional"`)
	r.attr("id", r.f.ID(ptr)+"-cond")
	r.s(">\n")
	if !r.f.hidden[ptr] {
		r.field(p, v, ptr, "", depth)
	}
	r.s("</div>\n")
}

// named renders the members the user names: a name box and the value's
// field for each, with a button to take it out, and one to add another.
func (r *renderer) named(fd *Field, m map[string]any, ptr string, depth int) {
	id := r.f.ID(ptr)
	keys := r.f.mapKeys(fd, m, ptr)
	if len(keys) > 0 {
		r.s(`<ol class="pk-items pk-entries">` + "\n")
	}
	for i, k := range keys {
		mp := pointer.Join(ptr, k)
		n := strconv.Itoa(i)
		r.s(`<li class="pk-item pk-entry"`)
		r.attr("id", id+"-entry-"+n)
		r.s(">\n")
		kid := id + "-key-" + n
		r.s(`<div class="pk-group"><label class="pk-label"`)
		r.attr("for", kid)
		r.s(">Name</label>\n")
		r.s(`<input class="pk-input pk-key" type="text" autocomplete="off" spellcheck="false"`)
		r.attr("id", kid)
		r.attr("name", kid)
		r.attr("value", k)
		r.attr("data-pointer", mp)
		r.attr("data-action", "rename")
		if hint := patternHint(fd); hint != "" {
			r.attr("placeholder", hint)
		}
		r.s(">\n</div>\n")
		r.entryValue(fd, m, ptr, k, i, depth)
		r.s("</li>\n")
	}
	if len(keys) > 0 {
		r.s("</ol>\n")
	}
	r.s(`<button type="button" class="pk-button pk-button-secondary pk-add"`)
	r.attr("id", id+"-add")
	r.attr("data-action", "add")
	r.attr("data-pointer", ptr)
	if _, blank := m[""]; blank {
		r.s(" disabled")
	}
	r.s(">Add a member</button>\n")
}

// entryValue renders the value of the member named k, entry i, with the
// button that takes it out: what changes when the member is renamed.
func (r *renderer) entryValue(fd *Field, m map[string]any, ptr, k string, i, depth int) {
	mp := pointer.Join(ptr, k)
	r.s(`<div class="pk-entry-value"`)
	r.attr("id", r.f.ID(ptr)+"-value-"+strconv.Itoa(i))
	r.s(">\n")
	r.field(fd.member(k), m[k], mp, entryLabel(k), depth+1)
	r.s(`<div class="pk-item-actions">`)
	r.button("remove", mp, "Remove", entryLabel(k), false)
	r.s("</div>\n</div>\n")
}

// KeyID returns the id of the name box of the member at ptr, one the
// user names, or "" when there is none.
func (f *Form) KeyID(ptr string) string {
	base, key, m, ok := f.namedMember(ptr)
	if !ok {
		return ""
	}
	i := slices.Index(f.mapKeys(f.resolve(f.At(base), m, base), m, base), key)
	return f.ID(base) + "-key-" + strconv.Itoa(i)
}

// entryLabel names a member the user named: its name, or "New member".
func entryLabel(key string) string {
	if strings.TrimSpace(key) == "" {
		return "New member"
	}
	return "Value of " + key
}

// patternHint says what names the patterns allow, for the name box.
func patternHint(fd *Field) string {
	if fd.Extra != nil || len(fd.Patterns) != 1 {
		return ""
	}
	return "A name matching " + fd.Patterns[0].Pattern
}

// collapsed renders a branch of a tree that is not there yet: a button
// that adds it, so that a recursive schema is expanded one level at a
// time.
func (r *renderer) collapsed(fd *Field, ptr, label string) {
	id := r.f.ID(ptr)
	r.s(`<div class="pk-group pk-collapsed" tabindex="-1"`)
	r.attr("id", id)
	r.s(">\n")
	r.slot(ptr)
	r.s(`<button type="button" class="pk-button pk-button-secondary pk-add"`)
	r.attr("id", id+"-add")
	r.attr("data-action", "add")
	r.attr("data-pointer", ptr)
	r.attr("aria-describedby", r.f.MessagesID(ptr))
	r.s(">Add ")
	r.text(text.LowerFirst(label))
	r.s("</button>\n</div>\n")
}

// file renders a file picker for a data: URL. The browser reads the
// chosen file and sends its data: URL as the value.
func (r *renderer) file(fd *Field, v any, ptr, label string) {
	id := r.f.ID(ptr)
	r.group(id)
	r.s(`<label class="pk-label"`)
	r.attr("for", id)
	r.s(">")
	r.labelText(fd, label)
	r.s("</label>\n")
	extra := "No file chosen yet. It can be up to " + byteSize(fd.FileLimit()) + "."
	if s, ok := v.(string); ok && s != "" {
		extra = "A file is attached: " + dataURLSummary(s) + ". Choose another, of up to " + byteSize(fd.FileLimit()) + ", to replace it."
	}
	r.hint(fd, id, extra)
	r.slot(ptr)
	r.s(`<input class="pk-file" type="file"`)
	r.attr("id", id)
	r.attr("name", id)
	r.attr("data-pointer", ptr)
	r.attr("data-widget", string(WidgetFile))
	r.attr("data-max-size", strconv.Itoa(fd.FileLimit())) // the browser reads no larger file
	r.s(` aria-describedby="` + id + `-hint ` + id + `-msg"`)
	if fd.ReadOnly {
		r.s(" disabled")
	}
	r.s(">\n</div>\n")
}

// dataURLSummary describes a data: URL in a few words: its type and size.
func dataURLSummary(s string) string {
	head, body, ok := strings.Cut(strings.TrimPrefix(s, "data:"), ",")
	if !ok {
		return "not a file the form can read"
	}
	mime, _, _ := strings.Cut(head, ";")
	if mime == "" {
		mime = "text/plain"
	}
	size := len(body)
	if strings.HasSuffix(head, ";base64") {
		size = len(body) * 3 / 4
	}
	if i := strings.Index(head, "name="); i >= 0 {
		name, _, _ := strings.Cut(head[i+5:], ";")
		if n, err := url.PathUnescape(name); err == nil {
			name = n
		}
		return name + " (" + mime + ", " + byteSize(size) + ")"
	}
	return mime + ", " + byteSize(size)
}

func byteSize(n int) string {
	switch {
	case n < 1024:
		return strconv.Itoa(n) + " bytes"
	case n < 1<<20:
		return strconv.Itoa((n+512)/1024) + " KB"
	case n < 1<<30:
		return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + " MB"
	}
	return strconv.FormatFloat(math.Round(float64(n)/(1<<30)*10)/10, 'f', -1, 64) + " GB"
}

// localDateTime shows a date-time in UTC as a date and time picker
// takes it: 2027-07-16T09:30.
func localDateTime(s string) (string, bool) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || t.Second() != 0 || t.Nanosecond() != 0 {
		return "", false
	}
	if _, off := t.Zone(); off != 0 {
		return "", false
	}
	return t.Format("2006-01-02T15:04"), true
}

// shortTime shows a time as a time picker takes it: 09:30.
func shortTime(s string) (string, bool) {
	if len(s) == 9 && strings.HasSuffix(s, ":00Z") && isTime(s) {
		return s[:5], true
	}
	return "", false
}

// quoteList writes keywords as a list: “not” and “contains”.
func quoteList(kws []string) string {
	var b strings.Builder
	for i, k := range kws {
		switch {
		case i == 0:
		case i == len(kws)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString("“" + k + "”")
	}
	return b.String()
}

// offered returns a reference picker's field with the choices the
// document holds now as its options; any other field as it is.
func (f *Form) offered(fd *Field) *Field {
	if fd == nil || fd.Source == nil {
		return fd
	}
	out := *fd
	out.Options = f.choicesAt(fd.Source)
	return &out
}

// choicesAt lists the values at a source's pointer pattern, each with its
// label.
func (f *Form) choicesAt(src *Source) []Option {
	var out []Option
	seen := map[string]bool{}
	var walk func(v any, toks []string, holder map[string]any, depth int)
	walk = func(v any, toks []string, holder map[string]any, depth int) {
		if len(out) >= maxOptions || depth > maxDepth {
			return
		}
		if len(toks) == 0 {
			id := scalarText(v)
			if v == nil || id == "" || seen[id] {
				return
			}
			seen[id] = true
			label := id
			if s, _ := holder[src.Label].(string); strings.TrimSpace(s) != "" && src.Label != "" {
				label = shorten(strings.TrimSpace(s), 80) + " (" + id + ")"
			}
			out = append(out, Option{Value: v, Label: label})
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if toks[0] == "*" {
				keys := make([]string, 0, len(x))
				for k := range x {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				for _, k := range keys {
					walk(x[k], toks[1:], x, depth+1)
				}
				return
			}
			if e, ok := x[toks[0]]; ok {
				walk(e, toks[1:], x, depth+1)
			}
		case []any:
			if toks[0] == "*" {
				for _, e := range x {
					walk(e, toks[1:], nil, depth+1)
				}
				return
			}
			if i, err := strconv.Atoi(toks[0]); err == nil && i >= 0 && i < len(x) {
				walk(x[i], toks[1:], nil, depth+1)
			}
		}
	}
	walk(f.doc, pointer.Tokens(src.From), nil, 0)
	return out
}

// itemLabel names item i of a list: "Partner 4: Shoreline Marine Trust",
// from the item's title and its name or title member, or "Objective 2";
// a tuple's item is called by its own title.
func itemLabel(list *Field, i int, v any) string {
	if list != nil && i < len(list.Prefix) {
		if l := list.Prefix[i].expand().Label(); l != "" {
			return l
		}
	}
	name := "Item"
	var items *Field
	if list != nil {
		items = list.item(i).expand()
	}
	if items != nil && items.Title != "" {
		name = items.Title
	}
	label := name + " " + strconv.Itoa(i+1)
	if m, ok := v.(map[string]any); ok && items != nil && items.Kind == KindObject {
		for _, k := range []string{"name", "title", "label"} {
			if p := items.Property(k); p != nil && p.Kind == KindString {
				if s, _ := m[k].(string); strings.TrimSpace(s) != "" && s != name {
					return label + ": " + shorten(strings.TrimSpace(s), 80)
				}
			}
		}
	}
	return label
}

// addLabel is the text of a list's add button: "Add an objective".
func addLabel(list *Field) string {
	name := "item"
	if it := list.item(len(list.Prefix)).expand(); it != nil && it.Title != "" {
		name = text.LowerFirst(it.Title)
	}
	return "Add " + article(name) + " " + name
}

func (r *renderer) list(fd *Field, v any, ptr, label string, depth int) {
	id := r.f.ID(ptr)
	a, _ := v.([]any)
	r.fieldsetStart(fd, id, " pk-list", label, true)
	r.hint(fd, id, "")
	r.slot(ptr)
	if len(a) > 0 {
		r.s(`<ol class="pk-items">` + "\n")
	}
	tuple := len(fd.Prefix) > 0
	for i, e := range a {
		ip := pointer.Index(ptr, i)
		il := itemLabel(fd, i, e)
		it := fd.item(i)
		r.s(`<li class="pk-item"`)
		r.attr("id", r.f.ID(ip)+"-item")
		r.s(">\n")
		if it == nil {
			r.jsonArea(&Field{Kind: KindJSON, Widget: WidgetJSON}, e, ip, il, "an item beyond those the list allows")
		} else {
			r.field(it, e, ip, il, depth+1)
		}
		r.s(`<div class="pk-item-actions">`)
		if !tuple {
			r.button("up", ip, "Move up", il, i == 0)
			r.button("down", ip, "Move down", il, i == len(a)-1)
		}
		r.button("remove", ip, "Remove", il, len(a) <= fd.MinItems || i < len(fd.Prefix) && i != len(a)-1)
		r.s("</div>\n</li>\n")
	}
	if len(a) > 0 {
		r.s("</ol>\n")
	}
	r.s(`<button type="button" class="pk-button pk-button-secondary pk-add"`)
	r.attr("id", id+"-add")
	r.attr("data-action", "add")
	r.attr("data-pointer", ptr)
	if fd.MaxItems > 0 && len(a) >= fd.MaxItems || fd.item(len(a)) == nil {
		r.s(" disabled")
	}
	r.s(">")
	r.text(addLabel(fd))
	r.s("</button>\n</fieldset>\n")
}

// button writes an item's action button; its hidden text says which item
// it acts on, for screen readers.
func (r *renderer) button(action, ptr, label, item string, disabled bool) {
	r.s(`<button type="button" class="pk-button pk-button-secondary pk-button-small"`)
	r.attr("id", r.f.ID(ptr)+"-"+action)
	r.attr("data-action", action)
	r.attr("data-pointer", ptr)
	if disabled {
		r.s(" disabled")
	}
	r.s(">")
	r.text(label)
	r.s(`<span class="pk-vh"`)
	r.attr("id", r.f.ID(ptr)+"-"+action+"-item")
	r.s(`> `)
	r.text(text.LowerFirst(item))
	r.s("</span></button>")
}

func (r *renderer) choice(fd *Field, v any, ptr, label string, depth int) {
	id := r.f.ID(ptr)
	cid := id + "-choice"
	pick := fd.branch(v, ptr, r.f.choices)
	r.s(`<div class="pk-choice"`)
	r.attr("id", cid)
	r.s(">\n")
	r.s(`<fieldset class="pk-fieldset pk-group"`)
	if fd.Description != "" || len(fd.Unsupported) > 0 {
		r.attr("aria-describedby", cid+"-hint")
	}
	r.s(`><legend class="pk-legend">`)
	r.labelText(fd, label)
	r.s("</legend>\n")
	r.hint(fd, cid, "")
	r.s(`<div class="pk-radios pk-radios-inline">` + "\n")
	for i, c := range fd.Choices {
		oid := cid + "-" + strconv.Itoa(i)
		r.s(`<div class="pk-radio"><input class="pk-radio-input" type="radio"`)
		r.attr("id", oid)
		r.attr("name", cid)
		r.attr("value", strconv.Itoa(i))
		r.attr("data-pointer", ptr)
		r.attr("data-action", "choose")
		if i == pick {
			r.s(" checked")
		}
		r.s(`><label class="pk-label"`)
		r.attr("for", oid)
		r.s(">")
		r.text(c.Label())
		r.s("</label></div>\n")
	}
	r.s("</div>\n</fieldset>\n")
	b := fd.Choices[pick]
	bl := b.Title
	if b.Kind != KindObject {
		bl = label
	}
	r.field(b, v, ptr, bl, depth+1)
	r.s("</div>\n")
}

// shorten cuts s to at most n characters, ending it with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
