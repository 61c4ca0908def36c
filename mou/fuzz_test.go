package mou

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/require"
)

func addSeeds(f *testing.F) {
	for _, file := range []string{contractMOU, tocMOU} {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"partnership":{"partners":[{"id":"a"},{"id":"a"}]}}`,
		`{"term":{"start":"2027-01-01","end":"2026-01-01"},"objectives":[{"id":"o","deadline":"2027-02-30"}]}`,
		`{"finance":{"budget":1e308,"contributions":[{"amount":1e308},{"amount":1e308}]}}`,
		`{"missionStatement":"\u0000\ud800","signatures":[{"partner":""}]}`,
	} {
		f.Add([]byte(s))
	}
}

// Check never panics, always returns a consistent report, says what
// CheckValue says of the decoded document, and a document that checks
// clean still checks clean after a marshal/unmarshal round trip.
func FuzzCheck(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Check(data)
		require.NotNil(t, r)
		require.Equal(t, finding.Valid(r.Findings), r.Valid)
		if doc, err := schemas.Decode(data); err == nil {
			require.Equal(t, CheckValue(doc), r, "Check, which reads a valid MOU from a tree, and CheckValue agree")
		}
		for _, fd := range r.Findings {
			require.NotEmpty(t, fd.Code)
			require.NotEmpty(t, fd.Message)
		}
		if !r.Valid {
			return
		}
		m, err := Parse(data)
		require.NoError(t, err)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		again := Check(out)
		require.True(t, again.Valid, "valid before the round trip, invalid after: %v\n%s", again.Findings, out)
	})
}

// Parse never panics, reports malformed JSON with a position inside the
// input, and agrees with encoding/json on what is JSON.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			var se *schemas.SyntaxError
			require.ErrorAs(t, err, &se)
			require.GreaterOrEqual(t, se.Line, 1)
			require.GreaterOrEqual(t, se.Column, 1)
			require.LessOrEqual(t, se.Offset, len(data))
			return
		}
		require.NotNil(t, m)
		_, err = json.Marshal(m)
		require.NoError(t, err)
	})
}
