package evaluation

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// Scoring 10,000 assessments from their JSON text (parsed, validated
// against the schema, scored) and combining them as they come: what
// `partnerkit evaluate score` and the API do.
func BenchmarkScoreAndCombineFromJSON(b *testing.B) {
	f, as := healthCheckAssessments(b, 10_000)
	texts := make([][]byte, len(as))
	for i, a := range as {
		var err error
		texts[i], err = json.Marshal(a)
		require.NoError(b, err)
	}
	_, err := ParseAssessment(texts[0])
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		c := NewCombiner(f)
		for _, data := range texts {
			a, err := ParseAssessment(data)
			if err != nil {
				b.Fatal(err)
			}
			s, err := f.Score(a)
			if err != nil {
				b.Fatal(err)
			}
			if err := c.Add(s); err != nil {
				b.Fatal(err)
			}
		}
		if c.Result().Respondents != len(as) {
			b.Fatal("lost a respondent")
		}
	}
}
