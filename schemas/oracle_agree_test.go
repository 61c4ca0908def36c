package schemas

import (
	"testing"

	"github.com/partnerkit/partnerkit/internal/corpus"
	"github.com/stretchr/testify/require"
)

// ownAgrees fails the test unless the engine reports exactly what
// jsonschema/v6 does for doc.
func ownAgrees(t *testing.T, s *Schema, doc any) {
	t.Helper()
	requireOracle(t)
	if outlandish(doc) != nil {
		return // neither validator is asked
	}
	require.Equal(t, s.oracle(doc), s.Validate(doc), "schema %s", s.Name)
	require.Equal(t, s.oracle(doc), s.report(doc), "schema %s: the reporter on its own", s.Name)
}

// The engine and jsonschema/v6 report identical violations for
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
			treeAgrees(t, s, d.Data, doc)
			checked++
		}
	}
	t.Logf("%d documents × %d schemas agree", len(docs), len(All()))
	require.Greater(t, checked, 10000)
}

// Long lists, searched for duplicates through a map, are reported as
// jsonschema/v6 reports them.
func TestOwnMatchesJSONSchemaOnLongLists(t *testing.T) {
	for _, list := range []string{
		`"teaching","curriculum","x1","x2","x3","x4","x5","x6","x7","x8","x9","x10","x11","x12","x13","x14","x15","x16","x17","x18","x19","x20","curriculum","x3"`,
		`"a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11","a12","a13","a14","a15","a16","a17","a18","a19","a20","a21","a22"`,
		`1,1.0,"1",true,null,{"a":1},{"a":1.0},[1],[1.0],2,3,4,5,6,7,8,9,10,11,12,13,14,15,16`,
	} {
		doc, err := Decode([]byte(`{"name":"P","model":"broad-area","partners":[],"focusAreas":[` + list + `]}`))
		require.NoError(t, err)
		require.NotEmpty(t, MustLookup(Partnership).Validate(doc))
		ownAgrees(t, MustLookup(Partnership), doc)
	}
}
