package app

import (
	"encoding/json"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/wasm/internal/app/chart"
)

// ViewCoordinate is the coordinator's report page's view.
const ViewCoordinate = "coordinate"

// RefreshEvery is how often the report page asks for the report again,
// so that the coordinator sees answers as they arrive.
const RefreshEvery = 30 * time.Second

// Coordinator is the page a coordinator's link opens: a review round's
// report as the server builds it (package register, with evaluation's
// Combiner): the responses by partner and review, each dimension's mean
// and spread, the flags and the advice, a partner's own breakdown where
// the server gives one, and three charts drawn in Go. It shows only what
// the server's report holds: the anonymity threshold is the server's.
// A Coordinator is not safe for concurrent use.
type Coordinator struct {
	token    string
	client   Client
	nextID   int
	inflight map[int]string

	partnerships []regPartnership
	partnership  string // the id of the partnership shown
	rounds       []regRound
	round        string // the id of the round shown
	report       *roundReport
	previous     *roundReport // the round before, for the change chart
	problem      string
	mounted      bool
	refreshing   bool
	body         string // the body's HTML, as on the page
}

type regPartnership struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type regRound struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Framework string    `json:"framework"`
	Opens     time.Time `json:"opens"`
	Closes    time.Time `json:"closes"`
}

// roundReport is the server's report of a round (register.Report).
type roundReport struct {
	Round              regRound `json:"round"`
	PartnershipName    string   `json:"partnershipName"`
	FrameworkTitle     string   `json:"frameworkTitle"`
	AnonymityThreshold int      `json:"anonymityThreshold"`
	Responses          []struct {
		Partner     string `json:"partner"`
		PartnerName string `json:"partnerName"`
		Review      string `json:"review"`
		Invitations int    `json:"invitations"`
		Responses   int    `json:"responses"`
	} `json:"responses"`
	Respondents int                  `json:"respondents"`
	Combined    *evaluation.Combined `json:"combined"`
	Advice      reportAdvice         `json:"advice"`
	Partners    []struct {
		Partner     string               `json:"partner"`
		PartnerName string               `json:"partnerName"`
		Respondents int                  `json:"respondents"`
		Combined    *evaluation.Combined `json:"combined"`
		Advice      reportAdvice         `json:"advice"`
	} `json:"partners"`
	Withheld    []string  `json:"withheld"`
	GeneratedAt time.Time `json:"generatedAt"`
}

type reportAdvice struct {
	Overall    string `json:"overall"`
	Dimensions []struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Band   string `json:"band"`
		Advice string `json:"advice"`
	} `json:"dimensions"`
}

// NewCoordinator returns the report page for the coordinator's link
// that carries token.
func NewCoordinator(token string, client Client) *Coordinator {
	return &Coordinator{token: token, client: client, inflight: map[int]string{}}
}

func (c *Coordinator) send(req Request, what string) {
	c.nextID++
	req.ID, req.Token = c.nextID, c.token
	c.inflight[req.ID] = what
	c.client.Send(req)
}

// HTML renders the page and asks the server for the partnership.
func (c *Coordinator) HTML() string {
	c.mounted = true
	var b strings.Builder
	b.WriteString(`<a class="pk-skip pk-no-print" href="#main" data-focus="main">Skip to main content</a>` + "\n")
	b.WriteString(`<header class="pk-header pk-no-print"><div class="pk-width"><p class="pk-brand">partnerkit</p></div></header>` + "\n")
	b.WriteString(`<main class="pk-width pk-report" id="main" tabindex="-1" data-view="` + ViewCoordinate + `">` + "\n")
	c.body = c.bodyHTML()
	b.WriteString(`<div id="report-body">` + c.body + "</div>\n</main>\n")
	c.send(Request{Method: "GET", Path: pathPartnerships}, "partnerships")
	return b.String()
}

// Refresh asks the server for the round's report again.
func (c *Coordinator) Refresh() []Patch {
	if c.round == "" {
		c.send(Request{Method: "GET", Path: pathPartnerships}, "partnerships")
		return nil
	}
	c.send(Request{Method: "GET", Path: pathReport(c.round)}, "report:"+c.round)
	return []Patch{{Op: OpText, ID: "report-updated", Value: "Updating…"}}
}

// Handle takes a change of the round shown (the select whose pointer is
// /round) or of the partnership (/partnership).
func (c *Coordinator) Handle(e Event) []Patch {
	switch e.Pointer {
	case "/round":
		if e.Value == c.round || !slices.ContainsFunc(c.rounds, func(r regRound) bool { return r.ID == e.Value }) {
			return nil
		}
		c.round, c.report, c.previous = e.Value, nil, nil
		c.askReports()
	case "/partnership":
		if e.Value == c.partnership {
			return nil
		}
		c.partnership, c.rounds, c.round, c.report, c.previous = e.Value, nil, "", nil, nil
		c.send(Request{Method: "GET", Path: pathRounds(c.partnership)}, "rounds:"+c.partnership)
	default:
		return nil
	}
	return c.render()
}

// Received takes the server's answer to one of the page's requests.
func (c *Coordinator) Received(resp Response) []Patch {
	what, ok := c.inflight[resp.ID]
	if !ok {
		return nil
	}
	delete(c.inflight, resp.ID)
	kind, id, _ := strings.Cut(what, ":")
	if kind == "refresh" {
		c.refreshing, kind = false, "report"
		if id != c.round {
			c.scheduleRefresh()
			return nil
		}
	}
	if resp.Status != 200 {
		if kind == "report" && c.report != nil && resp.Status == 0 {
			// Keep showing the report: try again at the next refresh.
			c.scheduleRefresh()
			return []Patch{{Op: OpText, ID: "report-updated", Value: "The server could not be reached just now: the report is as it was at " + clock(c.report.GeneratedAt) + "."}}
		}
		if kind == "previous" {
			return nil // the change chart is left out
		}
		c.problem = linkError(resp)
		if resp.Status == 0 {
			c.problem = "The programme’s server could not be reached. Check your connection, then try again."
		}
		return c.render()
	}
	c.problem = ""
	switch kind {
	case "partnerships":
		var ps []regPartnership
		if json.Unmarshal(resp.Body, &ps) != nil {
			return c.unreadable()
		}
		c.partnerships = ps
		if len(ps) == 0 {
			c.problem = "This link has no partnership to report on."
			return c.render()
		}
		if !slices.ContainsFunc(ps, func(p regPartnership) bool { return p.ID == c.partnership }) {
			c.partnership = ps[0].ID
		}
		c.send(Request{Method: "GET", Path: pathRounds(c.partnership)}, "rounds:"+c.partnership)
		return nil
	case "rounds":
		if id != c.partnership {
			return nil
		}
		var rs []regRound
		if json.Unmarshal(resp.Body, &rs) != nil {
			return c.unreadable()
		}
		// Newest first: the round shown is the latest to open.
		slices.SortStableFunc(rs, func(a, b regRound) int { return b.Opens.Compare(a.Opens) })
		c.rounds = rs
		if len(rs) == 0 {
			return c.render()
		}
		if !slices.ContainsFunc(rs, func(r regRound) bool { return r.ID == c.round }) {
			c.round = rs[0].ID
		}
		c.askReports()
		return c.render()
	case "report", "previous":
		var rep roundReport
		if json.Unmarshal(resp.Body, &rep) != nil {
			return c.unreadable()
		}
		if kind == "previous" {
			if prev := c.previousRound(); prev != nil && prev.ID == id {
				c.previous = &rep
				return c.render()
			}
			return nil
		}
		if id != c.round {
			return nil
		}
		c.report = &rep
		c.scheduleRefresh()
		return c.render()
	}
	return nil
}

func (c *Coordinator) unreadable() []Patch {
	c.problem = "The programme’s server sent something this page cannot read. Try again later."
	return c.render()
}

// askReports asks for the report of the round shown and of the one before.
func (c *Coordinator) askReports() {
	c.send(Request{Method: "GET", Path: pathReport(c.round)}, "report:"+c.round)
	if prev := c.previousRound(); prev != nil {
		c.send(Request{Method: "GET", Path: pathReport(prev.ID)}, "previous:"+prev.ID)
	}
}

// scheduleRefresh asks for the report again after RefreshEvery.
func (c *Coordinator) scheduleRefresh() {
	if c.refreshing || c.round == "" {
		return
	}
	c.refreshing = true
	c.send(Request{Method: "GET", Path: pathReport(c.round), Delay: RefreshEvery}, "refresh:"+c.round)
}

// previousRound is the round that opened before the one shown, with the
// same framework.
func (c *Coordinator) previousRound() *regRound {
	i := slices.IndexFunc(c.rounds, func(r regRound) bool { return r.ID == c.round })
	if i < 0 {
		return nil
	}
	for _, r := range c.rounds[i+1:] {
		if r.Framework == c.rounds[i].Framework {
			return &r
		}
	}
	return nil
}

func (c *Coordinator) render() []Patch {
	if !c.mounted {
		return nil
	}
	html := c.bodyHTML()
	if html == c.body {
		return nil
	}
	c.body = html
	return []Patch{{Op: OpInner, ID: "report-body", HTML: html}}
}

// Report returns the report shown, as the page read it: nil before it
// came.
func (c *Coordinator) Report() *evaluation.Combined {
	if c.report == nil {
		return nil
	}
	return c.report.Combined
}

func (c *Coordinator) bodyHTML() string {
	esc := html.EscapeString
	var b strings.Builder
	if c.problem != "" {
		b.WriteString(`<h1 class="pk-title" id="report-title" tabindex="-1">The report could not be shown</h1>` + "\n")
		b.WriteString(`<p class="pk-message pk-message-error" role="alert" id="report-problem">` + esc(c.problem) + "</p>\n")
		b.WriteString(`<div class="pk-toolbar-buttons pk-no-print"><button type="button" class="pk-button" data-command="refresh">Try again</button></div>` + "\n")
		return b.String()
	}
	if c.report == nil {
		b.WriteString(`<h1 class="pk-title" id="report-title" tabindex="-1">Review round report</h1>` + "\n")
		if c.partnerships != nil && c.rounds != nil && len(c.rounds) == 0 {
			b.WriteString(c.choosers())
			b.WriteString(`<p class="pk-lead" role="status">This partnership has no review round yet.</p>` + "\n")
		} else {
			b.WriteString(`<p class="pk-lead" role="status">Loading the report…</p>` + "\n")
		}
		return b.String()
	}
	r := c.report
	title := r.Round.Title
	if title == "" {
		title = "Review round"
	}
	b.WriteString(`<h1 class="pk-title" id="report-title" tabindex="-1">` + esc(title) + `: report</h1>` + "\n")
	b.WriteString(`<p class="pk-lead">` + esc(r.PartnershipName) + ". " + esc(r.FrameworkTitle) + ", answered from " + day(r.Round.Opens) + " until " + day(r.Round.Closes) + ".</p>\n")
	b.WriteString(`<div class="pk-toolbar pk-no-print">` + c.choosers())
	b.WriteString(`<p class="pk-hint" id="report-updated" role="status">As at ` + clock(r.GeneratedAt) + `. The page updates itself as answers arrive.</p>` + "\n")
	b.WriteString(`<div class="pk-toolbar-buttons"><button type="button" class="pk-button pk-button-secondary" data-command="refresh">Update now</button>` +
		`<button type="button" class="pk-button" data-command="print">Print</button></div>` + "\n</div>\n")

	titles := map[string]string{}
	var dims []string
	for _, d := range r.Advice.Dimensions {
		titles[d.ID] = d.Title
		dims = append(dims, d.ID)
	}
	if r.Combined != nil && len(dims) == 0 {
		for _, d := range r.Combined.Dimensions {
			dims = append(dims, d.ID)
		}
	}
	dimTitle := func(id string) string {
		if t := titles[id]; t != "" {
			return t
		}
		return id
	}
	names := map[string]string{}
	for _, x := range r.Responses {
		if x.PartnerName != "" {
			names[x.Partner] = x.PartnerName
		}
	}
	partnerName := func(id string) string {
		if n := names[id]; n != "" {
			return n
		}
		return id
	}

	// Responses.
	b.WriteString(`<section class="pk-report-section" aria-labelledby="report-responses-title">` + "\n")
	b.WriteString(`<h2 class="pk-dimension-title" id="report-responses-title">Responses</h2>` + "\n")
	b.WriteString(`<p id="report-respondents" data-respondents="` + strconv.Itoa(r.Respondents) + `">` + text.Count(r.Respondents, "person has", "people have") + " answered.</p>\n")
	b.WriteString(`<table class="pk-table" id="report-responses"><thead><tr><th scope="col">Partner</th><th scope="col">Review</th><th scope="col" class="pk-score">Invitations</th><th scope="col" class="pk-score">Answered</th></tr></thead><tbody>` + "\n")
	for _, x := range r.Responses {
		b.WriteString(`<tr data-partner="` + esc(x.Partner) + `" data-review="` + esc(x.Review) + `"><th scope="row">` + esc(partnerName(x.Partner)) + "</th><td>" + reviewName(x.Review) +
			`</td><td class="pk-score">` + strconv.Itoa(x.Invitations) + `</td><td class="pk-score" data-responses="` + strconv.Itoa(x.Responses) + `">` + strconv.Itoa(x.Responses) + "</td></tr>\n")
	}
	b.WriteString("</tbody></table>\n</section>\n")

	comb := r.Combined
	if comb == nil {
		b.WriteString(`<p class="pk-message pk-message-warning" id="report-withheld-all">The answers are combined once at least ` + text.Count(r.AnonymityThreshold, "person has", "people have") +
			` answered, so that no one's answers can be picked out.</p>` + "\n")
		return b.String()
	}

	// Scores by dimension.
	b.WriteString(`<section class="pk-report-section" aria-labelledby="report-scores-title">` + "\n")
	b.WriteString(`<h2 class="pk-dimension-title" id="report-scores-title">Scores</h2>` + "\n")
	b.WriteString(`<p class="pk-hint">Each dimension's mean out of 100 over everyone who answered it, and its spread: the highest score minus the lowest.</p>` + "\n")
	b.WriteString(`<table class="pk-table" id="report-scores"><thead><tr><th scope="col">Dimension</th><th scope="col" class="pk-score">Mean</th><th scope="col" class="pk-score">Spread</th><th scope="col">Band</th><th scope="col" class="pk-score">Self-review</th><th scope="col" class="pk-score">Peer review</th></tr></thead><tbody>` + "\n")
	for _, d := range comb.Dimensions {
		b.WriteString(`<tr data-dimension="` + esc(d.ID) + `"><th scope="row">` + esc(dimTitle(d.ID)) + "</th>" + numCell(d.Mean, "mean") + numCell(d.Spread, "spread") +
			"<td>" + esc(d.Band) + "</td>" + numCell(d.Self, "self") + numCell(d.Peer, "peer") + "</tr>\n")
	}
	b.WriteString(`</tbody><tfoot><tr data-dimension="overall"><th scope="row">Overall</th>` + numCell(comb.Overall, "mean") + "<td></td><td>" + esc(comb.Band) + "</td><td></td><td></td></tr></tfoot></table>\n</section>\n")

	// Flags and advice.
	b.WriteString(`<section class="pk-report-section" aria-labelledby="report-flags-title">` + "\n")
	b.WriteString(`<h2 class="pk-dimension-title" id="report-flags-title">Things to talk about</h2>` + "\n")
	if len(comb.Flags) == 0 {
		b.WriteString(`<p id="report-flags">Nothing stands out: respondents broadly agree, no partner rates the partnership far below another, and self-review and peer review are close.</p>` + "\n")
	} else {
		b.WriteString(`<ul class="pk-flags" id="report-flags">` + "\n")
		byID := map[string]evaluation.CombinedDimension{}
		for _, d := range comb.Dimensions {
			byID[d.ID] = d
		}
		for _, f := range comb.Flags {
			b.WriteString(`<li data-code="` + esc(f.Code) + `" data-dimension="` + esc(f.Dimension) + `">` + esc(flagText(f, byID[f.Dimension], dimTitle(f.Dimension), partnerName, comb)) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString(`<h3 class="pk-scores-subtitle">What to do next</h3>` + "\n" + `<ul class="pk-advice" id="report-advice">` + "\n")
	if r.Advice.Overall != "" {
		b.WriteString(`<li data-dimension="overall">` + esc(r.Advice.Overall) + "</li>\n")
	}
	for _, d := range r.Advice.Dimensions {
		if d.Advice != "" {
			b.WriteString(`<li data-dimension="` + esc(d.ID) + `"><strong>` + esc(d.Title) + "</strong>: " + esc(d.Advice) + "</li>\n")
		}
	}
	b.WriteString("</ul>\n</section>\n")

	// Charts.
	cats := make([]string, len(dims))
	for i, d := range dims {
		cats[i] = dimTitle(d)
	}
	means := func(cm *evaluation.Combined, pick func(evaluation.CombinedDimension) *float64) []*float64 {
		out := make([]*float64, len(dims))
		for i, id := range dims {
			for _, d := range cm.Dimensions {
				if d.ID == id {
					out[i] = pick(d)
				}
			}
		}
		return out
	}
	mean := func(d evaluation.CombinedDimension) *float64 { return d.Mean }
	b.WriteString(`<section class="pk-report-section pk-charts" aria-labelledby="report-charts-title">` + "\n")
	b.WriteString(`<h2 class="pk-dimension-title" id="report-charts-title">Charts</h2>` + "\n")
	var byPartner []chart.Series
	for _, p := range r.Partners {
		if p.Combined != nil {
			byPartner = append(byPartner, chart.Series{Name: partnerName(p.Partner), Values: means(p.Combined, mean)})
		}
	}
	partnersDesc := "Each dimension's mean score, for each partner with at least " + text.Count(r.AnonymityThreshold, "respondent", "respondents")
	if len(byPartner) == 0 {
		byPartner = []chart.Series{{Name: "Everyone", Values: means(comb, mean)}}
		partnersDesc = "Each dimension's mean score over everyone: no partner has " + text.Count(r.AnonymityThreshold, "respondent", "respondents") + " yet, so none is shown on its own"
	}
	b.WriteString(figure("chart-partners", chart.Bars{Title: "Dimension scores by partner", Desc: partnersDesc, Categories: cats, Series: byPartner}, partnersDesc+"."))
	self, peer := means(comb, func(d evaluation.CombinedDimension) *float64 { return d.Self }), means(comb, func(d evaluation.CombinedDimension) *float64 { return d.Peer })
	if slices.ContainsFunc(self, notNil) || slices.ContainsFunc(peer, notNil) {
		b.WriteString(figure("chart-review", chart.Bars{Title: "Self-review against peer review", Desc: "Each dimension's mean score in self-review and in peer review",
			Categories: cats, Series: []chart.Series{{Name: "Self-review", Values: self}, {Name: "Peer review", Values: peer}}},
			"Self-review and peer review are each shown once "+text.Count(r.AnonymityThreshold, "respondent has", "respondents have")+" given one."))
	} else {
		b.WriteString(`<p class="pk-hint" id="chart-review-none">Self-review and peer review are compared once at least ` + text.Count(r.AnonymityThreshold, "respondent has", "respondents have") + " given each.</p>\n")
	}
	if c.previous != nil && c.previous.Combined != nil {
		prevTitle := c.previous.Round.Title
		if prevTitle == "" {
			prevTitle = "Previous round"
		}
		b.WriteString(figure("chart-change", chart.Bars{Title: "Change since the previous round", Desc: "Each dimension's mean score in " + prevTitle + " and in " + title,
			Categories: cats, Series: []chart.Series{{Name: prevTitle, Values: means(c.previous.Combined, mean)}, {Name: title, Values: means(comb, mean)}}}, ""))
	}
	b.WriteString("</section>\n")

	// Partners.
	if len(r.Partners) > 0 || len(r.Withheld) > 0 {
		b.WriteString(`<section class="pk-report-section" aria-labelledby="report-partners-title">` + "\n")
		b.WriteString(`<h2 class="pk-dimension-title" id="report-partners-title">By partner</h2>` + "\n")
		if len(r.Partners) > 0 {
			b.WriteString(`<table class="pk-table" id="report-partners"><thead><tr><th scope="col">Partner</th><th scope="col" class="pk-score">Respondents</th><th scope="col" class="pk-score">Overall</th><th scope="col">Band</th></tr></thead><tbody>` + "\n")
			for _, p := range r.Partners {
				var overall *float64
				band := ""
				if p.Combined != nil {
					overall, band = p.Combined.Overall, p.Combined.Band
				}
				b.WriteString(`<tr data-partner="` + esc(p.Partner) + `"><th scope="row">` + esc(partnerName(p.Partner)) + `</th><td class="pk-score">` + strconv.Itoa(p.Respondents) + "</td>" + numCell(overall, "mean") + "<td>" + esc(band) + "</td></tr>\n")
			}
			b.WriteString("</tbody></table>\n")
		}
		if len(r.Withheld) > 0 {
			var ws []string
			for _, w := range r.Withheld {
				ws = append(ws, partnerName(w))
			}
			b.WriteString(`<p class="pk-hint" id="report-withheld">Not shown on their own, with fewer than ` + text.Count(r.AnonymityThreshold, "respondent", "respondents") + ": " + esc(strings.Join(ws, ", ")) + ".</p>\n")
		}
		b.WriteString("</section>\n")
	}
	return b.String()
}

func notNil(p *float64) bool { return p != nil }

// choosers renders the partnership and round selects, when there is a
// choice.
func (c *Coordinator) choosers() string {
	esc := html.EscapeString
	var b strings.Builder
	if len(c.partnerships) > 1 {
		b.WriteString(`<div class="pk-group"><label class="pk-label" for="report-partnership">Partnership</label><select class="pk-select" id="report-partnership" data-pointer="/partnership">`)
		for _, p := range c.partnerships {
			sel := ""
			if p.ID == c.partnership {
				sel = " selected"
			}
			b.WriteString(`<option value="` + esc(p.ID) + `"` + sel + ">" + esc(p.Name) + "</option>")
		}
		b.WriteString("</select></div>\n")
	}
	if len(c.rounds) > 1 {
		b.WriteString(`<div class="pk-group"><label class="pk-label" for="report-round">Review round</label><select class="pk-select" id="report-round" data-pointer="/round">`)
		for _, r := range c.rounds {
			sel := ""
			if r.ID == c.round {
				sel = " selected"
			}
			t := r.Title
			if t == "" {
				t = "Round opened " + day(r.Opens)
			}
			b.WriteString(`<option value="` + esc(r.ID) + `"` + sel + ">" + esc(t) + "</option>")
		}
		b.WriteString("</select></div>\n")
	}
	return b.String()
}

// figure renders a chart with its caption.
func figure(id string, bars chart.Bars, note string) string {
	s := `<figure class="pk-figure" aria-labelledby="` + id + `-caption"><figcaption class="pk-figure-caption" id="` + id + `-caption">` + html.EscapeString(bars.Title) + "</figcaption>\n" + bars.SVG(id) + "\n"
	if note != "" {
		s += `<p class="pk-hint">` + html.EscapeString(note) + "</p>\n"
	}
	return s + "</figure>\n"
}

// flagText says what a flag means, with its numbers.
func flagText(f evaluation.Flag, d evaluation.CombinedDimension, title string, partnerName func(string) string, comb *evaluation.Combined) string {
	switch f.Code {
	case "respondents.disagree":
		s := title + ": respondents disagree, with scores 25 points or more apart"
		if d.Spread != nil {
			s += " (a spread of " + chart.Format(*d.Spread) + ")"
		}
		return s + "."
	case "partners.imbalance":
		if len(f.Partners) >= 2 {
			s := partnerName(f.Partners[0]) + " rates the partnership 20 points or more below " + partnerName(f.Partners[1])
			var lo, hi *float64
			for _, p := range comb.Partners {
				v := p.Overall
				if p.Partner == f.Partners[0] {
					lo = &v
				}
				if p.Partner == f.Partners[1] {
					hi = &v
				}
			}
			if lo != nil && hi != nil {
				s += " (" + chart.Format(*lo) + " against " + chart.Format(*hi) + ")"
			}
			return s + "."
		}
		return "One partner rates the partnership 20 points or more below another."
	case "review.gap":
		s := title + ": self-review and peer review differ by 20 points or more"
		if d.Self != nil && d.Peer != nil {
			s += " (self-review " + chart.Format(*d.Self) + ", peer review " + chart.Format(*d.Peer) + ")"
		}
		return s + "."
	}
	if title != "" && f.Dimension != "" {
		return title + ": " + f.Code + "."
	}
	return f.Code + "."
}

// numCell renders a number rounded to one decimal place, with its exact
// value in a data attribute.
func numCell(v *float64, name string) string {
	if v == nil {
		return `<td class="pk-score" data-` + name + `="">–</td>`
	}
	return `<td class="pk-score" data-` + name + `="` + strconv.FormatFloat(*v, 'g', -1, 64) + `">` + chart.Format(*v) + "</td>"
}

func reviewName(r string) string {
	switch r {
	case "self":
		return "Self-review"
	case "peer":
		return "Peer review"
	}
	return html.EscapeString(r)
}

// clock writes a time of day, in UTC.
func clock(t time.Time) string {
	if t.IsZero() {
		return "now"
	}
	return t.UTC().Format("15:04 UTC, 2 January 2006")
}
