package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/form"
)

// No hint on the page is schema text written for developers, and the
// questions about the respondent sit under one heading.
func TestHintsAreForPeople(t *testing.T) {
	b, err := NewBuilder()
	require.NoError(t, err)
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	require.NoError(t, b.Load(data))
	mouHTML := b.HTML()
	a, err := NewAssessment()
	require.NoError(t, err)
	hcHTML := a.HTML()
	for _, schemaText := range []string{"The id of the", "self for a self-review", "lead for the partner that leads the partnership (hub", "The ISO 4217"} {
		assert.False(t, strings.Contains(mouHTML, schemaText), "the MOU builder says %q", schemaText)
		assert.False(t, strings.Contains(hcHTML, schemaText), "the health check says %q", schemaText)
	}
	for _, want := range []string{"The partner that leads this activity.", "The partner this person leads for."} {
		assert.True(t, strings.Contains(mouHTML, want), "the MOU builder says %q", want)
	}
	for _, want := range []string{"peer review if you are visiting", ">Peer review</option>", `for="hc__respondent__partner">Your school or organisation`} {
		assert.True(t, strings.Contains(hcHTML, want), "the health check says %q", want)
	}
	assert.Equal(t, 1, strings.Count(hcHTML, ">About you<"))
	assert.False(t, strings.Contains(hcHTML, ">Respondent<"), "no second heading for the same questions")

	// The schema's own fields are untouched.
	root, err := form.ForSchema(schemas.Assessment)
	require.NoError(t, err)
	assert.Equal(t, "self for a self-review; peer for a review by a peer from another school.", root.Property("respondent").Property("review").Description)
	// Typing into a member of the respondent makes the respondent.
	a.Handle(Event{Pointer: "/respondent/review", Widget: "select", Value: `"peer"`})
	var doc map[string]any
	require.NoError(t, json.Unmarshal(a.JSON(), &doc))
	assert.Equal(t, map[string]any{"review": "peer"}, doc["respondent"])
}
