package app

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The preview shows the Theory of Change as a diagram beside its tables,
// named for assistive technology, with its ids unique on the page.
func TestPreviewShowsTheTheoryOfChangeDiagram(t *testing.T) {
	p := newPage(t)
	data, err := os.ReadFile("../../../examples/data/mou-theory-of-change.json")
	require.NoError(t, err)
	p.Import(ViewMOU, "", data)
	body, ok := find(p.Show(ViewPreview), OpInner, "preview-body")
	require.True(t, ok)
	assert.Contains(t, body.HTML, `<figure class="mou-toc-figure"><svg xmlns="http://www.w3.org/2000/svg" class="mou-toc-diagram" id="mou-toc"`)
	assert.Contains(t, body.HTML, `aria-labelledby="mou-toc-title"`)
	assert.Equal(t, 8, strings.Count(body.HTML, `marker-end="url(#mou-toc-arrow)"`))
	page := p.HTML() + body.HTML
	for _, id := range []string{"mou-toc", "mou-toc-title", "mou-toc-desc", "mou-toc-arrow"} {
		assert.Equal(t, 1, strings.Count(page, `id="`+id+`"`), id)
	}

	// Without a Theory of Change there is no diagram.
	p = newPage(t)
	data, err = os.ReadFile(contractMOU)
	require.NoError(t, err)
	p.Import(ViewMOU, "", data)
	body, ok = find(p.Show(ViewPreview), OpInner, "preview-body")
	require.True(t, ok)
	assert.NotContains(t, body.HTML, "<svg")
}
