// Package jsontree decodes JSON text into the generic tree that
// github.com/santhosh-tekuri/jsonschema/v6 validates: objects as
// map[string]any, arrays as []any, numbers as json.Number, strings, bools
// and nil.
//
// It exists because partnerkit decodes every document once and then both
// validates the tree and builds typed values from it, so the decoder is on
// the hot path. It is several times faster than encoding/json into any,
// keeps numbers exact (json.Number), and reports errors by byte offset so
// that callers can turn them into a line and column. ParseTree decodes
// into a Tree instead, one slice of nodes with no map or boxed value, in
// three allocations: mou.Check reads a valid MOU from one (Parse is
// ParseTree, then Value.Any).
//
// It accepts exactly the JSON that encoding/json accepts, but for text that
// cannot stand for characters: a string with bytes that are not UTF-8, or
// with a \u escape of half a surrogate pair whose other half is missing
// (\ud800 alone), is an error at that byte, where encoding/json silently
// puts U+FFFD in its place. For every document it accepts it returns what
// encoding/json returns (FuzzParse holds it to that), so nothing in the
// text is changed on the way.
package jsontree

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// MaxDepth is how deeply arrays and objects may nest before Parse gives up.
const MaxDepth = 1000

// Error is a syntax error at a byte offset in the input.
type Error struct {
	Offset int    // byte offset of the offending character
	Msg    string // what was wrong, in plain words
}

func (e *Error) Error() string { return "offset " + strconv.Itoa(e.Offset) + ": " + e.Msg }

// Position returns the 1-based line and column (counted in characters, not
// bytes) of a byte offset in data.
func Position(data []byte, offset int) (line, column int) {
	if offset > len(data) {
		offset = len(data)
	}
	line, column = 1, 1
	for i := 0; i < offset; {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		if r == '\n' {
			line++
			column = 1
			continue
		}
		column++
	}
	return line, column
}

// Parse decodes one JSON value. A leading UTF-8 byte order mark is skipped.
// Duplicate object keys keep the last value, as encoding/json does.
func Parse(data []byte) (any, error) {
	t, err := ParseTree(data)
	if err != nil {
		return nil, err
	}
	return t.Root().Any(), nil
}

// ParseTree decodes one JSON value into a Tree, as Parse does but without
// a map for every object or a boxed value for every string: the nodes of
// the whole document are one slice.
func ParseTree(data []byte) (*Tree, error) { return parseTree(data, string(data)) }

// ParseTreeShared is ParseTree without the copy of data: the tree's
// strings share data's bytes, so the caller must not change data while
// it or any string read from it is in use. It is for a caller that reads
// a document, keeps nothing of it and drops the tree, such as mou.Check
// on a valid MOU (whose findings are written afresh); Tree.Own gives the
// tree its own copy when the caller finds it must keep strings after all.
//
// Its nodes come from a pool: Release gives them back when the caller is
// done with the tree, so that checking one document after another does
// not allocate and clear a slice of nodes for each.
func ParseTreeShared(data []byte) (*Tree, error) {
	var nodes []node
	if p, _ := nodePool.Get().(*[]node); p != nil {
		nodes = (*p)[:0]
	}
	return parseTreeInto(data, unsafe.String(unsafe.SliceData(data), len(data)), nodes)
}

// nodePool holds the node slices of released trees, up to maxPooled
// nodes each, so that the pool never keeps a very large document's.
var nodePool sync.Pool

const maxPooled = 1 << 16

// Release ends the use of a tree from ParseTreeShared: its nodes go back
// to the pool, and the tree reads as empty. Strings read from it stay
// good (they are the text's, not the nodes'). The tree's Values must not
// be used after.
func (t *Tree) Release() {
	if t == nil {
		return
	}
	if nodes := t.nodes[:0]; cap(nodes) > 0 && cap(nodes) <= maxPooled {
		nodePool.Put(&nodes)
	}
	t.nodes = nil
}

// Own gives a tree from ParseTreeShared its own copy of the text, so that
// its strings no longer share the caller's bytes.
func (t *Tree) Own() { t.text = strings.Clone(t.text) }

func parseTree(data []byte, text string) (*Tree, error) { return parseTreeInto(data, text, nil) }

// parseTreeInto parses into nodes, a slice to reuse, when it has room
// enough for about every node.
func parseTreeInto(data []byte, text string, nodes []node) (*Tree, error) {
	p := parser{data: data, text: text, nodes: nodes}
	if want := len(data)/16 + 4; cap(p.nodes) < want { // about one node for every 24 bytes of indented JSON, and room
		p.nodes = make([]node, 0, want)
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos = 3
	}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.fail("the document is empty; expected a JSON value such as {}")
	}
	if err := p.value(0, span{}); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.fail("unexpected " + p.describe() + " after the end of the JSON value")
	}
	p.tree.nodes, p.tree.text = p.nodes, p.text
	return &p.tree, nil
}

type parser struct {
	data  []byte
	text  string // data as a string, converted once: strings and numbers are slices of it
	pos   int
	buf   []byte // scratch space for strings with escapes
	nodes []node
	tree  Tree // what is parsed: its extra strings, and dup
}

func (p *parser) fail(msg string) error { return &Error{Offset: p.pos, Msg: msg} }

// describe names the character at the current position for an error message.
func (p *parser) describe() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	c := p.data[p.pos]
	switch {
	case c == '\'':
		return `"'" (JSON strings use double quotes)`
	case c < 0x20:
		return "control character " + strconv.QuoteRune(rune(c))
	case c < utf8.RuneSelf:
		return "'" + string(c) + "'"
	}
	r, size := utf8.DecodeRune(p.data[p.pos:])
	if r == utf8.RuneError && size == 1 {
		return "byte 0x" + strconv.FormatUint(uint64(c), 16) + " (not UTF-8)"
	}
	return "'" + string(r) + "'"
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value reads a value into a node, the member key's when key is not "".
func (p *parser) value(depth int, key span) error {
	if p.pos >= len(p.data) {
		return p.fail("unexpected end of input; expected a value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth+1, key)
	case c == '[':
		return p.array(depth+1, key)
	case c == '"':
		s, err := p.span()
		p.leaf(KindString, key, s)
		return err
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(key)
	case c == 't':
		p.leaf(KindTrue, key, span{})
		return p.literal("true")
	case c == 'f':
		p.leaf(KindFalse, key, span{})
		return p.literal("false")
	case c == 'n':
		p.leaf(KindNull, key, span{})
		return p.literal("null")
	default:
		return p.fail("unexpected " + p.describe() + "; expected a value (an object, array, string, number, true, false or null)")
	}
}

func (p *parser) leaf(k Kind, key, text span) {
	p.nodes = append(p.nodes, node{kind: k, key: key, text: text, end: int32(len(p.nodes) + 1)})
}

// open starts a container's node; close ends it after its children.
func (p *parser) open(k Kind, key span) int {
	p.nodes = append(p.nodes, node{kind: k, key: key})
	return len(p.nodes) - 1
}

func (p *parser) close(at, children int) {
	p.nodes[at].end = int32(len(p.nodes))
	p.nodes[at].n = int32(children)
}

func (p *parser) literal(word string) error {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return nil
	}
	return p.fail("unexpected " + p.describe() + "; did you mean " + word + "?")
}

func (p *parser) object(depth int, key span) error {
	if depth > MaxDepth {
		return p.fail("nested too deeply")
	}
	p.pos++ // '{'
	at := p.open(KindObject, key)
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.close(at, 0)
		return nil
	}
	n := 0
	for {
		if p.pos >= len(p.data) {
			return p.fail("unexpected end of input inside an object; expected a member name or '}'")
		}
		if p.data[p.pos] != '"' {
			return p.fail("unexpected " + p.describe() + "; expected a member name in double quotes")
		}
		name, err := p.span()
		if err != nil {
			return err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return p.fail("unexpected " + p.describe() + "; expected ':' after the member name")
		}
		p.pos++
		p.skipSpace()
		if err := p.value(depth, name); err != nil {
			return err
		}
		n++
		p.skipSpace()
		if p.pos >= len(p.data) {
			return p.fail("unexpected end of input inside an object; expected ',' or '}'")
		}
		switch p.data[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.skipSpace()
			if p.pos < len(p.data) && p.data[p.pos] == '}' {
				return &Error{Offset: comma, Msg: "a trailing ',' before '}'; remove the trailing comma"}
			}
		case '}':
			p.pos++
			p.close(at, n)
			if !p.tree.dup && n > 1 {
				p.tree.nodes, p.tree.text = p.nodes, p.text
				p.tree.dup = hasDuplicate(&p.tree, at)
			}
			return nil
		default:
			return p.fail("unexpected " + p.describe() + "; expected ',' or '}' after an object member")
		}
	}
}

func (p *parser) array(depth int, key span) error {
	if depth > MaxDepth {
		return p.fail("nested too deeply")
	}
	p.pos++ // '['
	at := p.open(KindArray, key)
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.close(at, 0)
		return nil
	}
	n := 0
	for {
		if err := p.value(depth, span{}); err != nil {
			return err
		}
		n++
		p.skipSpace()
		if p.pos >= len(p.data) {
			return p.fail("unexpected end of input inside an array; expected ',' or ']'")
		}
		switch p.data[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.skipSpace()
			if p.pos < len(p.data) && p.data[p.pos] == ']' {
				return &Error{Offset: comma, Msg: "a trailing ',' before ']'; remove the trailing comma"}
			}
		case ']':
			p.pos++
			p.close(at, n)
			return nil
		default:
			return p.fail("unexpected " + p.describe() + "; expected ',' or ']' after an array element")
		}
	}
}

func (p *parser) number(key span) error {
	start := p.pos
	end, want := ScanNumber(p.data, start)
	p.pos = end
	if want != "" {
		return p.fail("unexpected " + p.describe() + " in a number; " + want)
	}
	p.leaf(KindNumber, key, span{int32(start), int32(end - start)})
	return nil
}

// ScanNumber reads a number by the JSON grammar starting at d[i] and
// returns where it ends. If it is not a number, end is where it goes wrong
// and want says what was expected there, such as "expected a digit after
// the decimal point".
func ScanNumber(d []byte, i int) (end int, want string) {
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digits(d, i)
	default:
		return i, "expected a digit"
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return i, "expected a digit after the decimal point"
		}
		i = digits(d, i)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return i, "expected a digit in the exponent"
		}
		i = digits(d, i)
	}
	return i, ""
}

func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

// span decodes a string starting at the opening quote, as a span of the
// text when it reads as written (it has no escape: an escape always reads
// shorter than it is written), else as one of the tree's extra strings.
func (p *parser) span() (span, error) {
	start := p.pos + 1
	s, err := p.string()
	if err != nil {
		return span{}, err
	}
	if len(s) == p.pos-1-start {
		return span{int32(start), int32(len(s))}, nil
	}
	return p.tree.keep(s), nil
}

// string decodes a string starting at the opening quote.
func (p *parser) string() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	d := p.data
	// Fast path: no escapes, ASCII or valid UTF-8 (checked only when a
	// byte is not ASCII).
	var high byte
	for i := start; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			s := p.text[start:i]
			if high >= 0x80 && !utf8.ValidString(s) {
				break
			}
			p.pos = i + 1
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		high |= c
	}
	return p.slowString(start)
}

func (p *parser) slowString(start int) (string, error) {
	d := p.data
	b := p.buf[:0]
	i := start
	for {
		if i >= len(d) {
			p.pos = start - 1
			return "", p.fail("a string is not closed; add the closing '\"'")
		}
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			p.buf = b
			return string(b), nil
		case c < 0x20:
			p.pos = i
			return "", p.fail("unexpected " + p.describe() + " in a string; write it as an escape such as \\n")
		case c == '\\':
			if i+1 >= len(d) {
				p.pos = i
				return "", p.fail("a string is not closed; add the closing '\"'")
			}
			switch e := d[i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
				i += 2
			case 'b':
				b = append(b, '\b')
				i += 2
			case 'f':
				b = append(b, '\f')
				i += 2
			case 'n':
				b = append(b, '\n')
				i += 2
			case 'r':
				b = append(b, '\r')
				i += 2
			case 't':
				b = append(b, '\t')
				i += 2
			case 'u':
				r, ok := hex4(d, i+2)
				if !ok {
					p.pos = i
					return "", p.fail(`a \u escape needs four hexadecimal digits`)
				}
				if utf16.IsSurrogate(r) {
					r2, ok2 := rune(0), false
					if i+7 < len(d) && d[i+6] == '\\' && d[i+7] == 'u' {
						r2, ok2 = hex4(d, i+8)
					}
					dec := utf16.DecodeRune(r, r2)
					if !ok2 || dec == utf8.RuneError {
						p.pos = i
						return "", p.fail(msgSurrogate(d[i : i+6]))
					}
					r = dec
					i += 6
				}
				i += 6
				b = utf8.AppendRune(b, r)
			default:
				p.pos = i
				return "", p.fail("unknown escape " + strconv.Quote(string(d[i:i+2])) + " in a string")
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				p.pos = i
				return "", p.fail(msgInvalidUTF8)
			}
			b = append(b, d[i:i+size]...)
			i += size
		}
	}
}

// msgInvalidUTF8 is the message for bytes in a string that are not UTF-8.
const msgInvalidUTF8 = "the text here is not valid UTF-8: save the file as UTF-8 (Unicode) and try again"

// msgSurrogate words a \u escape of half a UTF-16 surrogate pair whose
// other half is missing, such as \ud83d on its own.
func msgSurrogate(escape []byte) string {
	return string(escape) + " is half of a pair of escapes that stand for one character together, and the other half is missing: " +
		"write both halves, such as \\ud83d\\ude00, or the character itself"
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
