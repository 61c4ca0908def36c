package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// programmeAnswer is a programme view as the server answers it.
const programmeAnswer = `{"total": 2, "generatedAt": "2026-12-01T12:00:00Z", "rows": [
 {"id": "p1", "name": "Zoë <b>Trust</b>", "model": "hub-and-spoke", "stage": "build", "kind": "mou",
  "partners": [{"name": "Bay Primary", "type": "school", "sector": "state", "phase": "primary"}],
  "mou": {"valid": false, "errors": 2, "warnings": 1, "signed": 0, "partners": 1},
  "latestRound": {"title": "Autumn", "opens": "2026-11-01T00:00:00Z", "responses": 3, "overall": 20.5, "band": "Needs focus"},
  "indicators": {"met": 1, "onTrack": 0, "atRisk": 0, "offTrack": 1, "noData": 0},
  "attention": ["dimension.concern", "mou.invalid"]}],
 "rollUp": [{"framework": "f", "dimension": "d", "title": "Vision", "bands": ["Needs focus", "Strong"],
  "lowest": [{"id": "p1", "name": "Zoë <b>Trust</b>", "mean": 20.5}], "svg": "<svg role=\"img\" aria-label=\"Vision\"></svg>"}]}`

// TestProgrammePageQueries drives the programme page as the runtime does:
// each filter, the search and the sort ask the server again with the
// page's token, answers to older queries are dropped, names are escaped,
// and a download comes back once.
func TestProgrammePageQueries(t *testing.T) {
	q := &queue{}
	p := NewProgramme("pkt_admin", q)
	html := p.HTML()
	assert.Contains(t, html, `id="programme-body"`)
	require.Len(t, q.reqs, 1)
	assert.Equal(t, Request{ID: 1, Method: "GET", Path: "/v1/programme", Token: "pkt_admin"}, q.reqs[0])

	out := p.Received(Response{ID: 1, Status: 200, Body: []byte(programmeAnswer)})
	controls, body := innerOf(out, "programme-controls"), innerOf(out, "programme-body")
	assert.Contains(t, controls, `<option value="dimension.concern">A dimension in the lowest band</option>`)
	assert.Contains(t, controls, `<option value="Needs focus">Needs focus</option>`, "the band filter offers the frameworks' bands")
	assert.Contains(t, body, "Zoë &lt;b&gt;Trust&lt;/b&gt;")
	assert.NotContains(t, body, "<b>Trust")
	assert.Contains(t, body, "Showing 1 of 2 partnerships")
	assert.Contains(t, body, `data-codes="dimension.concern mou.invalid"`)
	assert.Contains(t, body, `<svg role="img" aria-label="Vision"></svg>`)

	p.Handle(Event{Pointer: "/stage", Value: "build"})
	p.Handle(Event{Pointer: "/search", Value: "zoë"})
	p.Handle(Event{Pointer: "/sort", Action: "column", Value: "score"})
	p.Handle(Event{Pointer: "/sort", Action: "column", Value: "score"}) // again: reversed
	assert.Nil(t, p.Handle(Event{Pointer: "/sort", Value: "colour"}), "an unknown sort is ignored")
	assert.Nil(t, p.Handle(Event{Pointer: "/elsewhere", Value: "x"}))
	require.Len(t, q.reqs, 5)
	assert.Equal(t, "/v1/programme?desc=true&search=zo%C3%AB&sort=score&stage=build", q.reqs[4].Path)
	assert.Nil(t, p.Received(Response{ID: 2, Status: 200, Body: []byte(`{"rows": [], "total": 9}`)}), "an older query's answer is dropped")
	out = p.Received(Response{ID: 5, Status: 200, Body: []byte(programmeAnswer)})
	assert.Contains(t, innerOf(out, "programme-body"), `aria-sort="descending"`)
	assert.Contains(t, outerOf(out, "programme-sort-controls"), `<option value="score" selected>`, "the sort control follows the column")

	// Downloads carry the same query, and the token in its header.
	p.Download("csv")
	last := q.reqs[len(q.reqs)-1]
	assert.Equal(t, "/v1/programme?desc=true&format=csv&search=zo%C3%AB&sort=score&stage=build", last.Path)
	assert.Equal(t, "pkt_admin", last.Token)
	_, _, _, ok := p.Downloaded()
	assert.False(t, ok, "nothing before the answer")
	p.Received(Response{ID: last.ID, Status: 200, Body: []byte("id,name\n")})
	name, mime, data, ok := p.Downloaded()
	require.True(t, ok)
	assert.Equal(t, "programme.csv", name)
	assert.Equal(t, "text/csv", mime)
	assert.Equal(t, "\ufeffid,name\n", string(data), "the byte order mark the browser's fetch took off")
	_, _, _, ok = p.Downloaded()
	assert.False(t, ok, "once")
	assert.Nil(t, p.Download("xlsx"))
}

// TestProgrammePageRefused shows what a link that is not an
// administrator's gets: a message, no table.
func TestProgrammePageRefused(t *testing.T) {
	for status, want := range map[int]string{401: "does not work", 403: "not an administrator", 0: "could not be reached", 500: "(500)"} {
		q := &queue{}
		p := NewProgramme("pkt_x", q)
		p.HTML()
		body := innerOf(p.Received(Response{ID: 1, Status: status}), "programme-body")
		assert.Contains(t, body, want, "status %d", status)
		assert.NotContains(t, body, "programme-table", "status %d", status)
	}
	q := &queue{}
	p := NewProgramme("pkt_x", q)
	p.HTML()
	assert.Contains(t, innerOf(p.Received(Response{ID: 1, Status: 200, Body: []byte("[")}), "programme-body"), "cannot read")
}

func outerOf(ps []Patch, id string) string {
	html := ""
	for _, p := range ps {
		if p.ID == id && p.Op == OpOuter {
			html = p.HTML
		}
	}
	return html
}
