package schemas

// The oracle: violations as github.com/santhosh-tekuri/jsonschema/v6
// reports them. It is linked into the tests only; the package's own
// engine (fastpath.go, report.go) is the validator of record in every
// build, and the tests require the two to agree on every document of the
// conformance corpus and on whatever the fuzzers find.

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var (
	oracleOnce sync.Once
	oracleErr  error
	compiled   map[string]*jsonschema.Schema
)

// requireOracle compiles every schema with jsonschema/v6, once, and fails
// the test if one does not compile (jsonschema/v6 checks each against the
// 2020-12 metaschema).
func requireOracle(t testing.TB) {
	t.Helper()
	if err := Precompile(); err != nil {
		t.Fatal(err)
	}
	oracleOnce.Do(func() { oracleErr = compileOracle() })
	if oracleErr != nil {
		t.Fatal(oracleErr)
	}
}

// compileOracle compiles every schema with jsonschema/v6, together: they
// refer to each other.
func compileOracle() error {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	for _, s := range all {
		// AddResource takes the decoded document; give it its own copy so
		// that the tree we read messages from is never shared.
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(mustMarshal(s.flat)))
		if err == nil {
			err = c.AddResource(s.ID, doc)
		}
		if err != nil {
			return fmt.Errorf("schemas: adding %s: %w", s.Name, err)
		}
	}
	compiled = make(map[string]*jsonschema.Schema, len(all))
	for _, s := range all {
		sch, err := c.Compile(s.ID)
		if err != nil {
			return fmt.Errorf("schemas: compiling %s: %w", s.Name, err)
		}
		compiled[s.Name] = sch
	}
	return nil
}

// oracle asks jsonschema/v6. A panic in it is reported as a violation
// of the whole document rather than passed on.
func (s *Schema) oracle(doc any) (vs []Violation) {
	defer func() {
		if r := recover(); r != nil {
			vs = []Violation{{Keyword: "schema", Message: fmt.Sprintf("the document could not be checked (%v); please report this", r)}}
		}
	}()
	err := compiled[s.Name].Validate(doc)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Violation{{Keyword: "schema", Message: err.Error()}}
	}
	return violations(ve, doc)
}

var english = message.NewPrinter(language.English)

// violations flattens a jsonschema error tree into Violations.
func violations(root *jsonschema.ValidationError, doc any) []Violation {
	var out []Violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		switch e.ErrorKind.(type) {
		case *kind.Schema, *kind.Reference, *kind.Group, *kind.AllOf:
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		out = append(out, leaf(e, doc)...)
	}
	walk(root)
	return sortViolations(out)
}

func instancePointer(loc []string) string { return pointer.Join("", loc...) }

// leaf turns one failed keyword into violations.
func leaf(e *jsonschema.ValidationError, doc any) []Violation {
	at := instancePointer(e.InstanceLocation)
	node, _ := schemaNode(e.SchemaURL)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		vs := make([]Violation, 0, len(k.Missing))
		for _, name := range k.Missing {
			vs = append(vs, Violation{
				Path:    pointer.Join(at, name),
				Keyword: "required",
				Message: msgRequired(node, name),
			})
		}
		return vs
	case *kind.AdditionalProperties:
		vs := make([]Violation, 0, len(k.Properties))
		for _, name := range k.Properties {
			vs = append(vs, Violation{Path: pointer.Join(at, name), Keyword: "additionalProperties", Message: msgAdditional(node, name)})
		}
		return vs
	case *kind.PropertyNames:
		// jsonschema/v6 (v6.0.3) keeps an alias of its location slice for
		// this kind, which later siblings overwrite; find the object from
		// the schema's path instead.
		if loc, ok := holder(doc, e.SchemaURL, k.Property); ok {
			at = loc
		}
		return []Violation{{
			Path:    pointer.Join(at, k.Property),
			Keyword: "propertyNames",
			Message: msgPropertyName(k.Property),
		}}
	}
	keyword := "schema"
	if kp := e.ErrorKind.KeywordPath(); len(kp) > 0 {
		keyword = kp[0]
	}
	var got any
	if f, ok := e.ErrorKind.(*kind.Format); ok {
		got = f.Got
	}
	def := describe(e.ErrorKind)
	if consts := oneOfConsts(node); consts != nil {
		if _, ok := e.ErrorKind.(*kind.OneOf); ok {
			def = msgEnum(consts) // a oneOf of consts is an enumeration
		}
	}
	return []Violation{{Path: at, Keyword: keyword, Message: valueMessage(node, keyword, got, def)}}
}

// oneOfConsts returns the values of a schema node's oneOf when every
// branch is a string const, or nil.
func oneOfConsts(node map[string]any) []string {
	branches, _ := node["oneOf"].([]any)
	var out []string
	for _, b := range branches {
		m, _ := b.(map[string]any)
		c, ok := m["const"].(string)
		if !ok {
			return nil
		}
		out = append(out, c)
	}
	return out
}

// describe words a failed keyword for a person, where the schema gives no
// errorMessage of its own.
func describe(k jsonschema.ErrorKind) string {
	switch k := k.(type) {
	case *kind.Type:
		return msgType(k.Want, k.Got)
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return msgEnum(want)
	case *kind.Const:
		return fmt.Sprintf("the only allowed value is %v", k.Want)
	case *kind.Format:
		return msgFormat(k.Want)
	case *kind.MinLength:
		return msgMinLength(k.Want)
	case *kind.MaxLength:
		return msgMaxLength(k.Got, k.Want)
	case *kind.Minimum:
		return msgLimit("minimum", k.Want)
	case *kind.Maximum:
		return msgLimit("maximum", k.Want)
	case *kind.ExclusiveMinimum:
		return msgLimit("exclusiveMinimum", k.Want)
	case *kind.ExclusiveMaximum:
		return msgLimit("exclusiveMaximum", k.Want)
	case *kind.MinItems:
		return msgMinItems(k.Want)
	case *kind.MaxItems:
		return msgMaxItems(k.Got, k.Want)
	case *kind.UniqueItems:
		return msgUnique(k.Duplicates[0], k.Duplicates[1])
	case *kind.Pattern:
		return msgPattern
	case *kind.FalseSchema:
		return "no value is allowed here; remove it"
	case *kind.OneOf, *kind.AnyOf:
		return "this does not match any of the allowed forms"
	}
	return k.LocalizedString(english)
}
