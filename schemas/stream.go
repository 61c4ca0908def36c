package schemas

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// The fast path again, run on JSON text rather than a decoded tree: it
// parses and validates in one pass and allocates nothing on the way, so a
// valid document is confirmed without building a tree at all. Like the
// tree walk it answers only "certainly valid" (the text is well-formed JSON
// and valid) or "not sure", and then ValidateJSON decodes the text and asks
// jsonschema/v6. Strings with escapes or invalid UTF-8, numbers with
// exponents and duplicate members inside uniqueItems arrays are among what
// it leaves to the slow path. FuzzStream holds it to jsonschema/v6.

type stream struct {
	data  []byte
	pos   int
	depth int
}

// validText reports whether data is certainly a well-formed JSON document
// that is valid against n.
func (n *fastNode) validText(data []byte) bool {
	s := stream{data: data}
	s.space()
	if !n.scan(&s) {
		return false
	}
	s.space()
	return s.pos == len(s.data)
}

func (s *stream) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *stream) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// scan reads one value and judges it against n (nil: any value).
func (n *fastNode) scan(s *stream) bool {
	switch c := s.peek(); {
	case c == '{':
		return (n == nil || n.is(tObject) && n.enum == nil) && n.scanObject(s)
	case c == '[':
		return (n == nil || n.is(tArray) && n.enum == nil) && n.scanArray(s)
	case c == '"':
		str, ok := s.plainString()
		return ok && (n == nil || n.is(tString) && n.string(str))
	case c == '-' || c >= '0' && c <= '9':
		text, ok := s.number()
		return ok && (n == nil || n.number(text))
	case c == 't':
		return s.literal("true") && (n == nil || n.is(tBoolean) && n.enum == nil)
	case c == 'f':
		return s.literal("false") && (n == nil || n.is(tBoolean) && n.enum == nil)
	case c == 'n':
		return s.literal("null") && (n == nil || n.is(tNull) && n.enum == nil)
	}
	return false
}

func (s *stream) literal(word string) bool {
	if len(s.data)-s.pos >= len(word) && string(s.data[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return true
	}
	return false
}

// plainString reads a string with no escapes and valid UTF-8. The result
// is a view of the input, not a copy: it must not outlive the validation
// (nothing here keeps it).
func (s *stream) plainString() (string, bool) {
	start := s.pos + 1
	for i := start; i < len(s.data); i++ {
		switch c := s.data[i]; {
		case c == '"':
			b := s.data[start:i]
			if !utf8.Valid(b) {
				return "", false
			}
			s.pos = i + 1
			return view(b), true
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

// number reads a number by the JSON grammar and returns its text.
// Exponents and numbers longer than MaxDigits are left to the slow path.
func (s *stream) number() (string, bool) {
	end, want := jsontree.ScanNumber(s.data, s.pos)
	text := view(s.data[s.pos:end])
	if want != "" || len(text) > MaxDigits || strings.ContainsAny(text, "eE") {
		return "", false
	}
	s.pos = end
	return text, true
}

func (n *fastNode) scanObject(s *stream) bool {
	if s.depth++; s.depth > 64 {
		return false
	}
	defer func() { s.depth-- }()
	s.pos++         // '{'
	var seen uint64 // bit i: n.required[i] was seen
	if n != nil && len(n.required) > 64 {
		return false
	}
	s.space()
	if s.peek() == '}' {
		s.pos++
		return n == nil || len(n.required) == 0
	}
	for {
		if s.peek() != '"' {
			return false
		}
		key, ok := s.plainString()
		if !ok {
			return false
		}
		s.space()
		if s.peek() != ':' {
			return false
		}
		s.pos++
		s.space()
		var child *fastNode
		if n != nil {
			if n.propNames != nil && !n.propNames.valid(key) {
				return false
			}
			for i, r := range n.required {
				if r == key {
					seen |= 1 << i
				}
			}
			if p, ok := n.props[key]; ok {
				child = p
			} else if n.noAdditional {
				return false
			} else {
				child = n.additional
			}
		}
		if !child.scan(s) {
			return false
		}
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
			s.space()
		case '}':
			s.pos++
			return n == nil || seen == 1<<len(n.required)-1
		default:
			return false
		}
	}
}

func (n *fastNode) scanArray(s *stream) bool {
	if s.depth++; s.depth > 64 {
		return false
	}
	defer func() { s.depth-- }()
	s.pos++ // '['
	var items *fastNode
	unique := false
	if n != nil {
		items, unique = n.items, n.unique
	}
	var starts [32]int // where each string item begins, for uniqueItems
	count := 0
	s.space()
	if s.peek() != ']' {
		for {
			if unique {
				if s.peek() != '"' || count >= len(starts) {
					return false
				}
				starts[count] = s.pos
			}
			if !items.scan(s) {
				return false
			}
			if unique {
				for j := 0; j < count; j++ {
					if sameString(s.data, starts[j], starts[count]) {
						return false
					}
				}
			}
			count++
			s.space()
			if s.peek() == ',' {
				s.pos++
				s.space()
				continue
			}
			if s.peek() != ']' {
				return false
			}
			break
		}
	}
	s.pos++ // ']'
	return n == nil || count >= n.minItems && (n.maxItems < 0 || count <= n.maxItems)
}

// sameString compares two plain (escape-free) strings starting at a and b.
func sameString(d []byte, a, b int) bool {
	for i := 1; ; i++ {
		ca, cb := d[a+i], d[b+i]
		if ca != cb {
			return false
		}
		if ca == '"' {
			return true
		}
	}
}

// view returns b as a string without copying it.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
