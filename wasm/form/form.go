package form

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/pointer"

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
}

// ErrNoField reports a pointer that names no field of the form.
var ErrNoField = errors.New("form: no field there")

// New returns a form for the field, holding the field's zero value.
// prefix starts every element id the form renders, so that several forms
// can share a page; it must be a letter followed by letters, digits or
// hyphens.
func New(root *Field, prefix string) *Form {
	f := &Form{root: root, prefix: prefix}
	f.Reset()
	return f
}

// Reset empties the form.
func (f *Form) Reset() {
	f.Load(f.root.Zero())
}

// Load replaces the document: a value decoded as encoding/json or
// schemas.Decode decode JSON into any.
func (f *Form) Load(doc any) {
	if doc == nil && f.root.Kind == KindObject {
		doc = map[string]any{}
	}
	f.doc = doc
	f.choices = map[string]int{}
	f.drafts = map[string]string{}
	f.errs = map[string]string{}
}

// Field returns the form's root field.
func (f *Form) Field() *Field { return f.root }

// Value returns the document. It is the form's own: do not change it.
func (f *Form) Value() any { return f.doc }

// JSON returns the document as indented JSON, members in the schema's order.
func (f *Form) JSON() []byte { return f.root.Marshal(f.doc) }

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
			p := fd.Property(tok)
			if p == nil || !fd.fits(v) {
				return nil, nil, false
			}
			m, _ := v.(map[string]any)
			fd, v = p, m[tok]
		case KindArray:
			a, _ := v.([]any)
			i, err := strconv.Atoi(tok)
			if fd.Items == nil || err != nil || i < 0 || i > len(a) || strconv.Itoa(i) != tok {
				return nil, nil, false
			}
			fd, v = fd.Items, nil
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

// resolve returns the branch of a choice that shows v, or fd itself.
func (f *Form) resolve(fd *Field, v any, ptr string) *Field {
	for fd.Kind == KindChoice && len(fd.Choices) > 0 {
		fd = fd.Choices[fd.branch(v, ptr, f.choices)]
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
			p := fd.Property(tok)
			if p == nil {
				return ErrNoField
			}
			if last {
				if v == nil && !p.Nullable {
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
			if err != nil || n < 0 || n > len(a) || fd.Items == nil {
				return ErrNoField
			}
			if n == len(a) {
				a = append(a, fd.Items.newItem())
				assign(a)
			}
			if last {
				a[n] = v
				return nil
			}
			arr, idx := a, n
			assign = func(x any) { arr[idx] = x }
			fd, cur = fd.Items, a[n]
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
	case WidgetRadios, WidgetSelect, WidgetConstant:
		if raw == "" {
			v = nil
			break
		}
		x, err := decodeValue1(raw)
		if err != nil {
			return err
		}
		v = x
	case WidgetJSON, WidgetFieldset, WidgetList, WidgetCheckboxes, WidgetChoice, WidgetHidden:
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
	return f.set(ptr, v)
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
		return f.set(ptr, nil)
	}
	if out == nil {
		out = []any{}
	}
	return f.set(ptr, out)
}

func stableSortBy(a []any, rank func(any) int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && rank(a[j]) < rank(a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Add appends a new item to the list at ptr and returns its pointer. A
// list already at its maxItems gets no more.
func (f *Form) Add(ptr string) (string, error) {
	fd := f.At(ptr)
	if fd == nil || fd.Kind != KindArray || fd.Items == nil {
		return "", ErrNoField
	}
	cur, _ := get(f.doc, ptr)
	a, _ := cur.([]any)
	if fd.MaxItems > 0 && len(a) >= fd.MaxItems {
		return "", errors.New("form: the list is full")
	}
	item := pointer.Index(ptr, len(a))
	if err := f.set(item, fd.Items.newItem()); err != nil {
		return "", err
	}
	return item, nil
}

// Remove takes the item at ptr out of its list, unless the list is at its
// minItems.
func (f *Form) Remove(ptr string) error {
	a, i, base, ok := f.parent(ptr)
	fd := f.At(base)
	if !ok || fd == nil || fd.Kind != KindArray {
		return ErrNoField
	}
	if len(a) <= fd.MinItems {
		return errors.New("form: the list cannot be shorter")
	}
	out := append(append([]any{}, a[:i]...), a[i+1:]...)
	f.forget(base)
	return f.set(base, out)
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
	b := fd.Choices[i]
	var nv any
	if b.matches(v) > 0 && b.fits(v) {
		nv = v
	} else if f.inArray(ptr) {
		nv = b.newItem()
	} else {
		nv = b.Zero()
	}
	return f.set(ptr, nv)
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
	if s == "" {
		return false
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return false
	}
	n, ok := v.(json.Number)
	return ok && string(n) == s
}
