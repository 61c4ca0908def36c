package build

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
	"github.com/partnerkit/partnerkit/wasm/internal/prerender"
)

// The places in web/index.html that Index fills.
const (
	appTag  = `<div id="app"></div>`
	bootTag = `<script src="boot.js"></script>`
)

// Index returns the page's index.html with its first view pre-rendered:
// the page of an empty first visit, rendered here with the code the
// WebAssembly runs (package prerender), in the #app element of
// web/index.html. Its boot.js tag names the localStorage keys that mean
// an earlier visit saved something and the register links' prefixes
// (there, boot.js shows "Loading the forms…" instead of the
// pre-render), and the views, the pre-rendered one first. All but the
// first screen of each view is held back as text (prerender.Later), so
// that the browser paints the first screen sooner; boot.js puts it
// back.
func Index(template []byte) ([]byte, error) {
	page, err := prerender.Render()
	if err != nil {
		return nil, fmt.Errorf("build: pre-rendering the page: %w", err)
	}
	if bytes.Count(template, []byte(appTag)) != 1 || bytes.Count(template, []byte(bootTag)) != 1 {
		return nil, errors.New("build: index.html should have one " + appTag + " and one " + bootTag)
	}
	var saved []string
	for _, k := range []string{app.KeyAssessment, app.KeyMOU} {
		saved = append(saved, k, k+app.KeyUnreadable)
	}
	saved = append(saved, app.KeyFramework)
	var links []string
	for _, k := range []string{app.LinkRespond, app.LinkCoordinate, app.LinkAdmin} {
		links = append(links, k+"/")
	}
	views := strings.Join([]string{app.ViewAssessment, app.ViewMOU, app.ViewPreview}, " ")
	boot := `<script src="boot.js" data-saved="` + strings.Join(saved, " ") + `" data-links="` + strings.Join(links, " ") + `" data-views="` + views + `"></script>`
	root := `<div id="app" ` + prerender.Attr + `="` + prerender.Hash(page.Shell) + `">` + "\n" + prerender.Later(page.HTML) + `</div>`
	out := bytes.Replace(template, []byte(bootTag), []byte(boot), 1)
	return bytes.Replace(out, []byte(appTag), []byte(root), 1), nil
}
