package prerender

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
)

// TestRenderIsStable proves a render depends on nothing but the sources:
// two renders are the same, byte for byte, so its hashes can be
// compared with the WebAssembly's.
func TestRenderIsStable(t *testing.T) {
	a, err := Render()
	require.NoError(t, err)
	b, err := Render()
	require.NoError(t, err)
	assert.Equal(t, a.HTML, b.HTML)
}

// TestRenderIsTheFirstView proves the pre-render is what the page
// renders for an empty first visit: the shell is app.Page.HTML, and
// each part is what Finish and the preview put in its element.
func TestRenderIsTheFirstView(t *testing.T) {
	got, err := Render()
	require.NoError(t, err)
	p, err := app.New()
	require.NoError(t, err)
	p.Open(emptyStore{})
	assert.Equal(t, p.HTML(), got.Shell)
	fin := p.Finish()
	require.Len(t, fin, 1)
	assert.Equal(t, "mou-body", fin[0].ID)
	// The MOU's id is made for each visit, once in the form, never in the
	// preview: the pre-render leaves it empty.
	fresh := Fresh(p)
	require.Len(t, fresh, 1)
	assert.Equal(t, 1, strings.Count(fin[0].HTML, fresh["/id"]))
	assert.Equal(t, strings.Replace(fin[0].HTML, `value="`+fresh["/id"]+`"`, `value=""`, 1), got.Parts["mou-body"])
	assert.Equal(t, p.MOU().Preview(), got.Parts["preview-body"])
	// The parts, taken out again, leave the shell.
	html := got.HTML
	for id, part := range got.Parts {
		marked := ` id="` + id + `" ` + Attr + `="` + Hash(part) + `">`
		require.Contains(t, html, marked+part)
		html = strings.Replace(html, marked+part, ` id="`+id+`">`, 1)
	}
	assert.Equal(t, got.Shell, html)
	// The form is there: the health check's questions and the MOU's
	// mission statement, fillable.
	assert.Contains(t, got.HTML, `id="mou__missionStatement"`)
	assert.Contains(t, got.HTML, `<textarea`)
}

func TestFill(t *testing.T) {
	for _, tc := range []struct {
		name, html, id, want, err string
	}{
		{"empty element", `<div id="a"></div>`, "a", `<div id="a" data-pk-pre="` + Hash("x") + `">x</div>`, ""},
		{"with attributes", `<div id="a" class="c"></div>`, "a", `<div id="a" data-pk-pre="` + Hash("x") + `" class="c">x</div>`, ""},
		{"missing", `<div id="b"></div>`, "a", "", "not one element #a"},
		{"twice", `<div id="a"></div><div id="a"></div>`, "a", "", "not one element #a"},
		{"not empty", `<div id="a">y</div>`, "a", "", "#a is not empty"},
		{"open tag", `<div id="a"`, "a", "", "does not end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := fill(tc.html, tc.id, "x")
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestHash(t *testing.T) {
	assert.Equal(t, "cbf29ce484222325", Hash(""))
	assert.Equal(t, "af63dc4c8601ec8c", Hash("a"))
	assert.NotEqual(t, Hash("ab"), Hash("ba"))
}
