package jsontree

import (
	"encoding/json"
	"iter"
	"strconv"
)

// Kind is the kind of a value in a Tree.
type Kind uint8

// The kinds. KindAbsent is the Kind of a Value that is not there: a
// member an object does not have, or the Value of a nil Tree.
const (
	KindAbsent Kind = iota
	KindNull
	KindFalse
	KindTrue
	KindNumber
	KindString
	KindArray
	KindObject
)

// Tree is a decoded JSON document as one slice of nodes in document
// order, each container followed by its children: no map for an object and
// no boxed value for a string, so that reading a document costs a few
// allocations rather than a few for every value. ParseTree builds one from
// JSON text and FromAny from a decoded tree; Value reads it.
type Tree struct {
	nodes []node
	text  string   // the document's text, which spans point into
	extra []string // strings that are not in the text as they read: escaped ones
	dup   bool
}

// node holds no pointer, so that the slice of them is one allocation the
// garbage collector need not look into.
type node struct {
	key  span  // the member's name, in an object
	text span  // a string's value, or a number as written
	end  int32 // the index after the node's last descendant
	n    int32 // how many children a container has
	kind Kind
}

// span is a string of a Tree: text[off:off+n], or extra[off] when n < 0.
type span struct{ off, n int32 }

func (t *Tree) str(s span) string {
	if s.n < 0 {
		return t.extra[s.off]
	}
	return t.text[s.off : s.off+s.n]
}

// keep makes a span of s, which is not in the text.
func (t *Tree) keep(s string) span {
	if s == "" {
		return span{}
	}
	t.extra = append(t.extra, s)
	return span{int32(len(t.extra) - 1), -1}
}

// Root returns the document's value.
func (t *Tree) Root() Value {
	if t == nil || len(t.nodes) == 0 {
		return Value{}
	}
	return Value{t, 0}
}

// HasDuplicates reports whether an object of the document has a member
// name twice. Get reads the last, as Parse keeps the last.
func (t *Tree) HasDuplicates() bool { return t != nil && t.dup }

// Value is one value of a Tree. The zero Value is absent. Its readers are
// tolerant, like the functions of access.go: a value of the wrong type
// reads as absent.
type Value struct {
	t *Tree
	i int32
}

func (v Value) node() *node {
	if v.t == nil {
		return nil
	}
	return &v.t.nodes[v.i]
}

// Kind returns the kind of the value, or KindAbsent.
func (v Value) Kind() Kind {
	if n := v.node(); n != nil {
		return n.kind
	}
	return KindAbsent
}

// Text returns a string's value or a number as written, or "".
func (v Value) Text() string {
	if n := v.node(); n != nil {
		return v.t.str(n.text)
	}
	return ""
}

// Str returns the value as a string, and whether it is one.
func (v Value) Str() (string, bool) {
	if n := v.node(); n != nil && n.kind == KindString {
		return v.t.str(n.text), true
	}
	return "", false
}

// Len returns how many elements an array has, or 0.
func (v Value) Len() int {
	if n := v.node(); n != nil && n.kind == KindArray {
		return int(n.n)
	}
	return 0
}

// children yields a container's children: its elements, or its members
// with their names.
func (v Value) children(yield func(string, Value) bool) {
	n := v.node()
	if n == nil || (n.kind != KindArray && n.kind != KindObject) {
		return
	}
	for i := v.i + 1; i < n.end; i = v.t.nodes[i].end {
		if !yield(v.t.str(v.t.nodes[i].key), Value{v.t, i}) {
			return
		}
	}
}

// Items yields an array's elements, or nothing.
func (v Value) Items() iter.Seq[Value] {
	return func(yield func(Value) bool) {
		n := v.node()
		if n == nil || n.kind != KindArray {
			return
		}
		for i := v.i + 1; i < n.end; i = v.t.nodes[i].end {
			if !yield(Value{v.t, i}) {
				return
			}
		}
	}
}

// Members yields an object's members, with their names, in document
// order, or nothing.
func (v Value) Members() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		n := v.node()
		if n == nil || n.kind != KindObject {
			return
		}
		for i := v.i + 1; i < n.end; i = v.t.nodes[i].end {
			if !yield(v.t.str(v.t.nodes[i].key), Value{v.t, i}) {
				return
			}
		}
	}
}

// Get returns an object's member, the last of that name, or an absent
// Value.
func (v Value) Get(key string) Value {
	n := v.node()
	if n == nil || n.kind != KindObject {
		return Value{}
	}
	nodes := v.t.nodes
	found := int32(-1)
	for i := v.i + 1; i < n.end; i = nodes[i].end {
		if v.t.keyIs(nodes[i].key, key) {
			found = i
			if !v.t.dup {
				break // the only one
			}
		}
	}
	if found < 0 {
		return Value{}
	}
	return Value{v.t, found}
}

// keyIs reports whether the span k reads key, looking at the text only
// when the lengths agree.
func (t *Tree) keyIs(k span, key string) bool {
	if k.n >= 0 {
		return int(k.n) == len(key) && t.text[k.off:k.off+k.n] == key
	}
	return t.extra[k.off] == key
}

// sameKey reports whether two spans read the same, looking at the text
// only when the lengths agree.
func (t *Tree) sameKey(a, b span) bool {
	if a.n >= 0 && b.n >= 0 {
		return a.n == b.n && t.text[a.off:a.off+a.n] == t.text[b.off:b.off+b.n]
	}
	return t.str(a) == t.str(b)
}

// hasDuplicate reports whether the object at nodes[at] has a member
// name twice.
func hasDuplicate(t *Tree, at int) bool {
	nodes := t.nodes
	obj := &nodes[at]
	if obj.n > 16 {
		seen := make(map[string]struct{}, obj.n)
		for i := int32(at) + 1; i < obj.end; i = nodes[i].end {
			k := t.str(nodes[i].key)
			if _, dup := seen[k]; dup {
				return true
			}
			seen[k] = struct{}{}
		}
		return false
	}
	for i := int32(at) + 1; i < obj.end; i = nodes[i].end {
		for j := nodes[i].end; j < obj.end; j = nodes[j].end {
			if t.sameKey(nodes[i].key, nodes[j].key) {
				return true
			}
		}
	}
	return false
}

// Object returns an object's member when it is an object.
func (v Value) Object(key string) (Value, bool) {
	m := v.Get(key)
	return m, m.Kind() == KindObject
}

// GetString returns an object's member as a string, or "".
func (v Value) GetString(key string) string {
	s, _ := v.Get(key).Str()
	return s
}

// GetBool returns an object's member as a bool, or false.
func (v Value) GetBool(key string) bool { return v.Get(key).Kind() == KindTrue }

// GetStrings returns an object's member as a slice of its string
// elements, skipping any element that is not a string, or nil when it is
// not an array.
func (v Value) GetStrings(key string) []string { return v.Get(key).Strings() }

// Strings returns an array as a slice of its string elements, skipping
// any element that is not a string, or nil when it is not an array.
func (v Value) Strings() []string {
	a := v
	if a.Kind() != KindArray {
		return nil
	}
	out := make([]string, 0, a.Len())
	for e := range a.Items() {
		if s, ok := e.Str(); ok {
			out = append(out, s)
		}
	}
	return out
}

// Number returns a number's value and whether it is a number that
// float64 can hold (as strconv.ParseFloat reads it).
func (v Value) Number() (float64, bool) {
	n := v.node()
	if n == nil || n.kind != KindNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.t.str(n.text), 64)
	return f, err == nil
}

// GetNumber returns an object's member as a *float64, or nil when it is
// absent or not a number float64 can hold.
func (v Value) GetNumber(key string) *float64 {
	if f, ok := v.Get(key).Number(); ok {
		return &f
	}
	return nil
}

// Any returns the value decoded as Parse decodes it: objects as
// map[string]any, arrays as []any, numbers as json.Number, strings, bools
// and nil. An absent Value is nil.
func (v Value) Any() any {
	n := v.node()
	if n == nil {
		return nil
	}
	switch n.kind {
	case KindObject:
		m := make(map[string]any, min(n.n, 8))
		v.children(func(k string, e Value) bool {
			m[k] = e.Any()
			return true
		})
		return m
	case KindArray:
		a := make([]any, 0, n.n)
		v.children(func(_ string, e Value) bool {
			a = append(a, e.Any())
			return true
		})
		return a
	case KindString:
		return v.t.str(n.text)
	case KindNumber:
		return json.Number(v.t.str(n.text))
	case KindTrue:
		return true
	case KindFalse:
		return false
	}
	return nil
}

// FromAny makes a Tree of a decoded value, as Parse or encoding/json
// decode one. Numbers of type float64, float32, int or int64 are written
// as strconv writes them; a value of any other type is null.
func FromAny(v any) *Tree {
	n, strs := count(v)
	t := &Tree{nodes: make([]node, 0, n), extra: make([]string, 0, strs)}
	t.add("", v)
	return t
}

// count counts the values in a decoded tree, the nodes of its Tree, and
// at most how many strings the Tree keeps (see add): the Tree is made at
// its size, as the MOU's is after every keystroke.
func count(v any) (nodes, strs int) {
	nodes = 1
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			n, s := count(e)
			nodes, strs = nodes+n, strs+s+1
		}
	case []any:
		for _, e := range x {
			n, s := count(e)
			nodes, strs = nodes+n, strs+s
		}
	case bool, nil:
	default:
		strs = 1
	}
	return nodes, strs
}

func (t *Tree) add(key string, v any) {
	at := len(t.nodes)
	t.nodes = append(t.nodes, node{key: t.keep(key)})
	n := &t.nodes[at]
	switch x := v.(type) {
	case map[string]any:
		n.kind, n.n = KindObject, int32(len(x))
		for k, e := range x {
			t.add(k, e)
		}
	case []any:
		t.nodes[at].kind, t.nodes[at].n = KindArray, int32(len(x))
		for _, e := range x {
			t.add("", e)
		}
	case string:
		n.kind, n.text = KindString, t.keep(x)
	case json.Number:
		n.kind, n.text = KindNumber, t.keep(string(x))
	case float64:
		n.kind, n.text = KindNumber, t.keep(strconv.FormatFloat(x, 'g', -1, 64))
	case float32:
		n.kind, n.text = KindNumber, t.keep(strconv.FormatFloat(float64(x), 'g', -1, 32))
	case int:
		n.kind, n.text = KindNumber, t.keep(strconv.Itoa(x))
	case int64:
		n.kind, n.text = KindNumber, t.keep(strconv.FormatInt(x, 10))
	case bool:
		n.kind = KindFalse
		if x {
			n.kind = KindTrue
		}
	default:
		n.kind = KindNull
	}
	t.nodes[at].end = int32(len(t.nodes))
}
