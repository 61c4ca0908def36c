package schemas

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

//go:embed *.json
var files embed.FS

// BaseURL is where the schemas are published; every schema's $id is
// BaseURL + name + ".json".
const BaseURL = "https://partnerkit.github.io/schemas/v1/"

// The names of the schemas, in the order Names lists them.
const (
	Partnership = "partnership"
	MOU         = "mou"
	Framework   = "framework"
	Assessment  = "assessment"
	Indicators  = "indicators"
	Effect      = "effect"
	// ScoreRequest is the envelope of a score request: a framework and a
	// list of assessments.
	ScoreRequest = "score-request"
	Defs         = "defs"
	Listing      = "listing"
)

var names = []string{Partnership, MOU, Framework, Assessment, Indicators, Effect, ScoreRequest, Defs, Listing}

// Schema is one of partnerkit's JSON Schemas. Schemas are compiled on first
// use, once, and are safe for concurrent use.
type Schema struct {
	Name        string // short name, such as "mou"
	ID          string // the $id, BaseURL + Name + ".json"
	Title       string // the schema's title
	Description string // the schema's description

	raw  []byte
	tree map[string]any // raw, decoded: for titles and $ref resolution
	flat map[string]any // tree with every $ref expanded: what is compiled
	fast *fastNode      // the fast path for valid documents, or nil
}

var (
	loadOnce sync.Once
	all      map[string]*Schema
	byID     map[string]*Schema

	compileOnce sync.Once
	compileErr  error
)

func load() {
	all = make(map[string]*Schema, len(names))
	byID = make(map[string]*Schema, len(names))
	for _, name := range names {
		raw, err := files.ReadFile(name + ".json")
		if err != nil {
			panic("schemas: embedded " + name + ".json is missing") // a build defect, caught by tests
		}
		v, err := jsontree.Parse(raw)
		if err != nil {
			panic("schemas: embedded " + name + ".json is not JSON: " + err.Error())
		}
		tree := jsontree.Object(v)
		s := &Schema{
			Name:        name,
			ID:          jsontree.String(tree, "$id"),
			Title:       jsontree.String(tree, "title"),
			Description: jsontree.String(tree, "description"),
			raw:         raw,
			tree:        tree,
		}
		all[name] = s
		byID[s.ID] = s
	}
}

// compile prepares every schema, once: the inlined trees and the engine
// compiled from them (fastpath.go, report.go). A schema using a keyword
// the engine does not know is a build defect, which the tests catch.
func compile() {
	loadOnce.Do(load)
	for _, name := range names {
		s := all[name]
		s.flat = inlined(s.tree, s.ID)
		s.fast = compileFast(s.flat)
		if s.fast == nil && compileErr == nil {
			compileErr = fmt.Errorf("schemas: %s uses a keyword partnerkit's engine does not know", s.Name)
		}
	}
}

// Names lists the schemas' names: the documents first, then the shared
// definitions.
func Names() []string { return slices.Clone(names) }

// All returns every schema, in the order of Names.
func All() []*Schema {
	loadOnce.Do(load)
	out := make([]*Schema, len(names))
	for i, n := range names {
		out[i] = all[n]
	}
	return out
}

// UnknownError reports a schema name that does not exist.
type UnknownError struct {
	Name string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("schemas: no schema is called %q (the schemas are %s)", e.Name, strings.Join(names, ", "))
}

// Lookup returns the schema with the given name, such as "mou". A name may
// also be given as a file name ("mou.json") or as the schema's $id.
func Lookup(name string) (*Schema, error) {
	loadOnce.Do(load)
	if s, ok := all[strings.TrimSuffix(name, ".json")]; ok {
		return s, nil
	}
	if s, ok := byID[name]; ok {
		return s, nil
	}
	return nil, &UnknownError{Name: name}
}

// MustLookup is like Lookup but panics if the schema does not exist. It
// simplifies the initialisation of package-level variables.
func MustLookup(name string) *Schema {
	s, err := Lookup(name)
	if err != nil {
		panic(err)
	}
	return s
}

// Bytes returns the schema's JSON text, exactly as published. The slice is
// a copy: changing it changes nothing here.
func (s *Schema) Bytes() []byte { return slices.Clone(s.raw) }

// Validate checks a decoded document against the schema and returns every
// violation, ordered by path, or nil when the document is valid.
//
// The document must be decoded as Decode does, or as encoding/json does
// into any (objects as map[string]any, arrays as []any).
func (s *Schema) Validate(doc any) []Violation {
	compileOnce.Do(compile)
	if compileErr != nil {
		// The embedded schemas are tested; this is a build defect.
		return []Violation{{Keyword: "schema", Message: compileErr.Error()}}
	}
	if s.fast.valid(doc) {
		return nil // the common case, confirmed without building anything
	}
	if vs := outlandish(doc); vs != nil {
		return vs
	}
	return s.report(doc)
}

// Precompile compiles every schema now rather than on first use, and
// reports a defect in the embedded schemas. Servers may call it at start-up
// so that the first request does not pay for compilation.
func Precompile() error {
	compileOnce.Do(compile)
	return compileErr
}

func mustMarshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("schemas: " + err.Error())
	}
	return string(b)
}
