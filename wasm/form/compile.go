package form

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/pointer"
)

// Resolver returns the text of the schema whose $id is id, an absolute URI
// without a fragment, for a $ref to another schema document.
type Resolver func(id string) ([]byte, error)

// Error reports a schema that could not be compiled at all: it is not
// JSON. Everything short of that compiles, with what cannot be shown as a
// form falling back to JSON text.
type Error struct {
	ID  string // the schema's $id, or "" when it has none
	Err error
}

func (e *Error) Error() string {
	if e.ID == "" {
		return "form: the schema is not valid JSON: " + e.Err.Error()
	}
	return "form: schema " + e.ID + " is not valid JSON: " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// maxFields bounds how many fields one schema may compile to: a schema
// whose $refs fan out could otherwise describe more fields than a page
// can hold.
const maxFields = 5000

// defaultBase is the base URI of a schema that has no $id.
const defaultBase = "https://schema.invalid/root.json"

// unshown are the keywords of JSON Schema that the form neither shows
// nor checks: a field whose schema uses one says so on the page, and the
// keyword is checked when the whole document is.
var unshown = []string{
	"unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef",
	"contentSchema",
}

// data are the keywords whose values are data, not schemas.
var data = map[string]bool{"enum": true, "const": true, "default": true, "examples": true}

// Compile turns a JSON Schema (draft 2020-12, or draft-07's spellings of
// the same keywords) into a form. A $ref to another document is looked
// up by its absolute URI with resolve, which may be nil when the schema
// refers only to itself. Options add what the schema does not say, such
// as reference pickers. Compile fails only when the schema is not JSON;
// anything it cannot show becomes a field of kind KindJSON, edited as
// JSON text, and a $ref it cannot resolve does the same.
func Compile(schema []byte, resolve Resolver, opts ...CompileOption) (*Field, error) {
	root, err := decodeOrdered(schema)
	if err != nil {
		return nil, &Error{Err: err}
	}
	c := &compiler{resolve: resolve, index: map[string]any{}, loaded: map[string]bool{}, building: map[string]*Field{}}
	for _, o := range opts {
		o(&c.opts)
	}
	base := defaultBase
	if o, ok := root.(*object); ok && o.str("$id") != "" {
		if u, err := url.Parse(o.str("$id")); err == nil && u.IsAbs() {
			u.Fragment = ""
			base = u.String()
		}
	}
	c.add(root, base)
	for i, a := range c.opts.also {
		v, err := decodeOrdered(a.schema)
		if err != nil {
			return nil, &Error{ID: "option Also(" + a.at + ")", Err: err}
		}
		c.walk(v, base, 0)
		c.opts.also[i].node = v
	}
	f := c.field(root, 0, "")
	for _, site := range c.sites {
		site.Kind, site.Widget = site.target.Kind, site.target.Widget
	}
	markConditional(f, map[*Field]bool{}, 0)
	for _, site := range c.sites {
		site.conditional = site.target.conditional
	}
	return f, nil
}

// markConditional marks the fields that have a member under a condition
// somewhere inside them.
func markConditional(f *Field, seen map[*Field]bool, depth int) bool {
	if f == nil || depth > 4*maxDepth {
		return false
	}
	if seen[f] {
		return f.conditional
	}
	seen[f] = true
	has := false
	for _, p := range f.Properties {
		if len(p.When) > 0 {
			has = true
		}
		has = markConditional(p, seen, depth+1) || has
	}
	for _, p := range f.Prefix {
		has = markConditional(p, seen, depth+1) || has
	}
	for _, ch := range f.Choices {
		has = markConditional(ch, seen, depth+1) || has
	}
	for _, p := range f.Patterns {
		has = markConditional(p.Field, seen, depth+1) || has
	}
	has = markConditional(f.Items, seen, depth+1) || has
	has = markConditional(f.Extra, seen, depth+1) || has
	if f.target != nil {
		has = markConditional(f.target, seen, depth+1) || has
	}
	f.conditional = has
	return has
}

type compiler struct {
	resolve Resolver
	index   map[string]any  // schemas by absolute URI: documents, $ids and $anchors
	loaded  map[string]bool // documents already asked of resolve
	refs    []string        // the $refs being expanded, to stop recursion
	fields  int
	opts    compileOptions
	// building holds the field being compiled for each $ref on refs, for
	// a $ref that recurses to point back to; recursed is that $ref.
	building map[string]*Field
	recursed string
	sites    []*Field
	patterns map[string]*regexp.Regexp // compiled once each; nil for one Go cannot read
}

// pattern compiles a pattern once per schema.
func (c *compiler) pattern(p string) *regexp.Regexp {
	if re, ok := c.patterns[p]; ok {
		return re
	}
	if c.patterns == nil {
		c.patterns = map[string]*regexp.Regexp{}
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	c.patterns[p] = re
	return re
}

// add indexes a schema document and rewrites every $ref in it to an
// absolute URI, so that a schema can be read without knowing its base.
func (c *compiler) add(doc any, base string) {
	c.loaded[base] = true
	if _, ok := c.index[base]; !ok {
		c.index[base] = doc
	}
	c.walk(doc, base, 0)
}

func (c *compiler) walk(v any, base string, depth int) {
	if depth > maxDepth {
		return
	}
	switch x := v.(type) {
	case *object:
		if id := x.str("$id"); id != "" {
			if abs, ok := resolveURI(base, id); ok {
				abs = strings.TrimSuffix(abs, "#")
				base = abs
				if _, ok := c.index[abs]; !ok {
					c.index[abs] = x
				}
			}
		}
		if a := x.str("$anchor"); a != "" {
			c.index[base+"#"+a] = x
		}
		if ref, ok := x.m["$ref"].(string); ok {
			if abs, ok := resolveURI(base, ref); ok {
				x.m["$ref"] = abs
			}
		}
		for _, k := range x.keys {
			if !data[k] {
				c.walk(x.m[k], base, depth+1)
			}
		}
	case []any:
		for _, e := range x {
			c.walk(e, base, depth+1)
		}
	}
}

func resolveURI(base, ref string) (string, bool) {
	b, err := url.Parse(base)
	if err != nil {
		return "", false
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	return b.ResolveReference(r).String(), true
}

// lookup finds the schema an absolute $ref points to.
func (c *compiler) lookup(ref string) (any, bool) {
	if s, ok := c.index[ref]; ok {
		return s, true
	}
	doc, frag, _ := strings.Cut(ref, "#")
	if _, ok := c.index[doc]; !ok && !c.loaded[doc] && c.resolve != nil {
		c.loaded[doc] = true
		text, err := c.resolve(doc)
		if err != nil {
			return nil, false
		}
		v, err := decodeOrdered(text)
		if err != nil {
			return nil, false
		}
		c.add(v, doc)
	}
	root, ok := c.index[doc]
	if !ok {
		return nil, false
	}
	if frag == "" {
		return root, true
	}
	if !strings.HasPrefix(frag, "/") {
		s, ok := c.index[doc+"#"+frag]
		return s, ok
	}
	cur := root
	for _, tok := range strings.Split(frag[1:], "/") {
		if t, err := url.PathUnescape(tok); err == nil {
			tok = t
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := cur.(type) {
		case *object:
			v, ok := x.get(tok)
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			cur = x[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

var (
	errRecursive  = errors.New("recursive")
	errUnresolved = errors.New("unresolved")
)

// flatten returns a schema with its $ref and allOf merged in, and the
// $refs it expanded, which stay on c.refs until the field is compiled.
func (c *compiler) flatten(n *object, depth int) (*object, int, error) {
	pushed := 0
	for depth < maxDepth {
		depth++
		c.fields++ // expanding counts towards the budget, or allOf could fan out
		if c.fields > maxFields {
			return n, pushed, errDepth
		}
		if ref, ok := n.m["$ref"].(string); ok {
			for _, r := range c.refs {
				if r == ref {
					c.recursed = ref
					return n, pushed, errRecursive
				}
			}
			target, ok := c.lookup(ref)
			if !ok {
				return n, pushed, errUnresolved
			}
			c.refs = append(c.refs, ref)
			pushed++
			var merged *object
			switch t := target.(type) {
			case *object:
				merged = t.clone()
			case bool:
				merged = newObject()
				if !t {
					merged.set("not", newObject())
				}
			default:
				return n, pushed, errUnresolved
			}
			// The keywords beside a $ref apply too, as an allOf of the
			// two would; for annotations such as title and description,
			// the ref site's wording wins.
			merged.del("$id")
			beside := newObject()
			for _, k := range n.keys {
				switch k {
				case "$ref", "$id", "$schema", "$defs", "definitions", "$anchor":
				default:
					if annotations[k] || k == "readOnly" {
						merged.set(k, n.m[k])
					} else {
						beside.set(k, n.m[k])
					}
				}
			}
			c.mergeInto(merged, beside)
			n = merged
			continue
		}
		if all, ok := n.m["allOf"].([]any); ok {
			merged := n.clone()
			merged.del("allOf")
			for _, s := range all {
				so, ok := s.(*object)
				if !ok {
					if b, _ := s.(bool); !b {
						merged.set("not", newObject())
					}
					continue
				}
				flat, p, err := c.flatten(so, depth)
				pushed += p
				if err != nil {
					return n, pushed, err
				}
				c.mergeInto(merged, flat)
			}
			n = merged
			continue
		}
		return n, pushed, nil
	}
	return n, pushed, errDepth
}

func without(keys []string, k string) []string {
	out := keys[:0:0]
	for _, key := range keys {
		if key != k {
			out = append(out, key)
		}
	}
	return out
}

// moreConditions holds the if/then/else of allOf's subschemas: a key no
// schema can have, as decoded keys are JSON strings and this is not one
// a person would write.
const moreConditions = "\x00conditions"

func (o *object) keysOrNil() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

// noPath is the path of a schema that is not a field on the page (an
// if, then or else): no option applies to it.
const noPath = "\x00"

// field compiles one schema, for the values at path (a JSON Pointer with
// * for every item and every member the user names).
func (c *compiler) field(node any, depth int, path string) *Field {
	c.fields++
	if c.fields > maxFields || depth > maxDepth {
		return &Field{Kind: KindJSON, Widget: WidgetJSON, Keyword: "$ref", Unsupported: []string{"$ref"}}
	}
	if more := c.opts.alsoAt(path); len(more) > 0 {
		all := newObject()
		all.set("allOf", append([]any{node}, more...))
		node = all
	}
	n, ok := node.(*object)
	if !ok {
		f := &Field{Kind: KindJSON, Widget: WidgetJSON}
		if b, isBool := node.(bool); isBool && !b {
			f.Keyword = "false"
		}
		return f
	}
	before := len(c.refs)
	defer func() { c.refs = c.refs[:before] }()
	flat, _, err := c.flatten(n, depth)
	if err == errRecursive && c.building[c.recursed] != nil {
		site := &Field{Ref: c.recursed, target: c.building[c.recursed], lazy: &lazyField{},
			Title: n.str("title"), Description: n.str("description")}
		c.sites = append(c.sites, site)
		return site
	}
	f := &Field{Title: flat.str("title"), Description: flat.str("description")}
	if err != nil {
		// What the schema there says is not known, so not checked.
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "$ref"
		f.unsupported("$ref")
		return f
	}
	for _, r := range c.refs[before:] {
		if c.building[r] == nil {
			c.building[r] = f
			defer delete(c.building, r)
		}
	}
	n = flat
	c.annotate(f, n, depth)
	if f.Kind != "" {
		return f
	}
	c.kind(f, n, depth, path)
	if (n.has("if") || n.has(moreConditions)) && f.Kind != KindObject && f.Kind != KindChoice {
		f.unsupported("if") // conditions are shown on objects only
	}
	if src, ok := c.opts.refs[path]; ok {
		s := src
		switch f.Kind {
		case KindString, KindNumber, KindInteger:
			f.Source = &s
			f.Widget = WidgetReference
		}
	}
	return f
}

// annotate reads the keywords that describe a field of any kind. A
// keyword that leaves no form to show sets the field's kind.
func (c *compiler) annotate(f *Field, n *object, depth int) {
	if v, ok := n.get("default"); ok {
		f.Default, f.HasDefault = plain(v), true
	}
	f.ReadOnly, _ = n.m["readOnly"].(bool)
	f.ErrorMessage = n.str("errorMessage")
	if ex, ok := n.m["examples"].([]any); ok && len(ex) > 0 {
		switch x := ex[0].(type) {
		case string, json.Number, bool:
			f.Placeholder = scalarText(x)
		}
	}
	for _, k := range unshown {
		if n.has(k) {
			f.Unsupported = append(f.Unsupported, k)
		}
	}
	c.notAndContains(f, n, depth)
	for _, k := range names(n.m[unmerged]) {
		f.unsupported(k)
	}
	more, _ := n.m[moreSchemas].([]any)
	for _, s := range more {
		a := c.field(s, depth+1, noPath)
		if !checkable(a) {
			if o, ok := s.(*object); ok {
				for _, k := range o.keys {
					f.unsupported(k)
				}
			}
			continue
		}
		if a.ErrorMessage == "" {
			a.ErrorMessage = f.ErrorMessage
		}
		if a.Placeholder == "" {
			a.Placeholder = f.Placeholder
		}
		f.All = append(f.All, a)
	}
}

// unsupported lists keyword k in the field's Unsupported, once.
func (f *Field) unsupported(k string) {
	for _, u := range f.Unsupported {
		if u == k {
			return
		}
	}
	f.Unsupported = append(f.Unsupported, k)
}

// notAndContains compiles not and contains, which Problems checks
// wherever they are; one whose schema it cannot check in full (whether
// a value matches would be a guess) is listed in Unsupported instead.
func (c *compiler) notAndContains(f *Field, n *object, depth int) {
	if v, ok := n.get("not"); ok && v != false { // not: false rules nothing out
		if f.Not = c.field(v, depth+1, noPath); !checkable(f.Not) {
			f.Not, f.Unsupported = nil, append(f.Unsupported, "not")
		}
	}
	if v, ok := n.get("contains"); ok {
		ct := &Contains{Field: c.field(v, depth+1, noPath), Min: 1, Max: count(n.m["maxContains"])}
		if m := count(n.m["minContains"]); m != nil {
			ct.Min = *m
		}
		if checkable(ct.Field) {
			f.Contains = ct
		} else {
			f.Unsupported = append(f.Unsupported, "contains")
			for _, k := range []string{"minContains", "maxContains"} {
				if n.has(k) {
					f.Unsupported = append(f.Unsupported, k)
				}
			}
		}
	}
}

// kind compiles what the field holds, from its type and the keywords
// that imply one.
func (c *compiler) kind(f *Field, n *object, depth int, path string) {
	types, nullable := typesOf(n)
	f.Nullable = nullable
	_, hasOne := n.get("oneOf")
	_, hasAny := n.get("anyOf")
	if len(types) > 1 {
		if hasOne || hasAny {
			f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "type"
			c.twoChoices(f, n, depth, []string{"oneOf", "anyOf"}, []string{"type"})
			return
		}
		// A union of types is a choice between them, each with the
		// keywords beside it.
		union := n.clone()
		union.del("type")
		branches := make([]any, 0, len(types))
		for _, t := range types {
			b := newObject()
			b.set("type", t)
			branches = append(branches, b)
		}
		union.set("anyOf", branches)
		c.choice(f, union, "anyOf", "", depth, path)
		if f.Kind == KindChoice {
			f.Keyword = "type"
		}
		return
	}
	typ := ""
	if len(types) == 1 {
		typ = types[0]
	}
	switch {
	case hasOne && hasAny:
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "anyOf"
		c.twoChoices(f, n, depth, []string{"anyOf"}, []string{"oneOf"})
		return
	case hasOne || hasAny:
		kw := "oneOf"
		if hasAny {
			kw = "anyOf"
		}
		c.choice(f, n, kw, typ, depth, path)
		return
	}
	if v, ok := n.get("const"); ok {
		v = plain(v)
		f.Kind = kindOfValue(v, typ)
		if v == nil {
			f.Kind, f.Nullable = KindNull, true
		}
		f.Widget = WidgetConstant
		f.Options = []Option{{Value: v, Label: optionLabel(v)}}
		f.Checks = &Checks{Enum: true}
		if !f.HasDefault {
			f.Default, f.HasDefault = v, true
		}
		c.beside(f, n, depth)
		return
	}
	if e, ok := n.m["enum"].([]any); ok {
		f.Options = make([]Option, 0, min(len(e), maxOptions))
		for _, v := range e[:min(len(e), maxOptions)] {
			v = plain(v)
			f.Options = append(f.Options, Option{Value: v, Label: optionLabel(v)})
		}
		f.Kind = kindOfValue(nil, typ)
		if typ == "" {
			f.Kind = commonKind(f.Options)
		}
		f.Widget = WidgetSelect
		f.Checks = &Checks{Enum: len(e) <= maxOptions}
		c.beside(f, n, depth)
		return
	}
	if typ == "" {
		switch {
		case n.has("properties") || n.has("required") || n.has("additionalProperties") || n.has("patternProperties") ||
			n.has("dependentRequired") || n.has("dependentSchemas") || n.has("dependencies") || n.has("if") || n.has(moreConditions) ||
			n.has("minProperties") || n.has("maxProperties") || n.has("propertyNames"):
			typ = "object"
		case n.has("items") || n.has("prefixItems") || n.has("minItems") || n.has("maxItems"):
			typ = "array"
		case n.has("minLength") || n.has("maxLength") || n.has("pattern") || n.has("format"):
			typ = "string"
		case n.has("minimum") || n.has("maximum") || n.has("multipleOf") || n.has("exclusiveMinimum") || n.has("exclusiveMaximum"):
			typ = "number"
		}
		f.untyped = typ != ""
	}
	switch typ {
	case "object":
		c.object(f, n, depth, path)
	case "array":
		c.array(f, n, depth, path)
	case "string":
		f.Kind, f.Widget = KindString, WidgetText
		f.Format = n.str("format")
		switch f.Format {
		case "date":
			f.Widget = WidgetDate
		case "date-time":
			f.Widget = WidgetDateTime
		case "time":
			f.Widget = WidgetTime
		case "email", "idn-email":
			f.Widget = WidgetEmail
		case "uri", "iri", "uri-reference", "iri-reference":
			f.Widget = WidgetURL
		case "data-url":
			f.Widget = WidgetFile
		default:
			if max, ok := number(n.m["maxLength"]); ok && max > 2000 {
				f.Widget = WidgetTextArea
			}
		}
		if f.Format != "" && !checkedFormats[f.Format] {
			f.Unsupported = append(f.Unsupported, "format") // such as ipv4: shown as text, not checked
		}
		ch := &Checks{MinLength: count(n.m["minLength"]), MaxLength: count(n.m["maxLength"])}
		if p := n.str("pattern"); p != "" {
			if re := c.pattern(p); re != nil {
				ch.Pattern, ch.re = p, re
			} else {
				f.Unsupported = append(f.Unsupported, "pattern")
			}
		}
		f.Checks = ch.orNil()
	case "number", "integer":
		f.Kind, f.Widget = KindNumber, WidgetNumber
		if typ == "integer" {
			f.Kind = KindInteger
		}
		ch := &Checks{Minimum: num(n.m["minimum"]), Maximum: num(n.m["maximum"]), MultipleOf: num(n.m["multipleOf"])}
		// Draft 4's boolean exclusiveMinimum is not read: draft-07 and
		// 2020-12 spell the bound as a number.
		ch.ExclusiveMinimum, ch.ExclusiveMaximum = num(n.m["exclusiveMinimum"]), num(n.m["exclusiveMaximum"])
		if ch.MultipleOf != nil && *ch.MultipleOf <= 0 {
			ch.MultipleOf = nil
		}
		f.Checks = ch.orNil()
	case "boolean":
		f.Kind, f.Widget = KindBoolean, WidgetCheckbox
	case "null":
		f.Kind, f.Widget, f.Nullable = KindNull, WidgetConstant, true
		f.Options = []Option{{Value: nil, Label: optionLabel(nil)}}
	default:
		f.Kind, f.Widget = KindJSON, WidgetJSON
		if unique, _ := n.m["uniqueItems"].(bool); unique && typ == "" {
			// Any value, but a list's items must differ.
			f.box = &Field{Kind: KindArray, Widget: WidgetList, Checks: &Checks{UniqueItems: true},
				Items: &Field{Kind: KindJSON, Widget: WidgetJSON}, Not: f.Not, Contains: f.Contains, All: f.All,
				ErrorMessage: f.ErrorMessage}
			f.loose = true
		}
	}
}

// boxed makes f, compiled as an object or an array the form has nothing
// to show of, a JSON text box whose value Problems checks as that kind.
func boxed(f *Field, n *object, keyword string) {
	box := *f
	f.box = &box
	types, _ := typesOf(n)
	f.loose = len(types) == 0
	f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, keyword
}

// twoChoices compiles a schema with two choices at once (a union of types
// and a oneOf or anyOf, or a oneOf and an anyOf), shown as a JSON text
// box: Problems checks its value against each, compiled without the
// other (the keywords each part drops). A part it cannot check in full
// is listed in Unsupported as the keyword that part keeps.
func (c *compiler) twoChoices(f *Field, n *object, depth int, drops ...[]string) {
	box := &Field{Kind: KindJSON, Widget: WidgetJSON}
	for i, drop := range drops {
		part := n.clone()
		for _, k := range drop {
			part.del(k)
		}
		a := c.field(part, depth+1, noPath)
		if !checkable(a) {
			for _, k := range drops[1-i] {
				if n.has(k) {
					f.unsupported(k)
				}
			}
			continue
		}
		box.All = append(box.All, a)
	}
	f.box = box
}

// besideOptions are the keywords that may stand beside an enum or a
// const and rule some of its values out.
var besideOptions = []string{"minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
	"exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "items", "prefixItems", "required",
	"minProperties", "maxProperties", "properties", "additionalProperties", "patternProperties", "propertyNames",
	"dependentRequired"}

// beside keeps what an enum's or a const's schema says beside it, such
// as a maxLength, to be checked in All as allOf's further schemas are;
// what it cannot check is listed in Unsupported.
func (c *compiler) beside(f *Field, n *object, depth int) {
	rest := newObject()
	for _, k := range besideOptions {
		if v, ok := n.m[k]; ok {
			rest.set(k, v)
		}
	}
	if len(rest.keys) == 0 {
		return
	}
	kept := rest.keys
	if t, ok := n.m["type"]; ok {
		rest.set("type", t)
	}
	a := c.field(rest, depth+1, noPath)
	if !checkable(a) {
		for _, k := range kept {
			f.unsupported(k)
		}
		return
	}
	f.All = append(f.All, a)
}

// maxOptions bounds how many options an enum may offer: a larger one is
// shown, but not checked, as its first maxOptions values.
const maxOptions = 1000

func (ch *Checks) orNil() *Checks {
	if ch.MinLength == nil && ch.MaxLength == nil && ch.Pattern == "" && ch.Minimum == nil && ch.Maximum == nil &&
		ch.ExclusiveMinimum == nil && ch.ExclusiveMaximum == nil && ch.MultipleOf == nil && !ch.UniqueItems &&
		ch.MinProperties == nil && ch.MaxProperties == nil && len(ch.Required) == 0 && len(ch.DependentRequired) == 0 &&
		!ch.Closed && !ch.Enum && len(ch.Forbidden) == 0 {
		return nil
	}
	return ch
}

func count(v any) *int {
	f, ok := number(v)
	if !ok || f < 0 {
		return nil
	}
	n := clampInt(f)
	return &n
}

func num(v any) *float64 {
	f, ok := number(v)
	if !ok {
		return nil
	}
	return &f
}

func names(v any) []string {
	a, _ := v.([]any)
	var out []string
	for _, e := range a {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (c *compiler) object(f *Field, n *object, depth int, path string) {
	f.Kind, f.Widget = KindObject, WidgetFieldset
	props := n.obj("properties")
	ch := &Checks{Required: names(n.m["required"]), MinProperties: count(n.m["minProperties"]), MaxProperties: count(n.m["maxProperties"])}
	if b, ok := n.m["additionalProperties"].(bool); ok && !b {
		ch.Closed = true
	}
	if ap, ok := n.m["additionalProperties"].(*object); ok && len(ap.keys) > 0 {
		f.Extra = c.field(ap, depth+1, path+"/*")
	}
	if pn, ok := n.get("propertyNames"); ok {
		f.Names = c.field(pn, depth+1, noPath)
		switch {
		case !checkable(f.Names):
			f.Names = nil
			f.unsupported("propertyNames")
		case f.Names.Kind == KindJSON && f.Names.Keyword != "false" && f.Names.box == nil && f.Names.Not == nil &&
			f.Names.Contains == nil && len(f.Names.All) == 0 && (f.Names.Checks == nil || !f.Names.Checks.Enum):
			f.Names = nil // any name
		}
	}
	if pp := n.obj("patternProperties"); pp != nil {
		for _, pat := range pp.keys {
			re := c.pattern(pat)
			if re == nil {
				f.Unsupported = append(f.Unsupported, "patternProperties")
				continue
			}
			f.Patterns = append(f.Patterns, &Pattern{Pattern: pat, re: re, Field: c.field(pp.m[pat], depth+1, path+"/*")})
		}
	}
	// dependentRequired and dependentSchemas, and draft-07's dependencies
	// that stand for either.
	depSchemas := newObject()
	for _, kw := range []string{"dependentRequired", "dependencies", "dependentSchemas"} {
		deps := n.obj(kw)
		for _, k := range deps.keysOrNil() {
			switch d := deps.m[k].(type) {
			case []any:
				ch.DependentRequired = append(ch.DependentRequired, Dependent{Name: k, Required: names(d)})
			case *object, bool:
				if kw != "dependentRequired" {
					depSchemas.set(k, d)
				}
			}
		}
	}
	for _, name := range props.keysOrNil() {
		if b, ok := props.m[name].(bool); ok && !b {
			ch.Forbidden = append(ch.Forbidden, name)
		}
	}
	f.Checks = ch.orNil()
	required := map[string]bool{}
	for _, r := range ch.Required {
		required[r] = true
	}
	add := func(name string, ps any) *Field {
		if b, ok := ps.(bool); ok && !b {
			return nil // the member must not be there
		}
		p := c.field(ps, depth+1, pointer.Join(path, name))
		p.Name = name
		p.Required = required[name]
		if name == "$schema" {
			p.Widget = WidgetHidden
		}
		if p.Widget == WidgetSelect && p.Required && len(p.Options) <= 5 && p.Source == nil {
			p.Widget = WidgetRadios // a few options read best side by side
		}
		f.Properties = append(f.Properties, p)
		return p
	}
	for _, name := range props.keysOrNil() {
		add(name, props.m[name])
	}
	c.conditionals(f, n, depSchemas, depth, path, add)
	if len(f.Properties) == 0 && !f.named() {
		if ch.Closed {
			return // an object with no members at all
		}
		if len(f.Conditionals) == 0 {
			boxed(f, n, "") // required, minProperties… are checked all the same
		}
		return
	}
	if len(f.Properties) == 0 {
		f.Widget = WidgetMap
	}
}

// conditionals compiles an object's if/then/else and dependentSchemas.
// The members a then names and its else does not (in properties or
// required) show only while the if holds, and the other way about; a
// member a branch names that the object does not is added.
func (c *compiler) conditionals(f *Field, n *object, deps *object, depth int, path string, add func(string, any) *Field) {
	var rules []*object
	if n.has("if") {
		r := newObject()
		for _, k := range []string{"if", "then", "else"} {
			if v, ok := n.m[k]; ok {
				r.set(k, v)
			}
		}
		rules = append(rules, r)
	}
	if more, ok := n.m[moreConditions].([]any); ok {
		for _, m := range more {
			if r, ok := m.(*object); ok {
				rules = append(rules, r)
			}
		}
	}
	for _, k := range deps.keys {
		r := newObject()
		trigger := newObject()
		trigger.set("required", []any{k})
		r.set("if", trigger)
		r.set("then", deps.m[k])
		rules = append(rules, r)
	}
	for _, r := range rules {
		if len(f.Conditionals) >= maxConditionals {
			f.Unsupported = append(f.Unsupported, "if")
			return
		}
		rule := &Conditional{If: c.field(r.m["if"], depth+1, noPath)}
		thenNames, elseNames := map[string]any{}, map[string]any{}
		if v, ok := r.m["then"]; ok {
			rule.Then = c.field(v, depth+1, noPath)
			c.memberNames(v, depth, thenNames)
		}
		if v, ok := r.m["else"]; ok {
			rule.Else = c.field(v, depth+1, noPath)
			c.memberNames(v, depth, elseNames)
		}
		i := len(f.Conditionals)
		f.Conditionals = append(f.Conditionals, rule)
		govern := func(names, others map[string]any, order []string, holds bool) {
			for _, name := range order {
				if _, both := others[name]; both {
					continue
				}
				p := f.Property(name)
				if p == nil {
					p = add(name, names[name])
					if p == nil {
						continue
					}
				}
				p.When = append(p.When, Condition{Rule: i, Holds: holds})
			}
		}
		govern(thenNames, elseNames, c.orderOf(r.m["then"], thenNames), true)
		govern(elseNames, thenNames, c.orderOf(r.m["else"], elseNames), false)
	}
}

// maxConditionals bounds the conditions of one object.
const maxConditionals = 64

// memberNames collects the members a schema names, in its properties
// (with their schemas) or its required (with an empty schema).
func (c *compiler) memberNames(v any, depth int, into map[string]any) {
	o, ok := v.(*object)
	if !ok {
		return
	}
	before := len(c.refs)
	flat, _, err := c.flatten(o, depth)
	c.refs = c.refs[:before]
	if err != nil {
		return
	}
	for _, k := range flat.obj("properties").keysOrNil() {
		into[k] = flat.obj("properties").m[k]
	}
	for _, k := range names(flat.m["required"]) {
		if _, ok := into[k]; !ok {
			into[k] = newObject()
		}
	}
}

// orderOf lists the names a branch names in its own order: properties,
// then required.
func (c *compiler) orderOf(v any, named map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	o, ok := v.(*object)
	if !ok {
		return nil
	}
	before := len(c.refs)
	flat, _, err := c.flatten(o, 0)
	c.refs = c.refs[:before]
	if err != nil {
		return nil
	}
	for _, k := range append(append([]string(nil), flat.obj("properties").keysOrNil()...), names(flat.m["required"])...) {
		if _, ok := named[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func (c *compiler) array(f *Field, n *object, depth int, path string) {
	f.Kind, f.Widget = KindArray, WidgetList
	empty := "" // the keyword that says the list must stay empty
	items, hasItems := n.get("items")
	prefix, isTuple := n.m["prefixItems"].([]any)
	rest, hasRest := items, hasItems
	if a, ok := items.([]any); ok {
		// draft-07: items as an array is a tuple, additionalItems the rest.
		prefix, isTuple = a, true
		rest, hasRest = n.get("additionalItems")
	}
	if isTuple {
		for i, p := range prefix {
			if i >= maxDepth {
				f.unsupported("prefixItems") // the items past these are not checked as it says
				break
			}
			f.Prefix = append(f.Prefix, c.field(p, depth+1, path+"/"+strconv.Itoa(i)))
		}
	}
	switch {
	case hasRest && rest == false:
		if !isTuple || len(f.Prefix) == 0 {
			empty = "items"
			f.Items = &Field{Kind: KindJSON, Widget: WidgetJSON, Keyword: "false"}
			break
		}
		f.MaxItems = len(f.Prefix)
	case hasRest && rest != true:
		f.Items = c.field(rest, depth+1, path+"/*")
	default:
		f.Items = &Field{Kind: KindJSON, Widget: WidgetJSON}
	}
	if v, ok := number(n.m["minItems"]); ok && v > 0 {
		f.MinItems = clampInt(v)
	}
	if v, ok := number(n.m["maxItems"]); ok && v >= 0 {
		if m := clampInt(v); f.MaxItems == 0 || m < f.MaxItems {
			f.MaxItems = m
		}
		if f.MaxItems == 0 && empty == "" {
			empty = "maxItems"
			f.Items, f.Prefix = &Field{Kind: KindJSON, Widget: WidgetJSON, Keyword: "false"}, nil
		}
	}
	if empty != "" {
		// An array that must be empty: nothing to add, but an item
		// written in the JSON text box is reported.
		boxed(f, n, empty)
		f.Items, f.Prefix = nil, nil
		return
	}
	unique, _ := n.m["uniqueItems"].(bool)
	if unique {
		f.Checks = &Checks{UniqueItems: true}
	}
	if unique && !isTuple && f.Items != nil && (len(f.Items.Options) > 0 && f.Items.Widget != WidgetConstant || f.Items.Source != nil) {
		f.Widget = WidgetCheckboxes
	}
}

// choice compiles a oneOf or anyOf: a list of labelled constants becomes
// a set of options; anything else becomes a choice between branches, each
// branch merged with the keywords beside the oneOf.
func (c *compiler) choice(f *Field, n *object, kw, typ string, depth int, path string) {
	branches, _ := n.m[kw].([]any)
	if len(branches) == 0 {
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, kw
		return
	}
	if opts, ok := c.constOptions(branches, depth); ok {
		f.Options = opts
		f.Kind = commonKind(opts)
		if typ != "" {
			f.Kind = kindOfValue(nil, typ)
		}
		f.Widget = WidgetSelect
		f.Checks = &Checks{Enum: true}
		c.beside(f, n, depth)
		return
	}
	base := n.clone()
	for _, k := range []string{kw, "title", "description", "default", "$id", "$defs", "$anchor", "examples", "errorMessage"} {
		base.del(k)
	}
	f.Kind, f.Widget, f.Keyword = KindChoice, WidgetChoice, kw
	nested := false
	for i, b := range branches {
		merged := base.clone()
		if bo, ok := b.(*object); ok {
			for _, k := range bo.keys {
				merged.set(k, bo.m[k])
			}
		} else if bb, ok := b.(bool); ok && !bb {
			merged.set("not", newObject())
		}
		bf := c.field(merged, depth+1, path)
		if bf.Kind == KindChoice {
			// A choice within a choice is one choice between all the branches.
			for range bf.Choices {
				f.origins = append(f.origins, origin{branch: i, one: bf.Keyword == "oneOf"})
			}
			f.Choices = append(f.Choices, bf.Choices...)
			nested = true
			continue
		}
		if bf.Title == "" {
			bf.Title = branchLabel(bf, i)
		}
		f.origins = append(f.origins, origin{branch: i})
		f.Choices = append(f.Choices, bf)
	}
	if !nested {
		f.origins = nil
	}
	// Each branch has the not, contains and more schemas beside the
	// choice, merged in.
	f.Not, f.Contains, f.All = nil, nil, nil
	if kw == "oneOf" {
		f.exact = true
		for _, b := range f.Choices {
			f.exact = f.exact && checkable(b)
		}
		if !f.exact {
			f.Unsupported = append(f.Unsupported, "oneOf") // exactly one is not checked
		}
	}
}

// constOptions reads a oneOf whose branches are each a const with a title.
func (c *compiler) constOptions(branches []any, depth int) ([]Option, bool) {
	opts := make([]Option, 0, len(branches))
	for _, b := range branches {
		bo, ok := b.(*object)
		if !ok {
			return nil, false
		}
		before := len(c.refs)
		flat, _, err := c.flatten(bo, depth)
		c.refs = c.refs[:before]
		if err != nil {
			return nil, false
		}
		v, ok := flat.get("const")
		if !ok {
			return nil, false
		}
		for _, k := range flat.keys {
			switch k {
			case "const", "title", "description", "type", "$comment":
			default:
				return nil, false
			}
		}
		v = plain(v)
		label := flat.str("title")
		if label == "" {
			label = optionLabel(v)
		}
		opts = append(opts, Option{Value: v, Label: label})
	}
	return opts, true
}

func branchLabel(f *Field, i int) string {
	switch f.Kind {
	case KindString:
		return "Text"
	case KindNumber:
		return "Number"
	case KindInteger:
		return "Whole number"
	case KindBoolean:
		return "Yes or no"
	case KindArray:
		return "List"
	case KindNull:
		return "None"
	}
	return "Option " + strconv.Itoa(i+1)
}

// typesOf reads "type": the types other than null, and whether null is
// allowed.
func typesOf(n *object) (types []string, nullable bool) {
	switch t := n.m["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				continue
			}
			if s == "null" {
				nullable = true
				continue
			}
			types = append(types, s)
		}
		if len(types) == 0 && nullable {
			types, nullable = []string{"null"}, false
		}
	}
	return types, nullable
}

func kindOfValue(v any, typ string) Kind {
	switch typ {
	case "string":
		return KindString
	case "number":
		return KindNumber
	case "integer":
		return KindInteger
	case "boolean":
		return KindBoolean
	case "object":
		return KindObject
	case "array":
		return KindArray
	}
	switch v.(type) {
	case string:
		return KindString
	case json.Number, float64:
		return KindNumber
	case bool:
		return KindBoolean
	}
	return KindJSON
}

func commonKind(opts []Option) Kind {
	k := Kind("")
	for _, o := range opts {
		ok := kindOfValue(o.Value, "")
		if k == "" {
			k = ok
		} else if k != ok {
			return KindJSON
		}
	}
	if k == "" {
		return KindJSON
	}
	return k
}

// optionLabel is how an enum value reads on screen.
func optionLabel(v any) string {
	switch x := v.(type) {
	case string:
		if x == "" {
			return "(empty)"
		}
		return words(x)
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	case nil:
		return "None"
	case json.Number:
		return string(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func number(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func clampInt(f float64) int {
	if f > 1<<30 {
		return 1 << 30
	}
	return int(f)
}
