package mou

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Check reads the text without copying it (jsontree.ParseTreeShared), so
// its report must hold no string of the text: overwriting the bytes after
// the check leaves the report as it was, on the fast path (a valid MOU
// with findings of the rules) and on the schema's path.
func TestCheckKeepsNoStringOfTheText(t *testing.T) {
	contract, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	unknown := strings.Replace(string(contract), `"ledBy": "st-aidans"`, `"ledBy": "nobody-we-know"`, 1)
	require.NotEqual(t, string(contract), unknown)
	for name, data := range map[string][]byte{
		"valid":        contract,
		"rules":        []byte(unknown),
		"schema":       invalidMOU(t),
		"syntax":       []byte(`{"title": "Riverside`),
		"empty report": []byte(`{}`),
	} {
		t.Run(name, func(t *testing.T) {
			data = append([]byte(nil), data...)
			r := Check(data)
			before, err := json.Marshal(r)
			require.NoError(t, err)
			if name == "rules" {
				require.Contains(t, string(before), "nobody-we-know", "a finding quotes the text")
			}
			for i := range data {
				data[i] = 'x'
			}
			after, err := json.Marshal(r)
			require.NoError(t, err)
			require.Equal(t, string(before), string(after))
		})
	}
}

// Checks at the same time share the pool of nodes (run with -race): each
// report is the one its document gets alone.
func TestCheckConcurrently(t *testing.T) {
	contract, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	docs := [][]byte{contract, invalidMOU(t), []byte(`{"title": "A"}`)}
	want := make([]string, len(docs))
	for i, d := range docs {
		b, err := json.Marshal(Check(d))
		require.NoError(t, err)
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for g := range got {
		wg.Go(func() {
			for round := range 50 {
				i := (g + round) % len(docs)
				b, _ := json.Marshal(Check(docs[i]))
				if string(b) != want[i] {
					got[g] = append(got[g], string(b))
				}
			}
		})
	}
	wg.Wait()
	for _, bad := range got {
		require.Empty(t, bad)
	}
}
