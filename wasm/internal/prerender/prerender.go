package prerender

import (
	"errors"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
)

// Attr is the attribute that marks a pre-rendered part of the page with
// the Hash of the HTML it was rendered from.
const Attr = "data-pk-pre"

// Hash is the value of Attr for a part rendered from html: 64-bit
// FNV-1a, in hexadecimal. It tells the WebAssembly whether it would
// render the same, not a secret.
func Hash(html string) string {
	h := fnv.New64a()
	h.Write([]byte(html))
	return strconv.FormatUint(h.Sum64(), 16)
}

// Fresh returns the values a page makes anew for each visit, by the
// JSON Pointer of their field in the MOU builder: the MOU's id, a UUID.
// A pre-render leaves them empty (every visitor would get the same id
// otherwise), and the WebAssembly puts its own in when it takes over.
func Fresh(p *app.Page) map[string]string {
	doc, _ := p.MOU().Form().Value().(map[string]any)
	id, _ := doc["id"].(string)
	if id == "" {
		return nil
	}
	return map[string]string{"/id": id}
}

// Blank is html with the page's Fresh values left out, as a pre-render
// has them.
func Blank(p *app.Page, html string) string {
	for _, v := range Fresh(p) {
		html = strings.ReplaceAll(html, v, "")
	}
	return html
}

// Page is the first view, rendered.
type Page struct {
	// Shell is app.Page.HTML for an empty first visit; Hash(Shell) is
	// the root's Attr.
	Shell string
	// HTML is Shell with each body filled in, each marked with Attr.
	HTML string
	// Parts are the bodies filled in, by element id.
	Parts map[string]string
}

// emptyStore is the localStorage of a first visit: it holds nothing.
// Open only reads it; the page is never saved here.
type emptyStore struct{}

func (emptyStore) Get(string) (string, bool) { return "", false }
func (emptyStore) Set(string, string) error  { return errors.New("prerender: nothing is saved") }
func (emptyStore) Remove(string) error       { return nil }

// Render renders the page of an empty first visit, as the WebAssembly
// does in a browser that lets it use localStorage.
func Render() (Page, error) {
	p, err := app.New()
	if err != nil {
		return Page{}, err
	}
	p.Open(emptyStore{})
	shell := p.HTML()
	out := Page{Shell: shell, Parts: map[string]string{}}
	for _, patch := range p.Finish() {
		if patch.Op != app.OpInner {
			return Page{}, errors.New("prerender: the first view's finish does " + string(patch.Op) + " to #" + patch.ID + ", which a pre-render cannot show")
		}
		out.Parts[patch.ID] = Blank(p, patch.HTML)
	}
	out.Parts["preview-body"] = Blank(p, p.MOU().Preview())
	html := shell
	for id, part := range out.Parts {
		if html, err = fill(html, id, part); err != nil {
			return Page{}, err
		}
	}
	out.HTML = html
	return out, nil
}

// fill puts part into the element of html whose id is id, which must be
// empty, and marks it with Attr.
func fill(html, id, part string) (string, error) {
	open := ` id="` + id + `"`
	i := strings.Index(html, open)
	if i < 0 || strings.Contains(html[i+len(open):], open) {
		return "", errors.New("prerender: the page has not one element #" + id + " to fill")
	}
	i += len(open)
	end := strings.IndexByte(html[i:], '>')
	if end < 0 {
		return "", errors.New("prerender: #" + id + "'s tag does not end")
	}
	at := i + end + 1
	if !strings.HasPrefix(html[at:], "</") {
		return "", errors.New("prerender: #" + id + " is not empty on the page")
	}
	return html[:i] + ` ` + Attr + `="` + Hash(part) + `"` + html[i:at] + part + html[at:], nil
}
