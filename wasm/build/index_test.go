package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/wasm/internal/prerender"
	"github.com/partnerkit/partnerkit/wasm/web"
)

// TestIndexDrift proves that index.html's #app is the page of an empty
// first visit as package app renders it now (the WebAssembly's own
// code), each view's first screen shown and the rest held back
// (prerender.Later), with the root marked by the hash of app.Page.HTML: a change to
// the page's rendering changes the pre-render with it, never by hand.
// (The browser test TestPrerenderTakeover proves that the WebAssembly
// finds the same hash and keeps the pre-rendered page.)
func TestIndexDrift(t *testing.T) {
	template, err := fs.ReadFile(web.Files, IndexFile)
	require.NoError(t, err)
	got, err := Index(template)
	require.NoError(t, err)
	want, err := prerender.Render()
	require.NoError(t, err)

	html := string(got)
	root := `<div id="app" ` + prerender.Attr + `="` + prerender.Hash(want.Shell) + `">` + "\n"
	require.Contains(t, html, root+prerender.Later(want.HTML)+"</div>")
	assert.NotContains(t, html, `<div id="app"></div>`)
	// Everything but #app and the boot tag is web/index.html's.
	rest := strings.Replace(html, root+prerender.Later(want.HTML)+"</div>", appTag, 1)
	rest = regexp.MustCompile(`<script src="boot.js"[^>]*></script>`).ReplaceAllString(rest, bootTag)
	assert.Equal(t, string(template), rest)

	// boot.js is told the saved keys, the register links and the views.
	assert.Contains(t, html, `data-saved="partnerkit.assessment partnerkit.assessment.unreadable partnerkit.mou partnerkit.mou.unreadable partnerkit.framework"`)
	assert.Contains(t, html, `data-links="respond/ coordinate/ admin/"`)
	assert.Contains(t, html, `data-views="health-check mou preview"`)
	// The form, fillable, and the loading message outside it.
	assert.Contains(t, html, `id="mou__missionStatement"`)
	assert.Contains(t, html, `id="pk-loading"`)
	assert.Less(t, strings.Index(html, `src="boot.js"`), strings.Index(html, `src="main.js"`), "boot.js runs first")
	assert.NotContains(t, html, `src="boot.js" defer`, "boot.js runs before the body is painted")
}

func TestIndexBadTemplate(t *testing.T) {
	for name, template := range map[string]string{
		"no #app":        `<script src="boot.js"></script><div id="main"></div>`,
		"two #app":       `<script src="boot.js"></script><div id="app"></div><div id="app"></div>`,
		"no boot.js tag": `<div id="app"></div>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Index([]byte(template))
			require.ErrorContains(t, err, "index.html should have one")
		})
	}
}

// TestWriteWritesThePrerender writes the files for static hosting, as
// partnerkit-assets does: index.html is the pre-rendered page, the one
// served, and boot.js is beside it.
func TestWriteWritesThePrerender(t *testing.T) {
	o, _ := fakeBuild(t)
	dir := t.TempDir()
	names, err := o.write(dir)
	require.NoError(t, err)
	assert.Contains(t, names, "boot.js")
	assert.Contains(t, names, IndexFile)
	written, err := os.ReadFile(filepath.Join(dir, IndexFile))
	require.NoError(t, err)
	served, err := fs.ReadFile(o, IndexFile)
	require.NoError(t, err)
	assert.Equal(t, string(served), string(written))
	assert.Contains(t, string(written), `<div id="app" data-pk-pre="`)
}
