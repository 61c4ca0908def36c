package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var codeRE = regexp.MustCompile(`data-code="([a-z.-]+)"`)

// codes lists the finding codes in some HTML.
func codes(html string) []string {
	var out []string
	for _, m := range codeRE.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// A new MOU opens with no list of problems, although it has 13; the
// parts panel still counts them.
func TestNewMOUShowsNoProblems(t *testing.T) {
	p := newPage(t)
	p.Show(ViewMOU)
	page := p.HTML()
	patches := p.Finish()
	require.Len(t, p.MOU().Report().Findings, 13, "a new MOU has 13 errors to show later")

	summary, ok := find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	assert.NotContains(t, summary.HTML, "There is a problem")
	assert.NotContains(t, summary.HTML, "No problems found", "there are problems, not shown yet")
	assert.Empty(t, codes(summary.HTML))
	assert.Contains(t, summary.HTML, `id="mou-check" data-action="check"`)
	assert.Contains(t, page, `id="mou-check-end" data-action="check"`, "a check button after the form too")
	for _, pt := range patches {
		if strings.HasSuffix(pt.ID, "-msg") {
			assert.Empty(t, codes(pt.HTML), "no finding beside %s", pt.ID)
		}
	}
	status, ok := find(patches, OpText, "mou-status")
	require.True(t, ok)
	assert.Empty(t, status.Value, "nothing to announce")
	assert.Contains(t, p.MOU().parts, "0 of 8 parts done")
}

// A field's problems show once the user has left it or changed it; the
// rest stay hidden until the user checks the MOU.
func TestVisitedFieldsShowTheirProblems(t *testing.T) {
	p := newPage(t)
	p.Show(ViewMOU)
	p.HTML()
	p.Finish()

	patches := p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Action: "visit"})
	slot, ok := find(patches, OpInner, "mou__missionStatement-msg")
	require.True(t, ok, "the field left empty shows its problem: %v", patches)
	assert.Equal(t, []string{"mission.missing"}, codes(slot.HTML))
	summary, ok := find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	assert.Contains(t, summary.HTML, "There is a problem")
	assert.Equal(t, []string{"mission.missing"}, codes(summary.HTML), "only the visited field's problem")
	assert.Contains(t, summary.HTML, `id="mou-check"`, "the others can still be shown")
	status, _ := find(patches, OpText, "mou-status")
	assert.Equal(t, "1 problem.", status.Value)
	assert.Empty(t, p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Action: "visit"}), "a second visit changes nothing")

	patches = p.Handle(ViewMOU, Event{Pointer: "/partnership/name", Value: "Riverside"})
	_, ok = find(patches, OpInner, "mou-summary")
	assert.False(t, ok, "a field put right before it was shown changes nothing shown")
	patches = p.Handle(ViewMOU, Event{Pointer: "/term/start", Widget: "date", Value: ""})
	summary, ok = find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	got := codes(summary.HTML)
	assert.ElementsMatch(t, []string{"schema", "mission.missing"}, got, "the start date joins the mission statement")
	assert.NotContains(t, got, "finance.missing")

	patches = p.Handle(ViewMOU, Event{Action: "check"})
	summary, ok = find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	got = codes(summary.HTML)
	assert.Len(t, got, len(p.MOU().Report().Findings), "every problem, once checked")
	assert.Contains(t, got, "finance.missing")
	assert.NotContains(t, summary.HTML, `id="mou-check"`, "nothing is left to show")
	slot, ok = find(patches, OpInner, "mou__finance-msg")
	require.True(t, ok)
	assert.Equal(t, []string{"finance.missing"}, codes(slot.HTML))
	assert.Equal(t, Patch{Op: OpFocus, ID: "mou-summary-errors"}, patches[len(patches)-1], "the summary takes the focus")

	p.Reset(ViewMOU)
	assert.Empty(t, codes(p.MOU().summary), "a new MOU starts with nothing shown again")
	assert.Empty(t, p.MOU().status)
}

// An imported MOU with something in it, or one restored from the last
// visit, shows all its problems at once.
func TestLoadedMOUShowsItsProblems(t *testing.T) {
	p := newPage(t)
	patches := p.Import(ViewMOU, "mou.json", []byte(`{"title": "Riverside and the university"}`))
	body, ok := find(patches, OpInner, "mou-body")
	require.True(t, ok)
	assert.Contains(t, body.HTML, "There is a problem")
	assert.Contains(t, codes(body.HTML), "mission.missing")
	assert.NotContains(t, body.HTML, `id="mou-check"`)
	p.Handle(ViewMOU, Event{Pointer: "/title", Action: "visit"})
	p.Handle(ViewMOU, Event{Action: "check"})
	require.NotNil(t, p.UndoImport(ViewMOU), "leaving a field or checking is not an edit: the import can still be undone")
	assert.Empty(t, codes(p.MOU().summary), "back to a new MOU, nothing shown")

	store := newMemStore()
	store.m[KeyMOU] = `{"title": "Riverside and the university"}`
	again := newPage(t)
	again.Open(store)
	again.Show(ViewMOU)
	again.HTML()
	again.Finish()
	assert.Contains(t, codes(again.MOU().summary), "finance.missing", "a restored draft shows its problems")

	fresh := newPage(t)
	fresh.Open(newMemStore())
	fresh.Show(ViewMOU)
	fresh.HTML()
	fresh.Finish()
	assert.Empty(t, codes(fresh.MOU().summary), "nothing saved: a new MOU")
}

// The MOU embedded opens with nothing shown, and submitting it shows
// every problem.
func TestEmbedShowsProblemsOnSubmit(t *testing.T) {
	e, err := NewEmbed(EmbedOptions{})
	require.NoError(t, err)
	e.HTML()
	e.Finish()
	assert.Empty(t, codes(e.builder.summary))
	assert.NotEmpty(t, state(t, e).Findings, "the embedding page is told every finding")
	patches := e.Submit()
	summary, ok := find(patches, OpInner, "mou-summary")
	require.True(t, ok)
	assert.Contains(t, codes(summary.HTML), "mission.missing")
	_, ok = find(patches, OpFocus, "mou-summary-errors")
	assert.True(t, ok)
}

// Leaving a question or its note in the health check keeps what was
// typed: a visit carries no value (the page sends one on every focusout).
func TestVisitKeepsTheQuestionnairesAnswers(t *testing.T) {
	p := newPage(t)
	p.Show(ViewAssessment)
	p.Finish()
	p.Handle(ViewAssessment, Event{Pointer: "/notes/sg1", Widget: "textarea", Value: "Agreed at the autumn meeting"})
	p.Handle(ViewAssessment, Event{Pointer: "/answers/sg1", Widget: "radio", Value: "4"})
	for _, ptr := range []string{"/notes/sg1", "/answers/sg1"} {
		assert.Empty(t, p.Handle(ViewAssessment, Event{Pointer: ptr, Action: "visit"}), "leaving %s changes nothing", ptr)
	}
	_, data := p.Export(ViewAssessment)
	assert.Contains(t, string(data), `"sg1": "Agreed at the autumn meeting"`)
	assert.Contains(t, string(data), `"sg1": 4`)
}
