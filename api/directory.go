package api

import (
	"errors"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/register"
)

// directoryQuery reads a directory search from a URL's query: q (free
// text), focus, type, sector, phase, area, stage and model (each may be
// repeated: any value matches), page and pageSize.
func directoryQuery(v url.Values) register.DirectoryQuery {
	num := func(k string) int {
		n, _ := strconv.Atoi(v.Get(k))
		return min(max(n, 0), 1_000_000)
	}
	return register.DirectoryQuery{Text: v.Get("q"), FocusAreas: v["focus"], Types: v["type"], Sectors: v["sector"],
		Phases: v["phase"], Areas: v["area"], Stages: v["stage"], Models: v["model"], Page: num("page"), PageSize: num("pageSize")}
}

// directory serves GET /v1/directory: a search of the published listings.
// No token is needed.
func (h *handler) directory(w http.ResponseWriter, r *http.Request, _ string) {
	if h.reg == nil {
		h.problem(w, r, newProblem(ProblemNotFound, "This server keeps no register, so it has no directory."))
		return
	}
	page, err := h.reg.SearchListings(r.Context(), directoryQuery(r.URL.Query()))
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, page)
}

// directoryListing serves GET /v1/directory/{id}: one published listing.
func (h *handler) directoryListing(w http.ResponseWriter, r *http.Request, arg string) {
	if h.reg == nil {
		h.problem(w, r, newProblem(ProblemNotFound, "This server keeps no register, so it has no directory."))
		return
	}
	id, ok := h.id(w, r, arg)
	if !ok {
		return
	}
	l, err := h.reg.Listing(r.Context(), id)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, l)
}

// regPublishListing serves POST /v1/partnerships/{partnership}/listing: the
// body is a listing document.
func (h *handler) regPublishListing(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, doc, ok := h.partnershipBody(w, r, p, ids[0])
	if !ok {
		return
	}
	l, err := h.reg.PublishListing(r.Context(), p, id, doc)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/directory/"+l.ID.String())
	h.ok(w, r, http.StatusOK, l)
}

// directoryPolicy is the directory pages' Content-Security-Policy: the
// API's, with no script at all and the search form allowed to submit to
// this server.
const directoryPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"

// directoryCSS is the directory pages' stylesheet, at /directory.css.
const directoryCSS = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
a{color:#0b4f6c}label{display:block;margin-top:.5rem;font-weight:600}input,select{font:inherit;padding:.25rem;min-width:14rem}
button{font:inherit;margin-top:.75rem;padding:.35rem 1rem}.listing{border-top:1px solid #767676;padding:.5rem 0}
.meta{color:#4a4a4a}ul.partners{padding-left:1.25rem}`

// facetOptions are the directory's search choices, as the listing
// schema names them.
var facetOptions = []struct {
	id, label string
	values    []string
}{
	{"focus", "Focus area", []string{"teaching", "curriculum", "leadership", "targeted-support", "academy-sponsorship", "cpd", "transition", "facilities", "enrichment", "community"}},
	{"type", "Type of partner", []string{"school", "college", "university", "charity", "local-authority", "business", "other"}},
	{"sector", "Sector", []string{"state", "independent"}},
	{"phase", "Phase", []string{"nursery", "primary", "secondary", "all-through", "special", "sixth-form", "further-education"}},
	{"stage", "Stage", []string{"build", "embed", "sustain"}},
}

// page writes HTML; every value goes through text, which escapes it. The
// package leaves html/template out: in the worker's WebAssembly it would
// cost megabytes.
type page struct{ strings.Builder }

func (p *page) raw(s string)  { p.WriteString(s) }
func (p *page) text(s string) { p.WriteString(html.EscapeString(s)) }

func (p *page) start(title string) {
	p.raw("<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	p.text(title)
	p.raw("</title><link rel=\"stylesheet\" href=\"/directory.css\"></head>\n<body><header><p><a href=\"/directory\">Directory of partnerships</a></p></header><main>\n")
}

func (p *page) end() { p.raw("</main></body></html>\n") }

func words(s string) string { return strings.ReplaceAll(s, "-", " ") }

// item writes a <dt> and its <dd>, escaped, if the value is not empty.
func (p *page) item(term, value string) {
	if value != "" {
		p.raw("<dt>" + term + "</dt><dd>")
		p.text(value)
		p.raw("</dd>")
	}
}

func (p *page) listing(l register.Listing) {
	p.raw("<h1>")
	p.text(l.Name)
	p.raw("</h1>\n<p>")
	p.text(l.Summary)
	p.raw("</p>\n<dl>")
	p.item("Model", words(string(l.Model)))
	p.item("Stage", string(l.Stage))
	var fs []string
	for _, f := range l.FocusAreas {
		fs = append(fs, words(string(f)))
	}
	p.item("Focus areas", strings.Join(fs, ", "))
	p.item("Latest review", l.Band)
	if l.Contact != "" {
		p.raw(`<dt>Get in touch</dt><dd><a href="mailto:`)
		p.text(l.Contact)
		p.raw(`">`)
		p.text(l.Contact)
		p.raw("</a></dd>")
	}
	p.raw("</dl>\n<h2>Partners</h2><ul class=\"partners\">")
	for _, pt := range l.Partners {
		p.raw("<li>")
		p.text(pt.Name)
		meta := []string{words(string(pt.Type))}
		for _, m := range []string{string(pt.Sector), words(string(pt.Phase)), pt.Area} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		p.raw(` <span class="meta">(`)
		p.text(strings.Join(meta, ", "))
		p.raw(")</span></li>")
	}
	p.raw("</ul>\n")
}

func (p *page) search(v url.Values, res register.DirectoryPage) {
	p.raw(`<h1>Directory of partnerships</h1>
<p>Schools and their partners who have chosen to be listed. Search by what they work on, who they are and where.</p>
<form method="get" action="/directory" role="search">
<label for="q">Words in the name or summary</label><input id="q" name="q" type="search" value="`)
	p.text(v.Get("q"))
	p.raw("\">\n")
	for _, f := range facetOptions {
		p.raw(`<label for="` + f.id + `">` + f.label + `</label><select id="` + f.id + `" name="` + f.id + `"><option value="">Any</option>`)
		for _, o := range f.values {
			sel := ""
			if v.Get(f.id) == o {
				sel = " selected"
			}
			p.raw(`<option value="` + o + `"` + sel + `>` + words(o) + `</option>`)
		}
		p.raw("</select>\n")
	}
	p.raw(`<label for="area">Area</label><input id="area" name="area" value="`)
	p.text(v.Get("area"))
	p.raw("\">\n<button type=\"submit\">Search</button></form>\n")
	noun := "partnerships"
	if res.Total == 1 {
		noun = "partnership"
	}
	p.raw(`<h2 id="results">` + strconv.Itoa(res.Total) + " " + noun + "</h2>\n")
	for _, l := range res.Listings {
		p.raw(`<article class="listing"><h3><a href="/directory/` + l.ID.String() + `">`)
		p.text(l.Name)
		p.raw("</a></h3><p>")
		p.text(l.Summary)
		meta := []string{words(string(l.Model))}
		if l.Stage != "" {
			meta = append(meta, string(l.Stage))
		}
		for _, f := range l.FocusAreas {
			meta = append(meta, words(string(f)))
		}
		p.raw(`</p><p class="meta">`)
		p.text(strings.Join(meta, " · "))
		p.raw("</p></article>\n")
	}
	if res.Page*res.PageSize < res.Total {
		v.Set("page", strconv.Itoa(res.Page+1))
		p.raw(`<p><a href="/directory?`)
		p.text(v.Encode())
		p.raw("\">Next page</a></p>\n")
	}
}

// directoryPage serves /directory, the search page, and /directory/{id},
// a listing's own page: plain HTML, no script, that reads only what
// coordinators published.
func (h *handler) directoryPage(w http.ResponseWriter, r *http.Request, arg string) {
	if h.reg == nil {
		h.problem(w, r, newProblem(ProblemNotFound, "This server keeps no register, so it has no directory."))
		return
	}
	var p page
	status := http.StatusOK
	if arg != "" {
		l, err := register.Listing{}, register.ErrNotFound
		if id, perr := uuid.Parse(arg); perr == nil && len(arg) == 36 {
			l, err = h.reg.Listing(r.Context(), id)
		}
		switch {
		case err == nil:
			p.start(l.Name + " · Directory of partnerships")
			p.listing(l)
		case errors.Is(err, register.ErrNotFound):
			// A page, not a problem: people follow these links.
			status = http.StatusNotFound
			p.start("Not in the directory")
			p.raw("<h1>Not in the directory</h1>\n<p>This partnership is not listed now: its coordinator may have withdrawn it. <a href=\"/directory\">Search the directory</a> for others.</p>\n")
		default:
			h.regFail(w, r, err)
			return
		}
	} else {
		v := r.URL.Query()
		res, err := h.reg.SearchListings(r.Context(), directoryQuery(v))
		if err != nil {
			h.regFail(w, r, err)
			return
		}
		p.start("Directory of partnerships")
		p.search(v, res)
	}
	p.end()
	w.Header().Set("Content-Security-Policy", directoryPolicy)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, p.String())
	}
}

// directoryStyle serves /directory.css.
func (h *handler) directoryStyle(w http.ResponseWriter, r *http.Request, _ string) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, directoryCSS)
	}
}
