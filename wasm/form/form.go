package form

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// Form is a document being edited with a compiled field: the value, the
// branches the user picked for each oneOf or anyOf, and the JSON text
// areas whose text does not parse yet. Its methods are the edits a user
// makes; each takes the JSON Pointer of the value it changes.
//
// A Form is not safe for concurrent use.
type Form struct {
	root    *Field
	prefix  string
	doc     any
	choices map[string]int    // the branch picked for each choice, by pointer
	drafts  map[string]string // JSON text that does not parse, by pointer
	errs    map[string]string // why each draft does not parse
	// stash holds the values of members a condition hides, by pointer,
	// until it shows them again; hidden says which are hidden now, and
	// reshaped which changed since Reshaped was last called.
	stash    map[string]any
	hidden   map[string]bool
	reshaped []string
	// order is the order of the members the user names, by the
	// object's pointer: new members last, a renamed one in its place.
	order map[string][]string
	// visited are the fields the user has been to; all is true once the
	// user asked to check everything.
	visited map[string]bool
	all     bool
	// jsonSize is the length of JSON's last output.
	jsonSize int
	// sources are the reference pickers' sources, and offers what each
	// offers now, so that pickers are rendered again when it changes.
	sources []Source
	offers  map[Source]string
	// retitled are the list items whose labels changed since Retitled
	// was last called.
	retitled []Title
}

// Title is a new label for the element ID: a list item called by a
// name that has just been typed.
type Title struct {
	ID   string
	Text string
}

// Retitled returns the list items whose labels an edit changed ("Partner
// 4" now "Partner 4: Shoreline Marine Trust"), each with the id of its
// legend and its new text, and the same for the hidden words of its Move
// up, Move down and Remove buttons, for updating the page without
// rendering the item again.
func (f *Form) Retitled() []Title {
	out := f.retitled
	f.retitled = nil
	return out
}

// itemLabels returns the labels of the list items that hold ptr, by
// item pointer.
func (f *Form) itemLabels(ptr string) map[string]string {
	var out map[string]string
	for at := ptr; strings.HasPrefix(at, "/"); at = at[:strings.LastIndexByte(at, '/')] {
		a, i, base, ok := f.parent(at)
		if !ok {
			continue
		}
		list := f.At(base)
		if list == nil {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[at] = itemLabel(f.resolve(list, a, base), i, a[i])
	}
	return out
}

// ErrNoField reports a pointer that names no field of the form.
var ErrNoField = errors.New("form: no field there")

// ErrFileTooLarge reports a file larger than its data-url field takes
// (see Field.FileLimit): it is refused, and the field says so.
var ErrFileTooLarge = errors.New("form: the file is larger than the field takes")

// MaxFileSize is the largest file, in bytes, a data-url field takes when
// its schema's maxLength does not say less: the document holds the
// file's data: URL, a third larger, and is saved and sent whole.
const MaxFileSize = 1 << 20

// dataURLHead is the room a data: URL's head takes, at most, before its
// base64 text: "data:", a media type of up to 100 characters and
// ";base64,".
const dataURLHead = 5 + 100 + 8

// FileLimit returns the largest file, in bytes, the data-url field
// takes: MaxFileSize, or less when its maxLength says so.
func (fd *Field) FileLimit() int {
	lim := MaxFileSize
	if fd.Checks != nil && fd.Checks.MaxLength != nil {
		lim = min(lim, max(0, (*fd.Checks.MaxLength-dataURLHead)/4*3))
	}
	return lim
}

// RefuseFile records that the file the user chose for the data-url
// field at ptr, of size bytes, is larger than it takes (the browser did
// not read it): the field says so, and keeps the file it had.
func (f *Form) RefuseFile(ptr string, size int64) error {
	fd, cur, ok := f.walk(ptr)
	if !ok {
		return ErrNoField
	}
	fd = f.resolve(fd, cur, ptr)
	if fd.Widget != WidgetFile {
		return ErrNoField
	}
	f.visited[ptr] = true
	msg := "This file is " + byteSize(int(min(size, 1<<50))) + ", larger than the " + byteSize(fd.FileLimit()) + " this form takes: choose a smaller one."
	if s, ok := cur.(string); ok && s != "" {
		msg += " The file attached before is kept."
	}
	f.errs[ptr] = msg
	return ErrFileTooLarge
}

// New returns a form for the field, holding the field's zero value.
// prefix starts every element id the form renders, so that several forms
// can share a page; it must be a letter followed by letters, digits or
// hyphens.
func New(root *Field, prefix string) *Form {
	f := &Form{root: root, prefix: prefix}
	seen := map[*Field]bool{}
	var collect func(fd *Field, depth int)
	collect = func(fd *Field, depth int) {
		if fd == nil || seen[fd] || depth > maxDepth {
			return
		}
		seen[fd] = true
		if fd.Source != nil && !slices.Contains(f.sources, *fd.Source) {
			f.sources = append(f.sources, *fd.Source)
		}
		for _, p := range fd.Properties {
			collect(p, depth+1)
		}
		for _, p := range fd.Prefix {
			collect(p, depth+1)
		}
		for _, c := range fd.Choices {
			collect(c, depth+1)
		}
		for _, p := range fd.Patterns {
			collect(p.Field, depth+1)
		}
		collect(fd.Items, depth+1)
		collect(fd.Extra, depth+1)
		collect(fd.target, depth+1)
	}
	collect(root, 0)
	f.Reset()
	return f
}

// refreshSources notes the reference pickers whose choices changed, as
// Reshaped reports them.
func (f *Form) refreshSources(report bool) {
	var changed []Source
	for _, s := range f.sources {
		var b strings.Builder
		for _, o := range f.choicesAt(&s) {
			b.WriteString(optionValue(o.Value) + "\x00" + o.Label + "\x00")
		}
		if now := b.String(); f.offers[s] != now {
			f.offers[s] = now
			changed = append(changed, s)
		}
	}
	if !report || len(changed) == 0 {
		return
	}
	for _, ptr := range f.Pointers() {
		fd, v, ok := f.walk(ptr)
		if !ok {
			continue
		}
		fd = f.resolve(fd, v, ptr)
		src := fd.Source
		if fd.Widget == WidgetCheckboxes && fd.Items != nil {
			src = fd.Items.Source
		}
		if src != nil && slices.Contains(changed, *src) && !slices.Contains(f.reshaped, ptr) {
			f.reshaped = append(f.reshaped, ptr)
		}
	}
}

// Reset empties the form.
func (f *Form) Reset() {
	f.Load(f.root.Zero())
}

// Load replaces the document: a value decoded as encoding/json or
// schemas.Decode decode JSON into any. Members that are missing and have
// a default in the schema are filled in with it, as the peer form
// libraries do; members a condition hides are set aside (see Reshaped).
// Nothing is visited yet.
func (f *Form) Load(doc any) {
	if doc == nil && f.root.Kind == KindObject {
		doc = map[string]any{}
	}
	f.doc = fillDefaults(f.root, doc, 0)
	f.choices = map[string]int{}
	f.drafts = map[string]string{}
	f.errs = map[string]string{}
	f.stash = map[string]any{}
	f.hidden = map[string]bool{}
	f.order = map[string][]string{}
	f.visited = map[string]bool{}
	f.all = false
	f.offers = map[Source]string{}
	f.settle()
	f.refreshSources(false)
	f.reshaped, f.retitled = nil, nil
}

// fillDefaults adds to the objects in v the members that are missing and
// have a default; v itself is changed.
func fillDefaults(fd *Field, v any, depth int) any {
	fd = fd.expand()
	if depth > maxDepth || fd == nil {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if fd.Kind == KindChoice && len(fd.Choices) > 0 {
			return fillDefaults(fd.Choices[fd.branch(v, "", nil)], v, depth+1)
		}
		if fd.Kind != KindObject {
			return v
		}
		for _, p := range fd.Properties {
			if _, ok := x[p.Name]; !ok && p.HasDefault && p.Default != nil && len(p.When) == 0 {
				x[p.Name] = clone(p.Default)
			}
		}
		for k, e := range x {
			if p := fd.member(k); p != nil {
				x[k] = fillDefaults(p, e, depth+1)
			}
		}
	case []any:
		if fd.Kind != KindArray {
			return v
		}
		for i, e := range x {
			if it := fd.item(i); it != nil {
				x[i] = fillDefaults(it, e, depth+1)
			}
		}
	}
	return v
}

// settle applies the conditions to the document: a member whose
// conditions stop holding is set aside, and one whose conditions hold
// again gets its value back.
func (f *Form) settle() {
	f.settleAt(f.root, f.doc, "", 0)
}

func (f *Form) settleAt(fd *Field, v any, ptr string, depth int) {
	if depth > maxDepth || fd.target != nil && v == nil || !fd.conditional {
		return
	}
	fd = f.resolve(fd, v, ptr)
	switch fd.Kind {
	case KindObject:
		// An object not there yet is settled too, as the page shows its
		// members: its conditions are those of an empty object.
		m, isMap := v.(map[string]any)
		if v != nil && !isMap {
			return
		}
		for _, p := range fd.Properties {
			mp := pointer.Join(ptr, p.Name)
			if len(p.When) > 0 {
				hide := !fd.shows(p, m)
				if hide != f.hidden[mp] {
					f.reshaped = append(f.reshaped, mp)
				}
				if hide {
					f.hidden[mp] = true
					if e, ok := m[p.Name]; ok {
						f.stash[mp] = e
						delete(m, p.Name)
					}
					continue
				}
				delete(f.hidden, mp)
				if e, ok := f.stash[mp]; ok && m != nil {
					if _, there := m[p.Name]; !there {
						m[p.Name] = e
					}
					delete(f.stash, mp)
				}
			}
			f.settleAt(p, m[p.Name], mp, depth+1)
		}
		if fd.named() {
			for k, e := range m {
				if fd.Property(k) == nil {
					if p := fd.member(k); p != nil {
						f.settleAt(p, e, pointer.Join(ptr, k), depth+1)
					}
				}
			}
		}
	case KindArray:
		a, _ := v.([]any)
		for i, e := range a {
			if it := fd.item(i); it != nil {
				f.settleAt(it, e, pointer.Index(ptr, i), depth+1)
			}
		}
	}
}

// Reshaped returns the pointers of the members that a condition has
// shown or hidden since it was last called: each is to be rendered again
// with Fragment.
func (f *Form) Reshaped() []string {
	out := f.reshaped
	f.reshaped = nil
	return out
}

// Visit marks the field at ptr as visited: its problems are shown from
// now on (see Visible).
func (f *Form) Visit(ptr string) { f.visited[ptr] = true }

// CheckAll marks every field as visited, for when the user asks to
// check the whole form.
func (f *Form) CheckAll() { f.all = true }

// Visible returns the messages to show now: those of the fields the
// user has visited and of the fields that hold one (an object's own
// message, such as a missing member placed on the object, shows once a
// field inside it has been visited); every message once the user asked
// to check all. A missing member placed on its own field shows only once
// that field is visited, or at CheckAll.
func (f *Form) Visible(msgs Messages) Messages {
	if f.all {
		return msgs
	}
	out := Messages{}
	for ptr, ms := range msgs {
		if f.seen(ptr) {
			out[ptr] = ms
		}
	}
	return out
}

// seen reports whether the field at ptr, or one inside it, has been
// visited; the root counts as seen once anything has been.
func (f *Form) seen(ptr string) bool {
	if f.visited[ptr] {
		return true
	}
	for v := range f.visited {
		if strings.HasPrefix(v, ptr+"/") || ptr == "" {
			return true
		}
	}
	return false
}

// Field returns the form's root field.
func (f *Form) Field() *Field { return f.root }

// Value returns the document. It is the form's own: do not change it.
func (f *Form) Value() any { return f.doc }

// JSON returns the document as indented JSON, members in the schema's order.
func (f *Form) JSON() []byte {
	// Written after every keystroke: the buffer starts at about the size
	// the document had last time, rather than growing to it again.
	out := f.root.marshalSized(f.doc, f.jsonSize+f.jsonSize/8)
	f.jsonSize = len(out)
	return out
}

// At returns the field that shows the value at ptr, or nil when no field
// does.
func (f *Form) At(ptr string) *Field {
	fd, _, ok := f.walk(ptr)
	if !ok {
		return nil
	}
	return fd
}

// walk follows ptr through the fields and the document. It returns the
// field at ptr, the value there (nil when absent) and whether a field is
// there.
func (f *Form) walk(ptr string) (*Field, any, bool) {
	fd, v, at := f.root, f.doc, ""
	for _, tok := range pointer.Tokens(ptr) {
		fd = f.resolve(fd, v, at)
		switch fd.Kind {
		case KindObject:
			p := fd.member(tok)
			if p == nil || !fd.fits(v) {
				return nil, nil, false
			}
			m, _ := v.(map[string]any)
			fd, v = p, m[tok]
		case KindArray:
			a, _ := v.([]any)
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i > len(a) || strconv.Itoa(i) != tok || fd.item(i) == nil {
				return nil, nil, false
			}
			fd, v = fd.item(i), nil
			if i < len(a) {
				v = a[i]
			}
		default:
			return nil, nil, false
		}
		at = pointer.Join(at, tok)
	}
	return fd, v, true
}

// resolve returns the branch of a choice that shows v, or fd itself,
// with a recursive $ref expanded.
func (f *Form) resolve(fd *Field, v any, ptr string) *Field {
	fd = fd.expand()
	for fd.Kind == KindChoice && len(fd.Choices) > 0 {
		fd = fd.Choices[fd.branch(v, ptr, f.choices)].expand()
	}
	return fd
}

// set puts v at ptr, creating the objects and arrays that hold it.
func (f *Form) set(ptr string, v any) error {
	toks := pointer.Tokens(ptr)
	if len(toks) == 0 {
		f.doc = v
		return nil
	}
	if f.doc == nil {
		f.doc = f.root.Zero()
		if f.doc == nil {
			f.doc = map[string]any{}
		}
	}
	fd, cur, at := f.root, f.doc, ""
	var assign func(any) // stores a new container in its parent
	assign = func(x any) { f.doc = x }
	for i, tok := range toks {
		fd = f.resolve(fd, cur, at)
		last := i == len(toks)-1
		switch fd.Kind {
		case KindObject:
			m, ok := cur.(map[string]any)
			if !ok {
				m, _ = fd.Zero().(map[string]any)
				if m == nil {
					m = map[string]any{}
				}
				assign(m)
			}
			p := fd.member(tok)
			if p == nil {
				return ErrNoField
			}
			if last {
				// A member the user named stays, empty, until taken out.
				if v == nil && !p.Nullable && fd.Property(tok) != nil {
					delete(m, tok)
				} else {
					m[tok] = v
				}
				return nil
			}
			key := tok
			assign = func(x any) { m[key] = x }
			fd, cur = p, m[tok]
		case KindArray:
			a, ok := cur.([]any)
			if !ok {
				a = []any{}
				assign(a)
			}
			n, err := strconv.Atoi(tok)
			if err != nil || n < 0 || n > len(a) || fd.item(n) == nil {
				return ErrNoField
			}
			if n == len(a) {
				a = append(a, fd.item(n).newItem())
				assign(a)
			}
			if last {
				a[n] = v
				return nil
			}
			arr, idx := a, n
			assign = func(x any) { arr[idx] = x }
			fd, cur = fd.item(n), a[n]
		default:
			return ErrNoField
		}
		at = pointer.Join(at, tok)
	}
	return nil
}

// parent returns the array holding the item at ptr, its index, and the
// array's pointer.
func (f *Form) parent(ptr string) ([]any, int, string, bool) {
	cut := strings.LastIndexByte(ptr, '/')
	if cut < 0 {
		return nil, 0, "", false
	}
	base := ptr[:cut]
	v, ok := get(f.doc, base)
	if !ok {
		return nil, 0, "", false
	}
	a, ok := v.([]any)
	if !ok {
		return nil, 0, "", false
	}
	i, err := strconv.Atoi(ptr[cut+1:])
	if err != nil || i < 0 || i >= len(a) {
		return nil, 0, "", false
	}
	return a, i, base, true
}

// Input sets the value at ptr from what the user typed or picked in its
// control: the text of a text box, "true" or "false" for a checkbox, the
// JSON value of a radio or select option ("" for none), or JSON text.
// Clearing a text box removes an object's member; a number box keeps text
// that is not a number as text, for the schema to report. JSON text that
// does not parse is kept as a draft and reported by Messages; Input then
// returns a *json.SyntaxError and leaves the document as it was.
func (f *Form) Input(ptr, raw string) error {
	fd, cur, ok := f.walk(ptr)
	if !ok {
		return ErrNoField
	}
	inArray := f.inArray(ptr)
	fd = f.resolve(fd, cur, ptr)
	var v any
	switch fd.Widget {
	case WidgetCheckbox:
		v = raw == "true"
	case WidgetDateTime:
		v = raw
		if isLocalDateTime(raw) {
			v = raw + ":00Z" // the picker's minutes, read as UTC
		}
		if raw == "" {
			v = nil
		}
	case WidgetTime:
		v = raw
		if len(raw) == 5 && raw[2] == ':' {
			v = raw + ":00Z"
		}
		if raw == "" {
			v = nil
		}
	case WidgetNumber:
		t := strings.TrimSpace(raw)
		switch {
		case t == "":
			v = nil
		case isNumber(t):
			v = json.Number(t)
		default:
			v = raw
		}
	case WidgetRadios, WidgetSelect, WidgetConstant, WidgetReference:
		if raw == "" {
			v = nil
			break
		}
		x, err := decodeValue1(raw)
		if err != nil {
			return err
		}
		v = x
	case WidgetFile:
		// A data: URL, read by the browser; one larger than the field
		// takes is refused, and the file there is kept.
		lim := fd.FileLimit()
		if len(raw) > dataURLHead+(lim+2)/3*4 {
			_, body, _ := strings.Cut(raw, ",")
			return f.RefuseFile(ptr, int64(len(body)/4*3))
		}
		delete(f.errs, ptr)
		v = raw
		if raw == "" {
			v = nil
		}
	case WidgetJSON, WidgetFieldset, WidgetList, WidgetCheckboxes, WidgetChoice, WidgetHidden, WidgetMap:
		if strings.TrimSpace(raw) == "" {
			delete(f.drafts, ptr)
			delete(f.errs, ptr)
			v = nil
			break
		}
		x, err := decodeValue1(raw)
		if err != nil {
			f.drafts[ptr] = raw
			f.errs[ptr] = jsonProblem(raw, err)
			return err
		}
		delete(f.drafts, ptr)
		delete(f.errs, ptr)
		v = x
	default:
		v = raw
		if raw == "" {
			v = nil
		}
	}
	if v == nil && inArray {
		v = fd.newItem()
		if fd.Kind == KindString {
			v = ""
		}
	}
	return f.change(ptr, v)
}

// change sets the value at ptr after an edit: the field is visited, and
// the conditions are applied again.
func (f *Form) change(ptr string, v any) error {
	f.visited[ptr] = true
	before := f.itemLabels(ptr)
	err := f.set(ptr, v)
	for at, label := range f.itemLabels(ptr) {
		if old, ok := before[at]; ok && old != label {
			id := f.ID(at)
			f.retitled = append(f.retitled, Title{ID: id + "-legend", Text: label})
			// The item's buttons say which item they move or remove.
			for _, action := range itemActions {
				f.retitled = append(f.retitled, Title{ID: id + "-" + action + "-item", Text: " " + text.LowerFirst(label)})
			}
		}
	}
	f.settle()
	f.refreshSources(true)
	return err
}

// inArray reports whether ptr names an array item.
func (f *Form) inArray(ptr string) bool {
	_, _, _, ok := f.parent(ptr)
	return ok
}

// Toggle adds the option whose JSON value is raw to the list at ptr, or
// takes it out, for a list of checkboxes. The list keeps the options'
// order.
func (f *Form) Toggle(ptr, raw string, on bool) error {
	fd := f.At(ptr)
	if fd == nil || fd.Kind != KindArray {
		return ErrNoField
	}
	v, err := decodeValue1(raw)
	if err != nil {
		return err
	}
	cur, _ := get(f.doc, ptr)
	a, _ := cur.([]any)
	var out []any
	for _, e := range a {
		if !equal(e, v) {
			out = append(out, e)
		}
	}
	if on {
		out = append(out, v)
		if fd.Items != nil {
			rank := func(x any) int {
				for i, o := range fd.Items.Options {
					if equal(o.Value, x) {
						return i
					}
				}
				return len(fd.Items.Options)
			}
			stableSortBy(out, rank)
		}
	}
	if len(out) == 0 && !fd.Required {
		return f.change(ptr, nil)
	}
	if out == nil {
		out = []any{}
	}
	return f.change(ptr, out)
}

func stableSortBy(a []any, rank func(any) int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && rank(a[j]) < rank(a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Add appends a new item to the list at ptr and returns its pointer. A
// list already at its maxItems gets no more. For an object whose members
// the user names, Add adds a member with an empty name, for the user to
// name (see Rename); for an object not there yet (a branch of a tree, by
// a recursive $ref), Add makes it.
func (f *Form) Add(ptr string) (string, error) {
	fd, cur, ok := f.walk(ptr)
	if !ok {
		return "", ErrNoField
	}
	fd = f.resolve(fd, cur, ptr)
	switch {
	case fd.Kind == KindArray:
		a, _ := cur.([]any)
		if fd.MaxItems > 0 && len(a) >= fd.MaxItems || fd.item(len(a)) == nil {
			return "", errors.New("form: the list is full")
		}
		item := pointer.Index(ptr, len(a))
		if err := f.change(item, fd.item(len(a)).newItem()); err != nil {
			return "", err
		}
		return item, nil
	case fd.Kind == KindObject && fd.named():
		m, _ := cur.(map[string]any)
		if _, taken := m[""]; taken {
			return "", errors.New("form: name the new member first")
		}
		item := pointer.Join(ptr, "")
		if fd.member("") == nil {
			return "", errors.New("form: no member may have an empty name here")
		}
		if err := f.change(item, fd.member("").newItem()); err != nil {
			return "", err
		}
		if m == nil {
			now, _ := get(f.doc, ptr)
			m, _ = now.(map[string]any)
		}
		f.order[ptr] = append(f.mapKeys(fd, m, ptr), "")
		return item, nil
	case fd.Kind == KindObject && cur == nil:
		return ptr, f.change(ptr, fd.newItem())
	}
	return "", ErrNoField
}

// Rename gives the member at ptr, one the user names, the name name, and
// returns its new pointer. A name another member has is refused, and said
// in the member's messages.
func (f *Form) Rename(ptr, name string) (string, error) {
	cut := strings.LastIndexByte(ptr, '/')
	if cut < 0 {
		return "", ErrNoField
	}
	base, old := ptr[:cut], unescape(ptr[cut+1:])
	fd, cur, ok := f.walk(base)
	if !ok {
		return "", ErrNoField
	}
	fd = f.resolve(fd, cur, base)
	m, isMap := cur.(map[string]any)
	if !isMap || fd.Kind != KindObject || !fd.named() || fd.Property(old) != nil {
		return "", ErrNoField
	}
	v, there := m[old]
	if !there {
		return "", ErrNoField
	}
	if name == old {
		return ptr, nil
	}
	if _, taken := m[name]; taken || fd.Property(name) != nil {
		f.errs[ptr] = "Another member is already called “" + name + "”: give this one another name."
		return ptr, errors.New("form: the name is taken")
	}
	if fd.member(name) == nil {
		f.errs[ptr] = "The name “" + name + "” is not one this list allows."
		return ptr, errors.New("form: the name is not allowed")
	}
	delete(f.errs, ptr)
	keys := f.mapKeys(fd, m, base)
	for i, k := range keys {
		if k == old {
			keys[i] = name
		}
	}
	f.order[base] = keys
	delete(m, old)
	m[name] = v
	f.forget(ptr)
	np := pointer.Join(base, name)
	f.visited[np] = true
	f.settle()
	f.refreshSources(true)
	return np, nil
}

// mapKeys lists the members of m that the user named, in the order they
// were made: those the form has seen in its order, then the rest in
// alphabetical order.
func (f *Form) mapKeys(fd *Field, m map[string]any, ptr string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range f.order[ptr] {
		if _, ok := m[k]; ok && !seen[k] && fd.Property(k) == nil {
			seen[k] = true
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] && fd.Property(k) == nil {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// Remove takes the item at ptr out of its list, unless the list is at its
// minItems, or a named member out of its object. Of a tuple's items,
// only the last can be taken out.
func (f *Form) Remove(ptr string) error {
	if base, key, m, ok := f.namedMember(ptr); ok {
		delete(m, key)
		f.forget(ptr)
		delete(f.errs, ptr)
		return f.change(base, m)
	}
	if site := f.At(ptr); site != nil && site.target != nil && !f.inArray(ptr) {
		f.forget(ptr)
		return f.change(ptr, nil) // a branch of a tree
	}
	a, i, base, ok := f.parent(ptr)
	fd := f.At(base)
	if !ok || fd == nil || fd.Kind != KindArray {
		return ErrNoField
	}
	fd = f.resolve(fd, a, base)
	if len(a) <= fd.MinItems || i < len(fd.Prefix) && i != len(a)-1 {
		return errors.New("form: the list cannot be shorter")
	}
	out := append(append([]any{}, a[:i]...), a[i+1:]...)
	f.forget(base)
	return f.change(base, out)
}

// namedMember finds the member at ptr of an object whose members the
// user names.
func (f *Form) namedMember(ptr string) (base, key string, m map[string]any, ok bool) {
	cut := strings.LastIndexByte(ptr, '/')
	if cut < 0 {
		return "", "", nil, false
	}
	base, key = ptr[:cut], unescape(ptr[cut+1:])
	fd, cur, found := f.walk(base)
	if !found {
		return "", "", nil, false
	}
	fd = f.resolve(fd, cur, base)
	m, isMap := cur.(map[string]any)
	if !isMap || fd.Kind != KindObject || !fd.named() || fd.Property(key) != nil {
		return "", "", nil, false
	}
	if _, there := m[key]; !there {
		return "", "", nil, false
	}
	return base, key, m, true
}

// Move moves the item at ptr by delta places (-1 is up) and returns its
// new pointer.
func (f *Form) Move(ptr string, delta int) (string, error) {
	a, i, base, ok := f.parent(ptr)
	if !ok {
		return "", ErrNoField
	}
	j := i + delta
	if j < 0 || j >= len(a) {
		return ptr, nil
	}
	if fd := f.At(base); fd != nil && len(fd.expand().Prefix) > 0 {
		return ptr, errors.New("form: a tuple's items keep their places")
	}
	a[i], a[j] = a[j], a[i]
	f.forget(base)
	return pointer.Index(base, j), nil
}

// forget drops the choices and drafts under ptr, whose items have moved.
func (f *Form) forget(ptr string) {
	for k := range f.choices {
		if strings.HasPrefix(k, ptr+"/") {
			delete(f.choices, k)
		}
	}
	for k := range f.drafts {
		if strings.HasPrefix(k, ptr+"/") {
			delete(f.drafts, k)
			delete(f.errs, k)
		}
	}
}

// Choose picks branch i of the choice at ptr. A value that the branch
// cannot show is replaced by the branch's zero value.
func (f *Form) Choose(ptr string, i int) error {
	fd, v, ok := f.walk(ptr)
	if !ok || fd.Kind != KindChoice || i < 0 || i >= len(fd.Choices) {
		return ErrNoField
	}
	if fd.branch(v, ptr, f.choices) == i {
		f.choices[ptr] = i
		return nil
	}
	f.choices[ptr] = i
	f.forget(ptr)
	b := fd.Choices[i].expand()
	var nv any
	if b.matches(v) > 0 && b.fits(v) {
		nv = v
	} else if f.inArray(ptr) {
		nv = b.newItem()
	} else {
		nv = b.Zero()
	}
	return f.change(ptr, nv)
}

// isLocalDateTime reports whether s is what a date and time picker
// gives: 2027-07-16T09:30.
func isLocalDateTime(s string) bool {
	return len(s) == 16 && isISODate(s[:10]) && s[10] == 'T' && s[13] == ':'
}

func decodeValue1(raw string) (any, error) {
	v, err := jsontree.Parse([]byte(raw))
	if err != nil {
		return nil, err
	}
	return v, nil
}

// jsonProblem says why text is not JSON, with the line and column.
func jsonProblem(raw string, err error) string {
	var je *jsontree.Error
	if errors.As(err, &je) {
		line, col := jsontree.Position([]byte(raw), je.Offset)
		return "This is not valid JSON: line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col) + ": " + je.Msg + "."
	}
	return "This is not valid JSON."
}

// isNumber reports whether s is a JSON number.
func isNumber(s string) bool {
	end, want := jsontree.ScanNumber([]byte(s), 0)
	return want == "" && end == len(s)
}

// unescape reads one escaped reference token.
func unescape(tok string) string {
	if t := pointer.Tokens("/" + tok); len(t) == 1 {
		return t[0]
	}
	return tok
}

// itemActions are the buttons of a list item that name it for screen
// readers (see renderer.button).
var itemActions = [...]string{"up", "down", "remove"}
