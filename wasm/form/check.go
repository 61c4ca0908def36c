package form

import (
	"encoding/json"
	"math"
	"math/big"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
)

// CodeSchema is the code of the problems Problems finds: the document
// breaks its schema, as schemas.CodeSchema says of partnerkit's own.
const CodeSchema = "schema"

// maxProblems bounds how many problems one check reports.
const maxProblems = 500

// Problems checks the document against the schema's validation keywords
// (type, enum, const, required, minLength, maxLength, pattern, format,
// minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf,
// minItems, maxItems, uniqueItems, minProperties, maxProperties,
// additionalProperties false, patternProperties' names, dependentRequired,
// if/then/else, dependentSchemas, not, contains, minContains and
// maxContains, and what allOf's branches give that is kept beside a
// field in Field.All) and returns what is wrong, each with the JSON Pointer of
// its value (or of the missing member), for a schema that has no checker
// of its own. Members hidden by a condition are not checked: they are not
// in the document. A oneOf or anyOf is checked against the branch the
// form shows, which says what is wrong with the value; when that branch
// fits, a oneOf's value must fit no other.
func (f *Form) Problems() []finding.Finding {
	c := checker{f: f}
	c.check(f.root, f.doc, "", true, 0)
	return c.out
}

type checker struct {
	f    *Form
	out  []finding.Finding
	fail bool            // for valid: stop at the first problem
	seen map[string]bool // the problems found, by path and message
	// work bounds this checker's steps, when it is one that tells
	// whether a value matches a schema for not, contains or a oneOf;
	// nil: no bound. spare is the bound of the checkers it starts so.
	work, spare *int
}

// maxMatchWork bounds the steps one Problems spends telling whether
// values match schemas for not, contains and oneOf: a value that fits
// every branch of choices nested in choices would otherwise take time
// exponential in its depth. Past it, those keywords are not reported.
const maxMatchWork = 200000

// matches reports whether v matches fd, and whether that is known: it
// is not once the work is used up.
func (c *checker) matches(fd *Field, v any, depth int) (match, known bool) {
	w := c.work
	if w == nil {
		if c.spare == nil {
			n := maxMatchWork
			c.spare = &n
		}
		w = c.spare
	}
	sub := checker{fail: true, work: w}
	sub.check(fd, v, "", true, depth)
	return len(sub.out) == 0, *w > 0
}

// valid reports whether v meets fd's checks: for an if.
func valid(fd *Field, v any) bool {
	c := checker{fail: true}
	c.check(fd, v, "", true, 0)
	return len(c.out) == 0
}

func (c *checker) add(fd *Field, ptr, msg string) {
	if len(c.out) >= maxProblems {
		return
	}
	if fd != nil && fd.ErrorMessage != "" {
		msg = sentence(fd.ErrorMessage)
	}
	key := ptr + "\x00" + msg
	if c.seen[key] {
		return
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	c.seen[key] = true
	c.out = append(c.out, finding.Finding{Code: CodeSchema, Severity: finding.Error, Path: ptr, Message: msg})
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = strings.ToUpper(string(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

func (c *checker) done() bool { return len(c.out) >= maxProblems || c.fail && len(c.out) > 0 }

// check checks v, which is there when present is true.
func (c *checker) check(fd *Field, v any, ptr string, present bool, depth int) {
	if fd == nil || depth > maxDepth || c.done() || !present {
		return
	}
	if c.work != nil {
		if *c.work <= 0 {
			return
		}
		*c.work--
	}
	fd = fd.expand()
	if fd.box != nil && (!fd.loose || about(fd.box, v)) {
		fd = fd.box // a JSON text box: its value is checked as its schema says
	}
	if fd.Kind == KindChoice && len(fd.Choices) > 0 {
		var picked map[string]int
		if c.f != nil {
			picked = c.f.choices
		}
		shown := fd.branch(v, ptr, picked)
		if v == nil && fd.Nullable {
			return
		}
		before := len(c.out)
		c.check(fd.Choices[shown], v, ptr, true, depth+1)
		switch {
		case len(c.out) > before:
			if c.othersFit(fd, v, shown, depth) {
				c.forget(before) // v is valid as the schema says, in another branch
			}
		case fd.exact:
			c.exactlyOne(fd, v, ptr, depth)
		}
		return
	}
	if fd.Kind == KindJSON && fd.Keyword == "false" {
		c.add(fd, ptr, "Nothing is allowed here: take this out.")
		return
	}
	if fd.Not != nil {
		if match, known := c.matches(fd.Not, v, depth+1); match && known {
			c.add(fd, ptr, notMessage(fd.Not))
		}
	}
	if a, ok := v.([]any); ok && fd.Contains != nil {
		c.contains(fd, a, ptr, depth)
	}
	for _, a := range fd.All {
		if about(a, v) {
			c.check(a, v, ptr, true, depth+1)
		}
	}
	if c.fail && fd.untyped && !about(fd, v) {
		return // its keywords are about values of another kind: they hold
	}
	if v == nil {
		if fd.Nullable || fd.Kind == KindJSON && (fd.Checks == nil || !fd.Checks.Enum) {
			return
		}
	}
	if !c.typeOK(fd, v, ptr) {
		return
	}
	ch := fd.Checks
	if ch != nil && ch.Enum && fd.Source == nil {
		ok := false
		for _, o := range fd.Options {
			if equal(o.Value, v) {
				ok = true
				break
			}
		}
		if !ok {
			if len(fd.Options) == 1 {
				c.add(fd, ptr, "This must be "+fd.Options[0].Label+".")
			} else {
				c.add(fd, ptr, "Choose one of the options.")
			}
			return
		}
	}
	switch x := v.(type) {
	case string:
		c.text(fd, x, ptr)
	case json.Number:
		c.number(fd, x, ptr)
	case map[string]any:
		c.object(fd, x, ptr, depth)
	case []any:
		c.array(fd, x, ptr, depth)
	}
}

// typeOK checks that v is of the field's kind.
func (c *checker) typeOK(fd *Field, v any, ptr string) bool {
	want := ""
	switch fd.Kind {
	case KindString:
		if _, ok := v.(string); !ok {
			want = "Write this as text."
		}
	case KindNumber:
		if _, ok := v.(json.Number); !ok {
			want = "Enter a number, like 12 or 3.5."
		}
	case KindInteger:
		n, ok := v.(json.Number)
		if !ok || !integral(n) {
			want = "Enter a whole number, like 12."
		}
	case KindBoolean:
		if _, ok := v.(bool); !ok {
			want = "This is yes or no (true or false)."
		}
	case KindObject:
		if _, ok := v.(map[string]any); !ok {
			want = "This should be a group of members (a JSON object)."
		}
	case KindArray:
		if _, ok := v.([]any); !ok {
			want = "This should be a list (a JSON array)."
		}
	case KindNull:
		if v != nil {
			want = "This must be empty (null)."
		}
	}
	if want != "" {
		c.add(fd, ptr, want)
		return false
	}
	return true
}

func integral(n json.Number) bool {
	r, ok := new(big.Rat).SetString(string(n))
	return ok && r.IsInt()
}

func (c *checker) text(fd *Field, s string, ptr string) {
	ch := fd.Checks
	n := utf8.RuneCountInString(s)
	if ch != nil {
		if ch.MinLength != nil && n < *ch.MinLength {
			if *ch.MinLength == 1 {
				c.add(fd, ptr, "Fill this in.")
			} else {
				c.add(fd, ptr, "Write at least "+strconv.Itoa(*ch.MinLength)+" characters.")
			}
			return
		}
		if ch.MaxLength != nil && n > *ch.MaxLength {
			c.add(fd, ptr, "Write "+strconv.Itoa(*ch.MaxLength)+" characters or fewer: this has "+strconv.Itoa(n)+".")
			return
		}
		if ch.re != nil && !ch.re.MatchString(s) {
			msg := "This is not in the form asked for"
			if fd.Placeholder != "" {
				msg += ", such as " + fd.Placeholder
			}
			c.add(fd, ptr, msg+".")
			return
		}
	}
	// An empty text box takes its member out of the document; "" is
	// there only in a list's item or a loaded document, and is checked
	// as the validator checks it.
	if msg := formatProblem(fd.Format, s); msg != "" {
		c.add(fd, ptr, msg)
	}
}

// formatProblem checks the formats the form has controls for.
func formatProblem(format, s string) string {
	switch format {
	case "date":
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return "Enter a date, like 2027-07-16."
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return "Enter a date and time, like 2027-07-16T09:30:00Z."
		}
	case "time":
		if !isTime(s) {
			return "Enter a time, like 09:30:00Z."
		}
	case "email", "idn-email":
		at := strings.LastIndexByte(s, '@')
		if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t\n") {
			return "Enter an e-mail address, like name@example.org."
		}
	case "uri", "iri":
		u, err := url.Parse(s)
		if err != nil || !u.IsAbs() {
			return "Enter a full web address, like https://example.org/page."
		}
	case "data-url":
		if !strings.HasPrefix(s, "data:") || !strings.Contains(s, ",") {
			return "Choose a file."
		}
	case "uuid":
		if !isUUID(s) {
			return "Enter a UUID, like 0f8d6a52-3c1e-4d7b-9b0e-5a2f4c8e1d93."
		}
	}
	return ""
}

// checkedFormats are the formats Problems checks.
var checkedFormats = map[string]bool{
	"date": true, "date-time": true, "time": true, "email": true, "idn-email": true,
	"uri": true, "iri": true, "data-url": true, "uuid": true,
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		default:
			return false
		}
	}
	return true
}

// isTime reads an RFC 3339 full-time: 09:30:00, with seconds' fraction
// and an offset (Z or +01:00).
func isTime(s string) bool {
	_, err := time.Parse("2006-01-02T"+"15:04:05Z07:00", "2000-01-01T"+s)
	return err == nil
}

func (c *checker) number(fd *Field, n json.Number, ptr string) {
	ch := fd.Checks
	if ch == nil {
		return
	}
	x, err := n.Float64()
	if err != nil {
		return
	}
	word := "a number"
	if fd.Kind == KindInteger {
		word = "a whole number"
	}
	switch {
	case ch.Minimum != nil && x < *ch.Minimum:
		c.add(fd, ptr, "Enter "+word+" of "+figure(*ch.Minimum)+" or more.")
	case ch.Maximum != nil && x > *ch.Maximum:
		c.add(fd, ptr, "Enter "+word+" of "+figure(*ch.Maximum)+" or less.")
	case ch.ExclusiveMinimum != nil && x <= *ch.ExclusiveMinimum:
		c.add(fd, ptr, "Enter "+word+" more than "+figure(*ch.ExclusiveMinimum)+".")
	case ch.ExclusiveMaximum != nil && x >= *ch.ExclusiveMaximum:
		c.add(fd, ptr, "Enter "+word+" less than "+figure(*ch.ExclusiveMaximum)+".")
	case ch.MultipleOf != nil && !multiple(string(n), *ch.MultipleOf):
		c.add(fd, ptr, "Enter a multiple of "+figure(*ch.MultipleOf)+".")
	}
}

func figure(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// multiple reports whether the number text is a multiple of m, exactly.
func multiple(text string, m float64) bool {
	r, ok := new(big.Rat).SetString(text)
	if !ok || math.IsInf(m, 0) || math.IsNaN(m) {
		return true
	}
	d := new(big.Rat)
	if d.SetFloat64(m) == nil || d.Sign() == 0 {
		return true
	}
	if ms, ok := new(big.Rat).SetString(figure(m)); ok {
		d = ms // 0.1 as written, not as a float64 holds it
	}
	return new(big.Rat).Quo(r, d).IsInt()
}

func (c *checker) object(fd *Field, m map[string]any, ptr string, depth int) {
	if fd.Kind != KindObject {
		return
	}
	ch := fd.Checks
	hidden := func(p *Field) bool { return len(p.When) > 0 && !fd.shows(p, m) }
	if ch != nil {
		for _, r := range ch.Required {
			if _, ok := m[r]; !ok {
				if p := fd.Property(r); p == nil || !hidden(p) {
					c.add(nil, pointer.Join(ptr, r), "Fill in "+memberWords(fd, r)+".")
				}
			}
		}
		for _, d := range ch.DependentRequired {
			if _, ok := m[d.Name]; !ok {
				continue
			}
			for _, r := range d.Required {
				if _, ok := m[r]; !ok {
					c.add(nil, pointer.Join(ptr, r), "Fill in "+memberWords(fd, r)+": it goes with "+memberWords(fd, d.Name)+".")
				}
			}
		}
		if ch.MinProperties != nil && len(m) < *ch.MinProperties {
			c.add(fd, ptr, "Fill in at least "+strconv.Itoa(*ch.MinProperties)+" of these.")
		}
		if ch.MaxProperties != nil && len(m) > *ch.MaxProperties {
			c.add(fd, ptr, "Fill in no more than "+strconv.Itoa(*ch.MaxProperties)+" of these.")
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if c.done() {
			return
		}
		mp := pointer.Join(ptr, k)
		if fd.Names != nil {
			names := checker{fail: true}
			names.check(fd.Names, k, mp, true, depth+1)
			if len(names.out) > 0 {
				c.add(nil, mp, "“"+k+"” cannot be a name here ("+strings.TrimSuffix(text.LowerFirst(names.out[0].Message), ".")+").")
			}
		}
		if ch != nil && slices.Contains(ch.Forbidden, k) {
			c.add(nil, mp, "“"+k+"” is not one of the members here: take it out.")
			continue
		}
		ps := fd.governing(k)
		if len(ps) == 0 {
			if ch != nil && ch.Closed {
				if fd.named() {
					c.add(nil, mp, "The name “"+k+"” is not one this list allows.")
				} else {
					c.add(nil, mp, "“"+k+"” is not one of the members here: take it out.")
				}
			}
			continue
		}
		for _, p := range ps {
			c.check(p, m[k], mp, true, depth+1)
		}
	}
	for _, rule := range fd.Conditionals {
		if c.done() {
			return
		}
		branch := rule.Else
		if valid(rule.If, m) {
			branch = rule.Then
		}
		if branch != nil {
			// Only the branch's own keywords: its members' values are
			// checked above, as the fields the form shows.
			c.branch(fd, branch.expand(), m, ptr, depth)
		}
	}
}

// branch checks what a then or else requires of the object: its
// required members, said in the object's words, then the rest of its
// keywords (its members' values again, as it says them, and what it
// says of the whole object, such as maxProperties, not or false).
func (c *checker) branch(fd, b *Field, m map[string]any, ptr string, depth int) {
	if b.Kind != KindObject && b.Kind != KindJSON { // a then that only requires is JSON-kind
		return
	}
	if b.Kind == KindJSON && b.Keyword == "false" {
		c.add(b, ptr, "These answers cannot go together: change one of them.")
		return
	}
	for _, r := range b.Checks.requiredOrNil() {
		if _, ok := m[r]; !ok {
			c.add(nil, pointer.Join(ptr, r), "Fill in "+memberWords(fd, r)+".")
		}
	}
	c.check(withoutRequired(b), m, ptr, true, depth+1)
}

// withoutRequired returns a copy of the field (and of its JSON text
// box's checks) that does not require members.
func withoutRequired(f *Field) *Field {
	out := *f
	if f.Checks != nil && len(f.Checks.Required) > 0 {
		ch := *f.Checks
		ch.Required = nil
		out.Checks = &ch
	}
	if f.box != nil {
		out.box = withoutRequired(f.box)
	}
	return &out
}

func memberWords(fd *Field, name string) string {
	if p := fd.Property(name); p != nil && p.Label() != "" {
		return text.LowerFirst(p.Label())
	}
	return text.LowerFirst(words(name))
}

func (c *checker) array(fd *Field, a []any, ptr string, depth int) {
	if fd.Kind != KindArray {
		return
	}
	if fd.MinItems > 0 && len(a) < fd.MinItems {
		c.add(fd, ptr, "Add at least "+plural(fd.MinItems, "item", "items")+".")
	}
	if fd.MaxItems > 0 && len(a) > fd.MaxItems {
		c.add(fd, ptr, "Take some out: this list holds at most "+plural(fd.MaxItems, "item", "items")+".")
	}
	if fd.Checks != nil && fd.Checks.UniqueItems {
		for i := 1; i < len(a) && i < maxFields; i++ {
			for j := 0; j < i; j++ {
				if equal(a[i], a[j]) {
					c.add(fd, pointer.Index(ptr, i), "This is the same as item "+strconv.Itoa(j+1)+": each must be different.")
					break
				}
			}
		}
	}
	for i, e := range a {
		if c.done() {
			return
		}
		item := fd.item(i)
		if item == nil {
			continue
		}
		c.check(item, e, pointer.Index(ptr, i), true, depth+1)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// shows reports whether the member p of the object fd shows, for the
// object's value m: one of the conditions it is under is met, as a
// member that two conditions each ask for (in two allOf branches, say)
// is wanted when either holds.
func (fd *Field) shows(p *Field, m map[string]any) bool {
	known := false
	for _, w := range p.When {
		if w.Rule < 0 || w.Rule >= len(fd.Conditionals) {
			continue
		}
		known = true
		if valid(fd.Conditionals[w.Rule].If, m) == w.Holds {
			return true
		}
	}
	return !known
}

// forget takes back the problems found since the first n.
func (c *checker) forget(n int) {
	for _, p := range c.out[n:] {
		delete(c.seen, p.Path+"\x00"+p.Message)
	}
	c.out = c.out[:n]
}

// othersFit reports whether v, which the shown branch of the choice fd
// rejects, is valid all the same: an anyOf's other branch fits it, or
// exactly one of a oneOf's does.
func (c *checker) othersFit(fd *Field, v any, shown, depth int) bool {
	if fd.exact {
		fit, known := c.fitting(fd, v, depth)
		return known && len(fit) == 1
	}
	for i, b := range fd.Choices {
		if i == shown {
			continue
		}
		if match, known := c.matches(b, v, depth+1); match && known {
			return true
		}
	}
	return false
}

// exactlyOne checks a oneOf whose shown branch fits v: no other branch
// may fit it too. When the shown branch fits as the form shows it but
// not on its own, so that none fits, it says so.
func (c *checker) exactlyOne(fd *Field, v any, ptr string, depth int) {
	fit, known := c.fitting(fd, v, depth)
	switch {
	case !known:
	case len(fit) > 1:
		c.add(fd, ptr, "This matches more than one of the choices ("+text.AndList(fit)+"): change it so that it fits only one.")
	case len(fit) == 0:
		c.add(fd, ptr, "This matches none of the choices: choose one and fill it in as it asks.")
	}
}

// fitting returns the titles of the schema's own branches of the
// choice fd that v fits, and whether that is known. A branch that came
// from a oneOf within the oneOf fits when exactly one of its own does.
func (c *checker) fitting(fd *Field, v any, depth int) (fit []string, known bool) {
	type group struct {
		fits  int
		one   bool
		title string
	}
	var groups []*group
	at := map[int]*group{}
	for i, b := range fd.Choices {
		o := origin{branch: i}
		if fd.origins != nil {
			o = fd.origins[i]
		}
		g := at[o.branch]
		if g == nil {
			g = &group{one: o.one, title: b.Label()}
			at[o.branch] = g
			groups = append(groups, g)
		}
		match, known := c.matches(b, v, depth+1)
		if !known {
			return nil, false
		}
		if match {
			g.fits++
		}
	}
	for _, g := range groups {
		if g.fits == 1 || g.fits > 1 && !g.one {
			fit = append(fit, "“"+g.title+"”")
		}
	}
	return fit, true
}

// notMessage says what not rules out.
func notMessage(n *Field) string {
	if n.Checks != nil && n.Checks.Enum && len(n.Options) > 0 && len(n.Options) <= 5 {
		labels := make([]string, len(n.Options))
		for i, o := range n.Options {
			labels[i] = "“" + o.Label + "”"
		}
		return "This cannot be " + text.OrList(labels) + ": choose something else."
	}
	return "This is not allowed here: change it to something else."
}

// contains checks that enough of the list's items, and not too many,
// match what the list must contain.
func (c *checker) contains(fd *Field, a []any, ptr string, depth int) {
	ct := fd.Contains
	if ct.Min == 0 && ct.Max == nil {
		return
	}
	n := 0
	for _, e := range a {
		match, known := c.matches(ct.Field, e, depth+1)
		if !known {
			return
		}
		if match {
			n++
		}
		if n >= ct.Min && ct.Max == nil || ct.Max != nil && n > *ct.Max {
			break
		}
	}
	what := containsWords(ct.Field)
	switch {
	case n < ct.Min && ct.Min == 1 && what != "":
		c.add(fd, ptr, "Add "+what+" to the list.")
	case n < ct.Min && what != "":
		c.add(fd, ptr, "The list needs at least "+strconv.Itoa(ct.Min)+" items like "+what+": it has "+strconv.Itoa(n)+".")
	case n < ct.Min:
		c.add(fd, ptr, "The list needs at least "+plural(ct.Min, "item", "items")+" of the kind it asks for: it has "+strconv.Itoa(n)+".")
	case ct.Max != nil && n > *ct.Max && what != "":
		c.add(fd, ptr, "Take some out: the list may hold at most "+plural(*ct.Max, "item", "items")+" like "+what+".")
	case ct.Max != nil && n > *ct.Max:
		c.add(fd, ptr, "Take some out: the list may hold at most "+plural(*ct.Max, "item", "items")+" of that kind.")
	}
}

// containsWords names what a contains asks for: its options, or its
// title; "" when it has neither.
func containsWords(fd *Field) string {
	if fd.Checks != nil && fd.Checks.Enum && len(fd.Options) > 0 && len(fd.Options) <= 5 {
		labels := make([]string, len(fd.Options))
		for i, o := range fd.Options {
			labels[i] = "“" + o.Label + "”"
		}
		return text.OrList(labels)
	}
	if fd.Title != "" {
		return "“" + fd.Title + "”"
	}
	return ""
}

// checkable reports whether Problems checks every keyword of fd and of
// what is inside it, so that whether a value matches fd is known, not
// guessed: what not, contains and a oneOf's exactly one need.
func checkable(fd *Field) bool { return checkableIn(fd, map[*Field]bool{}, 0) }

func checkableIn(fd *Field, seen map[*Field]bool, depth int) bool {
	if fd == nil || seen[fd] {
		return true
	}
	if depth > maxDepth || len(fd.Unsupported) > 0 {
		return false
	}
	seen[fd] = true
	switch {
	case fd.Kind == KindJSON && fd.box != nil:
		return checkableIn(fd.box, seen, depth+1)
	case fd.Kind == KindJSON && fd.Keyword != "" && fd.Keyword != "false":
		return false // a $ref not followed, an array that must stay empty…
	case len(fd.Options) > 0 && fd.Kind != KindNull && (fd.Checks == nil || !fd.Checks.Enum) && fd.Source == nil:
		return false // an enum too long to check
	}
	more := []*Field{fd.Items, fd.Extra, fd.Names, fd.Not, fd.target}
	more = append(more, fd.All...)
	more = append(more, fd.Properties...)
	more = append(more, fd.Prefix...)
	more = append(more, fd.Choices...)
	for _, p := range fd.Patterns {
		more = append(more, p.Field)
	}
	for _, r := range fd.Conditionals {
		more = append(more, r.If, r.Then, r.Else)
	}
	if fd.Contains != nil {
		more = append(more, fd.Contains.Field)
	}
	for _, m := range more {
		if !checkableIn(m, seen, depth+1) {
			return false
		}
	}
	return true
}

// about reports whether v is of the type fd's keywords are about: a
// pattern is about text, and says nothing of a number.
func about(fd *Field, v any) bool {
	ok := true
	switch fd.Kind {
	case KindString:
		_, ok = v.(string)
	case KindNumber, KindInteger:
		_, ok = v.(json.Number)
	case KindObject:
		_, ok = v.(map[string]any)
	case KindArray:
		_, ok = v.([]any)
	case KindBoolean:
		_, ok = v.(bool)
	}
	return ok
}

func (ch *Checks) requiredOrNil() []string {
	if ch == nil {
		return nil
	}
	return ch.Required
}
