//go:build !(js && wasm)

package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// programmeAnswer is a programme view as the server answers it.
const programmeAnswer = `{"total": 2, "generatedAt": "2026-12-01T12:00:00Z", "rows": [
 {"id": "p1", "name": "Zoë <b>Trust</b>", "model": "hub-and-spoke", "stage": "build", "kind": "mou",
  "partners": [{"id": "bay", "name": "Bay Primary", "type": "school", "sector": "state", "phase": "primary"}],
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

// TestProgrammePageOpensARound fills in the round form as an
// administrator would: the partnership, two invitations, and the round
// is opened with the two calls the API documents; the links the server
// issues are shown, and the programme view is asked for again.
func TestProgrammePageOpensARound(t *testing.T) {
	q := &queue{}
	p := NewProgramme("pkt_admin", q)
	p.HTML()
	out := p.Received(Response{ID: 1, Status: 200, Body: []byte(programmeAnswer)})
	form := innerOf(out, "programme-round")
	assert.Contains(t, form, `<option value="p1">Zoë &lt;b&gt;Trust&lt;/b&gt;</option>`)
	assert.Contains(t, form, `value="partnership-health-check" selected`)

	out = p.Handle(Event{Pointer: "/round/partnership", Value: "p1"})
	assert.Contains(t, innerOf(out, "programme-round"), `<option value="bay">Bay Primary</option>`, "the partnership's partners")
	out, ok := p.Command("round-create", "")
	require.True(t, ok)
	assert.Contains(t, innerOf(out, "programme-round"), "Choose the partner of every invitation")
	require.Len(t, q.reqs, 1, "nothing is sent until the form is complete")

	p.Handle(Event{Pointer: "/round/title", Value: " Autumn review "})
	p.Handle(Event{Pointer: "/round/opens", Value: "2026-12-01"})
	p.Handle(Event{Pointer: "/round/closes", Value: "2026-11-30"})
	p.Handle(Event{Pointer: "/round/invitations/0/partner", Value: "bay"})
	p.Handle(Event{Pointer: "/round/invitations/0/label", Value: "Head teacher"})
	out, _ = p.Command("round-create", "")
	assert.Contains(t, innerOf(out, "programme-round"), "close on or after the day it opens")
	p.Handle(Event{Pointer: "/round/closes", Value: "2026-12-14"})
	p.Command("round-add", "")
	p.Handle(Event{Pointer: "/round/invitations/1/partner", Value: "bay"})
	p.Handle(Event{Pointer: "/round/invitations/1/review", Value: "peer"})
	p.Handle(Event{Pointer: "/round/invitations/1/shared", Checked: true})
	assert.Nil(t, p.Handle(Event{Pointer: "/round/invitations/7/partner", Value: "bay"}), "an invitation that is not there")
	p.Command("round-create", "")
	require.Len(t, q.reqs, 2)
	create := q.reqs[1]
	assert.Equal(t, "POST", create.Method)
	assert.Equal(t, "/v1/partnerships/p1/rounds", create.Path)
	assert.Equal(t, "pkt_admin", create.Token)
	assert.JSONEq(t, `{"title": "Autumn review", "framework": "partnership-health-check", "opens": "2026-12-01T00:00:00Z", "closes": "2026-12-14T23:59:59Z"}`, string(create.Body))

	p.Received(Response{ID: create.ID, Status: 201, Body: []byte(`{"id": "r1", "title": "Autumn review"}`)})
	require.Len(t, q.reqs, 3)
	invite := q.reqs[2]
	assert.Equal(t, "/v1/rounds/r1/invitations", invite.Path)
	assert.JSONEq(t, `{"invitations": [{"partner": "bay", "review": "self", "shared": false, "label": "Head teacher"}, {"partner": "bay", "review": "peer", "shared": true}]}`, string(invite.Body))

	out = p.Received(Response{ID: invite.ID, Status: 201, Body: []byte(`[{"partner": "bay", "review": "self", "label": "Head teacher", "link": "https://x.example/#respond/pkt_1"},
		{"partner": "bay", "review": "peer", "shared": true, "link": "https://x.example/#respond/pkt_2"}]`)})
	created := innerOf(out, "programme-round")
	assert.Contains(t, created, "Autumn review is open in Zoë &lt;b&gt;Trust&lt;/b&gt;")
	assert.Contains(t, created, `value="https://x.example/#respond/pkt_1"`)
	assert.Contains(t, created, "Bay Primary, peer review (a shared link)")
	require.Len(t, q.reqs, 4)
	assert.Equal(t, "/v1/programme", q.reqs[3].Path, "the table is asked for again")

	// A refusal is shown in the server's words.
	out, _ = p.Command("round-again", "")
	assert.Contains(t, innerOf(out, "programme-round"), "Choose a partnership")
	p.Handle(Event{Pointer: "/round/partnership", Value: "p1"})
	p.Handle(Event{Pointer: "/round/invitations/0/partner", Value: "bay"})
	p.Command("round-create", "")
	last := q.reqs[len(q.reqs)-1]
	out = p.Received(Response{ID: last.ID, Status: 422, Body: []byte(`{"type": "x", "title": "Invalid", "findings": [{"message": "The round must close after it opens."}]}`)})
	assert.Contains(t, innerOf(out, "programme-round"), "The round was not opened: The round must close after it opens.")
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
