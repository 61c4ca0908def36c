package form

import (
	"strings"
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
	KindChoice  Kind = "choice"  // one of several shapes (oneOf or anyOf)
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
	// anyOf) or made it fall back to JSON text (such as "if"); empty when
	// the schema simply allows any value.
	Keyword string `json:"keyword,omitempty"`
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
