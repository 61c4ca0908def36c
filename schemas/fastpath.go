package schemas

import (
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// A fast path for the common case, a valid document.
//
// The engine's evaluator, compiled from the (inlined) schemas for just the
// keywords they use. valid answers only "certainly valid" or "not sure":
// whenever it meets a value it cannot judge exactly (an unusual number, a
// quoted e-mail local part), it says "not sure" and the reporter
// (report.go), which judges every value exactly, decides. So a document is
// confirmed valid in one walk that allocates nothing, and every violation
// comes from the reporter. FuzzFastPath holds both to jsonschema/v6, the
// tests' oracle.

type fastType uint8

const (
	tObject fastType = 1 << iota
	tArray
	tString
	tNumber
	tInteger
	tBoolean
	tNull
)

var fastTypeNames = map[string]fastType{
	"object": tObject, "array": tArray, "string": tString, "number": tNumber,
	"integer": tInteger, "boolean": tBoolean, "null": tNull,
}

type fastNode struct {
	schema       map[string]any // the inlined schema node, for messages
	types        fastType       // 0: any type
	enum         []string       // string enums only, or the consts of a oneOf (oneOf)
	oneOf        bool           // enum came from a oneOf of string consts (constBranch)
	required     []string
	props        map[string]*fastNode
	noAdditional bool
	additional   *fastNode
	propNames    *fastNode
	items        *fastNode
	minItems     int
	maxItems     int // -1: no limit
	unique       bool
	minLen       int
	maxLen       int // -1: no limit
	pattern      *regexp.Regexp
	simple       simplePattern // pattern, when it is simple (isSimple)
	isSimple     bool
	isEmail      bool // pattern is emailPattern (matchEmailPattern)
	format       string
	// isRequired is a member of the parent object's required list, and
	// countRequired says that every required member has a node in props
	// (each listed once), so that object counts the required members it
	// meets rather than looking each one up.
	isRequired    bool
	countRequired bool
	minimum       *float64
	maximum       *float64
	exclMin       *float64
	exclMax       *float64
}

// ignored keywords carry no assertion.
var ignored = map[string]bool{
	"$schema": true, "$id": true, "$comment": true, "title": true, "description": true,
	"default": true, "examples": true, "errorMessage": true,
}

// compileFast compiles an inlined schema node, or returns nil when it uses
// a keyword the engine does not know (Precompile reports it).
func compileFast(s map[string]any) *fastNode {
	n := &fastNode{schema: s, maxItems: -1, maxLen: -1}
	for k, v := range s {
		ok := true
		switch k {
		case "type":
			switch t := v.(type) {
			case string:
				n.types, ok = fastTypeNames[t]
			case []any:
				for _, e := range t {
					name, _ := e.(string)
					bit, known := fastTypeNames[name]
					ok = ok && known
					n.types |= bit
				}
			default:
				ok = false
			}
		case "enum":
			for _, e := range v.([]any) {
				str, isStr := e.(string)
				ok = ok && isStr
				n.enum = append(n.enum, str)
			}
			ok = ok && !n.oneOf
		case "oneOf":
			// A oneOf of string consts is an enumeration with a title for
			// each value (Labels): checked as enum is, reported as oneOf.
			branches, isList := v.([]any)
			ok = isList && len(branches) > 0 && n.enum == nil
			for _, b := range branches {
				c, isConst := constBranch(b)
				ok = ok && isConst
				n.enum = append(n.enum, c)
			}
			n.oneOf = true
		case "required":
			for _, e := range v.([]any) {
				n.required = append(n.required, e.(string))
			}
		case "properties":
			n.props = map[string]*fastNode{}
			for name, sub := range v.(map[string]any) {
				c := compileFast(sub.(map[string]any))
				ok = ok && c != nil
				n.props[name] = c
			}
		case "additionalProperties":
			switch a := v.(type) {
			case bool:
				n.noAdditional = !a
			case map[string]any:
				n.additional = compileFast(a)
				ok = n.additional != nil
			}
		case "propertyNames":
			n.propNames = compileFast(v.(map[string]any))
			ok = n.propNames != nil
		case "items":
			sub, isObj := v.(map[string]any)
			ok = isObj
			if ok {
				n.items = compileFast(sub)
				ok = n.items != nil
			}
		case "minItems":
			n.minItems, ok = whole(v)
		case "maxItems":
			n.maxItems, ok = whole(v)
		case "uniqueItems":
			n.unique, ok = v.(bool)
		case "minLength":
			n.minLen, ok = whole(v)
		case "maxLength":
			n.maxLen, ok = whole(v)
		case "pattern":
			re, err := regexp.Compile(v.(string))
			n.pattern, ok = re, err == nil
			n.simple, n.isSimple = compileSimple(v.(string))
			n.isEmail = v.(string) == emailPattern
		case "format":
			n.format = v.(string)
			ok = n.format == "date" || n.format == "email" || n.format == "uuid"
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
			f, isNum := jsontree.Number(v)
			ok = isNum
			switch k {
			case "minimum":
				n.minimum = &f
			case "maximum":
				n.maximum = &f
			case "exclusiveMinimum":
				n.exclMin = &f
			case "exclusiveMaximum":
				n.exclMax = &f
			}
		default:
			ok = ignored[k]
		}
		if !ok {
			return nil
		}
	}
	n.countRequired = true
	for i, r := range n.required {
		p := n.props[r]
		if p == nil || slices.Contains(n.required[:i], r) {
			n.countRequired = false
			break
		}
		p.isRequired = true
	}
	return n
}

// constBranch reads a branch of a oneOf that is a string const with only
// annotations beside it, such as {"const": "case-study", "title": "Case
// studies"}.
func constBranch(b any) (string, bool) {
	m, ok := b.(map[string]any)
	if !ok {
		return "", false
	}
	c, ok := m["const"].(string)
	for k := range m {
		ok = ok && (k == "const" || k == "title" || k == "description" || k == "$comment")
	}
	return c, ok
}

func whole(v any) (int, bool) {
	f, ok := jsontree.Number(v)
	return int(f), ok && f == math.Trunc(f) && f >= 0
}

// valid reports whether v is certainly valid against n.
func (n *fastNode) valid(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		return n.is(tObject) && n.object(x)
	case []any:
		return n.is(tArray) && n.array(x)
	case string:
		return n.is(tString) && n.string(x)
	case json.Number:
		return n.number(string(x))
	case float64:
		return n.number(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		return n.is(tBoolean) && n.enum == nil
	case nil:
		return n.is(tNull) && n.enum == nil
	}
	return false
}

func (n *fastNode) is(t fastType) bool { return n.types == 0 || n.types&t != 0 }

func (n *fastNode) object(m map[string]any) bool {
	if n.enum != nil {
		return false
	}
	if !n.countRequired {
		for _, r := range n.required {
			if _, ok := m[r]; !ok {
				return false
			}
		}
	}
	required := 0
	for k, v := range m {
		if n.propNames != nil && !n.propNames.valid(k) {
			return false
		}
		if p, ok := n.props[k]; ok {
			if !p.valid(v) {
				return false
			}
			if p.isRequired {
				required++
			}
			continue
		}
		if n.noAdditional || (n.additional != nil && !n.additional.valid(v)) {
			return false
		}
	}
	return !n.countRequired || required == len(n.required)
}

func (n *fastNode) array(a []any) bool {
	if n.enum != nil || len(a) < n.minItems || (n.maxItems >= 0 && len(a) > n.maxItems) {
		return false
	}
	if n.items != nil {
		for _, e := range a {
			if !n.items.valid(e) {
				return false
			}
		}
	}
	if n.unique {
		// Strings only: anything else is left to the reporter.
		seen := make(map[string]struct{}, len(a))
		for _, e := range a {
			s, ok := e.(string)
			if !ok {
				return false
			}
			if _, dup := seen[s]; dup {
				return false
			}
			seen[s] = struct{}{}
		}
	}
	return true
}

func (n *fastNode) string(s string) bool {
	if n.enum != nil {
		found := false
		for _, e := range n.enum {
			found = found || e == s
		}
		if !found {
			return false
		}
	}
	// A string has at most as many characters as bytes and at least a
	// quarter as many: count them only when that does not settle it.
	if (n.minLen > 0 || n.maxLen >= 0) && !(n.minLen <= len(s)/4 && (n.maxLen < 0 || len(s) <= n.maxLen)) {
		l := utf8.RuneCountInString(s)
		if l < n.minLen || (n.maxLen >= 0 && l > n.maxLen) {
			return false
		}
	}
	if n.pattern != nil && !n.matches(s) {
		return false
	}
	switch n.format {
	case "date":
		return isDate(s)
	case "email":
		return isPlainEmail(s)
	case "uuid":
		return isUUID(s)
	}
	return true
}

// matches reports whether s matches the node's pattern.
func (n *fastNode) matches(s string) bool {
	if n.isSimple {
		return n.simple.match(s)
	}
	if n.isEmail {
		return matchEmailPattern(s)
	}
	return n.pattern.MatchString(s)
}

// number judges a number written as text. Only plain integers and
// decimals of at most MaxDigits characters are judged; anything with an
// exponent is left to the reporter, as is a value that rounds to a limit
// exactly. So the work is linear in the length of the text.
func (n *fastNode) number(text string) bool {
	if n.enum != nil || len(text) > MaxDigits || strings.ContainsAny(text, "eE") {
		return false
	}
	integer := !strings.Contains(text, ".")
	switch {
	case n.types == 0 || n.types&tNumber != 0:
	case n.types&tInteger != 0 && integer:
	default:
		return false
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) {
		return false
	}
	if n.minimum != nil && compare(text, f, *n.minimum) < 0 {
		return false
	}
	if n.maximum != nil && compare(text, f, *n.maximum) > 0 {
		return false
	}
	if n.exclMin != nil && compare(text, f, *n.exclMin) <= 0 {
		return false
	}
	if n.exclMax != nil && compare(text, f, *n.exclMax) >= 0 {
		return false
	}
	return true
}

// compare compares the number written as text, whose float64 value is f,
// with a limit. Rounding to float64 is monotonic and the limits are exact
// in float64, so when f differs from the limit the number does too; when f
// equals it, the text is compared exactly.
func compare(text string, f, limit float64) int {
	switch {
	case f < limit:
		return -1
	case f > limit:
		return 1
	}
	exact, ok := new(big.Rat).SetString(text)
	if !ok {
		return -2 // not sure: callers treat it as out of range
	}
	return exact.Cmp(new(big.Rat).SetFloat64(limit))
}

// isDate matches what time.Parse("2006-01-02", s) accepts, as jsonschema/v6 checks it.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	year, _ := strconv.Atoi(s[:4])
	month, _ := strconv.Atoi(s[5:7])
	day, _ := strconv.Atoi(s[8:])
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return day <= days
}

// isPlainEmail accepts an unquoted local part at a hostname, by the rules
// jsonschema/v6 applies to them; quoted local parts and address literals
// are left to the reporter.
func isPlainEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if len(s) > 254 || at < 1 || at > 64 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(".!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			return false
		}
	}
	domain = strings.TrimSuffix(domain, ".")
	if len(domain) > 253 {
		return false
	}
	for _, label := range strings.Split(domain, ".") {
		if len(label) < 1 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// isUUID matches jsonschema/v6's uuid format: hex groups of 8-4-4-4-12.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
