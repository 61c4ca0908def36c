package schemas

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetect(t *testing.T) {
	for file, want := range map[string]string{
		"mou-riverside.json": MOU, "mou-coastal-draft.json": MOU, "mou-evaluation-plan.json": MOU,
		"assessment-mini.json": Assessment, "framework-mini.json": Framework,
		"effect.json": Effect, "indicators.json": Indicators,
	} {
		data, err := os.ReadFile("../examples/data/" + file)
		require.NoError(t, err)
		doc, err := Decode(data)
		require.NoError(t, err)
		assert.Equal(t, want, Detect(doc), file)
	}
	assert.Equal(t, Effect, Detect(map[string]any{"$schema": "https://partnerkit.github.io/schemas/v1/effect.json"}), "$schema first")
	assert.Equal(t, MOU, Detect(map[string]any{"missionStatement": "x", "answers": 1, "term": 2}), "most distinctive members win")
	assert.Equal(t, "", Detect(map[string]any{"title": "x"}))
	assert.Equal(t, "", Detect([]any{}), "not an object")
	assert.Equal(t, "", Detect(map[string]any{"$schema": BaseURL + "defs.json"}), "defs is not a document")
}

func TestMembers(t *testing.T) {
	m := MustLookup(Indicators).Members()
	assert.Equal(t, []string{"asOf", "indicators"}, m)
	m[0] = "changed"
	assert.Equal(t, "asOf", MustLookup(Indicators).Members()[0], "a copy")
	assert.Nil(t, MustLookup(Defs).Members())
}

func TestViolationFinding(t *testing.T) {
	f := Violation{Path: "/partners/2/urn", Keyword: "pattern", Message: "a URN is six digits, like 100001"}.Finding()
	assert.Equal(t, CodeSchema, f.Code)
	assert.Equal(t, "error", f.Severity.String())
	assert.Equal(t, "/partners/2/urn", f.Path)
	assert.Equal(t, "A URN is six digits, like 100001.", f.Message)
}
