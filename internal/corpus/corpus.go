// Package corpus generates documents for checking partnerkit's schemas
// against other validators and for benchmarking: the seed documents, and
// variants of them made by deterministic mutations (wrong types, missing
// and unknown members, extra nesting, bad formats, near-miss enumerations,
// duplicates, numeric edges and Unicode text). Some variants stay valid;
// the validators decide, and the conformance check compares their verdicts.
//
// It is the project's tooling, not part of the public API.
package corpus

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/pointer"
)

// Seed is a valid document to start from.
type Seed struct {
	Name   string // short name, used in file names
	Schema string // the schema it follows, such as "mou"
	Data   []byte
}

// Document is one generated document.
type Document struct {
	File     string `json:"file"`     // file name in the corpus folder
	Schema   string `json:"schema"`   // the schema to validate it against
	Seed     string `json:"seed"`     // the seed it came from
	Mutation string `json:"mutation"` // what was done to the seed ("seed" for none)
	Path     string `json:"path"`     // where, as a JSON Pointer
	Data     []byte `json:"-"`
}

// Options tunes Generate. The zero value generates up to 150 variants of
// each seed with seed 1.
type Options struct {
	PerSeed int    // variants of each seed at most; 0 means 150, -1 every one
	Seed    uint64 // the random seed for sampling; 0 means 1
}

// Generate makes the corpus: every seed as it is, then its variants.
func Generate(seeds []Seed, opts Options) ([]Document, error) {
	if opts.PerSeed == 0 {
		opts.PerSeed = 150
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	var docs []Document
	for _, s := range seeds {
		tree, err := jsontree.Parse(s.Data)
		if err != nil {
			return nil, fmt.Errorf("corpus: seed %s: %w", s.Name, err)
		}
		docs = append(docs, Document{Schema: s.Schema, Seed: s.Name, Mutation: "seed", Data: s.Data})
		var variants []Document
		for _, m := range mutations(tree) {
			out, err := apply(tree, m)
			if err != nil {
				return nil, fmt.Errorf("corpus: seed %s, %s at %s: %w", s.Name, m.kind, m.path, err)
			}
			variants = append(variants, Document{Schema: s.Schema, Seed: s.Name, Mutation: m.kind, Path: m.path, Data: out})
		}
		rng.Shuffle(len(variants), func(i, j int) { variants[i], variants[j] = variants[j], variants[i] })
		if opts.PerSeed > 0 && len(variants) > opts.PerSeed {
			variants = variants[:opts.PerSeed]
		}
		slices.SortStableFunc(variants, func(a, b Document) int { return pointer.Compare(a.Path, b.Path) })
		docs = append(docs, variants...)
	}
	for i := range docs {
		d := &docs[i]
		d.File = fmt.Sprintf("%04d-%s-%s.json", i, d.Seed, d.Mutation)
	}
	return docs, nil
}

// Write writes the documents and a manifest.json listing them to dir.
func Write(dir string, docs []Document) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	for _, d := range docs {
		if err := os.WriteFile(filepath.Join(dir, d.File), d.Data, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	manifest, err := json.MarshalIndent(map[string]any{"documents": docs}, "", "  ")
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644)
}

type mutation struct {
	kind  string
	path  string
	value func(old any) any // the new value; nil deletes
	add   string            // with kind "unknown-member": the member to add
}

var (
	datePattern  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	uuidPattern  = regexp.MustCompile(`^[0-9a-fA-F]{8}-`)
	slugPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	unicodeTexts = []string{
		"Ysgol Gynradd Gymraeg Aberystwyth: ŵ, ŷ, â and ô",
		"数学と科学のパートナーシップ",
		"Partnership 🤝 with 🏫 schools",
		"Zoë’s e\u0301cole — «partenariat»",
		strings.Repeat("🌊", 200),
		strings.Repeat("é", 201),
	}
)

// mutations lists every mutation that applies somewhere in the tree.
func mutations(tree any) []mutation {
	var ms []mutation
	var walk func(v any, at string, inArray bool)
	walk = func(v any, at string, inArray bool) {
		if at != "" {
			ms = append(ms, mutation{kind: "wrong-type", path: at, value: wrongType})
			ms = append(ms, mutation{kind: "nested-array", path: at, value: func(old any) any { return []any{old} }})
			ms = append(ms, mutation{kind: "nested-object", path: at, value: func(old any) any { return map[string]any{"value": old} }})
			if !inArray {
				ms = append(ms, mutation{kind: "missing", path: at})
			}
		}
		switch x := v.(type) {
		case map[string]any:
			ms = append(ms, mutation{kind: "unknown-member", path: at, add: "notes2"})
			ms = append(ms, mutation{kind: "unknown-member", path: at, add: "ĉefa_noto"})
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(x[k], pointer.Join(at, k), false)
			}
		case []any:
			if len(x) > 0 {
				ms = append(ms, mutation{kind: "duplicate", path: at, value: func(old any) any {
					a := old.([]any)
					return append(slices.Clone(a), a[0])
				}})
				ms = append(ms, mutation{kind: "empty-array", path: at, value: func(any) any { return []any{} }})
			}
			for i, e := range x {
				walk(e, pointer.Index(at, i), true)
			}
		case string:
			for _, bad := range badFormats(x) {
				ms = append(ms, mutation{kind: "bad-format", path: at, value: constant(bad)})
			}
			if slugPattern.MatchString(x) {
				ms = append(ms, mutation{kind: "near-miss", path: at, value: constant(strings.ToUpper(x[:1]) + x[1:] + " ")})
			}
			for i, u := range unicodeTexts {
				ms = append(ms, mutation{kind: "unicode-" + strconv.Itoa(i), path: at, value: constant(u)})
			}
			ms = append(ms, mutation{kind: "empty-string", path: at, value: constant("")})
		case json.Number:
			for i, n := range []string{"-1", "0", "2.5", "100.5", "1000000000000000", "3.0", "-0.000001"} {
				ms = append(ms, mutation{kind: "number-" + strconv.Itoa(i), path: at, value: constant(json.Number(n))})
			}
		}
	}
	walk(tree, "", false)
	return ms
}

func constant(v any) func(any) any { return func(any) any { return v } }

func wrongType(old any) any {
	switch old.(type) {
	case string:
		return json.Number("42")
	case json.Number:
		return "42"
	case bool:
		return "yes"
	case map[string]any:
		return []any{}
	case []any:
		return map[string]any{}
	}
	return json.Number("0")
}

func badFormats(s string) []string {
	switch {
	case datePattern.MatchString(s):
		return []string{"16/07/2027", "2027-02-30", "2027-7-16", "2027-07-16T09:00:00Z"}
	case uuidPattern.MatchString(s):
		return []string{"1234", strings.ToUpper(s)[:35], "not-a-uuid-at-all"}
	case strings.Contains(s, "@"):
		return []string{"not-an-email", "a@@school.example", "a.@school.example", "name@school"}
	case len(s) == 6 && strings.Trim(s, "0123456789") == "":
		return []string{"12345", "1234567", "10000a"}
	}
	return nil
}

// apply returns the tree, with one mutation, as JSON.
func apply(tree any, m mutation) ([]byte, error) {
	doc := deepCopy(tree)
	if m.kind == "unknown-member" {
		target, err := locate(doc, m.path)
		if err != nil {
			return nil, err
		}
		target.(map[string]any)[m.add] = "unexpected"
		return json.Marshal(doc)
	}
	if m.path == "" {
		return json.Marshal(m.value(doc))
	}
	tokens := pointer.Tokens(m.path)
	parent, err := locate(doc, pointer.Join("", tokens[:len(tokens)-1]...))
	if err != nil {
		return nil, err
	}
	last := tokens[len(tokens)-1]
	switch p := parent.(type) {
	case map[string]any:
		if m.value == nil {
			delete(p, last)
		} else {
			p[last] = m.value(p[last])
		}
	case []any:
		i, _ := strconv.Atoi(last)
		p[i] = m.value(p[i])
	}
	return json.Marshal(doc)
}

func locate(doc any, path string) (any, error) {
	cur := doc
	for _, t := range pointer.Tokens(path) {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i >= len(c) {
				return nil, fmt.Errorf("no element %s", t)
			}
			cur = c[i]
		default:
			return nil, fmt.Errorf("nothing at %s", path)
		}
	}
	return cur, nil
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
