package mou

import (
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Wrong shapes in a Theory of Change are the schema's to report; the rules
// neither panic nor point at the wrong element.
func TestTheoryOfChangeHostileShapes(t *testing.T) {
	doc := contractDoc(t)
	theory(t, doc)
	set("/monitoring/theoryOfChange/outputs", []any{"out1", 7, obj(`{"id":"o-x","activities":[3,"a9",null,"a1"],"outcomes":[{},"oc1"]}`)})(t, doc)
	set("/monitoring/theoryOfChange/outcomes/0/indicators", []any{"x", obj(`{"id":"i","baseline":"62","target":75}`)})(t, doc)
	r := check(t, doc)
	assert.False(t, r.Valid)
	assert.Equal(t, []string{"/monitoring/theoryOfChange/outputs/2/activities/1"}, paths(findingsWith(r, "toc.unknown-link")),
		"positions are kept past values that are not text")
	assert.Contains(t, paths(findingsWith(r, "toc.activity-no-outcome")), "/activities/1")
	assert.NotContains(t, paths(findingsWith(r, "toc.activity-no-outcome")), "/activities/0")
	// The indicator with a baseline of the wrong type: the schema speaks at
	// /baseline; the rule speaks at the indicator, which has no baseline.
	assert.Contains(t, paths(findingsWith(r, "toc.indicator-not-measurable")), "/monitoring/theoryOfChange/outcomes/0/indicators/1")
	assert.Contains(t, paths(findingsWith(r, schemas.CodeSchema)), "/monitoring/theoryOfChange/outcomes/0/indicators/1/baseline")

	m, err := Parse(mustRead(t, tocMOU))
	require.NoError(t, err)
	m.Monitoring.TheoryOfChange.Outputs = append(m.Monitoring.TheoryOfChange.Outputs, Output{})
	m.Monitoring.TheoryOfChange.Outcomes = append(m.Monitoring.TheoryOfChange.Outcomes, Outcome{Indicators: []OutcomeIndicator{{}}})
	for _, f := range []Format{HTML, Markdown} {
		_, err := Render(m, f)
		require.NoError(t, err)
	}
}

func TestRenderTheoryOfChangeEscapes(t *testing.T) {
	m, err := Parse(mustRead(t, tocMOU))
	require.NoError(t, err)
	toc := m.Monitoring.TheoryOfChange
	toc.Impact = "<script>alert(1)</script>"
	toc.Outputs[0].Title = "| a | b |"
	toc.Outcomes[0].Statement = "# heading\n- item"
	toc.Outcomes[0].Indicators[0].Unit = "<b>pupils</b>"
	h, err := Render(m, HTML)
	require.NoError(t, err)
	assert.NotContains(t, string(h), "<script>")
	assert.NotContains(t, string(h), "<b>")
	assert.Contains(t, string(h), "&lt;script&gt;alert(1)&lt;/script&gt;")
	md, err := Render(m, Markdown)
	require.NoError(t, err)
	assert.Contains(t, string(md), `| \| a \| b \| |`)
	assert.Contains(t, string(md), `**Outcome oc1:** \# heading - item`)
	for _, line := range strings.Split(string(md), "\n") {
		assert.False(t, strings.HasPrefix(line, "# heading") || strings.HasPrefix(line, "<"), line)
	}
}

func TestRenderWithoutTheoryOfChange(t *testing.T) {
	m, err := Parse(mustRead(t, planMOU))
	require.NoError(t, err)
	md, err := Render(m, Markdown)
	require.NoError(t, err)
	assert.NotContains(t, string(md), "Theory of Change")
}
