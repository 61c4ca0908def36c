package mou

import (
	"errors"
	"html"
	"strconv"
	"strings"
	"sync"

	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// Format is a format Render writes.
type Format uint8

// The formats.
const (
	// HTML is an <article> element to put in a page: every value from the
	// document is escaped.
	HTML Format = iota + 1
	// Markdown is CommonMark with tables (as GitHub writes them): every
	// value from the document is escaped so that it reads as text.
	Markdown
)

// String returns "html" or "markdown".
func (f Format) String() string {
	switch f {
	case HTML:
		return "html"
	case Markdown:
		return "markdown"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ErrFormat reports a Format that Render does not write.
var ErrFormat = errors.New("mou: unknown format")

// missingText stands in for a part the MOU does not yet have.
const missingText = "Not yet agreed."

// Render writes the MOU as a document to read, print and sign: a heading
// and the partners, then the eight parts the guidance recommends, in its
// order (mission statement; aims and objectives; planned activities;
// monitoring and evaluation; partnership leads; governance and oversight;
// financial contributions; alterations and dissolution), then a signature
// block for every partner. A part the MOU lacks reads "Not yet agreed.",
// so that a draft shows its gaps.
//
// Render does not check the MOU: use Check for that.
func Render(m *MOU, format Format) ([]byte, error) {
	if m == nil {
		return nil, errors.New("mou: no MOU to render (nil)")
	}
	var w writer
	switch format {
	case HTML:
		w = &htmlWriter{}
	case Markdown:
		w = &mdWriter{}
	default:
		return nil, ErrFormat
	}
	render(m, w)
	return w.bytes(), nil
}

// writer is what a format writes: render decides what the document says,
// a writer how it looks. Every string it is given is plain text.
type writer interface {
	begin(title string)
	end()
	section(n int, title string) // a numbered part, or an unnumbered one for n == 0
	endSection()
	subheading(title string)
	text(s string) // paragraphs of the document's own text
	missing()
	details(rows [][2]string) // labelled values
	table(header []string, rows [][]string)
	signature(partner string, rows [][2]string)
	bytes() []byte
}

func render(m *MOU, w writer) {
	p := &m.Partnership
	partnerName := partnerNames(p)
	name := oneLine(p.Name) // in a heading and a sentence
	title := m.Title
	if title == "" {
		title = "Memorandum of Understanding"
		if name != "" {
			title = name + ": Memorandum of Understanding"
		}
	}
	w.begin(title)

	intro := "This Memorandum of Understanding (MOU) sets out how the partners below will work together"
	if name != "" {
		intro += " as " + name
	}
	switch {
	case !m.Term.Start.IsZero() && !m.Term.End.IsZero():
		intro += ", from " + longDate(m.Term.Start) + " to " + longDate(m.Term.End) + "."
	case !m.Term.Start.IsZero():
		intro += ", from " + longDate(m.Term.Start) + "."
	default:
		intro += "."
	}
	if m.LegallyBinding {
		intro += " The partners have marked it as legally binding, although an MOU normally is not."
	} else {
		intro += " It is not legally binding."
	}
	w.text(intro)

	w.section(0, "The partners")
	if len(p.Partners) == 0 {
		w.missing()
	} else {
		rows := make([][]string, 0, len(p.Partners))
		for _, pt := range p.Partners {
			kind := label(partnerTypes, string(pt.Type))
			if pt.Phase != "" {
				kind += ", " + strings.ToLower(label(phases, string(pt.Phase)))
			}
			if pt.Sector != "" {
				kind += " (" + string(pt.Sector) + ")"
			}
			role := "Member"
			if pt.Role == partnership.RoleLead {
				role = "Lead"
			}
			rows = append(rows, []string{pt.Name, kind, role, pt.URN})
		}
		w.table([]string{"Partner", "Type", "Role", "URN"}, rows)
	}
	var about [][2]string
	if p.Model != "" {
		about = append(about, [2]string{"Model", label(models, string(p.Model))})
	}
	if p.Stage != "" {
		about = append(about, [2]string{"Stage", label(stages, string(p.Stage))})
	}
	if len(p.FocusAreas) > 0 {
		areas := make([]string, len(p.FocusAreas))
		for i, a := range p.FocusAreas {
			areas[i] = label(focusAreas, string(a))
		}
		about = append(about, [2]string{"Focus areas", text.SentenceList(areas)})
	}
	w.details(about)
	if p.Description != "" {
		w.text(p.Description)
	}
	w.endSection()

	// 1. Mission statement
	w.section(1, "Mission statement")
	if blank(m.MissionStatement) {
		w.missing()
	} else {
		w.text(m.MissionStatement)
	}
	w.endSection()

	// 2. Aims and objectives
	w.section(2, "Aims and objectives")
	if len(m.Objectives) == 0 {
		w.missing()
	}
	for i, o := range m.Objectives {
		w.subheading(objectiveName(o, i))
		if o.Statement != "" {
			w.text(o.Statement)
		}
		var rows [][2]string
		if ms := o.Measure; ms != nil {
			rows = append(rows, [2]string{"Measure", measure(ms)})
		}
		if !o.Deadline.IsZero() {
			rows = append(rows, [2]string{"Deadline", longDate(o.Deadline)})
		}
		if len(o.YearGroups) > 0 {
			rows = append(rows, [2]string{"Year groups", strings.Join(o.YearGroups, ", ")})
		}
		if len(o.Subjects) > 0 {
			rows = append(rows, [2]string{"Subjects", strings.Join(o.Subjects, ", ")})
		}
		if o.FocusArea != "" {
			rows = append(rows, [2]string{"Focus area", label(focusAreas, string(o.FocusArea))})
		}
		w.details(rows)
	}
	w.endSection()

	// 3. Planned activities
	w.section(3, "Planned activities")
	if len(m.Activities) == 0 {
		w.missing()
	}
	for i, a := range m.Activities {
		name := a.Title
		if name == "" {
			name = "Activity " + strconv.Itoa(i+1)
		}
		w.subheading(name)
		if a.Description != "" {
			w.text(a.Description)
		}
		var rows [][2]string
		if a.LedBy != "" {
			rows = append(rows, [2]string{"Led by", partnerName(a.LedBy)})
		}
		if len(a.Objectives) > 0 {
			rows = append(rows, [2]string{"Objectives served", strings.Join(a.Objectives, ", ")})
		}
		if len(a.YearGroups) > 0 {
			rows = append(rows, [2]string{"Year groups", strings.Join(a.YearGroups, ", ")})
		}
		if len(a.Subjects) > 0 {
			rows = append(rows, [2]string{"Subjects", strings.Join(a.Subjects, ", ")})
		}
		if a.Frequency != "" {
			rows = append(rows, [2]string{"How often", text.Capital(a.Frequency)})
		}
		w.details(rows)
	}
	w.endSection()

	// 4. Monitoring and evaluation
	w.section(4, "Monitoring and evaluation")
	if mon := m.Monitoring; mon == nil {
		w.missing()
	} else {
		var rows [][2]string
		if len(mon.Reviews) > 0 {
			dates := make([]string, len(mon.Reviews))
			for i, d := range mon.Reviews {
				dates[i] = longDate(d)
			}
			rows = append(rows, [2]string{"Reviews", text.AndList(dates)})
		}
		if len(mon.Evidence) > 0 {
			ev := make([]string, len(mon.Evidence))
			for i, e := range mon.Evidence {
				ev[i] = label(evidence, string(e))
			}
			rows = append(rows, [2]string{"Evidence", text.SentenceList(ev)})
		}
		if mon.Reporting != "" {
			rows = append(rows, [2]string{"Reporting", mon.Reporting})
		}
		w.details(rows)
		renderPlan(m, w)
		if dp := mon.DataProtection; dp != nil {
			w.subheading("Consent and data protection")
			if !dp.PersonalData {
				w.text("The partnership does not use personal data.")
			} else {
				w.text("The partnership uses personal data about pupils, parents or staff.")
			}
			var rows [][2]string
			if dp.LawfulBasis != "" {
				rows = append(rows, [2]string{"Lawful basis", label(lawfulBases, dp.LawfulBasis)})
			}
			for _, x := range [][2]string{{"Consent", dp.Consent}, {"Sharing", dp.Sharing}, {"Retention", dp.Retention}, {"Security", dp.Security}} {
				if x[1] != "" {
					rows = append(rows, x)
				}
			}
			w.details(rows)
		}
	}
	w.endSection()

	// 5. Partnership leads
	w.section(5, "Partnership leads")
	if len(p.Leads) == 0 {
		w.missing()
	} else {
		rows := make([][]string, 0, len(p.Leads))
		for _, l := range p.Leads {
			rows = append(rows, []string{partnerName(l.Partner), l.Name, l.Role, l.Email, l.Phone})
		}
		w.table([]string{"Partner", "Lead", "Job title", "E-mail", "Telephone"}, rows)
	}
	w.endSection()

	// 6. Governance and oversight
	w.section(6, "Governance and oversight")
	if g := m.Governance; g == nil {
		w.missing()
	} else {
		var rows [][2]string
		for _, x := range [][2]string{{"Governing body", g.Body}, {"Meets", text.Capital(g.MeetingFrequency)}, {"Decision making", g.DecisionMaking}} {
			if x[1] != "" {
				rows = append(rows, x)
			}
		}
		w.details(rows)
		if len(g.Members) > 0 {
			members := make([][]string, 0, len(g.Members))
			for _, mm := range g.Members {
				partner := ""
				if mm.Partner != "" {
					partner = partnerName(mm.Partner)
				}
				members = append(members, []string{mm.Name, partner, mm.Role})
			}
			w.table([]string{"Member", "Partner", "Role"}, members)
		}
	}
	w.endSection()

	// 7. Financial contributions
	w.section(7, "Financial contributions")
	switch f := m.Finance; {
	case f == nil:
		w.missing()
	case f.None:
		w.text("The partners make no financial contributions.")
	default:
		if f.Budget != nil {
			w.details([][2]string{{"Budget", money(exact(*f.Budget), f.Currency)}})
		}
		if len(f.Contributions) > 0 {
			rows := make([][]string, 0, len(f.Contributions))
			for _, c := range f.Contributions {
				amount := ""
				if c.Amount != nil {
					amount = money(exact(*c.Amount), f.Currency)
				}
				rows = append(rows, []string{partnerName(c.Partner), amount, c.InKind})
			}
			w.table([]string{"Partner", "Amount", "In kind"}, rows)
		}
		if f.Budget == nil && len(f.Contributions) == 0 {
			w.missing()
		}
	}
	w.endSection()

	// 8. Alterations and dissolution
	w.section(8, "Alterations and dissolution")
	w.subheading("Alterations")
	if blank(m.Alterations) {
		w.missing()
	} else {
		w.text(m.Alterations)
	}
	w.subheading("Dissolution")
	if d := m.Dissolution; d == nil || (d.NoticeDays == nil && blank(d.Process)) {
		w.missing()
	} else {
		if d.NoticeDays != nil {
			days := strconv.Itoa(*d.NoticeDays) + " days'"
			if *d.NoticeDays == 1 {
				days = "1 day's"
			}
			w.details([][2]string{{"Notice", days + " written notice"}})
		}
		if !blank(d.Process) {
			w.text(d.Process)
		}
	}
	w.endSection()

	signatures(m, w)
	w.end()
}

// signatures writes a block for each partner to sign, filled in from the
// MOU's signatures, then any signature for a partner not in the list.
func signatures(m *MOU, w writer) {
	p := &m.Partnership
	partnerName := partnerNames(p)
	w.section(0, "Signatures")
	w.text("Signed on behalf of each partner by its head, principal or an authorised person.")
	used := make([]bool, len(m.Signatures))
	block := func(name string, s *Signature) {
		rows := [][2]string{{"Name", ""}, {"Role", ""}, {"Date", ""}}
		if s != nil {
			rows[0][1], rows[1][1] = s.Name, s.Role
			if !s.Date.IsZero() {
				rows[2][1] = longDate(s.Date)
			}
		}
		w.signature(name, rows)
	}
	// Each partner takes the first signature for its id not yet taken.
	unsigned := map[string][]int{}
	for i, s := range m.Signatures {
		if s.Partner != "" {
			unsigned[s.Partner] = append(unsigned[s.Partner], i)
		}
	}
	for _, pt := range p.Partners {
		var sig *Signature
		if q := unsigned[pt.ID]; len(q) > 0 {
			used[q[0]], sig = true, &m.Signatures[q[0]]
			unsigned[pt.ID] = q[1:]
		}
		name := pt.Name
		if name == "" {
			name = pt.ID
		}
		block(name, sig)
	}
	for i := range m.Signatures {
		if !used[i] {
			block(partnerName(m.Signatures[i].Partner), &m.Signatures[i])
		}
	}
	if len(p.Partners) == 0 && len(m.Signatures) == 0 {
		w.missing()
	}
	w.endSection()
}

// partnerNames returns p.PartnerName, looking partners up in a map made
// once rather than by a scan of the list for every name.
func partnerNames(p *partnership.Partnership) func(id string) string {
	first := make(map[string]int, len(p.Partners))
	for i, pt := range p.Partners {
		if _, ok := first[pt.ID]; !ok {
			first[pt.ID] = i
		}
	}
	return func(id string) string {
		if i, ok := first[id]; ok && p.Partners[i].Name != "" {
			return p.Partners[i].Name
		}
		return id
	}
}

// measure reads a measure as a sentence: "Year 6 pupils meeting the
// expected standard in science: from 62% to 75%".
func measure(ms *Measure) string {
	amount := func(v *float64) string {
		if v == nil {
			return "not given"
		}
		if percent(ms.Unit) {
			return number(*v) + "%"
		}
		return number(*v)
	}
	s := ms.Indicator
	if ms.Baseline == nil && ms.Target == nil {
		if s == "" {
			return "Not given"
		}
		return s
	}
	if s != "" {
		s += ": "
	}
	s += "from " + amount(ms.Baseline) + " to " + amount(ms.Target)
	if ms.Unit != "" && !percent(ms.Unit) {
		s += " " + ms.Unit
	}
	return text.Capital(s)
}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// longDate writes a date as people in the UK read it: 16 July 2027.
func longDate(d partnership.Date) string {
	if d.Month < 1 || d.Month > 12 {
		return d.String()
	}
	return strconv.Itoa(d.Day) + " " + months[d.Month-1] + " " + strconv.Itoa(d.Year)
}

// label returns the words for an enumerated value: its title in the
// schemas (schemas.Labels), which the form shows too, or the value itself.
func label(labels func() map[string]string, v string) string {
	if l, ok := labels()[v]; ok {
		return l
	}
	return v
}

// The enumerations' titles, read from the schemas on first use.
var (
	models       = enumeration("model")
	stages       = enumeration("stage")
	focusAreas   = enumeration("focusArea")
	partnerTypes = enumeration("partnerType")
	phases       = enumeration("phase")
	evidence     = enumeration("evidence")
	lawfulBases  = enumeration("lawfulBasis")
)

func enumeration(name string) func() map[string]string {
	return sync.OnceValue(func() map[string]string { return schemas.Labels("defs.json#/$defs/" + name) })
}

// paragraphs splits text at blank lines, and each paragraph into lines.
func paragraphs(s string) [][]string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out [][]string
	for _, p := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, lines)
		}
	}
	return out
}

// htmlWriter writes an <article>. Everything from the document goes
// through esc.
type htmlWriter struct{ b strings.Builder }

// esc escapes text for HTML element content and quoted attribute values.
var esc = html.EscapeString

func (w *htmlWriter) s(s string) { w.b.WriteString(s) }

func (w *htmlWriter) begin(title string) {
	w.s(`<article class="mou-document">` + "\n<h1>" + esc(title) + "</h1>\n")
}
func (w *htmlWriter) end() { w.s("</article>\n") }

func (w *htmlWriter) section(n int, title string) {
	if n > 0 {
		title = strconv.Itoa(n) + ". " + title
	}
	w.s(`<section class="mou-part">` + "\n<h2>" + esc(title) + "</h2>\n")
}
func (w *htmlWriter) endSection()         { w.s("</section>\n") }
func (w *htmlWriter) subheading(t string) { w.s("<h3>" + esc(t) + "</h3>\n") }
func (w *htmlWriter) missing()            { w.s(`<p class="mou-missing">` + missingText + "</p>\n") }
func (w *htmlWriter) bytes() []byte       { return []byte(w.b.String()) }
func (w *htmlWriter) lines(ls []string) string {
	for i := range ls {
		ls[i] = esc(ls[i])
	}
	return strings.Join(ls, "<br>\n")
}

func (w *htmlWriter) text(s string) {
	for _, p := range paragraphs(s) {
		w.s("<p>" + w.lines(p) + "</p>\n")
	}
}

func (w *htmlWriter) details(rows [][2]string) {
	if len(rows) == 0 {
		return
	}
	w.s(`<dl class="mou-details">` + "\n")
	for _, r := range rows {
		w.s("<dt>" + esc(r[0]) + "</dt><dd>" + esc(r[1]) + "</dd>\n")
	}
	w.s("</dl>\n")
}

func (w *htmlWriter) table(header []string, rows [][]string) {
	w.s("<table>\n<thead><tr>")
	for _, h := range header {
		w.s(`<th scope="col">` + esc(h) + "</th>")
	}
	w.s("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		w.s("<tr>")
		for i, c := range r {
			if i == 0 {
				w.s(`<th scope="row">` + esc(c) + "</th>")
			} else {
				w.s("<td>" + esc(c) + "</td>")
			}
		}
		w.s("</tr>\n")
	}
	w.s("</tbody>\n</table>\n")
}

func (w *htmlWriter) signature(partner string, rows [][2]string) {
	w.s(`<div class="mou-signature">` + "\n<h3>" + esc(partner) + "</h3>\n")
	w.s(`<p class="mou-sign"><span>Signed</span><span class="mou-line"></span></p>` + "\n")
	w.s(`<dl class="mou-details">` + "\n")
	for _, r := range rows {
		v := esc(r[1])
		if v == "" {
			v = `<span class="mou-line"></span>`
		}
		w.s("<dt>" + esc(r[0]) + "</dt><dd>" + v + "</dd>\n")
	}
	w.s("</dl>\n</div>\n")
}

// mdWriter writes Markdown.
type mdWriter struct{ b strings.Builder }

func (w *mdWriter) s(s string) { w.b.WriteString(s) }

func (w *mdWriter) begin(title string) { w.s("# " + mdInline(oneLine(title)) + "\n\n") }
func (w *mdWriter) end()               {}
func (w *mdWriter) section(n int, title string) {
	// Section titles are partnerkit's own words, not the document's.
	if n > 0 {
		title = strconv.Itoa(n) + ". " + title
	}
	w.s("## " + title + "\n\n")
}
func (w *mdWriter) endSection()         {}
func (w *mdWriter) subheading(t string) { w.s("### " + mdInline(oneLine(t)) + "\n\n") }
func (w *mdWriter) missing()            { w.s("_" + missingText + "_\n\n") }
func (w *mdWriter) bytes() []byte {
	return []byte(strings.TrimRight(w.b.String(), "\n") + "\n")
}

func (w *mdWriter) text(s string) {
	for _, p := range paragraphs(s) {
		for i := range p {
			p[i] = mdInline(p[i])
		}
		w.s(strings.Join(p, "\\\n") + "\n\n")
	}
}

func (w *mdWriter) details(rows [][2]string) {
	if len(rows) == 0 {
		return
	}
	for _, r := range rows {
		w.s("- **" + mdInline(oneLine(r[0])) + ":** " + mdInline(oneLine(r[1])) + "\n")
	}
	w.s("\n")
}

func (w *mdWriter) table(header []string, rows [][]string) {
	cells := func(cs []string) {
		w.s("|")
		for _, c := range cs {
			w.s(" " + mdInline(oneLine(c)) + " |")
		}
		w.s("\n")
	}
	cells(header)
	w.s("|" + strings.Repeat(" --- |", len(header)) + "\n")
	for _, r := range rows {
		cells(r)
	}
	w.s("\n")
}

func (w *mdWriter) signature(partner string, rows [][2]string) {
	w.s("### " + mdInline(oneLine(partner)) + "\n\n")
	w.s("Signed: ______________________________\n\n")
	for i, r := range rows {
		v := mdInline(oneLine(r[1]))
		if v == "" {
			v = "______________________________"
		}
		w.s(r[0] + ": " + v)
		if i < len(rows)-1 {
			w.s("\\")
		}
		w.s("\n")
	}
	w.s("\n")
}

// oneLine puts text on one line: every run of white space, line breaks
// included, becomes one space. Headings, table cells and labelled values
// are one line of Markdown, so a line break in them would end them and
// start whatever follows.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdInline escapes one line of text so that Markdown shows it as it is: no
// emphasis, links, HTML, code, tables, headings, quotes or lists. Give it
// one line (oneLine), or one line of a paragraph (paragraphs): a line
// break left in it becomes a space, so that it cannot start a block.
func mdInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\n', '\r':
			b.WriteByte(' ')
			continue
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#', '!':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if i > 0 && allDigits(s[:i]) {
				b.WriteByte('\\') // "1." would start a numbered list
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
