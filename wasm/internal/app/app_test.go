package app

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/internal/htmlcheck"
)

// contractMOU is the contract's MOU with a full evaluation plan: no finding.
const contractMOU = "../../../examples/data/mou-evaluation-plan.json"

func newPage(t *testing.T) *Page {
	t.Helper()
	p, err := New()
	require.NoError(t, err)
	return p
}

func find(patches []Patch, op Op, id string) (Patch, bool) {
	for _, p := range patches {
		if p.Op == op && p.ID == id {
			return p, true
		}
	}
	return Patch{}, false
}

func TestPageIsWellFormed(t *testing.T) {
	p := newPage(t)
	page := p.HTML()
	assert.Empty(t, htmlcheck.Problems(page))
	ids := map[string]bool{}
	for _, id := range htmlcheck.AttrValues(page, "id") {
		ids[id] = true
	}
	for _, v := range views {
		assert.Contains(t, ids, "view-"+v)
		assert.Contains(t, ids, "nav-"+v)
	}
	assert.Equal(t, 44*5+44, strings.Count(page, `data-widget="likert"`), "44 questions, five ratings and not applicable each")
	assert.Equal(t, 44, strings.Count(page, `data-widget="notes"`))
}

func TestMOUMissionMissingComesAndGoes(t *testing.T) {
	p := newPage(t)
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	patches := p.Import(ViewMOU, "", data)
	body, ok := find(patches, OpInner, "mou-body")
	require.True(t, ok)
	assert.Contains(t, body.HTML, "No problems found")
	assert.True(t, p.MOU().Report().Valid)

	patches = p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: ""})
	slot, ok := find(patches, OpInner, "mou__missionStatement-msg")
	require.True(t, ok, "the finding appears beside the field: %v", patches)
	assert.Contains(t, slot.HTML, `data-code="mission.missing"`)
	summary, ok := find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	assert.Contains(t, summary.HTML, "There is a problem")
	assert.Contains(t, summary.HTML, `<li data-code="mission.missing"><a href="#mou__missionStatement" data-focus="mou__missionStatement">`)
	status, ok := find(patches, OpText, "mou-status")
	require.True(t, ok)
	assert.Equal(t, "1 problem.", status.Value)

	patches = p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: "Science for every pupil in Riverside."})
	slot, ok = find(patches, OpInner, "mou__missionStatement-msg")
	require.True(t, ok)
	assert.Empty(t, slot.HTML, "the message goes once the statement is back")
	summary, ok = find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	assert.Contains(t, summary.HTML, "No problems found")

	patches = p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: "Science for every pupil in Riverside!"})
	assert.Empty(t, patches, "a change that changes no finding patches nothing")
}

func TestMOUListEdits(t *testing.T) {
	p := newPage(t)
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	p.Import(ViewMOU, "", data)

	patches := p.Handle(ViewMOU, Event{Pointer: "/objectives", Action: "add"})
	list, ok := find(patches, OpOuter, "mou__objectives")
	require.True(t, ok)
	assert.Contains(t, list.HTML, "Objective 3")
	_, ok = find(patches, OpFocus, "mou__objectives__2-item")
	assert.True(t, ok, "the focus goes to the new item")
	assert.Contains(t, summaryOf(p), "objective.not-measurable", "the new, empty objective is checked at once")

	patches = p.Handle(ViewMOU, Event{Pointer: "/objectives/2", Action: "up"})
	_, ok = find(patches, OpOuter, "mou__objectives")
	require.True(t, ok)
	assert.Equal(t, Patch{Op: OpFocus, ID: "mou__objectives__1-up"}, patches[len(patches)-1])

	patches = p.Handle(ViewMOU, Event{Pointer: "/objectives/1", Action: "remove"})
	_, ok = find(patches, OpFocus, "mou__objectives-add")
	assert.True(t, ok)
	assert.True(t, p.MOU().Report().Valid, "the contract is valid again: %v", p.MOU().Report().Findings)

	p.Handle(ViewMOU, Event{Pointer: "/monitoring/evidence", Widget: "checkboxes", Value: `"pupil-voice"`, Checked: false})
	p.Handle(ViewMOU, Event{Pointer: "/monitoring/evidence", Widget: "checkboxes", Value: `"parent-feedback"`, Checked: false})
	assert.Contains(t, summaryOf(p), "evidence.numbers-only")
	p.Handle(ViewMOU, Event{Pointer: "/legallyBinding", Widget: "checkbox", Checked: true})
	assert.Contains(t, summaryOf(p), `data-code="legally-binding"`)
}

func summaryOf(p *Page) string { return p.MOU().summary }

func TestMOUImportProblems(t *testing.T) {
	p := newPage(t)
	patches := p.Import(ViewMOU, "", []byte("{\n  \"title\": "))
	msg, ok := find(patches, OpInner, "mou-import-msg")
	require.True(t, ok)
	assert.Contains(t, msg.HTML, "The file is not valid JSON: line 2, column 12")
	patches = p.Import(ViewMOU, "", []byte(`[1]`))
	msg, _ = find(patches, OpInner, "mou-import-msg")
	assert.Contains(t, msg.HTML, "The file does not hold an MOU")
}

func TestPreview(t *testing.T) {
	p := newPage(t)
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	p.Import(ViewMOU, "", data)
	patches := p.Show(ViewPreview)
	body, ok := find(patches, OpInner, "preview-body")
	require.True(t, ok)
	assert.Contains(t, body.HTML, `<article class="mou-document">`)
	assert.NotContains(t, body.HTML, "still has")
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: ""})
	assert.Contains(t, p.MOU().Preview(), "This MOU still has 1 problem.")
	_, ok = find(p.Show(ViewMOU), OpShow, "view-mou")
	assert.True(t, ok)
	assert.Nil(t, p.Show("elsewhere"))
	assert.Equal(t, ViewMOU, p.View())
}

// TestScoresAreTheCommandLines answers the health check through events
// and checks the page's scores against evaluation scoring the exported
// file, as partnerkit evaluate score does.
func TestScoresAreTheCommandLines(t *testing.T) {
	p := newPage(t)
	fw := p.Assessment().Framework()
	n := 0
	var patches []Patch
	for _, d := range fw.Dimensions {
		for _, q := range d.Questions {
			n++
			value := []string{"1", "2", "3", "4", "5", "null"}[n%6]
			patches = p.Handle(ViewAssessment, Event{Pointer: "/answers/" + q.ID, Widget: "likert", Value: value, Checked: true})
		}
	}
	label, ok := find(patches, OpText, "health-check-progress-label")
	require.True(t, ok)
	assert.Equal(t, "44 of 44 questions answered", label.Value)
	scores, ok := find(patches, OpInner, "health-check-scores")
	require.True(t, ok)

	p.Handle(ViewAssessment, Event{Pointer: "/notes/" + fw.Dimensions[0].Questions[0].ID, Widget: "notes", Value: "Agreed at the <b>autumn</b> meeting"})
	_, data := p.Export(ViewAssessment)
	a, err := evaluation.ParseAssessment(data)
	require.NoError(t, err)
	assert.Equal(t, "Agreed at the <b>autumn</b> meeting", a.Notes[fw.Dimensions[0].Questions[0].ID])
	s, err := fw.Score(a)
	require.NoError(t, err)
	require.NotNil(t, s.Overall)
	assert.Contains(t, scores.HTML, `<tr data-dimension="overall"><th scope="row">Overall</th><td class="pk-score" data-score="`+formatScore(*s.Overall)+`">`)
	for _, ds := range s.Dimensions {
		require.NotNil(t, ds.Score)
		assert.Contains(t, scores.HTML, `data-score="`+formatScore(*ds.Score)+`">`, ds.ID)
		assert.Contains(t, scores.HTML, ds.Band)
	}
}

func formatScore(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func TestQuestionTextIsEscaped(t *testing.T) {
	p := newPage(t)
	store := newMemStore()
	p.Open(store)
	fw := `{"id": "evil", "title": "Evil <i>check</i>", "scale": {"min": 1, "max": 3},
	  "dimensions": [{"id": "d", "title": "<script>alert(1)</script>", "questions": [{"id": "q1", "text": "<img src=x onerror=alert(1)>", "help": "<b>help</b>"}]}],
	  "bands": [{"min": 0, "label": "<u>Low</u>"}]}`
	patches := p.Import(ViewAssessment, "", []byte(fw))
	body, ok := find(patches, OpInner, "health-check-body")
	require.True(t, ok, "%v", patches)
	assert.NotContains(t, body.HTML, "<img")
	assert.NotContains(t, body.HTML, "<script")
	assert.Contains(t, body.HTML, "&lt;img src=x onerror=alert(1)&gt;")
	patches = p.Handle(ViewAssessment, Event{Pointer: "/answers/q1", Widget: "likert", Value: "1", Checked: true})
	scores, ok := find(patches, OpInner, "health-check-scores")
	require.True(t, ok)
	assert.Contains(t, scores.HTML, "&lt;u&gt;Low&lt;/u&gt;")
	p.Save()
	env, err := parseSaved(store.m[KeyAssessment])
	require.NoError(t, err)
	assert.JSONEq(t, fw, env.Framework, "the imported framework is saved with the answers")

	again := newPage(t)
	again.Open(store)
	assert.Equal(t, "evil", again.Assessment().Framework().ID)
	assert.Contains(t, again.HTML(), `id="hc__answers__q1-0" name="hc__answers__q1" value="1" data-pointer="/answers/q1" data-widget="likert" checked`)
}

func TestAssessmentImport(t *testing.T) {
	p := newPage(t)
	data, err := os.ReadFile("../../../examples/data/assessment-mini.json")
	require.NoError(t, err)
	patches := p.Import(ViewAssessment, "", data)
	msg, _ := find(patches, OpInner, "health-check-import-msg")
	assert.Contains(t, msg.HTML, "the framework &#34;mini-health-check&#34;, which this page does not have")

	fwData, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	patches = p.Import(ViewAssessment, "", fwData)
	msg, _ = find(patches, OpInner, "health-check-import-msg")
	assert.Contains(t, msg.HTML, "Loaded the framework")
	p.Import(ViewAssessment, "", data)
	s, err := p.Assessment().Score()
	require.NoError(t, err)
	require.NotNil(t, s.Overall)
	assert.InDelta(t, 50.0, *s.Overall, 0.001, "the contract's expected score")
	assert.Contains(t, p.Assessment().scoresHTML(), `data-score="62.5">62.5</td><td class="pk-band">Borderline</td>`)

	patches = p.Import(ViewAssessment, "", []byte(`{"dimensions": []}`))
	msg, _ = find(patches, OpInner, "health-check-import-msg")
	assert.Contains(t, msg.HTML, "The framework cannot be used")

	p.Reset(ViewAssessment)
	answered, _ := p.Assessment().count()
	assert.Zero(t, answered)
}

func TestStorageRoundTrip(t *testing.T) {
	p := newPage(t)
	store := newMemStore()
	p.Open(store)
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Together"})
	p.Handle(ViewAssessment, Event{Pointer: "/answers/sg1", Widget: "likert", Value: "4", Checked: true})
	p.Handle(ViewAssessment, Event{Pointer: "/respondent/role", Value: "governor"})
	assert.Empty(t, p.Save(), "a save that works shows nothing")
	_, ok := store.m[KeyFramework]
	assert.False(t, ok, "the built-in framework is not saved")
	assert.True(t, strings.HasPrefix(store.m[KeyMOU], `{"rev":1,"document":{`), store.m[KeyMOU])
	again := newPage(t)
	again.Open(store)
	assert.Equal(t, p.payload(KeyMOU), again.payload(KeyMOU))
	assert.Equal(t, p.payload(KeyAssessment), again.payload(KeyAssessment))
	assert.Contains(t, again.HTML(), `value="governor"`)
	name, _ := again.Export(ViewMOU)
	assert.Equal(t, "mou.json", name)
	writes := store.writes
	again.Save()
	assert.Equal(t, writes, store.writes, "nothing changed, nothing is written")
}
