package api

import (
	"bytes"
	"errors"
	"html/template"
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

// regListing serves GET /v1/partnerships/{partnership}/listing.
func (h *handler) regListing(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	l, err := h.reg.PartnershipListing(r.Context(), p, id)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, l)
}

// regPublishListing serves POST /v1/partnerships/{partnership}/listing: the
// body is a listing document.
func (h *handler) regPublishListing(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	if _, err := h.reg.GetPartnership(r.Context(), p, id); err != nil {
		h.regFail(w, r, err)
		return
	}
	doc, prob := h.readRaw(r)
	if prob != nil {
		h.problem(w, r, prob)
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

// regWithdrawListing serves POST /v1/partnerships/{partnership}/listing/withdraw.
func (h *handler) regWithdrawListing(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	l, err := h.reg.WithdrawListing(r.Context(), p, id)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
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

var directoryTemplates = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title><link rel="stylesheet" href="/directory.css"></head>
<body><header><p><a href="/directory">Directory of partnerships</a></p></header><main>
{{if .Gone}}<h1>Not in the directory</h1>
<p>This partnership is not listed now: its coordinator may have withdrawn it. <a href="/directory">Search the directory</a> for others.</p>
{{else if .Listing}}{{with .Listing}}<h1>{{.Name}}</h1>
<p>{{.Summary}}</p>
<dl><dt>Model</dt><dd>{{.Model}}</dd>{{if .Stage}}<dt>Stage</dt><dd>{{.Stage}}</dd>{{end}}
{{if .FocusAreas}}<dt>Focus areas</dt><dd>{{range $i, $f := .FocusAreas}}{{if $i}}, {{end}}{{$f}}{{end}}</dd>{{end}}
{{if .Band}}<dt>Latest review</dt><dd>{{.Band}}</dd>{{end}}
{{if .Contact}}<dt>Get in touch</dt><dd><a href="mailto:{{.Contact}}">{{.Contact}}</a></dd>{{end}}</dl>
<h2>Partners</h2><ul class="partners">{{range .Partners}}<li>{{.Name}} <span class="meta">({{.Type}}{{if .Sector}}, {{.Sector}}{{end}}{{if .Phase}}, {{.Phase}}{{end}}{{if .Area}}, {{.Area}}{{end}})</span></li>{{end}}</ul>
{{end}}{{else}}<h1>Directory of partnerships</h1>
<p>Schools and their partners who have chosen to be listed. Search by what they work on, who they are and where.</p>
<form method="get" action="/directory" role="search">
<label for="q">Words in the name or summary</label><input id="q" name="q" type="search" value="{{.Query.Text}}">
<label for="focus">Focus area</label><select id="focus" name="focus"><option value="">Any</option>{{range .Focus}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<label for="type">Type of partner</label><select id="type" name="type"><option value="">Any</option>{{range .Types}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<label for="sector">Sector</label><select id="sector" name="sector"><option value="">Any</option>{{range .Sectors}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<label for="phase">Phase</label><select id="phase" name="phase"><option value="">Any</option>{{range .Phases}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<label for="stage">Stage</label><select id="stage" name="stage"><option value="">Any</option>{{range .Stages}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<label for="area">Area</label><input id="area" name="area" value="{{.Area}}">
<button type="submit">Search</button></form>
<h2 id="results">{{.Page.Total}} {{if eq .Page.Total 1}}partnership{{else}}partnerships{{end}}</h2>
{{range .Page.Listings}}<article class="listing"><h3><a href="/directory/{{.ID}}">{{.Name}}</a></h3><p>{{.Summary}}</p>
<p class="meta">{{.Model}}{{if .Stage}} · {{.Stage}}{{end}}{{range .FocusAreas}} · {{.}}{{end}}</p></article>{{end}}
{{if .Next}}<p><a href="{{.Next}}">Next page</a></p>{{end}}{{end}}
</main></body></html>`))

type option struct {
	Value, Label string
	Selected     bool
}

func options(selected []string, values ...string) []option {
	var os []option
	for _, v := range values {
		os = append(os, option{Value: v, Label: strings.ReplaceAll(v, "-", " "), Selected: len(selected) > 0 && selected[0] == v})
	}
	return os
}

// directoryPage serves /directory, the search page, and /directory/{id},
// a listing's own page: plain HTML, no script, that reads only what
// coordinators published.
func (h *handler) directoryPage(w http.ResponseWriter, r *http.Request, arg string) {
	if h.reg == nil {
		h.problem(w, r, newProblem(ProblemNotFound, "This server keeps no register, so it has no directory."))
		return
	}
	data := map[string]any{"Title": "Directory of partnerships"}
	status := http.StatusOK
	if arg != "" {
		id, err := uuid.Parse(arg)
		var l register.Listing
		if err == nil {
			l, err = h.reg.Listing(r.Context(), id)
		}
		if err != nil {
			if !errors.Is(err, register.ErrNotFound) && h.log != nil {
				h.log.Error("partnerkit api: directory", "path", r.URL.Path, "error", err)
			}
			// A page, not a problem: people follow these links.
			data["Title"], data["Gone"], status = "Not in the directory", true, http.StatusNotFound
		} else {
			data["Title"], data["Listing"] = l.Name+" · Directory of partnerships", l
		}
	} else {
		v := r.URL.Query()
		q := directoryQuery(v)
		page, err := h.reg.SearchListings(r.Context(), q)
		if err != nil {
			h.regFail(w, r, err)
			return
		}
		data["Query"], data["Page"], data["Area"] = q, page, v.Get("area")
		data["Focus"] = options(v["focus"], "teaching", "curriculum", "leadership", "targeted-support", "academy-sponsorship", "cpd", "transition", "facilities", "enrichment", "community")
		data["Types"] = options(v["type"], "school", "college", "university", "charity", "local-authority", "business", "other")
		data["Sectors"] = options(v["sector"], "state", "independent")
		data["Phases"] = options(v["phase"], "nursery", "primary", "secondary", "all-through", "special", "sixth-form", "further-education")
		data["Stages"] = options(v["stage"], "build", "embed", "sustain")
		if page.Page*page.PageSize < page.Total {
			v.Set("page", strconv.Itoa(page.Page+1))
			data["Next"] = "/directory?" + v.Encode()
		}
	}
	var buf bytes.Buffer
	if err := directoryTemplates.Execute(&buf, data); err != nil {
		h.regFail(w, r, err)
		return
	}
	w.Header().Set("Content-Security-Policy", directoryPolicy)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
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
