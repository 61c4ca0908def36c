//go:build !partnerkit_nojsonschema

package schemas

import (
	"testing"

	"github.com/partnerkit/partnerkit/internal/corpus"
	"github.com/stretchr/testify/require"
)

// ownAgrees fails the test unless report.go's reporter reports exactly
// what jsonschema/v6 does for doc.
func ownAgrees(t *testing.T, s *Schema, doc any) {
	t.Helper()
	require.NoError(t, Precompile())
	if outlandish(doc) != nil {
		return // neither validator is asked
	}
	require.Equal(t, s.report(doc), s.ownReport(doc), "schema %s", s.Name)
}

// The browser's reporter and jsonschema/v6 report identical violations for
// every document of the conformance corpus, checked against every schema.
func TestOwnMatchesJSONSchema(t *testing.T) {
	seeds, err := corpus.LoadSeeds("..")
	require.NoError(t, err)
	docs, err := corpus.Generate(seeds, corpus.Options{PerSeed: -1})
	require.NoError(t, err)
	checked := 0
	for _, d := range docs {
		doc, err := Decode(d.Data)
		require.NoError(t, err, d.File)
		for _, s := range All() {
			ownAgrees(t, s, doc)
			checked++
		}
	}
	t.Logf("%d documents × %d schemas agree", len(docs), len(All()))
	require.Greater(t, checked, 10000)
}
