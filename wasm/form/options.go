package form

import "strings"

// A CompileOption adds to a form what its schema does not say: see
// Reference and Also.
type CompileOption func(*compileOptions)

type compileOptions struct {
	refs map[string]Source
	also []also
}

type also struct {
	at     string
	schema []byte
	node   any
}

// Reference makes the field at the JSON Pointer at (with * for every item
// of a list, such as /activities/*/ledBy) a picker of ids found elsewhere
// in the same document: the values at from (such as
// /partnership/partners/*/id), each labelled with the member label of the
// object that holds it (such as name). A list of unique strings at at
// becomes checkboxes of those ids (name its items: /activities/*/objectives/*).
// The value is still the id; the schema checks it as before.
func Reference(at, from, label string) CompileOption {
	return func(o *compileOptions) {
		if o.refs == nil {
			o.refs = map[string]Source{}
		}
		o.refs[at] = Source{From: from, Label: label}
	}
}

// Also applies the keywords of schema (JSON text) to the field at the
// JSON Pointer at (with * for every item or named member), as an allOf
// beside its own schema would: for a form that should show what a schema
// the developer cannot change does not say, such as an if/then that hides
// members until they apply. Compile fails if schema is not JSON.
func Also(at string, schema []byte) CompileOption {
	return func(o *compileOptions) { o.also = append(o.also, also{at: at, schema: schema}) }
}

// alsoAt returns the schemas Also adds at path.
func (o *compileOptions) alsoAt(path string) []any {
	var out []any
	for _, a := range o.also {
		if a.at == path && a.node != nil {
			out = append(out, a.node)
		}
	}
	return out
}

// matchPattern reports whether a pointer matches a pattern with * for any
// one token.
func matchPattern(pattern, ptr string) bool {
	pt, vt := strings.Split(pattern, "/"), strings.Split(ptr, "/")
	if len(pt) != len(vt) {
		return false
	}
	for i := range pt {
		if pt[i] != "*" && pt[i] != vt[i] {
			return false
		}
	}
	return true
}
