package schemas

import (
	"encoding/json"
	"math"
	"math/big"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// The reporter of violations: the validator of record, in every build
// (the CLI, the server, the browser form and the edge worker link the same
// code).
//
// It runs over the schemas the fast path compiles (fastpath.go) and
// follows jsonschema/v6's rules for the keywords our schemas use (type,
// enum and format stop at the first failure; objects report missing
// members, the members' own violations, unknown members and bad member
// names), so that github.com/santhosh-tekuri/jsonschema/v6, linked into the
// tests only, can be the oracle it is held to: TestOwnMatchesJSONSchema
// requires the two to report identical violations for every document of
// the conformance corpus, and FuzzFastPath for whatever the fuzzer finds.
//
// The walk builds no JSON Pointer until it finds a violation: where it is
// is kept as a stack of member keys and indexes (walker), so a document
// with a few violations costs little more than a valid one.

// walker holds a report's violations and where the walk is: the member
// keys and array indexes from the document down to the current value, so
// that a JSON Pointer is built only when a violation needs one.
type walker struct {
	path []step
	out  []Violation
}

// step is a member key, or an array index (index >= 0).
type step struct {
	key   string
	index int
}

func (w *walker) push(key string, index int) { w.path = append(w.path, step{key, index}) }
func (w *walker) pop()                       { w.path = w.path[:len(w.path)-1] }

// pointer builds the JSON Pointer of the current value, with one more
// member key when member is not empty.
func (w *walker) pointer(member string, withMember bool) string {
	if len(w.path) == 0 && !withMember {
		return ""
	}
	b := make([]byte, 0, 64)
	for _, st := range w.path {
		b = append(b, '/')
		if st.index >= 0 {
			b = strconv.AppendInt(b, int64(st.index), 10)
		} else {
			b = appendEscaped(b, st.key)
		}
	}
	if withMember {
		b = appendEscaped(append(b, '/'), member)
	}
	return string(b)
}

// appendEscaped appends a reference token escaped as RFC 6901 says
// (pointer.Escape).
func appendEscaped(b []byte, token string) []byte {
	for i := 0; i < len(token); i++ {
		switch c := token[i]; c {
		case '~':
			b = append(b, "~0"...)
		case '/':
			b = append(b, "~1"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// report reports doc's violations against s with the reporter alone.
func (s *Schema) report(doc any) []Violation {
	if s.fast == nil {
		return []Violation{{Keyword: "schema", Message: "this schema uses a keyword partnerkit cannot check; please report this"}}
	}
	w := walker{path: make([]step, 0, 16)}
	s.fast.report(doc, &w)
	return sortViolations(w.out)
}

// add records a violation of keyword at the current value.
func (n *fastNode) add(w *walker, keyword string, got any, def string) {
	w.out = append(w.out, Violation{Path: w.pointer("", false), Keyword: keyword, Message: valueMessage(n.schema, keyword, got, def)})
}

func (n *fastNode) report(v any, w *walker) {
	t := typeOfValue(v)
	if n.types != 0 {
		matched := n.types&t != 0 || (n.types&tInteger != 0 && t == tNumber && isIntegral(v))
		if !matched {
			n.add(w, "type", nil, msgType(n.typeNames(), typeString(t)))
			return
		}
	}
	if n.enum != nil {
		if s, ok := v.(string); !ok || !slices.Contains(n.enum, s) {
			if !n.oneOf {
				n.add(w, "enum", nil, msgEnum(n.enum))
				return
			}
			// jsonschema/v6 goes on to the other keywords after a oneOf.
			n.add(w, "oneOf", nil, msgEnum(n.enum))
		}
	}
	if n.format != "" {
		if s, ok := v.(string); ok && !formatValid(n.format, s) {
			n.add(w, "format", s, msgFormat(n.format))
			return
		}
	}
	switch x := v.(type) {
	case map[string]any:
		n.reportObject(x, w)
	case []any:
		if len(x) < n.minItems {
			n.add(w, "minItems", nil, msgMinItems(n.minItems))
		}
		if n.maxItems >= 0 && len(x) > n.maxItems {
			n.add(w, "maxItems", nil, msgMaxItems(len(x), n.maxItems))
		}
		if n.unique {
			if i, j := duplicate(x); i >= 0 {
				n.add(w, "uniqueItems", nil, msgUnique(i, j))
			}
		}
		if n.items != nil {
			for i, e := range x {
				w.push("", i)
				n.items.report(e, w)
				w.pop()
			}
		}
	case string:
		if n.minLen > 0 || n.maxLen >= 0 {
			l := utf8.RuneCountInString(x)
			if l < n.minLen {
				n.add(w, "minLength", nil, msgMinLength(n.minLen))
			}
			if n.maxLen >= 0 && l > n.maxLen {
				n.add(w, "maxLength", nil, msgMaxLength(l, n.maxLen))
			}
		}
		if n.pattern != nil && !n.matches(x) {
			n.add(w, "pattern", nil, msgPattern)
		}
	default:
		if t == tNumber {
			n.reportNumber(v, w)
		}
	}
}

func (n *fastNode) reportObject(m map[string]any, w *walker) {
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			w.out = append(w.out, Violation{Path: w.pointer(r, true), Keyword: "required", Message: msgRequired(n.schema, r)})
		}
	}
	for k, v := range m {
		if p, ok := n.props[k]; ok {
			w.push(k, -1)
			p.report(v, w)
			w.pop()
			continue
		}
		if n.noAdditional {
			w.out = append(w.out, Violation{Path: w.pointer(k, true), Keyword: "additionalProperties", Message: msgAdditional(n.schema, k)})
		} else if n.additional != nil {
			w.push(k, -1)
			n.additional.report(v, w)
			w.pop()
		}
	}
	if n.propNames != nil {
		var names walker // a name's own violations, only counted
		for k := range m {
			names.out = names.out[:0]
			n.propNames.report(k, &names)
			if len(names.out) > 0 {
				w.out = append(w.out, Violation{Path: w.pointer(k, true), Keyword: "propertyNames", Message: msgPropertyName(k)})
			}
		}
	}
}

// reportNumber checks a number against the node's limits, exactly. A
// number written without an exponent is compared through its float64
// value (compare), the rest through big.Rat.
func (n *fastNode) reportNumber(v any, w *walker) {
	for _, c := range []struct {
		keyword string
		limit   *float64
		fails   func(cmp int) bool
	}{
		{"minimum", n.minimum, func(c int) bool { return c < 0 }},
		{"maximum", n.maximum, func(c int) bool { return c > 0 }},
		{"exclusiveMinimum", n.exclMin, func(c int) bool { return c <= 0 }},
		{"exclusiveMaximum", n.exclMax, func(c int) bool { return c >= 0 }},
	} {
		if c.limit == nil {
			continue
		}
		if c.fails(compareNumber(v, *c.limit)) {
			n.add(w, c.keyword, nil, msgLimit(c.keyword, new(big.Rat).SetFloat64(*c.limit)))
		}
	}
}

// compareNumber compares a number (as typeOfValue calls one) with a
// limit, exactly.
func compareNumber(v any, limit float64) int {
	switch x := v.(type) {
	case float64:
		switch {
		case x < limit:
			return -1
		case x > limit:
			return 1
		}
		return 0
	case json.Number:
		text := string(x)
		if len(text) <= MaxDigits && !strings.ContainsAny(text, "eE") {
			if f, err := strconv.ParseFloat(text, 64); err == nil {
				if c := compare(text, f, limit); c != -2 {
					return c
				}
			}
		}
	}
	r := jsontree.Exact(v)
	if r == nil {
		return 0
	}
	return r.Cmp(new(big.Rat).SetFloat64(limit))
}

// typeNames lists the node's types in jsonschema/v6's order.
func (n *fastNode) typeNames() []string {
	var out []string
	for _, t := range []fastType{tNull, tBoolean, tNumber, tInteger, tString, tArray, tObject} {
		if n.types&t != 0 {
			out = append(out, typeString(t))
		}
	}
	return out
}

func typeString(t fastType) string {
	for name, bit := range fastTypeNames {
		if bit == t {
			return name
		}
	}
	return ""
}

func typeOfValue(v any) fastType {
	switch x := v.(type) {
	case map[string]any:
		return tObject
	case []any:
		return tArray
	case string:
		return tString
	case bool:
		return tBoolean
	case nil:
		return tNull
	case json.Number:
		return tNumber // Decode and encoding/json write only numbers into one
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return 0
		}
		return tNumber
	}
	if jsontree.Exact(v) != nil {
		return tNumber
	}
	return 0
}

func isIntegral(v any) bool {
	switch x := v.(type) {
	case float64:
		return x == math.Trunc(x) && !math.IsInf(x, 0)
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			return true
		}
	}
	r := jsontree.Exact(v)
	return r != nil && r.IsInt()
}

// duplicate finds the first item equal to an earlier one, as jsonschema/v6
// does: the earlier index, then the later, or -1, -1. A long list is
// searched through a map of the items' canonical forms, so that the work
// grows with the list, not its square.
func duplicate(a []any) (int, int) {
	if len(a) <= 20 {
		for i := 1; i < len(a); i++ {
			for j := 0; j < i; j++ {
				if jsontree.Equal(a[i], a[j]) {
					return j, i
				}
			}
		}
		return -1, -1
	}
	strs := make(map[string]int, len(a)) // strings, the common case, as they are
	first := map[string]int{}            // the rest, in canonical form
	var b []byte
	for i, e := range a {
		if s, ok := e.(string); ok {
			if j, seen := strs[s]; seen {
				return j, i
			}
			strs[s] = i
			continue
		}
		var ok bool
		if b, ok = canonical(b[:0], e); !ok {
			continue // equal to nothing
		}
		if j, seen := first[string(b)]; seen {
			return j, i
		}
		first[string(b)] = i
	}
	return -1, -1
}

// canonical appends a form of v that is the same for exactly the values
// jsontree.Equal calls equal, or reports false for a value equal to nothing.
func canonical(b []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for _, k := range keys {
			b = strconv.AppendQuote(b, k)
			b = append(b, ':')
			var ok bool
			if b, ok = canonical(b, x[k]); !ok {
				return b, false
			}
			b = append(b, ',')
		}
		return append(b, '}'), true
	case []any:
		b = append(b, '[')
		for _, e := range x {
			var ok bool
			if b, ok = canonical(b, e); !ok {
				return b, false
			}
			b = append(b, ',')
		}
		return append(b, ']'), true
	case string:
		return strconv.AppendQuote(b, x), true
	case bool:
		return strconv.AppendBool(b, x), true
	case nil:
		return append(b, "null"...), true
	}
	r := jsontree.Exact(v)
	if r == nil {
		return b, false
	}
	return append(append(b, '#'), r.RatString()...), true
}

// formatValid checks the formats our schemas use, as jsonschema/v6 does.
func formatValid(format, s string) bool {
	switch format {
	case "date":
		return isDate(s)
	case "uuid":
		return isUUID(s)
	case "email":
		return isEmail(s)
	}
	return true
}

// isEmail follows jsonschema/v6's email format: an unquoted local part at
// a hostname (isPlainEmail), a quoted local part, or an address literal.
func isEmail(s string) bool {
	if isPlainEmail(s) {
		return true
	}
	at := strings.LastIndexByte(s, '@')
	if len(s) > 254 || at < 0 || at > 64 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 1 && local[0] == '"' && local[len(local)-1] == '"' {
		if strings.ContainsAny(local[1:len(local)-1], `\"`) {
			return false
		}
	} else if !isPlainEmail(local + "@example.org") {
		return false
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		lit := domain[1 : len(domain)-1]
		if v6, ok := strings.CutPrefix(lit, "IPv6:"); ok {
			a, err := netip.ParseAddr(v6)
			return err == nil && a.Is6() && a.Zone() == ""
		}
		a, err := netip.ParseAddr(lit)
		return err == nil && a.Is4()
	}
	return isPlainEmail("a@" + domain)
}
