package mou

import (
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The contract's table of the evaluation plan's codes and severities.
func TestPlanRulesMatchTheContract(t *testing.T) {
	want := map[string]finding.Severity{
		"evaluation-plan.no-rationale":               finding.Warning,
		"evaluation-plan.no-resources":               finding.Info,
		"evaluation-plan.no-collection":              finding.Warning,
		"evaluation-plan.collection-unlisted":        finding.Warning,
		"evaluation-plan.collection-unknown-partner": finding.Error,
		"evaluation-plan.collection-outside-term":    finding.Warning,
		"evaluation-plan.no-tools":                   finding.Info,
		"evaluation-plan.no-ethics":                  finding.Warning,
		"evaluation-plan.no-sharing":                 finding.Warning,
		"data-protection.no-security":                finding.Warning,
	}
	got := map[string]finding.Severity{}
	for _, r := range Rules() {
		if _, ok := want[r.Code]; ok {
			got[r.Code] = r.Severity
		}
	}
	assert.Equal(t, want, got)
}

// Without a monitoring section, monitoring.missing says it all.
func TestPlanRulesNeedMonitoring(t *testing.T) {
	doc := contractDoc(t)
	del("/monitoring")(t, doc)
	r := check(t, doc)
	require.True(t, r.Has("monitoring.missing"))
	for _, f := range r.Findings {
		assert.False(t, strings.HasPrefix(f.Code, "evaluation-plan.") || f.Code == "data-protection.no-security", "%s without monitoring", f.Code)
	}
}

// Collection entries of the wrong shape are the schema's to report; the
// rules neither panic nor point at the wrong place.
func TestPlanHostileCollection(t *testing.T) {
	doc := contractDoc(t)
	plan(t, doc)
	set("/monitoring/collection", []any{"attainment", 7, obj(`{"evidence":"attainment","dates":["tomorrow",3,"2027-01-01"],"by":""}`), obj(`{"dates":null}`)})(t, doc)
	r := check(t, doc)
	assert.False(t, r.Valid)
	for _, f := range r.Findings {
		if f.Code == "evaluation-plan.collection-outside-term" {
			t.Errorf("no readable date is outside the term: %v", f)
		}
	}
	// The entry with one readable date covers attainment.
	assert.NotContains(t, paths(findingsWith(r, "evaluation-plan.no-collection")), "/monitoring/evidence/0")
	assert.Contains(t, paths(findingsWith(r, "evaluation-plan.no-collection")), "/monitoring/evidence/1")
	m, err := Parse(mustRead(t, planMOU))
	require.NoError(t, err)
	m.Monitoring.Collection = append(m.Monitoring.Collection, Collection{Evidence: "<b>x</b>", By: "nobody"})
	for _, f := range []Format{HTML, Markdown} {
		_, err := Render(m, f)
		require.NoError(t, err)
	}
}

func TestRenderPlanEscapes(t *testing.T) {
	m, err := Parse(mustRead(t, planMOU))
	require.NoError(t, err)
	m.Monitoring.Rationale = `<script>alert("x")</script>`
	m.Monitoring.Tools = []string{"**bold** | pipe"}
	m.Monitoring.Ethics = "# not a heading"
	m.Monitoring.DataProtection.Security = "<img src=x onerror=alert(1)>"
	html, err := Render(m, HTML)
	require.NoError(t, err)
	assert.NotContains(t, string(html), "<script>")
	assert.NotContains(t, string(html), "<img")
	assert.Contains(t, string(html), "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;")
	md, err := Render(m, Markdown)
	require.NoError(t, err)
	assert.Contains(t, string(md), `\*\*bold\*\* \| pipe`)
	assert.Contains(t, string(md), `**Ethics:** \# not a heading`)
	assert.Contains(t, string(md), `**Security:** \<img src=x onerror=alert(1)\>`)
}

// An MOU with no plan renders as it did before the plan existed.
func TestRenderWithoutPlanHasNoPlanHeading(t *testing.T) {
	m, err := Parse(mustRead(t, contractMOU))
	require.NoError(t, err)
	md, err := Render(m, Markdown)
	require.NoError(t, err)
	assert.NotContains(t, string(md), "Evaluation plan")
}
