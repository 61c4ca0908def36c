package schemas

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// Decoding and validating never panics, and every violation has a message
// and a path that is a JSON Pointer.
func FuzzValidate(f *testing.F) {
	for _, name := range []string{"mou-riverside.json", "framework-mini.json", "assessment-mini.json"} {
		if data, err := os.ReadFile(dataDir + name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"answers":{"a b":1.5},"partners":[{"urn":7}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err != nil {
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			return
		}
		for _, s := range All() {
			for _, v := range s.Validate(doc) {
				require.NotEmpty(t, v.Message)
				require.NotEmpty(t, v.Keyword)
				require.True(t, v.Path == "" || v.Path[0] == '/', "path %q", v.Path)
			}
		}
	})
}
