package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{1, "1 byte"},
		{100, "100 bytes"},
		{1024, "1 KiB"},
		{1500, "1500 bytes"},
		{256 << 10, "256 KiB"},
		{1 << 20, "1 MiB"},
		{3 << 20, "3 MiB"},
		{(1 << 20) + 1024, "1025 KiB"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, size(tt.n), "%d", tt.n)
	}
}

func TestEveryProblemHasATitleAndStatus(t *testing.T) {
	for _, typ := range []string{ProblemMalformedJSON, ProblemIncompleteBody, ProblemTooManyValues, ProblemRangeNotSatisfiable, ProblemNotFound, ProblemMethodNotAllowed, ProblemBodyTooLarge,
		ProblemUnsupportedMediaType, ProblemInvalidRequest, ProblemInvalidDocument, ProblemInternal} {
		p := newProblem(typ, "detail")
		assert.NotEmpty(t, p.Title, typ)
		assert.NotEmpty(t, http.StatusText(p.Status), typ)
		assert.GreaterOrEqual(t, p.Status, 400, typ)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		path string
		ok   bool
		arg  string
	}{
		{"/healthz", true, ""},
		{"/v1/mou/check", true, ""},
		{"/v1/schemas/mou", true, "mou"},
		{"/v1/frameworks/partnership-health-check", true, "partnership-health-check"},
		{"/v1/schemas/", false, ""},
		{"/v1/schemas/mou/x", false, ""},
		{"/v1/mou/check/", false, ""},
		{"/", false, ""},
		{"", false, ""},
		{"healthz", false, ""},
	}
	for _, tt := range tests {
		rt, arg := match(tt.path)
		assert.Equal(t, tt.ok, rt != nil, tt.path)
		assert.Equal(t, tt.arg, arg, tt.path)
	}
}

// values counts the values of a decoded document.
func values(v any) int {
	n := 1
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			n += values(e)
		}
	case []any:
		for _, e := range v {
			n += values(e)
		}
	}
	return n
}

func TestCountValues(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{`0`, 1},
		{`{"a": 1, "b": [true, null, "x"]}`, 6},
		{`"a, [b] {c}"`, 1},
		{`"a \" , ["`, 1},
		{`[[], {}]`, 5}, // empty containers count one more each
		{`,,,`, 4},      // not JSON: still bounded by the text
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, jsontree.CountValues([]byte(tt.text)), tt.text)
	}
}

// FuzzCountValues holds jsontree.CountValues to never counting fewer values than a
// JSON document has: the limit must not let more through than it says.
func FuzzCountValues(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2, {"b": "c,d"}]}`, `["\"", []]`, `{}`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		if got, want := jsontree.CountValues(data), values(v); got < want {
			t.Fatalf("jsontree.CountValues(%q) = %d, the document has %d", data, got, want)
		}
	})
}

// The score-request schema's limit on assessments is MaxAssessments.
func TestScoreRequestSchemaHoldsMaxAssessments(t *testing.T) {
	doc, err := schemas.Decode(schemas.MustLookup(schemas.ScoreRequest).Bytes())
	require.NoError(t, err)
	props := doc.(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, json.Number(strconv.Itoa(MaxAssessments)), props["assessments"].(map[string]any)["maxItems"])
}
