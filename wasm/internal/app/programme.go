package app

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/wasm/internal/app/chart"
)

// ViewProgramme is the administrator's programme page's view.
const ViewProgramme = "programme"

// pathProgramme is the programme view's endpoint (administrators only).
const pathProgramme = "/v1/programme"

// Programme is the page an administrator's link (#admin/<token>) opens:
// the programme view as the server builds it (register.Programme), one
// row per partnership, with filters, sorting and a search by name that
// ask the server again, the roll-up of each dimension by stage, the
// partnerships in each dimension's lowest band, and the table as CSV or
// JSON to download. Every call carries the link's token: without an
// administrator's, the server answers nothing. A Programme is not safe
// for concurrent use.
type Programme struct {
	token    string
	client   Client
	nextID   int
	inflight map[int]string
	latest   int // the id of the latest view request: answers to older ones are dropped

	query    url.Values // search, model, stage, …, sort, desc
	view     *programmeView
	bands    []string // every band seen, lowest first, for the band filter
	problem  string
	mounted  bool
	controls bool   // the controls are on the page
	shown    string // the sort and order the sort controls show, as "key desc"
	body     string // the results' HTML, as on the page
	file     *programmeFile
	fileNote string

	known map[string]knownPartnership // every partnership seen, by id, for the round form
	form  roundForm
	round bool // the round form is on the page
}

// programmeFile is a download the runtime is to save.
type programmeFile struct {
	name, mime string
	data       []byte
}

// programmeView is the server's programme view (register.Programme).
type programmeView struct {
	Rows []struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Model    string `json:"model"`
		Stage    string `json:"stage"`
		Kind     string `json:"kind"`
		Partners []struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			Type   string `json:"type"`
			Sector string `json:"sector"`
			Phase  string `json:"phase"`
		} `json:"partners"`
		MOU struct {
			Valid    bool `json:"valid"`
			Errors   int  `json:"errors"`
			Warnings int  `json:"warnings"`
			Signed   int  `json:"signed"`
			Partners int  `json:"partners"`
		} `json:"mou"`
		Latest *struct {
			Title     string    `json:"title"`
			Opens     time.Time `json:"opens"`
			Responses int       `json:"responses"`
			Overall   *float64  `json:"overall"`
			Band      string    `json:"band"`
		} `json:"latestRound"`
		Indicators struct {
			Met      int `json:"met"`
			OnTrack  int `json:"onTrack"`
			AtRisk   int `json:"atRisk"`
			OffTrack int `json:"offTrack"`
			NoData   int `json:"noData"`
		} `json:"indicators"`
		Attention []string `json:"attention"`
	} `json:"rows"`
	Total  int `json:"total"`
	RollUp []struct {
		Framework string   `json:"framework"`
		Dimension string   `json:"dimension"`
		Title     string   `json:"title"`
		Bands     []string `json:"bands"`
		Lowest    []struct {
			ID   string  `json:"id"`
			Name string  `json:"name"`
			Mean float64 `json:"mean"`
		} `json:"lowest"`
		SVG string `json:"svg"`
	} `json:"rollUp"`
	GeneratedAt time.Time `json:"generatedAt"`
}

// programmeFilters are the page's filters: the query's name, the label,
// and the values to choose from with their words. The band filter's
// values come from the frameworks in use.
var programmeFilters = []struct {
	key, label string
	values     [][2]string
}{
	{"model", "Model", [][2]string{{"hub-and-spoke", "Hub and spoke"}, {"broad-area", "Broad area"}, {"formal-structure", "Formal structure"}}},
	{"stage", "Stage", [][2]string{{"build", "Build"}, {"embed", "Embed"}, {"sustain", "Sustain"}}},
	{"type", "Type of partner", [][2]string{{"school", "School"}, {"college", "College"}, {"university", "University"}, {"charity", "Charity"},
		{"local-authority", "Local authority"}, {"business", "Business"}, {"other", "Other"}}},
	{"sector", "Sector", [][2]string{{"state", "State"}, {"independent", "Independent"}}},
	{"valid", "MOU", [][2]string{{"true", "Valid"}, {"false", "Has errors"}}},
	{"band", "Latest band", nil},
	{"indicator", "Indicators", [][2]string{{"met", "Some met"}, {"on-track", "Some on track"}, {"at-risk", "Some at risk"}, {"off-track", "Some off track"}}},
	{"attention", "Needs attention", nil}, // attentionWords
}

// attentionWords say what each attention code means, in the order the
// filter offers them.
var attentionWords = [][2]string{
	{"mou.invalid", "The MOU has errors"},
	{"mou.unsigned", "Not every partner has signed"},
	{"round.none", "No review round yet"},
	{"round.few-responses", "Too few responses to show scores"},
	{"dimension.concern", "A dimension in the lowest band"},
	{"respondents.disagree", "Respondents disagree"},
	{"partners.imbalance", "One partner rates it far below another"},
	{"review.gap", "Self-review and peer review differ"},
	{"indicators.off-track", "An indicator is off track"},
	{"indicators.at-risk", "An indicator is at risk"},
}

// programmeSorts are the sort keys (register.ProgrammeSorts) with their
// words.
var programmeSorts = [][2]string{
	{"name", "Name"}, {"model", "Model"}, {"stage", "Stage"}, {"partners", "Number of partners"},
	{"errors", "MOU errors"}, {"warnings", "MOU warnings"}, {"signed", "Partners who signed"},
	{"score", "Latest score"}, {"date", "Latest round's date"}, {"responses", "Responses"},
	{"met", "Indicators met"}, {"on-track", "Indicators on track"}, {"at-risk", "Indicators at risk"},
	{"off-track", "Indicators off track"}, {"attention", "Things needing attention"},
}

// NewProgramme returns the programme page for the administrator's link
// that carries token.
func NewProgramme(token string, client Client) *Programme {
	return &Programme{token: token, client: client, inflight: map[int]string{}, query: url.Values{},
		known: map[string]knownPartnership{}, form: newRoundForm(time.Now())}
}

func (p *Programme) send(req Request, what string) int {
	p.nextID++
	req.ID, req.Token = p.nextID, p.token
	p.inflight[req.ID] = what
	p.client.Send(req)
	return req.ID
}

// path is the programme view's address with the page's query and format.
func (p *Programme) path(format string) string {
	v := url.Values{}
	for k, vs := range p.query {
		if len(vs) > 0 && vs[0] != "" {
			v.Set(k, vs[0])
		}
	}
	if format != "" {
		v.Set("format", format)
	}
	if len(v) == 0 {
		return pathProgramme
	}
	return pathProgramme + "?" + v.Encode()
}

func (p *Programme) ask() {
	p.latest = p.send(Request{Method: "GET", Path: p.path("")}, "view")
}

// HTML renders the page and asks the server for the programme view.
func (p *Programme) HTML() string {
	p.mounted = true
	var b strings.Builder
	b.WriteString(`<a class="pk-skip pk-no-print" href="#main" data-focus="main">Skip to main content</a>` + "\n")
	b.WriteString(`<header class="pk-header pk-no-print"><div class="pk-width"><p class="pk-brand">partnerkit</p></div></header>` + "\n")
	b.WriteString(`<main class="pk-width pk-report" id="main" tabindex="-1" data-view="` + ViewProgramme + `">` + "\n")
	b.WriteString(`<h1 class="pk-title" id="programme-title" tabindex="-1">The programme</h1>` + "\n")
	b.WriteString(`<div id="programme-controls"></div>` + "\n")
	p.body = p.bodyHTML()
	b.WriteString(`<div id="programme-body">` + p.body + "</div>\n")
	b.WriteString(`<section class="pk-report-section pk-no-print" id="programme-round" aria-labelledby="programme-round-title"></section>` + "\n</main>\n")
	p.ask()
	return b.String()
}

// Query returns the page's filters and sort as the server's query.
func (p *Programme) Query() url.Values { return p.query }

// Handle takes a change of a filter, the search, or the sort: a control
// whose pointer is /search, /model, /stage, /type, /sector, /valid,
// /band, /indicator, /attention, /sort or /desc (a checkbox), or a
// column's sort button (pointer /sort, the key as its value: choosing the
// column sorted already reverses it). The server is asked again.
//
// A pointer under /round/ is the round form's (see handleRound).
func (p *Programme) Handle(e Event) []Patch {
	if strings.HasPrefix(e.Pointer, "/round/") {
		return p.handleRound(e)
	}
	key := strings.TrimPrefix(e.Pointer, "/")
	switch key {
	case "search", "model", "stage", "type", "sector", "valid", "band", "indicator", "attention":
		if p.query.Get(key) == e.Value {
			return nil
		}
		p.query.Set(key, e.Value)
	case "sort":
		if !slices.ContainsFunc(programmeSorts, func(s [2]string) bool { return s[0] == e.Value }) {
			return nil
		}
		if e.Action == "column" {
			if p.sortKey() == e.Value {
				p.setDesc(p.query.Get("desc") != "true")
			} else {
				p.setDesc(false)
			}
		}
		p.query.Set("sort", e.Value)
	case "desc":
		p.setDesc(e.Checked)
	default:
		return nil
	}
	if key == "desc" || key == "sort" && e.Action != "column" {
		p.shown = p.sortState() // the control shows what the user chose
	}
	p.fileNote = ""
	p.ask()
	return []Patch{{Op: OpText, ID: "programme-status", Value: "Updating…"}}
}

func (p *Programme) setDesc(on bool) {
	if on {
		p.query.Set("desc", "true")
	} else {
		p.query.Del("desc")
	}
}

func (p *Programme) sortKey() string {
	if s := p.query.Get("sort"); s != "" {
		return s
	}
	return "name"
}

// Download asks the server for the table as shown (the same filters and
// sort), as CSV or JSON; once it comes, Downloaded hands it over.
func (p *Programme) Download(format string) []Patch {
	if format != "csv" && format != "json" {
		return nil
	}
	p.send(Request{Method: "GET", Path: p.path(format)}, "file:"+format)
	p.fileNote = "Preparing the " + strings.ToUpper(format) + " file…"
	return []Patch{{Op: OpText, ID: "programme-file", Value: p.fileNote}}
}

// Downloaded returns the file the server sent for Download, once, for
// the runtime to save.
func (p *Programme) Downloaded() (name, mime string, data []byte, ok bool) {
	f := p.file
	if f == nil {
		return "", "", nil, false
	}
	p.file = nil
	return f.name, f.mime, f.data, true
}

// Refresh asks the server for the programme view again.
func (p *Programme) Refresh() []Patch {
	p.ask()
	return []Patch{{Op: OpText, ID: "programme-status", Value: "Updating…"}}
}

// Received takes the server's answer to one of the page's requests.
func (p *Programme) Received(resp Response) []Patch {
	what, ok := p.inflight[resp.ID]
	if !ok {
		return nil
	}
	delete(p.inflight, resp.ID)
	if what == "round" || strings.HasPrefix(what, "invitations:") {
		return p.receivedRound(what, resp)
	}
	if format, isFile := strings.CutPrefix(what, "file:"); isFile {
		if resp.Status != 200 {
			p.fileNote = "The file could not be made: " + text.LowerFirst(adminError(resp))
			return []Patch{{Op: OpText, ID: "programme-file", Value: p.fileNote}}
		}
		mime, data := "application/json", resp.Body
		if format == "csv" {
			// The browser's fetch takes the byte order mark off as it
			// reads the text: put it back, for spreadsheets.
			mime, data = "text/csv", append([]byte("\ufeff"), bytes.TrimPrefix(data, []byte("\ufeff"))...)
		}
		p.file = &programmeFile{name: "programme." + format, mime: mime, data: data}
		p.fileNote = "Downloaded programme." + format + "."
		return []Patch{{Op: OpText, ID: "programme-file", Value: p.fileNote}}
	}
	if resp.ID != p.latest {
		return nil // a newer query is on its way
	}
	if resp.Status != 200 {
		p.problem = adminError(resp)
		return p.render()
	}
	var v programmeView
	if json.Unmarshal(resp.Body, &v) != nil {
		p.problem = "The programme’s server sent something this page cannot read. Try again later."
		return p.render()
	}
	p.problem, p.view = "", &v
	learned := p.learn(&v)
	for _, ru := range v.RollUp {
		for _, b := range ru.Bands {
			if !slices.Contains(p.bands, b) {
				p.bands = append(p.bands, b)
			}
		}
	}
	ps := p.render()
	if !p.round || learned && p.form.created == nil && !p.form.busy {
		// The round form offers every partnership seen.
		p.round = true
		ps = append(ps, Patch{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()})
	}
	return ps
}

// adminError says why the server refused an administrator's call.
func adminError(resp Response) string {
	switch resp.Status {
	case 0:
		return "The programme’s server could not be reached. Check your connection, then try again."
	case 401:
		return "This link does not work: it may have been withdrawn, or copied only in part. Ask the programme’s administrator for a new one."
	case 403:
		return "This link is not an administrator’s: only the programme’s administrators see the programme view."
	}
	if m := readProblem(resp.Body).message(); m != "" {
		return m
	}
	return "The programme’s server could not build the programme view (" + strconv.Itoa(resp.Status) + "). Try again later."
}

func (p *Programme) render() []Patch {
	if !p.mounted {
		return nil
	}
	var ps []Patch
	if !p.controls && p.view != nil {
		p.controls = true
		ps = append(ps, Patch{Op: OpInner, ID: "programme-controls", HTML: p.controlsHTML()})
	} else if p.controls && p.view != nil {
		// The band filter learns the bands of frameworks as they appear.
		ps = append(ps, Patch{Op: OpInner, ID: "programme-filter-band", HTML: p.options("band")})
		// A column's sort button changes the sort: the sort controls
		// follow.
		if p.shown != p.sortState() {
			ps = append(ps, Patch{Op: OpOuter, ID: "programme-sort-controls", HTML: p.sortControls()})
		}
	}
	if h := p.bodyHTML(); h != p.body {
		p.body = h
		ps = append(ps, Patch{Op: OpInner, ID: "programme-body", HTML: h})
	}
	return ps
}

// options renders a filter's options, the chosen one selected.
func (p *Programme) options(key string) string {
	esc := html.EscapeString
	var values [][2]string
	for _, f := range programmeFilters {
		if f.key == key {
			values = f.values
		}
	}
	switch key {
	case "band":
		for _, b := range p.bands {
			values = append(values, [2]string{b, b})
		}
	case "attention":
		values = attentionWords
	}
	var b strings.Builder
	b.WriteString(`<option value="">Any</option>`)
	for _, v := range values {
		sel := ""
		if p.query.Get(key) == v[0] {
			sel = " selected"
		}
		b.WriteString(`<option value="` + esc(v[0]) + `"` + sel + ">" + esc(v[1]) + "</option>")
	}
	return b.String()
}

// controlsHTML renders the search, the filters, the sort and the
// downloads: once, so that typing in the search keeps its focus.
func (p *Programme) controlsHTML() string {
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<form class="pk-toolbar pk-no-print" id="programme-form" role="search" aria-label="Find partnerships">` + "\n")
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-search">Search by name</label>` +
		`<input class="pk-input" type="search" id="programme-search" data-pointer="/search" autocomplete="off" value="` + esc(p.query.Get("search")) + `"></div>` + "\n")
	for _, f := range programmeFilters {
		b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-filter-` + f.key + `">` + esc(f.label) + `</label>` +
			`<select class="pk-select" id="programme-filter-` + f.key + `" data-pointer="/` + f.key + `">` + p.options(f.key) + "</select></div>\n")
	}
	b.WriteString(p.sortControls())
	b.WriteString(`<div class="pk-toolbar-buttons"><button type="button" class="pk-button pk-button-secondary" data-command="download" data-value="csv" id="programme-csv">Download CSV</button>` +
		`<button type="button" class="pk-button pk-button-secondary" data-command="download" data-value="json" id="programme-json">Download JSON</button>` +
		`<button type="button" class="pk-button pk-button-secondary" data-command="refresh">Update now</button></div>` + "\n")
	b.WriteString(`<p class="pk-hint" id="programme-file" role="status">` + esc(p.fileNote) + "</p>\n</form>\n")
	return b.String()
}

func (p *Programme) sortState() string { return p.sortKey() + " " + p.query.Get("desc") }

// sortControls renders the sort select and the order's checkbox.
func (p *Programme) sortControls() string {
	esc := html.EscapeString
	p.shown = p.sortState()
	var b strings.Builder
	b.WriteString(`<div class="pk-toolbar-group" id="programme-sort-controls">`)
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-sort">Sort by</label><select class="pk-select" id="programme-sort" data-pointer="/sort">`)
	for _, s := range programmeSorts {
		sel := ""
		if p.sortKey() == s[0] {
			sel = " selected"
		}
		b.WriteString(`<option value="` + s[0] + `"` + sel + ">" + esc(s[1]) + "</option>")
	}
	b.WriteString("</select></div>\n")
	checked := ""
	if p.query.Get("desc") == "true" {
		checked = " checked"
	}
	b.WriteString(`<div class="pk-group pk-checkbox"><input class="pk-checkbox-input" type="checkbox" id="programme-desc" data-pointer="/desc"` + checked +
		`><label class="pk-label" for="programme-desc">Reverse order</label></div></div>` + "\n")
	return b.String()
}

// enumWords writes an enumeration's value as words: hub-and-spoke → hub and
// spoke.
func enumWords(s string) string { return strings.ReplaceAll(s, "-", " ") }

// programmeColumns are the table's columns: the heading and the sort key of its
// button.
var programmeColumns = [][2]string{
	{"Partnership", "name"}, {"Model", "model"}, {"Stage", "stage"}, {"Partners", "partners"}, {"MOU", "errors"},
	{"Latest round", "score"}, {"Indicators", "off-track"}, {"Needs attention", "attention"},
}

func (p *Programme) bodyHTML() string {
	esc := html.EscapeString
	var b strings.Builder
	if p.problem != "" {
		b.WriteString(`<p class="pk-message pk-message-error" role="alert" id="programme-problem">` + esc(p.problem) + "</p>\n")
		b.WriteString(`<div class="pk-toolbar-buttons pk-no-print"><button type="button" class="pk-button" data-command="refresh">Try again</button></div>` + "\n")
		return b.String()
	}
	v := p.view
	if v == nil {
		b.WriteString(`<p class="pk-lead" role="status" id="programme-status">Loading the programme…</p>` + "\n")
		return b.String()
	}
	b.WriteString(`<p class="pk-lead" role="status" id="programme-status" data-shown="` + strconv.Itoa(len(v.Rows)) + `" data-total="` + strconv.Itoa(v.Total) + `">`)
	if len(v.Rows) == v.Total {
		b.WriteString(text.Count(v.Total, "partnership", "partnerships") + ".")
	} else {
		b.WriteString("Showing " + strconv.Itoa(len(v.Rows)) + " of " + text.Count(v.Total, "partnership", "partnerships") + ".")
	}
	b.WriteString(" As at " + clock(v.GeneratedAt) + ".</p>\n")

	// The table.
	key, desc := p.sortKey(), p.query.Get("desc") == "true"
	b.WriteString(`<div class="pk-table-wrap" role="region" aria-labelledby="programme-table-caption" tabindex="0">` + "\n")
	b.WriteString(`<table class="pk-table" id="programme-table"><caption class="pk-vh" id="programme-table-caption">Partnerships in the programme</caption><thead><tr>`)
	for _, c := range programmeColumns {
		sort, mark := "", ""
		if c[1] == key {
			sort, mark = ` aria-sort="ascending"`, " ▲"
			if desc {
				sort, mark = ` aria-sort="descending"`, " ▼"
			}
		}
		b.WriteString(`<th scope="col"` + sort + `><button type="button" class="pk-sort" data-pointer="/sort" data-action="column" data-value="` + c[1] + `">` + esc(c[0]) +
			`<span aria-hidden="true">` + mark + "</span></button></th>")
	}
	b.WriteString("</tr></thead><tbody>\n")
	for _, r := range v.Rows {
		b.WriteString(`<tr data-id="` + esc(r.ID) + `"><th scope="row" data-col="name">` + esc(r.Name) + "</th>")
		b.WriteString(`<td data-col="model">` + esc(enumWords(r.Model)) + `</td><td data-col="stage">` + esc(r.Stage) + "</td>")
		b.WriteString(`<td data-col="partners" data-count="` + strconv.Itoa(len(r.Partners)) + `"><ul class="pk-advice">`)
		for _, pt := range r.Partners {
			meta := []string{enumWords(pt.Type)}
			for _, m := range []string{pt.Sector, enumWords(pt.Phase)} {
				if m != "" {
					meta = append(meta, m)
				}
			}
			b.WriteString("<li>" + esc(pt.Name) + ` <span class="pk-tag">(` + esc(strings.Join(meta, ", ")) + ")</span></li>")
		}
		b.WriteString("</ul></td>")
		state := "Valid"
		if !r.MOU.Valid {
			state = "Has errors"
		}
		b.WriteString(`<td data-col="mou" data-valid="` + strconv.FormatBool(r.MOU.Valid) + `" data-errors="` + strconv.Itoa(r.MOU.Errors) + `">` + state + ": " +
			text.Count(r.MOU.Errors, "error", "errors") + ", " + text.Count(r.MOU.Warnings, "warning", "warnings"))
		if r.Kind == "mou" {
			b.WriteString("; signed by " + strconv.Itoa(r.MOU.Signed) + " of " + strconv.Itoa(r.MOU.Partners))
		}
		b.WriteString("</td>")
		if lr := r.Latest; lr != nil {
			score := "no scores yet"
			sc := ""
			if lr.Overall != nil {
				score, sc = chart.Format(*lr.Overall), strconv.FormatFloat(*lr.Overall, 'g', -1, 64)
				if lr.Band != "" {
					score += " (" + lr.Band + ")"
				}
			}
			b.WriteString(`<td data-col="round" data-score="` + sc + `" data-band="` + esc(lr.Band) + `">` + esc(lr.Title) + ", " + day(lr.Opens) + ": " + esc(score) + "; " +
				text.Count(lr.Responses, "response", "responses") + "</td>")
		} else {
			b.WriteString(`<td data-col="round" data-score="">No round yet</td>`)
		}
		in := r.Indicators
		b.WriteString(`<td data-col="indicators">` + strconv.Itoa(in.Met) + " met, " + strconv.Itoa(in.OnTrack) + " on track, " + strconv.Itoa(in.AtRisk) + " at risk, " +
			strconv.Itoa(in.OffTrack) + " off track")
		if in.NoData > 0 {
			b.WriteString(", " + strconv.Itoa(in.NoData) + " without data")
		}
		b.WriteString(`</td><td data-col="attention" data-codes="` + esc(strings.Join(r.Attention, " ")) + `">`)
		if len(r.Attention) == 0 {
			b.WriteString("Nothing")
		} else {
			b.WriteString(`<ul class="pk-advice">`)
			for _, code := range r.Attention {
				b.WriteString("<li>" + esc(attentionText(code)) + "</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</tbody></table>\n</div>\n")
	if len(v.Rows) == 0 {
		b.WriteString(`<p id="programme-none">No partnership matches these filters.</p>` + "\n")
	}

	// The roll-up.
	b.WriteString(`<section class="pk-report-section" aria-labelledby="programme-rollup-title">` + "\n")
	b.WriteString(`<h2 class="pk-dimension-title" id="programme-rollup-title">Across the programme</h2>` + "\n")
	if len(v.RollUp) == 0 {
		b.WriteString(`<p id="programme-rollup-none">Dimensions are shown here once partnerships' latest rounds have enough responses to be scored.</p>` + "\n</section>\n")
		return b.String()
	}
	b.WriteString(`<p class="pk-hint">Each dimension of the latest rounds: how many partnerships of each stage are in each band.</p>` + "\n")
	for i, ru := range v.RollUp {
		id := "rollup-" + strconv.Itoa(i)
		title := ru.Title
		if title == "" {
			title = ru.Dimension
		}
		b.WriteString(`<div class="pk-rollup" data-dimension="` + esc(ru.Dimension) + `" data-framework="` + esc(ru.Framework) + `">` + "\n")
		// The server draws the chart (register's rollUpSVG), every text
		// in it escaped, with its text equivalent in its aria-label: the
		// page's own server, which serves this program too.
		b.WriteString(`<figure class="pk-figure" aria-labelledby="` + id + `-caption"><figcaption class="pk-figure-caption" id="` + id + `-caption">` + esc(title) + "</figcaption>\n" + ru.SVG + "\n</figure>\n")
		if len(ru.Lowest) == 0 {
			b.WriteString(`<p class="pk-hint" data-lowest="0">No partnership is in the lowest band (` + esc(first(ru.Bands)) + ").</p>\n")
		} else {
			b.WriteString(`<p data-lowest="` + strconv.Itoa(len(ru.Lowest)) + `">In the lowest band (` + esc(first(ru.Bands)) + "):</p>\n" + `<ul class="pk-advice">`)
			for _, l := range ru.Lowest {
				b.WriteString(`<li data-id="` + esc(l.ID) + `">` + esc(l.Name) + " (" + chart.Format(l.Mean) + ")</li>")
			}
			b.WriteString("</ul>\n")
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
	return b.String()
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// attentionText says what an attention code means.
func attentionText(code string) string {
	for _, w := range attentionWords {
		if w[0] == code {
			return w[1]
		}
	}
	return code
}
