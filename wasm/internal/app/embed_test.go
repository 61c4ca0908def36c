package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/evaluation"
)

func TestNewEmbedRefusesWrongOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    EmbedOptions
		want string
	}{
		{"unknown schema", EmbedOptions{Schema: "nonsense"}, `there is no schema "nonsense" (there are "partnership", "mou"`},
		{"unknown framework", EmbedOptions{Framework: "nonsense"}, `there is no built-in framework "nonsense" (there are "partnership-health-check"`},
		{"both", EmbedOptions{Schema: "mou", Framework: evaluation.HealthCheck}, "a schema or a framework, not both"},
		{"value not JSON", EmbedOptions{Schema: "mou", Value: []byte(`{"title":`)}, "the file is not valid JSON"},
		{"value not an object", EmbedOptions{Schema: "mou", Value: []byte(`[1]`)}, "it should be a JSON object"},
		{"framework not valid", EmbedOptions{FrameworkJSON: []byte(`{"id": "x"}`)}, "the framework cannot be used"},
		{"own schema not JSON", EmbedOptions{SchemaJSON: []byte(`{"type":`)}, "the schema is not valid JSON"},
		{"own schema and a name", EmbedOptions{Schema: "mou", SchemaJSON: []byte(`{}`)}, "a schema of your own, not both"},
		{"own schema and a framework", EmbedOptions{SchemaJSON: []byte(`{}`), Framework: evaluation.HealthCheck}, "a schema or a framework, not both"},
		{"own schema, value not an object", EmbedOptions{SchemaJSON: []byte(`{}`), Value: []byte(`"x"`)}, "it should be a JSON object"},
		{"an answer not a number", EmbedOptions{Framework: evaluation.HealthCheck, Value: []byte(`{"answers": {"x": "high"}}`)}, "is not a whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewEmbed(tc.o)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func state(t *testing.T, e *Embed) State {
	t.Helper()
	var s State
	require.NoError(t, json.Unmarshal(e.StateJSON(), &s))
	return s
}

// The MOU embedded: an edit gives the value and the MOU check's
// findings; submitting with errors moves the focus to the summary; the
// contract's MOU loaded has none.
func TestEmbedMOU(t *testing.T) {
	e, err := NewEmbed(EmbedOptions{SubmitLabel: "Send <it>"})
	require.NoError(t, err)
	page := e.HTML()
	assert.Contains(t, page, `data-command="submit">Send &lt;it&gt;</button>`)
	assert.NotContains(t, page, `href="#preview"`, "no link to a view the embedding has not got")
	assert.NotContains(t, page, `data-import`, "no import control")
	require.NotEmpty(t, e.Finish())

	e.Handle(Event{Pointer: "/title", Value: "Riverside"})
	s := state(t, e)
	assert.False(t, s.Valid)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(s.Value, &doc))
	assert.Equal(t, "Riverside", doc["title"])
	codes := map[string]bool{}
	for _, f := range s.Findings {
		codes[f.Code] = true
	}
	assert.True(t, codes["mission.missing"], "%v", codes)
	_, ok := find(e.Submit(), OpFocus, "mou-summary-errors")
	assert.True(t, ok, "the summary takes the focus")

	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	patches, err := e.Load(data)
	require.NoError(t, err)
	require.NotEmpty(t, patches)
	s = state(t, e)
	assert.True(t, s.Valid, "%v", s.Findings)
	assert.Empty(t, s.Findings)
	assert.NotNil(t, s.Findings, "findings is [] in JSON, not null")
	assert.JSONEq(t, string(data), string(s.Value))
	_, ok = find(e.Submit(), OpFocus, "mou-summary-errors")
	assert.False(t, ok)
}

// Another schema is a form validated against it.
func TestEmbedSchema(t *testing.T) {
	e, err := NewEmbed(EmbedOptions{Schema: "partnership", Value: []byte(`{"name": 7}`)})
	require.NoError(t, err)
	assert.Contains(t, e.HTML(), `id="partnership__name"`)
	e.Finish()
	s := state(t, e)
	assert.False(t, s.Valid)
	require.NotEmpty(t, s.Findings)
	assert.Equal(t, "schema", s.Findings[0].Code)
	assert.Contains(t, strings.ToLower(e.builder.summary), "there is a problem")
}

// A schema of the developer's own is a form checked by form.Problems,
// its findings shown once a field is visited or the form submitted.
func TestEmbedOwnSchema(t *testing.T) {
	schema := []byte(`{"type": "object", "required": ["name"], "properties": {
	  "name": {"type": "string", "minLength": 3}, "size": {"type": "integer", "default": 4}}}`)
	e, err := NewEmbed(EmbedOptions{SchemaJSON: schema, Value: []byte(`{"name": "Ri"}`)})
	require.NoError(t, err)
	assert.Contains(t, e.HTML(), `id="form__name"`)
	e.Finish()
	s := state(t, e)
	assert.False(t, s.Valid)
	require.Len(t, s.Findings, 1)
	assert.Equal(t, "/name", s.Findings[0].Path)
	assert.Equal(t, "Write at least 3 characters.", s.Findings[0].Message)
	e.Handle(Event{Pointer: "/name", Widget: "text", Value: "Riverside"})
	s = state(t, e)
	assert.True(t, s.Valid, "%v", s.Findings)
	assert.JSONEq(t, `{"name": "Riverside", "size": 4}`, string(s.Value), "a default fills a missing member")

	e, err = NewEmbed(EmbedOptions{SchemaJSON: schema})
	require.NoError(t, err)
	e.Finish()
	_, ok := find(e.Submit(), OpFocus, "mou-summary-errors")
	assert.True(t, ok, "submitting a new form shows its problems")
}

// A framework embedded is the questionnaire with its scores.
func TestEmbedFramework(t *testing.T) {
	e, err := NewEmbed(EmbedOptions{Framework: evaluation.PeerReviewReadiness})
	require.NoError(t, err)
	page := e.HTML()
	assert.NotContains(t, page, `data-import`)
	fw, _ := evaluation.Builtin(evaluation.PeerReviewReadiness)
	q := fw.Dimensions[0].Questions[0].ID
	e.Handle(Event{Pointer: "/answers/" + q, Value: "4"})
	s := state(t, e)
	assert.True(t, s.Valid)
	require.NotNil(t, s.Score)
	require.NotNil(t, s.Score.Overall)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(s.Value, &doc))
	assert.Equal(t, evaluation.PeerReviewReadiness, doc["framework"])
	assert.Equal(t, map[string]any{q: 4.0}, doc["answers"])
}
