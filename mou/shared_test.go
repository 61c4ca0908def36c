package mou

import (
	"encoding/json"
	"os"
	"strings"
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
