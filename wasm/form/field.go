package form

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/partnerkit/partnerkit/internal/text"
)

// Kind is the sort of value a field holds.
type Kind string

// The kinds of field.
const (
	KindObject  Kind = "object"  // members, shown as a fieldset
	KindArray   Kind = "array"   // a list the user adds to, removes from and reorders
	KindString  Kind = "string"  // text, a date or an e-mail address
	KindNumber  Kind = "number"  // any number
	KindInteger Kind = "integer" // a whole number
	KindBoolean Kind = "boolean" // yes or no
	KindNull    Kind = "null"    // always null
	KindChoice  Kind = "choice"  // one of several shapes (oneOf, anyOf or a union of types)
	KindJSON    Kind = "json"    // anything the form cannot show: edited as JSON text
)

// Widget is the control a field is shown as.
type Widget string

// The widgets.
const (
	WidgetFieldset   Widget = "fieldset"   // an object's members
	WidgetList       Widget = "list"       // an array's items, with add, remove and reorder
	WidgetCheckboxes Widget = "checkboxes" // an array of distinct choices from a list
	WidgetText       Widget = "text"       // a one-line text box
	WidgetTextArea   Widget = "textarea"   // a text box for paragraphs
	WidgetDate       Widget = "date"       // the browser's own date picker
	WidgetEmail      Widget = "email"      // an e-mail address box
	WidgetURL        Widget = "url"        // a web address box
	WidgetDateTime   Widget = "datetime"   // the browser's date and time picker
	WidgetTime       Widget = "time"       // the browser's time picker
	WidgetFile       Widget = "file"       // a file picker: the browser reads the file to a data: URL
	WidgetReference  Widget = "reference"  // one of the ids found elsewhere in the document
	WidgetMap        Widget = "map"        // members the user names: a key-value editor
	WidgetNumber     Widget = "number"     // a number box
	WidgetCheckbox   Widget = "checkbox"   // a single yes-or-no checkbox
	WidgetRadios     Widget = "radios"     // one choice from a few
	WidgetSelect     Widget = "select"     // one choice from many
	WidgetConstant   Widget = "constant"   // a fixed value, shown but not edited
	WidgetChoice     Widget = "choice"     // radios that pick a oneOf or anyOf branch
	WidgetHidden     Widget = "hidden"     // kept in the document but not shown ($schema)
	WidgetJSON       Widget = "json"       // a JSON text area
)

// Field is one field of a form, compiled from a schema. It is a template:
// an array's Items describes every item, and a field is bound to a place
// in a document only when it is rendered. Fields are not changed after
// Compile returns them, and are safe for concurrent use.
type Field struct {
	// Name is the member name in the parent object; empty for the root,
	// array items and choice branches.
	Name        string `json:"name,omitempty"`
	Kind        Kind   `json:"kind"`
	Widget      Widget `json:"widget"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Required is true when the parent object requires this member.
	Required bool `json:"required,omitempty"`
	// Nullable is true when the schema's type also allows null.
	Nullable bool `json:"nullable,omitempty"`
	ReadOnly bool `json:"readOnly,omitempty"`
	// Default is the schema's default value, used when a value is created.
	Default    any  `json:"default,omitempty"`
	HasDefault bool `json:"hasDefault,omitempty"`
	// Format is the string format, such as date or email.
	Format string `json:"format,omitempty"`
	// Options are the values to choose from: enum, const, or a oneOf of
	// consts with titles.
	Options []Option `json:"options,omitempty"`
	// Properties are an object's members, in the schema's order.
	Properties []*Field `json:"properties,omitempty"`
	// Items describes every item of an array.
	Items    *Field `json:"items,omitempty"`
	MinItems int    `json:"minItems,omitempty"`
	MaxItems int    `json:"maxItems,omitempty"` // 0: no limit
	// Choices are the branches of a oneOf or anyOf.
	Choices []*Field `json:"choices,omitempty"`
	// Keyword is the keyword that made the field a choice (oneOf or
	// anyOf, or "type" for a union of types) or made it fall back to JSON
	// text (such as "$ref" for a reference it cannot follow); empty when
	// the schema simply allows any value.
	Keyword string `json:"keyword,omitempty"`

	// Placeholder is the schema's first example, shown in an empty box.
	Placeholder string `json:"placeholder,omitempty"`
	// ErrorMessage is the schema's errorMessage (as ajv-errors reads it):
	// the wording of every problem with the value.
	ErrorMessage string `json:"errorMessage,omitempty"`
	// Checks are the validation keywords the form checks as the user types.
	Checks *Checks `json:"checks,omitempty"`
	// Prefix describes the first items of a tuple (prefixItems, or
	// draft-07 items as an array); Items then describes the rest, or is
	// nil when there may be no more.
	Prefix []*Field `json:"prefix,omitempty"`
	// Extra describes the members of an object that the user names
	// (additionalProperties as a schema); Patterns those whose names
	// match a pattern (patternProperties).
	Extra    *Field     `json:"extra,omitempty"`
	Patterns []*Pattern `json:"patterns,omitempty"`
	// Names checks the names of an object's members (propertyNames).
	Names *Field `json:"names,omitempty"`
	// Conditionals are an object's if/then/else and dependentSchemas;
	// When says which of them a member shows under.
	Conditionals []*Conditional `json:"conditionals,omitempty"`
	When         []Condition    `json:"when,omitempty"`
	// Source, on a reference picker, says where in the document its
	// choices are.
	Source *Source `json:"source,omitempty"`
	// Ref is set where a $ref recurses: the field is the one compiled for
	// Ref, expanded only when the document has a value there.
	Ref    string `json:"ref,omitempty"`
	target *Field
	lazy   *lazyField
	// conditional is true when a member under the field shows under a
	// condition: only such fields are walked after each edit.
	conditional bool
	// Not is the schema the value must not match (not).
	Not *Field `json:"not,omitempty"`
	// Contains is what some of an array's items must match (contains,
	// minContains and maxContains).
	Contains *Contains `json:"contains,omitempty"`
	// All are schemas the value must match as well, not shown but
	// checked: what allOf's branches say that could not be merged into
	// one field, such as a second pattern or a second contains. Each is
	// checked only against a value of the type its keywords are about.
	All []*Field `json:"all,omitempty"`
	// origins, on a choice whose branches include another choice's
	// (flattened into one list), say which branch of the schema's own
	// oneOf or anyOf each came from; nil when there is no such branch.
	origins []origin
	// exact is true on a oneOf whose branches Problems checks in full:
	// it reports a value that matches more than one, or none.
	exact bool
	// Unsupported lists the keywords of the schema here that the form
	// neither shows nor checks; the field says so on the page.
	Unsupported []string `json:"unsupported,omitempty"`
	// box, on a field shown as a JSON text box (KindJSON), is what
	// Problems checks its value against: the field compiled as the kind
	// its schema gives (an object with no members to show, a list that
	// must stay empty), or, with All, each of two choices it has at
	// once. loose is true when that kind is inferred from the keywords,
	// not given by type: the box is then checked only on a value of it.
	box   *Field
	loose bool
	// untyped is true when the field's kind is inferred from its
	// keywords (minLength: text), not given by type. The form shows and
	// checks it as that kind, but when it tells whether a value matches
	// (for not, contains, if, propertyNames and a choice's other
	// branches), a value of another kind matches, as JSON Schema says.
	untyped bool
}

// Contains is an array's contains: at least Min (minContains, 1 unless
// the schema says otherwise) and at most Max (maxContains, when the
// schema has one) of its items must match Field.
type Contains struct {
	Field *Field `json:"field"`
	Min   int    `json:"min"`
	Max   *int   `json:"max,omitempty"`
}

// origin is where a flattened branch of a choice came from: the index of
// the schema's own branch, and whether that branch was a oneOf, which
// exactly one of its own must match.
type origin struct {
	branch int
	one    bool
}

// Pattern is a patternProperties entry: members whose names match
// Pattern are shown as Field.
type Pattern struct {
	Pattern string `json:"pattern"`
	Field   *Field `json:"field"`
	re      *regexp.Regexp
}

// Conditional is an if with its then and else, or a dependentSchemas
// entry (If then requires the member that triggers it). Then and Else
// may be nil.
type Conditional struct {
	If   *Field `json:"if"`
	Then *Field `json:"then,omitempty"`
	Else *Field `json:"else,omitempty"`
}

// Condition is one test a member shows under: it shows when the parent
// object's Conditionals[Rule].If holds (Holds) or does not (!Holds). A
// member under several shows when any of them is met.
type Condition struct {
	Rule  int  `json:"rule"`
	Holds bool `json:"holds"`
}

// Source says where a reference picker's choices are: the values at
// From, a JSON Pointer with * for every item or member (such as
// /partnership/partners/*/id), each labelled with the member Label of
// the object that holds it (such as name), or with itself.
type Source struct {
	From  string `json:"from"`
	Label string `json:"label,omitempty"`
}

// Checks are the validation keywords of a field, checked by Form.Problems.
type Checks struct {
	MinLength        *int     `json:"minLength,omitempty"`
	MaxLength        *int     `json:"maxLength,omitempty"`
	Pattern          string   `json:"pattern,omitempty"`
	Minimum          *float64 `json:"minimum,omitempty"`
	Maximum          *float64 `json:"maximum,omitempty"`
	ExclusiveMinimum *float64 `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum *float64 `json:"exclusiveMaximum,omitempty"`
	MultipleOf       *float64 `json:"multipleOf,omitempty"`
	UniqueItems      bool     `json:"uniqueItems,omitempty"`
	MinProperties    *int     `json:"minProperties,omitempty"`
	MaxProperties    *int     `json:"maxProperties,omitempty"`
	// Required are the members an object must have.
	Required []string `json:"required,omitempty"`
	// DependentRequired: when the member Name is there, so must Required be.
	DependentRequired []Dependent `json:"dependentRequired,omitempty"`
	// Closed: no member but those the schema names (additionalProperties
	// false).
	Closed bool `json:"closed,omitempty"`
	// Enum: the value must be one of the field's Options.
	Enum bool `json:"enum,omitempty"`
	// Forbidden are the members that must not be there (a property
	// whose schema is false).
	Forbidden []string `json:"forbidden,omitempty"`
	re        *regexp.Regexp
}

// Dependent is one dependentRequired entry.
type Dependent struct {
	Name     string   `json:"name"`
	Required []string `json:"required"`
}

// lazyField is the expansion of a recursive $ref, made once.
type lazyField struct {
	once sync.Once
	full *Field
}

// expand returns the field a recursive $ref stands for, with the
// member's own name and requiredness; any other field is returned as it
// is.
func (f *Field) expand() *Field {
	if f == nil || f.target == nil {
		return f
	}
	f.lazy.once.Do(func() {
		full := *f.target
		full.Name, full.Required, full.When = f.Name, f.Required, f.When
		if f.Title != "" {
			full.Title = f.Title
		}
		if f.Description != "" {
			full.Description = f.Description
		}
		full.lazy = nil
		f.lazy.full = &full
	})
	return f.lazy.full
}

// Option is a value a field offers.
type Option struct {
	Value any    `json:"value"`
	Label string `json:"label"`
}

// Property returns the member with the given name, or nil.
func (f *Field) Property(name string) *Field {
	for _, p := range f.Properties {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// member returns the field for an object's member: a property, or a
// member the user names (patternProperties, then additionalProperties).
func (f *Field) member(name string) *Field {
	if p := f.allowed(name); p != nil {
		return p
	}
	if len(f.Patterns) > 0 {
		// A name no pattern allows yet, such as a new member's empty
		// name: edited as the first pattern's members are, while the
		// checks say what is wrong with the name.
		return f.Patterns[0].Field
	}
	return nil
}

// allowed returns the field for a member the schema allows by name: a
// property, a name matching a pattern, or any name by
// additionalProperties.
func (f *Field) allowed(name string) *Field {
	if p := f.Property(name); p != nil {
		return p
	}
	for _, p := range f.Patterns {
		if p.re != nil && p.re.MatchString(name) {
			return p.Field
		}
	}
	return f.Extra
}

// governing returns the fields that an object's member's value must
// match, as JSON Schema says: its property and every pattern its name
// matches, or else additionalProperties; nil when none does.
func (f *Field) governing(name string) []*Field {
	var out []*Field
	if p := f.Property(name); p != nil {
		out = append(out, p)
	}
	for _, p := range f.Patterns {
		if p.re != nil && p.re.MatchString(name) {
			out = append(out, p.Field)
		}
	}
	if len(out) == 0 && f.Extra != nil {
		out = append(out, f.Extra)
	}
	return out
}

// named reports whether the object lets the user name members.
func (f *Field) named() bool { return f.Extra != nil || len(f.Patterns) > 0 }

// item returns the field for item i of an array: its prefixItems entry,
// or Items.
func (f *Field) item(i int) *Field {
	if i >= 0 && i < len(f.Prefix) {
		return f.Prefix[i]
	}
	return f.Items
}

// Label is what the field is called on screen: its title, or its member
// name written as words.
func (f *Field) Label() string {
	if f.Title != "" {
		return f.Title
	}
	if f.Name != "" {
		return words(f.Name)
	}
	return ""
}

// words writes a member name or enum value as words: "meetingFrequency"
// and "meeting-frequency" become "Meeting frequency", and a word with no
// vowel, such as "cpd", is taken for an abbreviation: "CPD".
func words(s string) string {
	var b strings.Builder
	var prev rune
	for i, r := range s {
		switch {
		case r == '-' || r == '_' || r == ' ':
			r = ' '
		case i > 0 && unicode.IsUpper(r) && unicode.IsLower(prev):
			b.WriteByte(' ')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
		prev = r
	}
	parts := strings.Fields(b.String())
	for i, p := range parts {
		if len(p) > 1 && !strings.ContainsAny(strings.ToLower(p), "aeiouy") && isLetters(p) {
			parts[i] = strings.ToUpper(p)
		}
	}
	return text.Capital(strings.Join(parts, " "))
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// article returns "an" or "a" for the word that follows.
func article(word string) string {
	if word == "" {
		return "a"
	}
	switch strings.ToLower(word[:1]) {
	case "a", "e", "i", "o":
		return "an"
	case "u":
		if strings.HasPrefix(word, "U") && len(word) > 1 && unicode.IsUpper(rune(word[1])) {
			return "a" // a URN
		}
		return "an"
	}
	return "a"
}
