package app

import (
	"html"
	"strconv"
)

// SwitchFramework shows another framework in the health check: a
// built-in one (evaluation.BuiltinIDs), or one imported this visit.
// The answers to the framework shown are kept for it, on this device, so
// that switching back finds them. When there are answers, the page asks
// first (ConfirmSwitch or CancelSwitch answer).
func (p *Page) SwitchFramework(id string) []Patch {
	a := p.assessment
	if id == a.fw.ID {
		return []Patch{{Op: OpInner, ID: "health-check-switch", HTML: `<p class="pk-message pk-message-info">This is the framework shown.</p>`}}
	}
	to := a.choiceTitle(id)
	if to == "" {
		return []Patch{{Op: OpInner, ID: "health-check-switch", HTML: `<p class="pk-message pk-message-error">There is no such framework on this page.</p>`}}
	}
	if !a.hasWork() {
		return p.switchFramework(id)
	}
	p.switching = id
	answered, _ := a.count()
	esc := html.EscapeString
	return []Patch{
		{Op: OpInner, ID: "health-check-switch", HTML: `<div class="pk-confirm" role="alertdialog" aria-labelledby="health-check-switch-title" aria-describedby="health-check-switch-text">
<h2 class="pk-confirm-title" id="health-check-switch-title" tabindex="-1">Switch to ` + esc(quote(to)) + `?</h2>
<p id="health-check-switch-text">Your ` + answersText(answered) + ` to ` + esc(quote(a.fw.Title)) + ` are kept on this device: choose it again to carry on where you left off.</p>
<div class="pk-toolbar-buttons">
<button type="button" class="pk-button" data-command="switch-confirm">Switch framework</button>
<button type="button" class="pk-button pk-button-secondary" data-command="switch-cancel">Stay with ` + esc(a.fw.Title) + `</button>
</div>
</div>
`},
		{Op: OpFocus, ID: "health-check-switch-title"},
	}
}

func answersText(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return strconv.Itoa(n) + " answers"
}

// ConfirmSwitch switches to the framework SwitchFramework asked about.
func (p *Page) ConfirmSwitch() []Patch {
	id := p.switching
	if id == "" {
		return nil
	}
	return p.switchFramework(id)
}

// CancelSwitch stays with the framework shown.
func (p *Page) CancelSwitch() []Patch {
	if p.switching == "" {
		return nil
	}
	p.switching = ""
	return []Patch{{Op: OpInner, ID: "health-check-switch"}, {Op: OpFocus, ID: "health-check-framework"}}
}

func (p *Page) switchFramework(id string) []Patch {
	p.switching = ""
	a := p.assessment
	from := a.fw.Title
	kept := a.hasWork()
	if err := a.switchTo(id); err != nil {
		return []Patch{{Op: OpInner, ID: "health-check-switch", HTML: `<p class="pk-message pk-message-error">` + html.EscapeString(err.Error()) + ".</p>"}}
	}
	delete(p.undo, ViewAssessment)
	delete(p.pending, ViewAssessment)
	msg := "Now answering " + quote(a.fw.Title) + "."
	if answered, _ := a.count(); answered > 0 {
		msg = "Now answering " + quote(a.fw.Title) + ", with your " + answersText(answered) + " from before."
	}
	if kept {
		msg += " Your answers to " + quote(from) + " are kept: choose it again to carry on."
	}
	return append(p.rerender(ViewAssessment), p.say(ViewAssessment, msg)...)
}
