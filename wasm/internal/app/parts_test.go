package app

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var partRE = regexp.MustCompile(`data-part="([a-z]+)" data-done="(true|false)"`)

func doneParts(panel string) map[string]bool {
	out := map[string]bool{}
	for _, m := range partRE.FindAllStringSubmatch(panel, -1) {
		out[m[1]] = m[2] == "true"
	}
	return out
}

// The MOU builder shows the eight parts, each done or not, with a note on
// what to write; an edit brings them up to date.
func TestMOUParts(t *testing.T) {
	p := newPage(t)
	p.Show(ViewMOU)
	page := p.HTML()
	assert.Contains(t, page, `id="mou-parts"`)
	p.Finish()
	panel := Patch{HTML: p.MOU().parts}
	assert.Contains(t, panel.HTML, "0 of 8 parts done")
	assert.Equal(t, 8, strings.Count(panel.HTML, ">Not started<"), "a new MOU's parts are not started, not each a list of problems")
	parts := doneParts(panel.HTML)
	assert.Len(t, parts, 8)
	for id, done := range parts {
		assert.False(t, done, id)
	}
	assert.Contains(t, panel.HTML, "Say in a sentence or two why the partnership exists")
	assert.Equal(t, 8, strings.Count(panel.HTML, `class="pk-part-guidance"`))

	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	p.Import(ViewMOU, "mou.json", data)
	all := p.MOU().partsHTML()
	assert.Contains(t, all, "8 of 8 parts done")

	out := p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: ""})
	panel, ok := find(out, OpInner, "mou-parts")
	require.True(t, ok)
	assert.Contains(t, panel.HTML, "7 of 8 parts done")
	assert.False(t, doneParts(panel.HTML)["mission"])
	assert.Contains(t, panel.HTML, `href="#mou__missionStatement" data-focus="mou__missionStatement">Mission statement</a> <strong class="pk-part-state">Not started</strong>`)
	out = p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: "Science for all."})
	panel, _ = find(out, OpInner, "mou-parts")
	assert.Contains(t, panel.HTML, "8 of 8 parts done")
	_, again := find(p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: "Science for all!"}), OpInner, "mou-parts")
	assert.False(t, again, "no patch when nothing changed")

	// The partner picker offers only the MOU's partners, so a contribution
	// naming someone else arrives in an imported document.
	unknown := strings.Replace(string(data), `"partner": "uni-riverside", "amount": 2000`, `"partner": "nobody", "amount": 2000`, 1)
	require.NotEqual(t, string(data), unknown)
	p.Import(ViewMOU, "mou.json", []byte(unknown))
	p.ConfirmImport(ViewMOU)
	all = p.MOU().partsHTML()
	assert.Contains(t, all, `data-part="finance" data-done="false"`)
	assert.Contains(t, all, "1 problem to put right")
}
