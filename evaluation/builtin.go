package evaluation

import (
	"embed"
	"slices"
	"strings"
	"sync"

	"github.com/partnerkit/partnerkit/schemas"
)

//go:embed frameworks/*.json
var builtinFiles embed.FS

// The ids of the built-in frameworks.
const (
	// HealthCheck is the partnership health check: eight dimensions of an
	// effective partnership, from shared goals to reach and inclusion.
	HealthCheck = "partnership-health-check"
	// PeerReviewReadiness is the peer-review readiness review, organised
	// by the build, embed and sustain phases of a peer-review programme.
	PeerReviewReadiness = "peer-review-readiness"
)

// builtins parses the embedded frameworks once. They are checked by the
// tests, so they are not validated against the schema here: start-up
// stays fast, and the schemas are not compiled unless needed.
var builtins = sync.OnceValue(func() map[string]*Framework {
	entries, _ := builtinFiles.ReadDir("frameworks")
	m := make(map[string]*Framework, len(entries))
	for _, e := range entries {
		data, err := builtinFiles.ReadFile("frameworks/" + e.Name())
		if err != nil {
			continue
		}
		doc, err := schemas.Decode(data)
		if err != nil {
			continue // the tests catch this
		}
		f := frameworkFromValue(doc)
		f.prep = prepare(f)
		if f.prep.err == nil && f.ID == strings.TrimSuffix(e.Name(), ".json") {
			m[f.ID] = f
		}
	}
	return m
})

// Builtin returns the built-in framework with the given id, such as
// "partnership-health-check", and whether there is one. Each call returns
// a new copy, which the caller may change.
func Builtin(id string) (*Framework, bool) {
	f, ok := builtins()[id]
	if !ok {
		return nil, false
	}
	return f.clone(), true
}

// Builtins returns every built-in framework, by id.
func Builtins() []*Framework {
	m := builtins()
	out := make([]*Framework, 0, len(m))
	for _, id := range BuiltinIDs() {
		out = append(out, m[id].clone())
	}
	return out
}

// BuiltinIDs returns the ids of the built-in frameworks, sorted.
func BuiltinIDs() []string {
	m := builtins()
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// clone returns a deep copy of f, sharing only what cannot change.
func (f *Framework) clone() *Framework {
	c := *f
	c.Scale.Labels = slices.Clone(f.Scale.Labels)
	c.Dimensions = slices.Clone(f.Dimensions)
	for i := range c.Dimensions {
		c.Dimensions[i].Questions = slices.Clone(c.Dimensions[i].Questions)
	}
	c.Bands = slices.Clone(f.Bands)
	return &c
}
