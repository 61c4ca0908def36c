package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func seeds(t *testing.T) []Seed {
	t.Helper()
	s, err := LoadSeeds("../..")
	require.NoError(t, err)
	return s
}

func TestGenerate(t *testing.T) {
	docs, err := Generate(seeds(t), Options{})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(docs), 300, "the issue asks for at least 300 documents")
	kinds := map[string]int{}
	schemas := map[string]int{}
	files := map[string]bool{}
	for _, d := range docs {
		require.True(t, json.Valid(d.Data), "%s is JSON", d.File)
		kinds[d.Mutation]++
		schemas[d.Schema]++
		assert.False(t, files[d.File], "file names are unique")
		files[d.File] = true
	}
	for _, k := range []string{"seed", "wrong-type", "missing", "unknown-member", "nested-object", "nested-array", "bad-format", "unicode-0"} {
		assert.Positive(t, kinds[k], "mutation %s", k)
	}
	for _, s := range []string{"mou", "framework", "assessment", "indicators", "effect"} {
		assert.Positive(t, schemas[s], "schema %s", s)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(seeds(t), Options{})
	require.NoError(t, err)
	b, err := Generate(seeds(t), Options{})
	require.NoError(t, err)
	assert.Equal(t, a, b)
	c, err := Generate(seeds(t), Options{Seed: 2})
	require.NoError(t, err)
	assert.NotEqual(t, a, c, "another seed samples other variants")
}

func TestWrite(t *testing.T) {
	docs, err := Generate(seeds(t)[:1], Options{PerSeed: 5})
	require.NoError(t, err)
	require.Len(t, docs, 6)
	dir := t.TempDir()
	require.NoError(t, Write(dir, docs))
	var manifest struct {
		Documents []Document `json:"documents"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &manifest))
	require.Len(t, manifest.Documents, 6)
	for _, d := range manifest.Documents {
		got, err := os.ReadFile(filepath.Join(dir, d.File))
		require.NoError(t, err)
		assert.True(t, json.Valid(got))
	}
}
