package app

import (
	"encoding/json"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/evaluation"
)

// roundForm is the programme page's form that opens a review round in a
// partnership and invites its respondents: POST /v1/partnerships/{p}/rounds,
// then POST /v1/rounds/{round}/invitations, with the administrator's
// token. The links the server issues are shown once, to be sent on.
type roundForm struct {
	partnership string
	title       string
	framework   string
	opens       string // a date, YYYY-MM-DD
	closes      string
	invitations []invitationDraft
	problem     string
	busy        bool
	created     *createdRound
}

type invitationDraft struct {
	partner, review, label string
	shared                 bool
}

// createdRound is a round the form opened, in the partnership with the
// id given, with its respondents' links.
type createdRound struct {
	title, partnership string
	links              []issuedLink
}

type issuedLink struct {
	Partner string `json:"partner"`
	Review  string `json:"review"`
	Label   string `json:"label"`
	Shared  bool   `json:"shared"`
	Link    string `json:"link"`
}

// knownPartnership is a partnership the page has seen in a view, with its
// partners, for the round form's choices.
type knownPartnership struct {
	name     string
	partners [][2]string // id, name
}

func newRoundForm(now time.Time) roundForm {
	return roundForm{framework: evaluation.HealthCheck, opens: now.UTC().Format(time.DateOnly), closes: now.UTC().AddDate(0, 0, 14).Format(time.DateOnly),
		invitations: []invitationDraft{{review: "self"}}}
}

// learn keeps the partnerships of a view for the round form.
func (p *Programme) learn(v *programmeView) (changed bool) {
	for _, r := range v.Rows {
		k := knownPartnership{name: r.Name}
		for _, pt := range r.Partners {
			if pt.ID != "" {
				k.partners = append(k.partners, [2]string{pt.ID, pt.Name})
			}
		}
		if old, ok := p.known[r.ID]; !ok || old.name != k.name || !slices.Equal(old.partners, k.partners) {
			p.known[r.ID] = k
			changed = true
		}
	}
	return changed
}

// handleRound takes a change to the round form: /round/partnership,
// /round/title, /round/framework, /round/opens, /round/closes, and
// /round/invitations/{i}/partner, review, label or shared.
func (p *Programme) handleRound(e Event) []Patch {
	f := &p.form
	field := strings.TrimPrefix(e.Pointer, "/round/")
	switch field {
	case "partnership":
		if f.partnership == e.Value {
			return nil
		}
		f.partnership = e.Value
		for i := range f.invitations {
			f.invitations[i].partner = ""
		}
		// The partner choices change: render the form again, and keep
		// the focus where it was.
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-partnership"}}
	case "title":
		f.title = e.Value
	case "framework":
		f.framework = e.Value
	case "opens":
		f.opens = e.Value
	case "closes":
		f.closes = e.Value
	default:
		rest, ok := strings.CutPrefix(field, "invitations/")
		if !ok {
			return nil
		}
		n, what, _ := strings.Cut(rest, "/")
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 || i >= len(f.invitations) {
			return nil
		}
		inv := &f.invitations[i]
		switch what {
		case "partner":
			inv.partner = e.Value
		case "review":
			if e.Value == "self" || e.Value == "peer" {
				inv.review = e.Value
			}
		case "label":
			inv.label = e.Value
		case "shared":
			inv.shared = e.Checked
		}
	}
	return nil
}

// Command runs one of the page's buttons: download (value csv or json),
// refresh, round-add (another invitation), round-remove (value: the
// invitation's index), round-create and round-again (a new form). It
// reports whether the command is the page's.
func (p *Programme) Command(name, value string) ([]Patch, bool) {
	f := &p.form
	switch name {
	case "download":
		return p.Download(value), true
	case "refresh":
		return p.Refresh(), true
	case "round-add":
		if len(f.invitations) >= 50 {
			return nil, true
		}
		f.invitations = append(f.invitations, invitationDraft{review: "self"})
		n := strconv.Itoa(len(f.invitations) - 1)
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-inv-" + n + "-partner"}}, true
	case "round-remove":
		i, err := strconv.Atoi(value)
		if err != nil || i < 0 || i >= len(f.invitations) || len(f.invitations) == 1 {
			return nil, true
		}
		f.invitations = slices.Delete(f.invitations, i, i+1)
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-add"}}, true
	case "round-create":
		return p.createRound(), true
	case "round-again":
		p.form = newRoundForm(time.Now())
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-partnership"}}, true
	}
	return nil, false
}

// roundWindow reads the form's dates: the round opens at the start of
// its first day and closes at the end of its last, in UTC.
func (f *roundForm) roundWindow() (opens, closes time.Time, problem string) {
	o, err1 := time.Parse(time.DateOnly, f.opens)
	c, err2 := time.Parse(time.DateOnly, f.closes)
	switch {
	case err1 != nil:
		return o, c, "Give the date the round opens."
	case err2 != nil:
		return o, c, "Give the date the round closes."
	case c.Before(o):
		return o, c, "The round must close on or after the day it opens."
	}
	return o, c.Add(24*time.Hour - time.Second), ""
}

func (p *Programme) createRound() []Patch {
	f := &p.form
	if f.busy {
		return nil
	}
	f.problem = ""
	opens, closes, problem := f.roundWindow()
	switch {
	case f.partnership == "" || p.known[f.partnership].name == "":
		problem = "Choose the partnership."
	case problem != "":
	case slices.ContainsFunc(f.invitations, func(i invitationDraft) bool { return i.partner == "" }):
		problem = "Choose the partner of every invitation, or remove the ones you do not need."
	}
	if problem != "" {
		f.problem = problem
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-problem"}}
	}
	body, _ := json.Marshal(map[string]any{"title": strings.TrimSpace(f.title), "framework": f.framework, "opens": opens, "closes": closes})
	f.busy = true
	p.send(Request{Method: "POST", Path: pathRounds(f.partnership), Body: body}, "round")
	return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}}
}

// receivedRound takes the answers to the round form's two calls.
func (p *Programme) receivedRound(what string, resp Response) []Patch {
	f := &p.form
	fail := func(doing string) []Patch {
		f.busy = false
		msg := adminError(resp)
		if resp.Status == 422 || resp.Status == 409 {
			if m := readProblem(resp.Body).message(); m != "" {
				msg = m
			}
		}
		f.problem = doing + ": " + msg
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-problem"}}
	}
	switch {
	case what == "round":
		if resp.Status != 201 {
			return fail("The round was not opened")
		}
		var rd struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		if json.Unmarshal(resp.Body, &rd) != nil || rd.ID == "" {
			return fail("The round was not opened")
		}
		var invs []map[string]any
		for _, i := range f.invitations {
			inv := map[string]any{"partner": i.partner, "review": i.review, "shared": i.shared}
			if l := strings.TrimSpace(i.label); l != "" {
				inv["label"] = l
			}
			invs = append(invs, inv)
		}
		body, _ := json.Marshal(map[string]any{"invitations": invs})
		title := rd.Title
		if title == "" {
			title = strings.TrimSpace(f.title)
		}
		p.send(Request{Method: "POST", Path: "/v1/rounds/" + rd.ID + "/invitations", Body: body}, "invitations:"+title)
		return nil
	default:
		title := strings.TrimPrefix(what, "invitations:")
		if resp.Status != 201 {
			return fail("The round was opened, but its invitations were not made; make them again from the coordinator’s page or the API")
		}
		var links []issuedLink
		if json.Unmarshal(resp.Body, &links) != nil {
			return fail("The invitations were made, but this page cannot read their links")
		}
		partnership := f.partnership
		p.form = newRoundForm(time.Now()) // f is p.form: read it first
		p.form.created = &createdRound{title: title, partnership: partnership, links: links}
		p.ask() // the table shows the new round
		return []Patch{{Op: OpInner, ID: "programme-round", HTML: p.roundHTML()}, {Op: OpFocus, ID: "programme-round-created"}}
	}
}

// roundHTML renders the round form, or the links of the round just
// opened.
func (p *Programme) roundHTML() string {
	esc := html.EscapeString
	f := &p.form
	var b strings.Builder
	b.WriteString(`<h2 class="pk-dimension-title" id="programme-round-title">Open a review round</h2>` + "\n")
	if c := f.created; c != nil {
		b.WriteString(`<div class="pk-message pk-message-ok" id="programme-round-created" tabindex="-1"><p>` + esc(c.title) + " is open in " + esc(p.known[c.partnership].name) +
			". Send each respondent their link: anyone with a link can answer, and the links are shown only now.</p></div>\n")
		b.WriteString(`<ul class="pk-advice" id="programme-round-links">` + "\n")
		for i, l := range c.links {
			name := l.Partner
			for _, pt := range p.known[c.partnership].partners {
				if pt[0] == l.Partner {
					name = pt[1]
				}
			}
			what := name + ", " + strings.ToLower(reviewName(l.Review))
			if l.Label != "" {
				what += ", " + l.Label
			}
			if l.Shared {
				what += " (a shared link)"
			}
			id := "programme-round-link-" + strconv.Itoa(i)
			b.WriteString(`<li><label class="pk-label" for="` + id + `">` + esc(what) + `</label><input class="pk-input" id="` + id + `" readonly value="` + esc(l.Link) + `" data-partner="` + esc(l.Partner) + `"></li>` + "\n")
		}
		b.WriteString("</ul>\n")
		b.WriteString(`<div class="pk-toolbar-buttons"><button type="button" class="pk-button pk-button-secondary" data-command="round-again">Open another round</button></div>` + "\n")
		return b.String()
	}
	b.WriteString(`<p class="pk-hint">Opens a round of a framework in one partnership, and makes a link for each respondent.</p>` + "\n")
	if f.problem != "" {
		b.WriteString(`<p class="pk-message pk-message-error" role="alert" id="programme-round-problem" tabindex="-1">` + esc(f.problem) + "</p>\n")
	}
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-round-partnership">Partnership</label><select class="pk-select" id="programme-round-partnership" data-pointer="/round/partnership"><option value="">Choose a partnership</option>`)
	ids := make([]string, 0, len(p.known))
	for id := range p.known {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		return strings.Compare(strings.ToLower(p.known[a].name), strings.ToLower(p.known[b].name))
	})
	for _, id := range ids {
		b.WriteString(`<option value="` + esc(id) + `"` + selected(id == f.partnership) + ">" + esc(p.known[id].name) + "</option>")
	}
	b.WriteString("</select></div>\n")
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-round-title-input">Title</label><input class="pk-input" id="programme-round-title-input" data-pointer="/round/title" value="` + esc(f.title) + `"></div>` + "\n")
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-round-framework">Framework</label><select class="pk-select" id="programme-round-framework" data-pointer="/round/framework">`)
	for _, fw := range evaluation.Builtins() {
		b.WriteString(`<option value="` + esc(fw.ID) + `"` + selected(fw.ID == f.framework) + ">" + esc(fw.Title) + "</option>")
	}
	b.WriteString("</select></div>\n")
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-round-opens">Opens on</label><input class="pk-input" type="date" id="programme-round-opens" data-pointer="/round/opens" value="` + esc(f.opens) + `"></div>` + "\n")
	b.WriteString(`<div class="pk-group"><label class="pk-label" for="programme-round-closes">Closes at the end of</label><input class="pk-input" type="date" id="programme-round-closes" data-pointer="/round/closes" value="` + esc(f.closes) + `"></div>` + "\n")
	partners := p.known[f.partnership].partners
	for i, inv := range f.invitations {
		n := strconv.Itoa(i)
		id := "programme-round-inv-" + n
		b.WriteString(`<fieldset class="pk-fieldset" id="` + id + `"><legend class="pk-legend">Invitation ` + strconv.Itoa(i+1) + "</legend>\n")
		b.WriteString(`<div class="pk-group"><label class="pk-label" for="` + id + `-partner">Partner</label><select class="pk-select" id="` + id + `-partner" data-pointer="/round/invitations/` + n + `/partner"><option value="">Choose a partner</option>`)
		for _, pt := range partners {
			b.WriteString(`<option value="` + esc(pt[0]) + `"` + selected(pt[0] == inv.partner) + ">" + esc(pt[1]) + "</option>")
		}
		b.WriteString("</select></div>\n")
		b.WriteString(`<div class="pk-group"><label class="pk-label" for="` + id + `-review">Review</label><select class="pk-select" id="` + id + `-review" data-pointer="/round/invitations/` + n + `/review">` +
			`<option value="self"` + selected(inv.review != "peer") + `>Self-review</option><option value="peer"` + selected(inv.review == "peer") + `>Peer review</option></select></div>` + "\n")
		b.WriteString(`<div class="pk-group"><label class="pk-label" for="` + id + `-label">Who it is for (optional)</label><input class="pk-input" id="` + id + `-label" data-pointer="/round/invitations/` + n + `/label" value="` + esc(inv.label) + `"></div>` + "\n")
		checked := ""
		if inv.shared {
			checked = " checked"
		}
		b.WriteString(`<div class="pk-group pk-checkbox"><input class="pk-checkbox-input" type="checkbox" id="` + id + `-shared" data-pointer="/round/invitations/` + n + `/shared"` + checked +
			`><label class="pk-label" for="` + id + `-shared">A link a group shares (each person answers once)</label></div>` + "\n")
		if len(f.invitations) > 1 {
			b.WriteString(`<button type="button" class="pk-button pk-button-secondary pk-button-small" data-command="round-remove" data-value="` + n + `">Remove invitation ` + strconv.Itoa(i+1) + "</button>\n")
		}
		b.WriteString("</fieldset>\n")
	}
	disabled := ""
	if f.busy {
		disabled = " disabled"
	}
	b.WriteString(`<div class="pk-toolbar-buttons"><button type="button" class="pk-button pk-button-secondary" id="programme-round-add" data-command="round-add">Add an invitation</button>` +
		`<button type="button" class="pk-button" id="programme-round-create" data-command="round-create"` + disabled + `>Open the round</button></div>` + "\n")
	return b.String()
}

func selected(on bool) string {
	if on {
		return " selected"
	}
	return ""
}
