package mou

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Go types round-trip the contract's MOU and the schema-valid examples
// losslessly. (A value the schema rejects, such as a date written
// 16/07/2027, has no typed form to keep it in.)
func TestJSONRoundTrip(t *testing.T) {
	files, err := filepath.Glob("../examples/data/mou-*.json")
	require.NoError(t, err)
	for _, file := range append(files, contractMOU) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			if Check(data).Has(schemas.CodeSchema) {
				t.Skip("not schema-valid")
			}
			m, err := Parse(data)
			require.NoError(t, err)
			out, err := json.Marshal(m)
			require.NoError(t, err)
			var want, got any
			require.NoError(t, json.Unmarshal(data, &want))
			require.NoError(t, json.Unmarshal(out, &got))
			assert.Equal(t, want, got)

			var viaStd MOU
			require.NoError(t, json.Unmarshal(data, &viaStd), "encoding/json reads the same types")
			assert.Equal(t, *m, viaStd)
		})
	}
}
