package schemas

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
)

// Violation is one way a document breaks a schema.
type Violation struct {
	// Path is a JSON Pointer to the offending value, or to where a missing
	// member belongs: "/partnership/partners/2/urn".
	Path string `json:"path"`
	// Keyword is the JSON Schema keyword that failed, such as "required",
	// "type", "pattern" or "format".
	Keyword string `json:"keyword"`
	// Message says what is wrong and how to put it right, in plain words.
	Message string `json:"message"`
}

// String shows the violation as a person reads it:
// "partnership.partners[2].urn: a URN is six digits, like 100001".
func (v Violation) String() string { return pointer.Dotted(v.Path) + ": " + v.Message }

// Sentence returns the message as a sentence, for showing on its own: a
// capital letter and a full stop. "a URN is six digits, like 100001"
// becomes "A URN is six digits, like 100001."
func (v Violation) Sentence() string { return text.Sentence(v.Message) }

// dayFirstDate recognises dates written day first, as in Britain
// (16/07/2027), and says how to write them.
func dayFirstDate(s string) string {
	m, ok := dayFirstParts(s)
	if !ok {
		return ""
	}
	day, _ := strconv.Atoi(m[0])
	month, _ := strconv.Atoi(m[1])
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return "write the date as YYYY-MM-DD, like 2027-07-16"
	}
	return fmt.Sprintf("%s looks like a day-month-year date: write it as %s-%02d-%02d (YYYY-MM-DD)", strings.TrimSpace(s), m[2], month, day)
}

// dayFirstParts matches s against ^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$
// (\s being RE2's [\t\n\f\r ]) and returns the day, month and year. It is
// written out rather than a regexp compiled when the package starts, which
// in WebAssembly would compile the regexp engine before the first paint;
// TestDayFirstPartsAgreesWithRegexp holds the two to agree.
func dayFirstParts(s string) (m [3]string, ok bool) {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	i, j := 0, len(s)
	for i < j && space(s[i]) {
		i++
	}
	for j > i && space(s[j-1]) {
		j--
	}
	s = s[i:j]
	for k, most := range [3]int{2, 2, 4} {
		n := 0
		for n < len(s) && n < most && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n == 0 || (k == 2 && n != 4) {
			return m, false
		}
		m[k], s = s[:n], s[n:]
		if k < 2 {
			if s == "" || (s[0] != '/' && s[0] != '.' && s[0] != '-') {
				return m, false
			}
			s = s[1:]
		}
	}
	return m, s == ""
}

// The messages for failed keywords, where the schema gives no errorMessage
// of its own. The reporter (report.go) and the tests' oracle
// (oracle_test.go) word their violations with these, so that they say the
// same.

func msgType(want []string, got string) string {
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = typeName(w)
	}
	return "expected " + text.OrList(names) + ", found " + typeName(got)
}

func msgEnum(want []string) string { return "choose one of " + text.OrList(want) }

func msgFormat(format string) string {
	switch format {
	case "date":
		return "write the date as YYYY-MM-DD, like 2027-07-16"
	case "email":
		return "an e-mail address looks like name@school.example"
	case "uuid":
		return "an id is a UUID, like 0f8d6a52-3c1e-4d7b-9b0e-5a2f4c8e1d93"
	}
	return fmt.Sprintf("this is not a valid %s", format)
}

func msgMinLength(want int) string {
	if want == 1 {
		return "this must not be empty"
	}
	return fmt.Sprintf("write at least %d characters", want)
}

func msgMaxLength(got, want int) string {
	return fmt.Sprintf("this has %d characters; shorten it to %d or fewer", got, want)
}

func msgLimit(keyword string, limit *big.Rat) string {
	switch keyword {
	case "minimum":
		return "the value must be at least " + ratString(limit)
	case "maximum":
		return "the value must be at most " + ratString(limit)
	case "exclusiveMinimum":
		return "the value must be above " + ratString(limit)
	}
	return "the value must be below " + ratString(limit)
}

func msgMinItems(want int) string {
	return fmt.Sprintf("add at least %d %s", want, text.Plural(want, "item", "items"))
}

func msgMaxItems(got, want int) string {
	return fmt.Sprintf("this list has %d items; keep it to %d or fewer", got, want)
}

func msgUnique(i, j int) string {
	return fmt.Sprintf("items %d and %d are the same: give each once", i+1, j+1)
}

const msgPattern = "this is not in the expected form"

func msgRequired(node map[string]any, name string) string {
	return propertyTitle(node, name) + " is required"
}

func msgAdditional(node map[string]any, name string) string {
	if guess := closest(name, propertyNames(node)); guess != "" {
		return fmt.Sprintf("%q is not a field here: did you mean %q?", name, guess)
	}
	return fmt.Sprintf("%q is not a field here; remove it", name)
}

func msgPropertyName(name string) string {
	return fmt.Sprintf("%q is not a valid id: use letters, digits and hyphens, with no spaces", name)
}

// valueMessage words a failed keyword on a value: the schema node's
// errorMessage if it has one, else the default. A date written day first
// is shown rewritten whatever the node says.
func valueMessage(node map[string]any, keyword string, got any, def string) string {
	if keyword == "format" && jsontree.String(node, "format") == "date" {
		if s, ok := got.(string); ok {
			if m := dayFirstDate(s); m != "" {
				return m
			}
		}
	}
	if msg, ok := node["errorMessage"].(string); ok {
		return msg
	}
	return def
}

// sortViolations orders violations by path, then keyword, and drops repeats.
func sortViolations(out []Violation) []Violation {
	slices.SortStableFunc(out, func(a, b Violation) int {
		if c := pointer.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Keyword, b.Keyword)
	})
	return slices.Compact(out)
}

func typeName(t string) string {
	switch t {
	case "string":
		return "text"
	case "number":
		return "a number"
	case "integer":
		return "a whole number"
	case "boolean":
		return "true or false"
	case "object":
		return "an object ({…})"
	case "array":
		return "a list ([…])"
	case "null":
		return "null"
	}
	return t
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// schemaNode finds the node of a compiled schema that a violation's URL,
// such as https://…/mou.json#/properties/term, names.
func schemaNode(url string) (map[string]any, string) {
	loadOnce.Do(load)
	base, frag, _ := strings.Cut(url, "#")
	s, ok := byID[base]
	if !ok || s.flat == nil {
		return nil, base
	}
	return at(s.flat, frag), base
}

// resolve follows a node's $ref in the published schemas, if it has one.
func resolve(node map[string]any, base string) (map[string]any, string) {
	ref := jsontree.String(node, "$ref")
	if ref == "" {
		return node, base
	}
	file, frag, _ := strings.Cut(ref, "#")
	if file == "" {
		file = base
	} else if !strings.Contains(file, "://") {
		file = base[:strings.LastIndex(base, "/")+1] + file
	}
	loadOnce.Do(load)
	s, ok := byID[file]
	if !ok {
		return nil, file
	}
	return at(s.tree, frag), file
}

// at follows a JSON Pointer into a tree.
func at(tree map[string]any, ptr string) map[string]any {
	var v any = tree
	for _, t := range pointer.Tokens(ptr) {
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return jsontree.Object(v)
}

// propertyTitle is the title of an object schema's property, or its name.
func propertyTitle(node map[string]any, name string) string {
	prop := jsontree.Object(jsontree.Object(node["properties"])[name])
	if t := jsontree.String(prop, "title"); t != "" {
		return t
	}
	return strconv.Quote(name)
}

func propertyNames(node map[string]any) []string {
	props := jsontree.Object(node["properties"])
	out := make([]string, 0, len(props))
	for name := range props {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// closest returns the candidate nearest to name by edit distance, if it is
// close enough to be a likely typo.
func closest(name string, candidates []string) string {
	best, bestDist := "", len(name)/3+1
	lname := strings.ToLower(name)
	n := utf8.RuneCountInString(lname)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		// The distance is at least the difference in length: a candidate
		// that cannot come close enough is skipped, so that a long name
		// costs no more than a short one.
		if diff := n - utf8.RuneCountInString(lc); diff != 0 && (diff >= bestDist || -diff >= bestDist) {
			continue
		}
		if d := distance(lname, lc); d < bestDist || d == 0 {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two strings, by rune.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// holder finds the object that a propertyNames keyword at schemaURL applied
// to and that has the member name, and returns its JSON Pointer. It follows
// the schema path through the document: "properties/NAME" to that member,
// "items" and "additionalProperties" to every element or member.
func holder(doc any, schemaURL, name string) (string, bool) {
	_, frag, _ := strings.Cut(schemaURL, "#")
	tokens := pointer.Tokens(frag)
	if n := len(tokens); n > 0 && tokens[n-1] == "propertyNames" {
		tokens = tokens[:n-1]
	}
	var find func(v any, tokens []string, at string) (string, bool)
	find = func(v any, tokens []string, at string) (string, bool) {
		if len(tokens) == 0 {
			m, ok := v.(map[string]any)
			if !ok {
				return "", false
			}
			if _, has := m[name]; !has {
				return "", false
			}
			return at, true
		}
		switch tokens[0] {
		case "properties":
			if len(tokens) < 2 {
				return "", false
			}
			m, _ := v.(map[string]any)
			child, ok := m[tokens[1]]
			if !ok {
				return "", false
			}
			return find(child, tokens[2:], pointer.Join(at, tokens[1]))
		case "items":
			a, _ := v.([]any)
			for i, e := range a {
				if loc, ok := find(e, tokens[1:], pointer.Index(at, i)); ok {
					return loc, true
				}
			}
		case "additionalProperties":
			m, _ := v.(map[string]any)
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				if loc, ok := find(m[k], tokens[1:], pointer.Join(at, k)); ok {
					return loc, true
				}
			}
		}
		return "", false
	}
	return find(doc, tokens, "")
}
