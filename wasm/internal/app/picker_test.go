package app

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/evaluation"
)

func answerFirst(t *testing.T, p *Page, n int, value string) {
	t.Helper()
	i := 0
	for _, d := range p.Assessment().Framework().Dimensions {
		for _, q := range d.Questions {
			if i == n {
				return
			}
			p.Handle(ViewAssessment, Event{Pointer: "/answers/" + q.ID, Widget: "likert", Value: value})
			i++
		}
	}
}

// The picker offers the built-in frameworks; switching asks when there
// are answers, keeps them, and finds them again on switching back, after
// a reload too.
func TestFrameworkPickerKeepsAnswers(t *testing.T) {
	store := newMemStore()
	p := newPage(t)
	p.Open(store)
	page := p.HTML()
	p.Finish()
	for _, fw := range evaluation.Builtins() {
		assert.Contains(t, page, `<option value="`+fw.ID+`"`)
	}
	assert.Contains(t, page, `<option value="partnership-health-check" selected>`)

	answerFirst(t, p, 5, "4")
	out := p.SwitchFramework(evaluation.PeerReviewReadiness)
	confirm, ok := find(out, OpInner, "health-check-switch")
	require.True(t, ok, "the page asks")
	assert.Contains(t, confirm.HTML, "Your 5 answers to “Partnership health check” are kept")
	assert.Equal(t, evaluation.HealthCheck, p.Assessment().Framework().ID, "nothing changes until the user says so")

	cancel := p.CancelSwitch()
	_, ok = find(cancel, OpFocus, "health-check-framework")
	assert.True(t, ok)
	assert.Nil(t, p.ConfirmSwitch(), "nothing to confirm once cancelled")

	p.SwitchFramework(evaluation.PeerReviewReadiness)
	out = p.ConfirmSwitch()
	body, ok := find(out, OpInner, "health-check-body")
	require.True(t, ok)
	assert.Contains(t, body.HTML, `<option value="peer-review-readiness" selected>`)
	assert.Contains(t, body.HTML, "Readiness by phase")
	assert.Equal(t, evaluation.PeerReviewReadiness, p.Assessment().Framework().ID)
	answered, _ := p.Assessment().count()
	assert.Zero(t, answered)
	answerFirst(t, p, 2, "2")
	p.Save()
	assert.Contains(t, store.m[KeyAssessment], `"kept":{"partnership-health-check":`)

	// Another visit: the readiness answers, and the health check's kept.
	q := newPage(t)
	q.Open(store)
	assert.Equal(t, evaluation.PeerReviewReadiness, q.Assessment().Framework().ID)
	answered, _ = q.Assessment().count()
	assert.Equal(t, 2, answered)
	out = q.SwitchFramework(evaluation.HealthCheck)
	_, asks := find(out, OpInner, "health-check-switch")
	require.True(t, asks)
	out = q.ConfirmSwitch()
	msg, ok := find(out, OpInner, "health-check-import-msg")
	require.True(t, ok)
	assert.Contains(t, msg.HTML, "with your 5 answers from before")
	answered, _ = q.Assessment().count()
	assert.Equal(t, 5, answered, "the health check's answers are back")
	out = q.SwitchFramework(evaluation.HealthCheck)
	m, _ := find(out, OpInner, "health-check-switch")
	assert.Contains(t, m.HTML, "This is the framework shown")
	m, _ = find(q.SwitchFramework("nonsense"), OpInner, "health-check-switch")
	assert.Contains(t, m.HTML, "no such framework")
}

// After importing a framework, the picker offers the built-in ones to go
// back to, and the imported one to return to.
func TestFrameworkPickerAfterImport(t *testing.T) {
	p := newPage(t)
	p.Open(newMemStore())
	p.HTML()
	data, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	p.Import(ViewAssessment, "mini.json", data)
	custom := p.Assessment().Framework()
	require.NotEqual(t, evaluation.HealthCheck, custom.ID)
	body := p.Assessment().body()
	assert.Contains(t, body, `<option value="`+evaluation.HealthCheck+`">`)
	assert.Contains(t, body, custom.Title+" (imported)</option>")

	out := p.SwitchFramework(evaluation.HealthCheck) // no answers yet: no question
	_, asked := find(out, OpInner, "health-check-switch")
	assert.False(t, asked)
	assert.Equal(t, evaluation.HealthCheck, p.Assessment().Framework().ID)
	body = p.Assessment().body()
	assert.Contains(t, body, custom.Title+" (imported)</option>", "the imported framework can be chosen again")
	p.SwitchFramework(custom.ID)
	assert.Equal(t, custom.ID, p.Assessment().Framework().ID)
	assert.True(t, strings.HasSuffix(string(p.Assessment().frameworkJSON), "}"), "the imported framework is kept to save")
}
