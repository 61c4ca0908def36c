package mou

import (
	"errors"
	"fmt"
	"html"
	"strings"

	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
)

// A letter approaching a partner. The guidance's first step, before an
// MOU: write to the proposed partner, to the right person (often the school
// business manager), outlining the proposal, its aims and its benefits.
// It lives here, beside Render, because it shares Render's formats and
// conventions and needs nothing but the partnership document below it.

// Letter is what a letter approaching a partner says beyond the
// partnership document itself.
type Letter struct {
	// From is the id of the partner writing; its lead in the partnership
	// document signs the letter and gives the contact details.
	From string
	// To is who the letter is addressed to.
	To Recipient
	// Date is the letter's date; the zero Date leaves it out.
	Date partnership.Date
	// Proposal says what is proposed. Empty, the partnership's
	// description stands in.
	Proposal string
	// Aims are the partnership's aims. Empty, its focus areas stand in.
	Aims []string
	// Benefits are what the recipient's organisation would gain.
	Benefits []string
	// NextStep is what the writer asks for, such as "a meeting in the
	// first week of October". Empty, the letter offers to meet.
	NextStep string
}

// Recipient is the person a letter is addressed to.
type Recipient struct {
	// Partner is the id of the recipient's organisation when it is
	// already a partner in the document; otherwise give Organisation.
	Partner      string
	Organisation string
	Name         string // such as "Mrs Jo Evans"
	// Role is the recipient's job title. Empty, it is "School Business
	// Manager", the person the guidance suggests writing to.
	Role string
}

// DefaultRecipientRole is the role a letter is addressed to when none is
// given.
const DefaultRecipientRole = "School Business Manager"

// RenderLetter writes a letter from one partner of p to a proposed partner,
// in the format given: the sender's details and the date, the recipient,
// a subject line, the proposal, the aims, the benefits for the recipient,
// the partners, the next step, and a signature by the sender's lead. A
// part with nothing to say shows a prompt in square brackets, so that a
// draft shows its gaps. Every value from the documents is escaped.
//
// It fails when p is nil, when the sender or a recipient partner is not in
// p, or for a format it does not write (ErrFormat).
func RenderLetter(p *partnership.Partnership, l Letter, format Format) ([]byte, error) {
	if p == nil {
		return nil, errors.New("mou: no partnership to write a letter for (nil)")
	}
	from, ok := p.Partner(l.From)
	if !ok {
		return nil, fmt.Errorf("mou: the letter's sender %q is not a partner in %q", l.From, p.Name)
	}
	to := l.To
	if to.Partner != "" {
		pt, ok := p.Partner(to.Partner)
		if !ok {
			return nil, fmt.Errorf("mou: the letter's recipient %q is not a partner in %q", to.Partner, p.Name)
		}
		if blank(to.Organisation) {
			to.Organisation = pt.Name
		}
	}
	if blank(to.Name) && blank(to.Role) {
		to.Role = DefaultRecipientRole
	}
	var w letterWriter
	switch format {
	case HTML:
		w = &htmlLetter{}
	case Markdown:
		w = &mdLetter{}
	default:
		return nil, ErrFormat
	}
	writeLetter(p, from, to, l, w)
	return w.bytes(), nil
}

// letterWriter is what a format writes; every string it is given is
// plain text.
type letterWriter interface {
	address(class string, lines []string)
	para(s string) // a paragraph; line breaks in s are kept
	heading(s string)
	list(items []string)
	prompt(s string) // a gap for the writer to fill
	bytes() []byte
}

func writeLetter(p *partnership.Partnership, from partnership.Partner, to Recipient, l Letter, w letterWriter) {
	lead, hasLead := p.LeadFor(from.ID)
	sender := []string{oneLine(from.Name)}
	if hasLead {
		for _, s := range []string{lead.Email, lead.Phone} {
			if !blank(s) {
				sender = append(sender, s)
			}
		}
	}
	w.address("letter-from", sender)
	if !l.Date.IsZero() {
		w.address("letter-date", []string{longDate(l.Date)})
	}
	var recipient []string
	for _, s := range []string{to.Name, to.Role, to.Organisation} {
		if !blank(s) {
			recipient = append(recipient, oneLine(s))
		}
	}
	w.address("letter-to", recipient)

	name := oneLine(p.Name)
	if name == "" {
		name = "a school partnership"
	}
	w.heading("A proposed partnership: " + name)
	w.para("Dear " + salutation(to) + ",")

	org := oneLine(to.Organisation)
	if org == "" {
		org = "your school"
	}
	intro := "I am writing on behalf of " + oneLine(from.Name) + " to invite " + org
	if oneLine(p.Name) != "" {
		intro += " to join " + name
	} else {
		intro += " to work with us in a school partnership"
	}
	if others := otherPartners(p, from.ID, to.Partner); len(others) > 0 {
		intro += ", in which we work with " + text.AndList(others)
	}
	intro += "."
	if m := modelPhrase(p.Model); m != "" {
		intro += " " + m
	}
	w.para(intro)

	w.heading("What we propose")
	proposal := l.Proposal
	if blank(proposal) {
		proposal = p.Description
	}
	if blank(proposal) {
		w.prompt("Say what you propose: what the partners would do together, with which year groups and subjects, and for how long.")
	} else {
		for _, para := range paragraphs(proposal) {
			w.para(strings.Join(para, "\n"))
		}
	}

	w.heading("Our aims")
	aims := nonBlank(l.Aims)
	if len(aims) == 0 {
		for _, f := range p.FocusAreas {
			aims = append(aims, label(focusAreas, string(f)))
		}
	}
	if len(aims) == 0 {
		w.prompt("List the partnership's aims.")
	} else {
		w.list(aims)
	}

	w.heading("What " + org + " would gain")
	if benefits := nonBlank(l.Benefits); len(benefits) == 0 {
		w.prompt("Say what " + org + " would gain: for its pupils, its staff and the school as a whole.")
	} else {
		w.list(benefits)
	}

	next := "I would be glad to meet, at a time that suits you, to talk the idea through and answer any questions."
	if !blank(l.NextStep) {
		next = "I would be glad to arrange " + strings.TrimSuffix(oneLine(l.NextStep), ".") + " to talk the idea through and answer any questions."
	}
	if hasLead && !blank(lead.Email) {
		next += " You can reach me at " + strings.TrimSpace(lead.Email)
		if !blank(lead.Phone) {
			next += " or on " + strings.TrimSpace(lead.Phone)
		}
		next += "."
	}
	w.para(next)
	w.para("Yours sincerely,")
	var sig []string
	if hasLead && !blank(lead.Name) {
		sig = append(sig, oneLine(lead.Name))
		if !blank(lead.Role) {
			sig = append(sig, oneLine(lead.Role))
		}
	}
	sig = append(sig, oneLine(from.Name))
	w.address("letter-signature", sig)
}

func salutation(to Recipient) string {
	if !blank(to.Name) {
		return oneLine(to.Name)
	}
	return oneLine(to.Role)
}

// otherPartners names the partners besides the sender and the recipient.
func otherPartners(p *partnership.Partnership, from, to string) []string {
	var out []string
	for _, pt := range p.Partners {
		if pt.ID != from && pt.ID != to && !blank(pt.Name) {
			out = append(out, oneLine(pt.Name))
		}
	}
	return out
}

func modelPhrase(m partnership.Model) string {
	switch m {
	case partnership.ModelHubAndSpoke:
		return "It would be a small hub-and-spoke partnership, with one school leading."
	case partnership.ModelBroadArea:
		return "Its schools would work together as equal partners."
	case partnership.ModelFormalStructure:
		return "It would be a formal partnership, with a lead sponsor working alongside its partner schools."
	}
	return ""
}

func nonBlank(items []string) []string {
	var out []string
	for _, s := range items {
		if !blank(s) {
			out = append(out, s)
		}
	}
	return out
}

// htmlLetter writes an <article class="letter">, escaping every value
// with html.EscapeString.
type htmlLetter struct{ b strings.Builder }

func (w *htmlLetter) lines(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, html.EscapeString(l))
		}
	}
	return strings.Join(out, "<br>\n")
}

func (w *htmlLetter) start() {
	if w.b.Len() == 0 {
		w.b.WriteString(`<article class="letter">` + "\n")
	}
}

func (w *htmlLetter) address(class string, lines []string) {
	w.start()
	if len(lines) == 0 {
		return
	}
	w.b.WriteString(`<p class="` + class + `">` + w.lines(strings.Join(lines, "\n")) + "</p>\n")
}

func (w *htmlLetter) para(s string) {
	w.start()
	w.b.WriteString("<p>" + w.lines(s) + "</p>\n")
}

func (w *htmlLetter) heading(s string) {
	w.start()
	w.b.WriteString("<h2>" + html.EscapeString(oneLine(s)) + "</h2>\n")
}

func (w *htmlLetter) list(items []string) {
	w.start()
	w.b.WriteString("<ul>\n")
	for _, it := range items {
		w.b.WriteString("<li>" + html.EscapeString(oneLine(it)) + "</li>\n")
	}
	w.b.WriteString("</ul>\n")
}

func (w *htmlLetter) prompt(s string) {
	w.start()
	w.b.WriteString(`<p class="letter-prompt">[` + html.EscapeString(s) + "]</p>\n")
}

func (w *htmlLetter) bytes() []byte {
	w.start()
	return []byte(w.b.String() + "</article>\n")
}

// mdLetter writes CommonMark: each line of text is escaped as mou.Render
// escapes it, so that no value starts a heading, a list or a quote, and
// line breaks inside a value become hard breaks, never new blocks.
type mdLetter struct{ b strings.Builder }

func (w *mdLetter) lines(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, mdInline(l))
		}
	}
	return strings.Join(out, "\\\n")
}

func (w *mdLetter) address(_ string, lines []string) {
	if len(lines) > 0 {
		w.b.WriteString(w.lines(strings.Join(lines, "\n")) + "\n\n")
	}
}

func (w *mdLetter) para(s string) {
	if t := w.lines(s); t != "" {
		w.b.WriteString(t + "\n\n")
	}
}

func (w *mdLetter) heading(s string) { w.b.WriteString("## " + mdInline(oneLine(s)) + "\n\n") }

func (w *mdLetter) list(items []string) {
	for _, it := range items {
		w.b.WriteString("- " + mdInline(oneLine(it)) + "\n")
	}
	w.b.WriteString("\n")
}

func (w *mdLetter) prompt(s string) { w.b.WriteString("_\\[" + mdInline(s) + "\\]_\n\n") }

func (w *mdLetter) bytes() []byte { return []byte(strings.TrimRight(w.b.String(), "\n") + "\n") }
