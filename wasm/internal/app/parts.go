package app

import (
	"html"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/text"
)

// part is one of the eight parts the guidance asks an MOU to have: the
// members that hold it, the finding codes that concern it (by prefix),
// and a note on what to write, in our words.
type part struct {
	id       string
	title    string
	members  []string // JSON Pointers; the part is started when any holds something
	codes    []string // finding code prefixes
	guidance string
}

var parts = []part{
	{"mission", "Mission statement", []string{"/missionStatement"}, []string{"mission."},
		"Say in a sentence or two why the partnership exists: short enough for a leaflet, 50 words at most."},
	{"objectives", "Aims and objectives", []string{"/objectives"}, []string{"objectives.", "objective."},
		"Say what the partnership will achieve. Give each objective something to measure, where it starts and where it should reach, and a deadline within the term."},
	{"activities", "Planned activities", []string{"/activities"}, []string{"activities.", "activity."},
		"List what the partners will do together, which partner leads each activity and which objectives it serves."},
	{"monitoring", "Monitoring and evaluation", []string{"/monitoring"}, []string{"monitoring.", "evidence.", "data-protection.", "evaluation-plan.", "toc."},
		"Say when the partners will review progress, what evidence will show the difference made (pupil voice as well as numbers) and how personal data is looked after."},
	{"leads", "Partnership leads", []string{"/partnership/leads"}, []string{"lead."},
		"Name one lead at each partner, so that the work does not rest on one person."},
	{"governance", "Governance and oversight", []string{"/governance"}, []string{"governance."},
		"Say which group oversees the partnership, who sits on it, how often it meets and how it decides."},
	{"finance", "Financial contributions", []string{"/finance"}, []string{"finance."},
		"Say what each partner puts in, in money or in kind. If no money changes hands, tick no financial contributions."},
	{"ending", "Alterations and dissolution", []string{"/alterations", "/dissolution"}, []string{"alterations.", "dissolution."},
		"Say how the partners agree changes to this MOU, and how a partner leaves or the partnership ends."},
}

// partState is how far one part has got.
type partState struct {
	started  bool
	checked  bool // the MOU has been checked: its findings count
	errors   int
	warnings int    // warnings and notes
	first    string // the field of the part's first finding
	target   string // the field the part's link goes to
}

func (s partState) done() bool { return s.started && s.errors == 0 }

// partStates works out each part's state from the MOU's value and, once
// checked, its findings.
func (b *Builder) partStates() []partState {
	doc, _ := b.form.Value().(map[string]any)
	out := make([]partState, len(parts))
	for i, p := range parts {
		for _, m := range p.members {
			if !blank(at(doc, m)) {
				out[i].started = true
			}
		}
	}
	if !b.checked {
		return b.targeted(out)
	}
	for _, f := range b.report.Findings {
		for i, p := range parts {
			if !hasPrefix(f.Code, p.codes) {
				continue
			}
			if f.Severity == finding.Error {
				out[i].errors++
			} else {
				out[i].warnings++
			}
			if out[i].first == "" {
				out[i].first = b.form.Target(b.form.Place(f.Path))
			}
		}
	}
	return b.targeted(out)
}

// targeted fills in where each part's link goes: its first finding's
// field, else its first member's.
func (b *Builder) targeted(out []partState) []partState {
	for i, p := range parts {
		out[i].checked = b.checked
		if out[i].target = out[i].first; out[i].target == "" {
			out[i].target = b.form.Target(p.members[0])
		}
	}
	return out
}

func hasPrefix(code string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// at returns the value at a JSON Pointer of plain member names.
func at(doc map[string]any, ptr string) any {
	var v any = doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[tok]
	}
	return v
}

// partsHTML renders how complete the MOU is: the eight parts, each done
// or not, with a link to it and a note on what to write.
func (b *Builder) partsHTML() string { return b.renderParts(b.partStates()) }

// renderParts renders the parts panel in the given states.
func (b *Builder) renderParts(states []partState) string {
	n := 0
	for _, s := range states {
		if s.done() {
			n++
		}
	}
	var w strings.Builder
	w.Grow(4096)
	w.WriteString(`<h2 class="pk-scores-title" id="mou-parts-title">How complete the MOU is</h2>` + "\n")
	w.WriteString(`<p class="pk-parts-count" id="mou-parts-count">` + strconv.Itoa(n) + " of " + strconv.Itoa(len(parts)) + " parts done</p>\n")
	w.WriteString(`<progress class="pk-progress-bar" max="` + strconv.Itoa(len(parts)) + `" value="` + strconv.Itoa(n) + `" aria-labelledby="mou-parts-count"></progress>` + "\n")
	w.WriteString(`<ol class="pk-parts">` + "\n")
	for i, p := range parts {
		s := states[i]
		state, class := "Not started", "pk-part-todo"
		switch {
		case !s.started:
			// Not started says it all: its problems are that it is missing.
		case !b.checked:
			state, class = "Checking…", "pk-part-todo"
		case s.errors > 0:
			state, class = text.Count(s.errors, "problem", "problems")+" to put right", "pk-part-problem"
		case s.done() && s.warnings > 0:
			state, class = "Done, "+text.Count(s.warnings, "thing", "things")+" to check", "pk-part-done"
		case s.done():
			state, class = "Done", "pk-part-done"
		}
		target := s.target
		w.WriteString(`<li class="pk-part ` + class + `" data-part="` + p.id + `" data-done="` + strconv.FormatBool(s.done()) + `">`)
		w.WriteString(`<a class="pk-part-title" href="#` + target + `" data-focus="` + target + `">` + html.EscapeString(p.title) + `</a> `)
		w.WriteString(`<strong class="pk-part-state">` + html.EscapeString(state) + `</strong>`)
		w.WriteString(`<p class="pk-part-guidance">` + html.EscapeString(p.guidance) + "</p></li>\n")
	}
	w.WriteString("</ol>\n")
	return w.String()
}
