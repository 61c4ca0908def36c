package form

import (
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"
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

// unsupported are the keywords the form cannot show. A schema that uses
// one becomes a JSON text area rather than lose the keyword's meaning.
var unsupported = []string{
	"if", "then", "else", "not", "dependentSchemas", "patternProperties",
	"prefixItems", "$dynamicRef", "$recursiveRef", "unevaluatedProperties",
	"unevaluatedItems",
}

// data are the keywords whose values are data, not schemas.
var data = map[string]bool{"enum": true, "const": true, "default": true, "examples": true}

// Compile turns a JSON Schema (draft 2020-12) into a form. A $ref to
// another document is looked up by its absolute URI with resolve, which may
// be nil when the schema refers only to itself. Compile fails only when the
// schema is not JSON; anything it cannot show becomes a field of kind
// KindJSON, edited as JSON text, and a $ref it cannot resolve does the same.
func Compile(schema []byte, resolve Resolver) (*Field, error) {
	root, err := decodeOrdered(schema)
	if err != nil {
		return nil, &Error{Err: err}
	}
	c := &compiler{resolve: resolve, index: map[string]any{}, loaded: map[string]bool{}}
	base := defaultBase
	if o, ok := root.(*object); ok && o.str("$id") != "" {
		if u, err := url.Parse(o.str("$id")); err == nil && u.IsAbs() {
			u.Fragment = ""
			base = u.String()
		}
	}
	c.add(root, base)
	f := c.field(root, 0)
	return f, nil
}

type compiler struct {
	resolve Resolver
	index   map[string]any  // schemas by absolute URI: documents, $ids and $anchors
	loaded  map[string]bool // documents already asked of resolve
	refs    []string        // the $refs being expanded, to stop recursion
	fields  int
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
			// The keywords beside a $ref apply too; for annotations such
			// as title and description, the ref site's wording wins.
			delete(merged.m, "$id")
			merged.keys = without(merged.keys, "$id")
			for _, k := range n.keys {
				switch k {
				case "$ref", "$id", "$schema", "$defs", "definitions", "$anchor":
					continue
				}
				merged.set(k, n.m[k])
			}
			n = merged
			continue
		}
		if all, ok := n.m["allOf"].([]any); ok {
			merged := n.clone()
			delete(merged.m, "allOf")
			merged.keys = without(merged.keys, "allOf")
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
				mergeInto(merged, flat)
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

// mergeInto adds a subschema of allOf to merged: properties and required
// are combined; for other keywords the schema's own value is kept.
func mergeInto(merged, sub *object) {
	for _, k := range sub.keys {
		v := sub.m[k]
		switch k {
		case "properties":
			props, _ := v.(*object)
			have := merged.obj("properties")
			if have == nil {
				merged.set("properties", props)
				continue
			}
			have = have.clone()
			for _, pk := range props.keysOrNil() {
				if _, ok := have.m[pk]; !ok {
					have.set(pk, props.m[pk])
				}
			}
			merged.set("properties", have)
		case "required":
			req, _ := v.([]any)
			have, _ := merged.m["required"].([]any)
			merged.set("required", append(append([]any(nil), have...), req...))
		case "$id", "$schema", "$defs", "$anchor":
		default:
			if !merged.has(k) {
				merged.set(k, v)
			}
		}
	}
}

func (o *object) keysOrNil() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

// field compiles one schema.
func (c *compiler) field(node any, depth int) *Field {
	c.fields++
	if c.fields > maxFields || depth > maxDepth {
		return &Field{Kind: KindJSON, Widget: WidgetJSON, Keyword: "$ref"}
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
	f := &Field{Title: flat.str("title"), Description: flat.str("description")}
	if err != nil {
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "$ref"
		return f
	}
	n = flat
	if v, ok := n.get("default"); ok {
		f.Default, f.HasDefault = plain(v), true
	}
	f.ReadOnly, _ = n.m["readOnly"].(bool)
	for _, k := range unsupported {
		if n.has(k) {
			f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, k
			return f
		}
	}
	types, nullable := typesOf(n)
	f.Nullable = nullable
	if len(types) > 1 {
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "type"
		return f
	}
	typ := ""
	if len(types) == 1 {
		typ = types[0]
	}
	_, hasOne := n.get("oneOf")
	_, hasAny := n.get("anyOf")
	switch {
	case hasOne && hasAny:
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "anyOf"
		return f
	case hasOne || hasAny:
		kw := "oneOf"
		if hasAny {
			kw = "anyOf"
		}
		return c.choice(f, n, kw, typ, depth)
	}
	if v, ok := n.get("const"); ok {
		v = plain(v)
		f.Kind = kindOfValue(v, typ)
		f.Widget = WidgetConstant
		f.Options = []Option{{Value: v, Label: optionLabel(v)}}
		if !f.HasDefault {
			f.Default, f.HasDefault = v, true
		}
		return f
	}
	if e, ok := n.m["enum"].([]any); ok {
		f.Options = make([]Option, 0, len(e))
		for _, v := range e {
			v = plain(v)
			f.Options = append(f.Options, Option{Value: v, Label: optionLabel(v)})
		}
		f.Kind = kindOfValue(nil, typ)
		if typ == "" {
			f.Kind = commonKind(f.Options)
		}
		f.Widget = WidgetSelect
		return f
	}
	if typ == "" {
		switch {
		case n.has("properties") || n.has("required") || n.has("additionalProperties"):
			typ = "object"
		case n.has("items") || n.has("minItems") || n.has("maxItems"):
			typ = "array"
		case n.has("minLength") || n.has("maxLength") || n.has("pattern") || n.has("format"):
			typ = "string"
		case n.has("minimum") || n.has("maximum") || n.has("multipleOf"):
			typ = "number"
		}
	}
	switch typ {
	case "object":
		return c.object(f, n, depth)
	case "array":
		return c.array(f, n, depth)
	case "string":
		f.Kind, f.Widget = KindString, WidgetText
		f.Format = n.str("format")
		switch f.Format {
		case "date":
			f.Widget = WidgetDate
		case "email", "idn-email":
			f.Widget = WidgetEmail
		case "uri", "iri":
			f.Widget = WidgetURL
		default:
			if max, ok := number(n.m["maxLength"]); ok && max > 2000 {
				f.Widget = WidgetTextArea
			}
		}
	case "number":
		f.Kind, f.Widget = KindNumber, WidgetNumber
	case "integer":
		f.Kind, f.Widget = KindInteger, WidgetNumber
	case "boolean":
		f.Kind, f.Widget = KindBoolean, WidgetCheckbox
	case "null":
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "type"
	default:
		f.Kind, f.Widget = KindJSON, WidgetJSON
	}
	return f
}

func (c *compiler) object(f *Field, n *object, depth int) *Field {
	f.Kind, f.Widget = KindObject, WidgetFieldset
	props := n.obj("properties")
	if ap, ok := n.m["additionalProperties"].(*object); ok && len(ap.keys) > 0 {
		// Members named by the user: the form has no control for them.
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "additionalProperties"
		return f
	}
	if props == nil || len(props.keys) == 0 {
		if b, ok := n.m["additionalProperties"].(bool); ok && !b {
			return f // an object with no members at all
		}
		f.Kind, f.Widget = KindJSON, WidgetJSON
		return f
	}
	required := map[string]bool{}
	if req, ok := n.m["required"].([]any); ok {
		for _, r := range req {
			if s, ok := r.(string); ok {
				required[s] = true
			}
		}
	}
	for _, name := range props.keys {
		ps := props.m[name]
		if b, ok := ps.(bool); ok && !b {
			continue // the member must not be there
		}
		p := c.field(ps, depth+1)
		p.Name = name
		p.Required = required[name]
		if name == "$schema" {
			p.Widget = WidgetHidden
		}
		if p.Widget == WidgetSelect && p.Required && len(p.Options) <= 5 {
			p.Widget = WidgetRadios // a few options read best side by side
		}
		f.Properties = append(f.Properties, p)
	}
	return f
}

func (c *compiler) array(f *Field, n *object, depth int) *Field {
	f.Kind, f.Widget = KindArray, WidgetList
	if items, ok := n.get("items"); ok {
		if b, isBool := items.(bool); isBool && !b {
			f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "items"
			return f
		}
		f.Items = c.field(items, depth+1)
	} else {
		f.Items = &Field{Kind: KindJSON, Widget: WidgetJSON}
	}
	if v, ok := number(n.m["minItems"]); ok && v > 0 {
		f.MinItems = clampInt(v)
	}
	if v, ok := number(n.m["maxItems"]); ok && v >= 0 {
		f.MaxItems = clampInt(v)
		if f.MaxItems == 0 {
			// An array that must be empty: nothing to add.
			f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, "maxItems"
			f.Items = nil
			return f
		}
	}
	if unique, _ := n.m["uniqueItems"].(bool); unique && len(f.Items.Options) > 0 && f.Items.Widget != WidgetConstant {
		f.Widget = WidgetCheckboxes
	}
	return f
}

// choice compiles a oneOf or anyOf: a list of labelled constants becomes
// a set of options; anything else becomes a choice between branches, each
// branch merged with the keywords beside the oneOf.
func (c *compiler) choice(f *Field, n *object, kw, typ string, depth int) *Field {
	branches, _ := n.m[kw].([]any)
	if len(branches) == 0 {
		f.Kind, f.Widget, f.Keyword = KindJSON, WidgetJSON, kw
		return f
	}
	if opts, ok := c.constOptions(branches, depth); ok {
		f.Options = opts
		f.Kind = commonKind(opts)
		if typ != "" {
			f.Kind = kindOfValue(nil, typ)
		}
		f.Widget = WidgetSelect
		return f
	}
	base := n.clone()
	for _, k := range []string{kw, "title", "description", "default", "$id", "$defs", "$anchor"} {
		delete(base.m, k)
		base.keys = without(base.keys, k)
	}
	f.Kind, f.Widget, f.Keyword = KindChoice, WidgetChoice, kw
	for i, b := range branches {
		merged := base.clone()
		if bo, ok := b.(*object); ok {
			for _, k := range bo.keys {
				merged.set(k, bo.m[k])
			}
		} else if bb, ok := b.(bool); ok && !bb {
			merged.set("not", newObject())
		}
		bf := c.field(merged, depth+1)
		if bf.Kind == KindChoice {
			// A choice within a choice is one choice between all the branches.
			f.Choices = append(f.Choices, bf.Choices...)
			continue
		}
		if bf.Title == "" {
			bf.Title = branchLabel(bf, i)
		}
		f.Choices = append(f.Choices, bf)
	}
	return f
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
