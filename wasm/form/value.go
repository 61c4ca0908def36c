package form

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/pointer"
)

// Zero returns a new value for the field: its default; for an object, the
// members that have defaults or must be there; for an array with
// minItems, that many new items. Zero returns nil when the field starts
// empty.
func (f *Field) Zero() any { return f.zero(0) }

func (f *Field) zero(depth int) any {
	if f.HasDefault {
		return clone(f.Default)
	}
	if f.target != nil || depth > maxDepth {
		return nil // a branch of a tree starts empty
	}
	switch f.Kind {
	case KindObject:
		m := map[string]any{}
		for _, p := range f.Properties {
			if !p.HasDefault && !(p.Required && (p.Kind == KindObject && len(p.Properties) > 0 || p.MinItems > 0)) || len(p.When) > 0 {
				continue
			}
			if v := p.zero(depth + 1); v != nil {
				m[p.Name] = v
			}
		}
		return m
	case KindArray:
		n := max(f.MinItems, len(f.Prefix))
		if n == 0 {
			return nil
		}
		a := make([]any, 0, n)
		for i := range n {
			it := f.item(i)
			if it == nil {
				break
			}
			a = append(a, it.newItem())
		}
		return a
	case KindChoice:
		if len(f.Choices) > 0 {
			return f.Choices[0].Zero()
		}
	}
	return nil
}

// newItem is a new array item: its zero value, or an empty value of its
// kind, since an array cannot hold an absent item.
func (f *Field) newItem() any {
	f = f.expand()
	if v := f.Zero(); v != nil {
		return v
	}
	switch f.Kind {
	case KindObject:
		return map[string]any{}
	case KindArray:
		return []any{}
	case KindString:
		return ""
	case KindBoolean:
		return false
	}
	if len(f.Options) > 0 {
		return clone(f.Options[0].Value)
	}
	return nil
}

func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = clone(e)
		}
		return a
	}
	return v
}

// fits reports whether a value can be shown by the field's structure: an
// object field shows an object (or nothing), a list shows an array.
func (f *Field) fits(v any) bool {
	if v == nil {
		return true
	}
	f = f.expand()
	switch f.Kind {
	case KindObject:
		_, ok := v.(map[string]any)
		return ok
	case KindArray:
		_, ok := v.([]any)
		return ok
	}
	return true
}

// matches reports how well a value fits a branch of a choice: -1 when it
// cannot, more when more of it agrees.
func (f *Field) matches(v any) int {
	f = f.expand()
	if f.Kind == KindNull {
		if v == nil {
			return 2
		}
		return -1
	}
	if f.Widget == WidgetConstant && len(f.Options) == 1 {
		if equal(v, f.Options[0].Value) {
			return 3
		}
		return -1
	}
	switch x := v.(type) {
	case nil:
		if f.Nullable {
			return 1
		}
		return 0
	case map[string]any:
		if f.Kind != KindObject {
			return -1
		}
		score := 1
		for _, p := range f.Properties {
			mv, ok := x[p.Name]
			if p.Required && !ok {
				return -1
			}
			if ok && p.Widget == WidgetConstant && len(p.Options) == 1 {
				if !equal(mv, p.Options[0].Value) {
					return -1
				}
				score += 2
			} else if ok {
				score++
			}
		}
		return score
	case []any:
		if f.Kind == KindArray {
			return 1
		}
	case string:
		if f.Kind == KindString {
			return 1
		}
	case json.Number, float64, int:
		if f.Kind == KindNumber {
			return 1
		}
		if f.Kind == KindInteger {
			if n, ok := v.(json.Number); ok && !strings.ContainsAny(string(n), ".eE") {
				return 2
			}
			return 0
		}
	case bool:
		if f.Kind == KindBoolean {
			return 1
		}
	}
	if f.Kind == KindJSON {
		return 0
	}
	return -1
}

// branch returns the index of the choice's branch that shows v: the one
// the user picked, or else the one v fits best.
func (f *Field) branch(v any, ptr string, choices map[string]int) int {
	if i, ok := choices[ptr]; ok && i >= 0 && i < len(f.Choices) {
		return i
	}
	best, bestScore := 0, -2
	for i, c := range f.Choices {
		if s := c.matches(v); s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// equal reports whether two values are the same JSON value, as JSON
// Schema compares them (jsontree.Equal: numbers by their exact value, at
// any depth). A value of a Go type that JSON does not decode to is
// compared by its JSON encoding.
func equal(a, b any) bool {
	if decoded(a) && decoded(b) {
		return jsontree.Equal(a, b)
	}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// decoded reports whether v is of a type a decoded JSON value has.
func decoded(v any) bool {
	switch v.(type) {
	case map[string]any, []any, string, bool, nil, json.Number, float64:
		return true
	}
	return false
}

// get returns the value at ptr, and whether it is there.
func get(doc any, ptr string) (any, bool) {
	cur := doc
	for _, tok := range pointer.Tokens(ptr) {
		switch x := cur.(type) {
		case map[string]any:
			v, ok := x[tok]
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

// Marshal writes a document as indented JSON with each object's members
// in the schema's order, then any members the schema does not name, in
// alphabetical order. Numbers are written as they were read.
func (f *Field) Marshal(doc any) []byte { return f.marshalSized(doc, 0) }

// marshalSized is Marshal into a buffer of size bytes to start with.
func (f *Field) marshalSized(doc any, size int) []byte {
	var b bytes.Buffer
	b.Grow(size)
	f.marshal(&b, doc, "", 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func (f *Field) marshal(b *bytes.Buffer, v any, indent string, depth int) {
	f = f.expand()
	if depth > maxDepth {
		f = nil
	}
	if f != nil && f.Kind == KindChoice && len(f.Choices) > 0 {
		f = f.Choices[f.branch(v, "", nil)].expand()
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		inner := indent + "  "
		b.WriteString("{\n")
		first := true
		member := func(k string, pf *Field) {
			if !first {
				b.WriteString(",\n")
			}
			first = false
			b.WriteString(inner)
			writeString(b, k)
			b.WriteString(": ")
			pf.marshal(b, x[k], inner, depth+1)
		}
		seen := map[string]bool{}
		if f != nil && f.Kind == KindObject {
			for _, p := range f.Properties {
				if _, ok := x[p.Name]; ok && !seen[p.Name] {
					seen[p.Name] = true
					member(p.Name, p)
				}
			}
		}
		rest := make([]string, 0, len(x)-len(seen))
		for k := range x {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		for _, k := range rest {
			var mf *Field
			if f != nil && f.Kind == KindObject {
				mf = f.member(k)
			}
			member(k, mf)
		}
		b.WriteString("\n" + indent + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		item := func(i int) *Field {
			if f != nil && f.Kind == KindArray {
				return f.item(i)
			}
			return nil
		}
		if scalars(x) {
			b.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				item(i).marshal(b, e, indent, depth+1)
			}
			b.WriteByte(']')
			return
		}
		inner := indent + "  "
		b.WriteString("[\n")
		for i, e := range x {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(inner)
			item(i).marshal(b, e, inner, depth+1)
		}
		b.WriteString("\n" + indent + "]")
	case string:
		writeString(b, x)
	case json.Number:
		b.WriteString(string(x))
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	default:
		j, err := json.Marshal(x)
		if err != nil {
			b.WriteString("null")
			return
		}
		b.Write(j)
	}
}

func scalars(a []any) bool {
	for _, e := range a {
		switch e.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// writeString writes s as a JSON string, as encoding/json writes it
// without HTML escaping: invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029 are escaped. It is written out, not an Encoder per string: the
// MOU is written after every keystroke. FuzzWriteString holds the two to
// agree.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		var esc string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				esc = `\"`
			case '\\':
				esc = `\\`
			case '\b':
				esc = `\b`
			case '\f':
				esc = `\f`
			case '\n':
				esc = `\n`
			case '\r':
				esc = `\r`
			case '\t':
				esc = `\t`
			default:
				esc = string([]byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&0xf]})
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				esc = `\ufffd`
			case r == '\u2028':
				esc = `\u2028`
			case r == '\u2029':
				esc = `\u2029`
			default:
				i += size
				continue
			}
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		i += size
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
