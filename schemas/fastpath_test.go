package schemas

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastAgrees fails the test if the fast path calls doc valid where
// jsonschema/v6 finds a violation.
func fastAgrees(t *testing.T, s *Schema, doc any) (fast bool) {
	t.Helper()
	requireOracle(t)
	if s.fast == nil || !s.fast.valid(doc) {
		return false
	}
	err := compiled[s.Name].Validate(doc)
	require.NoError(t, err, "the fast path called a document valid that jsonschema/v6 rejects (schema %s)", s.Name)
	return true
}

// treeAgrees fails the test unless ValidTree judges the text as the fast
// path judges its decoded tree (or says false, for a member name given
// twice, which the decoded tree no longer shows).
func treeAgrees(t *testing.T, s *Schema, data []byte, doc any) {
	t.Helper()
	tree, err := jsontree.ParseTree(data)
	require.NoError(t, err)
	if tree.HasDuplicates() {
		require.False(t, s.ValidTree(tree))
		return
	}
	require.Equal(t, s.fast.valid(doc), s.ValidTree(tree), "schema %s", s.Name)
}

func TestFastPathCompilesForEverySchema(t *testing.T) {
	require.NoError(t, Precompile())
	for _, s := range All() {
		assert.NotNil(t, s.fast, "%s uses a keyword the fast path does not know", s.Name)
	}
}

func TestFastPathAcceptsTypicalDocuments(t *testing.T) {
	for file, name := range map[string]string{"mou-riverside.json": MOU, "framework-mini.json": Framework, "assessment-mini.json": Assessment} {
		data, err := os.ReadFile(dataDir + file)
		require.NoError(t, err)
		doc, err := Decode(data)
		require.NoError(t, err)
		assert.True(t, fastAgrees(t, MustLookup(name), doc), "the fast path should accept the contract's %s", file)
	}
}

// Values at the edges: each is either judged exactly as jsonschema/v6
// judges it, or left to it.
func TestFastPathEdges(t *testing.T) {
	tests := []struct {
		schema, doc string
	}{
		{Effect, `{"intervention":{"mean":1,"sd":0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`},
		{Effect, `{"intervention":{"mean":1,"sd":1,"n":2.0},"comparison":{"mean":1,"sd":1,"n":2}}`},
		{Effect, `{"intervention":{"mean":1,"sd":1,"n":2e0},"comparison":{"mean":1,"sd":1,"n":1.99999999999999999999}}`},
		{Effect, `{"intervention":{"mean":1e400,"sd":1,"n":2},"comparison":{"mean":-0,"sd":1,"n":2}}`},
		{Framework, `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[{"id":"d","title":"D","questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":100,"label":"B"},{"min":100.0000000000000000001,"label":"C"}]}`},
		{Partnership, `{"name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"\"quoted\"@school.example"}]}`},
		{Partnership, `{"name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"a@[127.0.0.1]"}]}`},
		{Partnership, `{"name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"a.@school.example"}]}`},
		{Partnership, `{"name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"a@-school.example"}]}`},
		{Partnership, `{"name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"a@school.example."}]}`},
		{Partnership, `{"id":"3F0E8F5E-4A8B-4B8E-9A59-2F1F7C1D9A10","name":"P","model":"broad-area","partners":[]}`},
		{Partnership, `{"name":"P","model":"broad-area","partners":[],"focusAreas":["teaching","teaching"]}`},
		{MOU, `{"partnership":{"name":"P","model":"broad-area","partners":[]},"term":{"start":"2028-02-29","end":"2100-02-29"}}`},
		{MOU, `{"partnership":{"name":"P","model":"broad-area","partners":[]},"term":{"start":"2000-02-29","end":"0000-01-01"}}`},
		{MOU, `{"partnership":{"name":"P","model":"broad-area","partners":[]},"term":{"start":"2027-1-01","end":"2027-01-01"}}`},
		{Assessment, `{"framework":"f","answers":{"q":null,"r":-3,"s":1.0,"t":true}}`},
		{Assessment, `{"framework":"f","answers":{"é":1}}`},
		{Partnership, `{"name":"` + string(make([]byte, 0)) + `","model":"broad-area","partners":[]}`},
	}
	for _, tt := range tests {
		doc, err := Decode([]byte(tt.doc))
		require.NoError(t, err, tt.doc)
		fastAgrees(t, MustLookup(tt.schema), doc)
	}
}

// The fast path never calls a document valid that jsonschema/v6 rejects,
// and the engine reports exactly what jsonschema/v6 reports.
func FuzzFastPath(f *testing.F) {
	for _, name := range []string{"mou-riverside.json", "framework-mini.json", "assessment-mini.json"} {
		if data, err := os.ReadFile(dataDir + name); err == nil {
			f.Add(data)
		}
	}
	files, _ := filepath.Glob("testdata/valid/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		var wrapped struct {
			Doc json.RawMessage `json:"document"`
		}
		if json.Unmarshal(data, &wrapped) == nil {
			f.Add([]byte(wrapped.Doc))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err != nil {
			return
		}
		for _, s := range All() {
			fastAgrees(t, s, doc)
			ownAgrees(t, s, doc)
			treeAgrees(t, s, data, doc)
		}
	})
}

func TestHolderFollowsTheSchemaPath(t *testing.T) {
	doc, err := Decode([]byte(`{"a":{"x":1},"list":[{"k":{}},{"k":{"bad key":1}}],"map":{"m1":{},"m2":{"bad key":2}}}`))
	require.NoError(t, err)
	tests := []struct{ url, want string }{
		{"https://x/s.json#/properties/list/items/properties/k/propertyNames", "/list/1/k"},
		{"https://x/s.json#/properties/map/additionalProperties/propertyNames", "/map/m2"},
		{"https://x/s.json#/properties/a/propertyNames", ""},
	}
	for _, tt := range tests {
		got, ok := holder(doc, tt.url, "bad key")
		assert.Equal(t, tt.want != "", ok, tt.url)
		assert.Equal(t, tt.want, got, tt.url)
	}
}
