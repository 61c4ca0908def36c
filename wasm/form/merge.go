package form

// Merging allOf: every branch must hold, so each keyword that two
// branches both give is merged into one that means both, or kept beside
// the other, or, where neither can be done, listed for the field to say
// it is not checked. None is dropped.

// Keys no schema can have (decoded keys are JSON strings, and these are
// not ones a person would write), which a merge adds to a schema:
const (
	// moreSchemas holds schemas the value must match as well, for a
	// keyword two branches give that cannot be merged into one, such as
	// two patterns or two contains: Problems checks each.
	moreSchemas = "\x00schemas"
	// unmerged lists keywords whose branches the form could not merge:
	// the field lists them in Unsupported.
	unmerged = "\x00unmerged"
)

// annotations are the keywords that describe a value without checking
// it: where two branches differ, the first one's wording is kept.
var annotations = map[string]bool{
	"title": true, "description": true, "default": true, "examples": true, "writeOnly": true,
	"deprecated": true, "errorMessage": true, "$comment": true,
	"contentMediaType": true, "contentEncoding": true,
}

// mergeInto adds a subschema of allOf to merged, so that merged means
// both:
//
//   - properties, patternProperties and additionalProperties are merged
//     together: a member both name is the allOf of its two schemas, and a
//     member only one names is held to the other's additionalProperties;
//   - prefixItems, items and additionalItems likewise, place by place;
//   - type, enum and const keep what both allow; when nothing is left,
//     nothing is valid, and the field says so;
//   - minimum, maximum, the exclusive bounds, the lengths and counts
//     keep the stricter; required, dependentRequired unite; uniqueItems
//     and readOnly hold if either says so;
//   - propertyNames, dependentSchemas and dependencies' schemas are the
//     allOf of the two; each if/then/else is kept; two nots rule out
//     what either does;
//   - pattern, format, multipleOf, a second contains (with its own
//     minContains and maxContains), oneOf and anyOf are kept beside the
//     first, in moreSchemas, and checked too;
//   - annotations keep the first wording.
func (c *compiler) mergeInto(merged, sub *object) {
	for _, k := range sub.keys {
		v := sub.m[k]
		old, had := merged.m[k]
		switch k {
		case "$id", "$schema", "$defs", "definitions", "$anchor", "$dynamicAnchor":
		case "properties", "patternProperties", "additionalProperties",
			"prefixItems", "items", "additionalItems", "contains", "minContains", "maxContains", "then", "else":
			// Merged below, or with their if.
		case "required":
			merged.set(k, union(old, v))
		case "if":
			cond := newObject()
			for _, ck := range []string{"if", "then", "else"} {
				if cv, ok := sub.m[ck]; ok {
					cond.set(ck, cv)
				}
			}
			addTo(merged, moreConditions, cond)
		case moreConditions, moreSchemas, unmerged, "allOf":
			have, _ := old.([]any)
			more, _ := v.([]any)
			merged.set(k, append(append([]any(nil), have...), more...))
		case "not":
			if had {
				either := newObject() // not A and not B: not (A or B)
				either.set("anyOf", []any{old, v})
				v = either
			}
			merged.set("not", v)
		case "type":
			mergeType(merged, old, had, v)
		case "enum", "const":
			mergeValues(merged, k, v)
		case "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties":
			if x, ok := number(v); ok {
				if y, ok := number(old); !ok || x > y {
					merged.set(k, v)
				}
			} else if !had {
				merged.set(k, v)
			}
		case "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties":
			if x, ok := number(v); ok {
				if y, ok := number(old); !ok || x < y {
					merged.set(k, v)
				}
			} else if !had {
				merged.set(k, v)
			}
		case "uniqueItems", "readOnly":
			if b, _ := v.(bool); b || !had {
				merged.set(k, v)
			}
		case "propertyNames":
			merged.set(k, both(old, v))
		case "dependentRequired", "dependentSchemas", "dependencies":
			if deps := mergeDependencies(merged.obj(k), sub.obj(k)); deps != nil {
				merged.set(k, deps)
			}
		case "pattern", "format", "multipleOf":
			switch {
			case !had:
				merged.set(k, v)
			case !equal(plain(old), plain(v)):
				extra := newObject()
				extra.set(k, v)
				addTo(merged, moreSchemas, extra)
			}
		case "oneOf", "anyOf":
			switch {
			case !merged.has("oneOf") && !merged.has("anyOf"):
				merged.set(k, v)
			case !had || !equal(plain(old), plain(v)):
				extra := newObject() // one choice is shown; the other is checked
				extra.set(k, v)
				addTo(merged, moreSchemas, extra)
			}
		default:
			if !had {
				merged.set(k, v) // an annotation, or a keyword the form does not read
			}
		}
	}
	c.mergeMembers(merged, sub)
	mergeItems(merged, sub)
	mergeContains(merged, sub)
}

// both is a schema that means a and b: nil stands for a keyword that is
// not there.
func both(a, b any) any {
	switch {
	case a == nil || a == true:
		return b
	case b == nil || b == true:
		return a
	case a == false || b == false:
		return false
	}
	o := newObject()
	if ao, ok := a.(*object); ok && len(ao.keys) == 1 && ao.keys[0] == "allOf" {
		// Already an allOf: one more branch, not one level deeper, so
		// that many branches naming one member do not nest too deeply.
		if list, ok := ao.m["allOf"].([]any); ok {
			o.set("allOf", append(append([]any(nil), list...), b))
			return o
		}
	}
	o.set("allOf", []any{a, b})
	return o
}

// addTo appends v to the list at key.
func addTo(o *object, key string, v any) {
	have, _ := o.m[key].([]any)
	o.set(key, append(append([]any(nil), have...), v))
}

// union is two required lists in one, each name once.
func union(a, b any) []any {
	x, _ := a.([]any)
	y, _ := b.([]any)
	out := make([]any, 0, len(x)+len(y))
	seen := map[string]bool{}
	for _, e := range append(append([]any(nil), x...), y...) {
		if s, ok := e.(string); ok {
			if seen[s] {
				continue
			}
			seen[s] = true
		}
		out = append(out, e)
	}
	return out
}

// nothing marks merged as allowing no value at all: its branches
// contradict each other.
func nothing(merged *object) { addTo(merged, moreSchemas, false) }

// mergeType keeps the types both allow; an integer is a number.
func mergeType(merged *object, old any, had bool, v any) {
	if !had {
		merged.set("type", v)
		return
	}
	a, b := typeList(old), typeList(v)
	if a == nil || b == nil {
		return // not a type JSON Schema knows: kept as it was
	}
	var keep []any
	for _, t := range a {
		for _, u := range b {
			if t == u || t == "integer" && u == "number" {
				keep = append(keep, t)
				break
			}
			if t == "number" && u == "integer" {
				keep = append(keep, u)
				break
			}
		}
	}
	switch len(keep) {
	case 0:
		nothing(merged) // the type is kept, for the field to show
	case 1:
		merged.set("type", keep[0])
	default:
		merged.set("type", keep)
	}
}

func typeList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	return nil
}

// mergeValues merges an enum or const of a branch: the values both
// allow are kept, as a const when a const is among them.
func mergeValues(merged *object, k string, v any) {
	var vals []any
	if k == "const" {
		vals = []any{v}
	} else if vals, _ = v.([]any); vals == nil {
		return // not a list: means nothing
	}
	have, isConst := merged.m["const"]
	var mine []any
	switch {
	case isConst:
		mine = []any{have}
	case merged.has("enum"):
		mine, _ = merged.m["enum"].([]any)
	default:
		merged.set(k, v)
		return
	}
	if len(mine)*len(vals) > maxOptions*maxOptions {
		extra := newObject() // too many to compare: checked as it stands
		extra.set(k, v)
		addTo(merged, moreSchemas, extra)
		return
	}
	var keep []any
	for _, a := range mine {
		for _, b := range vals {
			if equal(plain(a), plain(b)) {
				keep = append(keep, a)
				break
			}
		}
	}
	switch {
	case len(keep) == 0:
		nothing(merged) // the first's values are kept, for the field to show
	case len(keep) == 1 && (isConst || k == "const"):
		merged.del("enum")
		merged.set("const", keep[0])
	default:
		merged.del("const")
		merged.set("enum", keep)
	}
}

// mergeDependencies merges dependentRequired, dependentSchemas or
// dependencies entry by entry: lists of names unite, schemas are the
// allOf of the two, and a list beside a schema is a schema requiring it.
func mergeDependencies(a, b *object) *object {
	if a == nil {
		return b
	}
	out := a.clone()
	for _, k := range b.keysOrNil() {
		old, had := out.m[k]
		v := b.m[k]
		x, xList := old.([]any)
		y, yList := v.([]any)
		switch {
		case !had:
			out.set(k, v)
		case xList && yList:
			out.set(k, union(x, y))
		default:
			out.set(k, both(requiring(old), requiring(v)))
		}
	}
	return out
}

func requiring(v any) any {
	if l, ok := v.([]any); ok {
		o := newObject()
		o.set("required", l)
		return o
	}
	return v
}

// mergeMembers merges the properties, patternProperties and
// additionalProperties of a branch. A branch's additionalProperties
// holds for every member its own properties and patterns do not name,
// so a member only the other branch names is held to it too. When the
// other branch adds a pattern, what matches only that pattern should be
// held to it as well, which one schema cannot say: additionalProperties
// is listed as not checked.
func (c *compiler) mergeMembers(merged, sub *object) {
	bp, bpp := sub.obj("properties"), sub.obj("patternProperties")
	bap, bHas := sub.m["additionalProperties"]
	if bp == nil && bpp == nil && !bHas {
		return
	}
	ap, app := merged.obj("properties"), merged.obj("patternProperties")
	aap := merged.m["additionalProperties"]
	inexact := false
	// held says whether the schema at ap (an additionalProperties) holds
	// for name, given the patterns beside it.
	held := func(extra any, pats *object, name string) bool {
		if extra == nil || extra == true {
			return false
		}
		for _, p := range pats.keysOrNil() {
			re := c.pattern(p)
			if re == nil {
				inexact = true
				return false
			}
			if re.MatchString(name) {
				return false
			}
		}
		return true
	}
	props := newObject()
	for _, k := range ap.keysOrNil() {
		s := ap.m[k]
		if bs, ok := bp.get(k); ok {
			s = both(s, bs)
		} else if held(bap, bpp, k) {
			s = both(s, bap)
		}
		props.set(k, s)
	}
	for _, k := range bp.keysOrNil() {
		if _, ok := ap.get(k); ok {
			continue
		}
		s := bp.m[k]
		if held(aap, app, k) {
			s = both(aap, s)
		}
		props.set(k, s)
	}
	pats := newObject()
	for _, k := range app.keysOrNil() {
		s := app.m[k]
		if bs, ok := bpp.get(k); ok {
			s = both(s, bs)
		} else if bap != nil && bap != true {
			inexact = true
		}
		pats.set(k, s)
	}
	for _, k := range bpp.keysOrNil() {
		if _, ok := app.get(k); ok {
			continue
		}
		if aap != nil && aap != true {
			inexact = true
		}
		pats.set(k, bpp.m[k])
	}
	if len(props.keys) > 0 || ap != nil || bp != nil {
		merged.set("properties", props)
	}
	if len(pats.keys) > 0 || app != nil || bpp != nil {
		merged.set("patternProperties", pats)
	}
	if extra := both(aap, bap); extra != nil {
		merged.set("additionalProperties", extra)
	}
	if inexact {
		addTo(merged, unmerged, "additionalProperties")
	}
}

// tuple reads an array schema's items: the places of a tuple
// (prefixItems, or draft-07's items as a list) and the rest (items, or
// additionalItems), nil where there is no such keyword.
func tuple(o *object) (prefix []any, rest any) {
	if a, ok := o.m["items"].([]any); ok {
		return a, o.m["additionalItems"]
	}
	prefix, _ = o.m["prefixItems"].([]any)
	return prefix, o.m["items"]
}

// mergeItems merges the items of a branch place by place: each place of
// the tuple is held to both branches' schemas for it, and the rest to
// both rests.
func mergeItems(merged, sub *object) {
	if !sub.has("prefixItems") && !sub.has("items") {
		return // additionalItems alone means nothing
	}
	if !merged.has("prefixItems") && !merged.has("items") {
		for _, k := range []string{"prefixItems", "items", "additionalItems"} {
			merged.del(k)
			if v, ok := sub.m[k]; ok {
				merged.set(k, v)
			}
		}
		return
	}
	pa, ra := tuple(merged)
	pb, rb := tuple(sub)
	at := func(p []any, rest any, i int) any {
		if i < len(p) {
			return p[i]
		}
		return rest
	}
	n := max(len(pa), len(pb))
	prefix := make([]any, 0, n)
	for i := range n {
		s := both(at(pa, ra, i), at(pb, rb, i))
		if s == nil {
			s = true
		}
		prefix = append(prefix, s)
	}
	for _, k := range []string{"prefixItems", "items", "additionalItems"} {
		merged.del(k)
	}
	if n > 0 {
		merged.set("prefixItems", prefix)
	}
	if rest := both(ra, rb); rest != nil {
		merged.set("items", rest)
	}
}

// mergeContains merges a branch's contains, with its own minContains
// and maxContains: the first is kept as it is, a second is checked
// beside it.
func mergeContains(merged, sub *object) {
	v, ok := sub.m["contains"]
	if !ok {
		return // minContains and maxContains alone mean nothing
	}
	group := newObject()
	group.set("contains", v)
	for _, k := range []string{"minContains", "maxContains"} {
		if b, ok := sub.m[k]; ok {
			group.set(k, b)
		}
	}
	if merged.has("contains") {
		mine := newObject()
		for _, k := range []string{"contains", "minContains", "maxContains"} {
			if b, ok := merged.m[k]; ok {
				mine.set(k, b)
			}
		}
		if !equal(plain(mine), plain(group)) {
			addTo(merged, moreSchemas, group)
		}
		return
	}
	for _, k := range []string{"contains", "minContains", "maxContains"} {
		merged.del(k)
		if b, ok := group.m[k]; ok {
			merged.set(k, b)
		}
	}
}
