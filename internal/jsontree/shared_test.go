package jsontree

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A tree from ParseTreeShared reads the caller's bytes until Own gives it
// its own copy; it reads as ParseTree's does.
func TestParseTreeSharedAndOwn(t *testing.T) {
	data := []byte(`{"name": "Riverside", "tag": "caf\u00e9"}`)
	shared, err := ParseTreeShared(data)
	require.NoError(t, err)
	copied, err := ParseTree(data)
	require.NoError(t, err)
	require.Equal(t, copied.Root().Any(), shared.Root().Any())

	data[10] = 'X' // the R of Riverside
	require.Equal(t, "Xiverside", shared.Root().GetString("name"), "shared: the caller's bytes")
	require.Equal(t, "Riverside", copied.Root().GetString("name"))

	shared.Own()
	data[10] = 'Y'
	require.Equal(t, "Xiverside", shared.Root().GetString("name"), "owned: its own copy")
	require.Equal(t, "café", shared.Root().GetString("tag"))

	_, err = ParseTreeShared([]byte(`{"name": }`))
	require.Error(t, err)
}

// Release gives the nodes back: the tree reads as empty, strings read
// before stay good, and the next tree from the pool reads its own document.
func TestReleaseReusesNodes(t *testing.T) {
	first, err := ParseTreeShared([]byte(`{"a": ["x", "y", {"b": 1}], "c": "kept"}`))
	require.NoError(t, err)
	kept := first.Root().GetString("c")
	first.Release()
	require.Equal(t, KindAbsent, first.Root().Kind())
	require.Equal(t, "kept", kept)
	first.Release() // twice is harmless
	var nothing *Tree
	nothing.Release()

	for _, doc := range []string{`[1, 2]`, `{"z": {"y": [true, null]}}`, `"only"`} {
		tr, err := ParseTreeShared([]byte(doc))
		require.NoError(t, err)
		want, err := Parse([]byte(doc))
		require.NoError(t, err)
		require.Equal(t, want, tr.Root().Any(), doc)
		tr.Release()
	}
}
