package app

import (
	"encoding/json"
	"errors"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/form"
)

// Assessment is a self-assessment framework shown as a questionnaire: a
// Likert radio group for each question, grouped by dimension, with a
// notes box each; a progress bar; and the scores, worked out by
// evaluation.Framework.Score as the command line does, after every answer.
type Assessment struct {
	fw            *evaluation.Framework
	custom        bool   // the framework was imported, not built in
	frameworkJSON []byte // the imported framework's text
	about         *form.Form
	answers       map[string]evaluation.Answer
	notes         map[string]string
	scores        string // the scores panel's HTML, as on the page
	progress      string
	version       int   // counts changes, for saved
	save          cache // the JSON as last saved
	// round is true for a round's questionnaire: the framework is the
	// round's, and who answers is the invitation's, so the page shows
	// neither the import and export controls nor the questions about you.
	round bool
	// embedded is true for a questionnaire embedded in another page
	// (Embed): no import and export controls.
	embedded bool
	// kept holds the work on the frameworks not shown, by framework id:
	// what the framework picker switched away from, to switch back to.
	kept map[string]keptWork
}

// keptWork is an assessment set aside by the framework picker: its JSON,
// and the framework's when it was imported.
type keptWork struct {
	Document  json.RawMessage `json:"document"`
	Framework json.RawMessage `json:"framework,omitempty"`
}

// The answers and notes are not edited through the form: the
// questionnaire shows them.
const (
	answersPath = "/answers"
	notesPath   = "/notes"
)

// NewAssessment returns a questionnaire for the built-in partnership
// health check.
func NewAssessment() (*Assessment, error) {
	fw, ok := evaluation.Builtin(evaluation.HealthCheck)
	if !ok {
		return nil, errors.New("app: the built-in health check is missing")
	}
	root, err := form.ForSchema(schemas.Assessment)
	if err != nil {
		return nil, err
	}
	root = withHints(schemas.Assessment, root)
	a := &Assessment{fw: fw, about: form.New(root, "hc"), kept: map[string]keptWork{}}
	a.Reset()
	return a, nil
}

// newRoundAssessment returns a questionnaire for a round's framework.
func newRoundAssessment(fw *evaluation.Framework) (*Assessment, error) {
	root, err := form.ForSchema(schemas.Assessment)
	if err != nil {
		return nil, err
	}
	root = withHints(schemas.Assessment, root)
	a := &Assessment{fw: fw, custom: true, about: form.New(root, "hc"), round: true, kept: map[string]keptWork{}}
	a.Reset()
	return a, nil
}

// Framework returns the framework the questionnaire asks.
func (a *Assessment) Framework() *evaluation.Framework { return a.fw }

// Reset clears the answers and starts a new assessment of the same
// framework.
func (a *Assessment) Reset() {
	a.about.Reset()
	_ = a.about.Input("/id", uuid.NewString())
	_ = a.about.Input("/framework", a.fw.ID)
	if a.fw.Version != "" {
		_ = a.about.Input("/frameworkVersion", a.fw.Version)
	}
	a.answers = map[string]evaluation.Answer{}
	a.notes = map[string]string{}
	a.version++
}

// id returns the framework's id, for file names.
func (a *Assessment) id() string { return a.fw.ID }

// document returns the assessment document: the form's members, with the
// answers and notes.
func (a *Assessment) document() map[string]any {
	doc := map[string]any{}
	if m, ok := a.about.Value().(map[string]any); ok {
		for k, v := range m {
			doc[k] = v
		}
	}
	answers := make(map[string]any, len(a.answers))
	for id, ans := range a.answers {
		if ans.NotApplicable {
			answers[id] = nil
		} else {
			answers[id] = int64(ans.Value)
		}
	}
	doc["answers"] = answers
	if len(a.notes) > 0 {
		notes := make(map[string]any, len(a.notes))
		for id, n := range a.notes {
			notes[id] = n
		}
		doc["notes"] = notes
	} else {
		delete(doc, "notes")
	}
	return doc
}

// JSON returns the assessment document, as the command line scores it.
func (a *Assessment) JSON() []byte {
	return a.about.Field().Marshal(a.document())
}

// saved returns the assessment's JSON for localStorage, made again only
// after a change.
func (a *Assessment) saved() string { return a.save.get(a.version, a.JSON) }

// assessment returns the answers as evaluation reads them.
func (a *Assessment) assessment() *evaluation.Assessment {
	return &evaluation.Assessment{Framework: a.fw.ID, FrameworkVersion: a.fw.Version, Answers: a.answers}
}

// Import loads a file: an assessment, or a framework to answer instead.
// An assessment of another built-in framework switches to it. A file of
// another kind is refused with a message that says what it is.
func (a *Assessment) Import(data []byte) error {
	apply, _, err := a.prepare(data)
	if err != nil {
		return err
	}
	apply()
	return nil
}

// prepare reads a file to import and returns what loads it, and its
// kind; nothing changes until apply is called.
func (a *Assessment) prepare(data []byte) (apply func(), kind string, err error) {
	doc, err := decodeObject(data, "a self-assessment or a framework")
	if err != nil {
		return nil, "", err
	}
	kind = kindOf(doc)
	if kind == "" {
		if _, ok := doc["dimensions"]; ok {
			kind = schemas.Framework
		}
	}
	switch kind {
	case schemas.Framework:
		fw, err := evaluation.ParseFramework(data)
		if err != nil {
			return nil, "", frameworkError(err)
		}
		raw := []byte(compact(data))
		return func() {
			a.setAside()
			a.fw, a.custom, a.frameworkJSON = fw, true, raw
			a.Reset()
		}, kind, nil
	case schemas.Assessment:
		apply, err := a.parse(doc)
		if err != nil {
			return nil, "", err
		}
		return apply, kind, nil
	case "":
		return nil, "", errors.New("this file is neither a self-assessment nor a framework: it has none of their members (such as answers, or dimensions)")
	}
	return nil, "", errors.New(wrongKind(kind, "a self-assessment or a framework"))
}

// quote puts a title in curly quotes.
func quote(s string) string { return "“" + s + "”" }

// loaded says what an import of a kind loaded, as it now stands.
func (a *Assessment) loaded(kind string) string {
	answered, total := a.count()
	if kind == schemas.Framework {
		return "the framework " + quote(a.fw.Title) + ", with its " + text.Count(total, "question", "questions") + " to answer"
	}
	return "answers to " + quote(a.fw.Title) + ": " + a.progressText(answered, total)
}

// hasWork reports whether anything has been answered or typed.
func (a *Assessment) hasWork() bool {
	if len(a.answers) > 0 || len(a.notes) > 0 {
		return true
	}
	m, _ := a.about.Value().(map[string]any)
	for k := range m {
		switch k {
		case "id", "framework", "frameworkVersion", "$schema":
		default:
			return true
		}
	}
	return false
}

func frameworkError(err error) error {
	var inv *evaluation.InvalidError
	if errors.As(err, &inv) && len(inv.Findings) > 0 {
		return errors.New("the framework cannot be used: " + strings.TrimSuffix(inv.Findings[0].Message, "."))
	}
	return errors.New("the framework cannot be used")
}

// load takes an assessment document's answers and notes.
func (a *Assessment) load(doc map[string]any) error {
	apply, err := a.parse(doc)
	if err != nil {
		return err
	}
	apply()
	return nil
}

// parse reads an assessment document and returns what loads it.
func (a *Assessment) parse(doc map[string]any) (func(), error) {
	id, _ := doc["framework"].(string)
	fw, custom, fwJSON := a.fw, a.custom, a.frameworkJSON
	if id != a.fw.ID {
		b, ok := evaluation.Builtin(id)
		if !ok {
			return nil, errors.New("the file answers the framework " + strconv.Quote(id) + ", which this page does not have: import the framework's file first")
		}
		fw, custom, fwJSON = b, false, nil
	}
	answers := map[string]evaluation.Answer{}
	if m, ok := doc["answers"].(map[string]any); ok {
		for q, v := range m {
			switch x := v.(type) {
			case nil:
				answers[q] = evaluation.NotApplicable()
			default:
				f, ok := jsontree.Number(x)
				if !ok || f != math.Trunc(f) || math.Abs(f) > 1e9 {
					return nil, errors.New("the answer to " + q + " is not a whole number")
				}
				answers[q] = evaluation.Rating(int(f))
			}
		}
	}
	notes := map[string]string{}
	if m, ok := doc["notes"].(map[string]any); ok {
		for q, v := range m {
			if s, ok := v.(string); ok {
				notes[q] = s
			}
		}
	}
	rest := map[string]any{}
	for k, v := range doc {
		if k != "answers" && k != "notes" {
			rest[k] = v
		}
	}
	return func() {
		a.fw, a.custom, a.frameworkJSON = fw, custom, fwJSON
		a.about.Load(rest)
		a.answers, a.notes = answers, notes
		a.version++
	}, nil
}

// restore loads what was saved: an imported framework, if any, and the
// assessment. Nothing changes when either cannot be read.
func (a *Assessment) restore(framework string, data []byte) error {
	doc, err := decodeObject(data, "an assessment")
	if err != nil {
		return err
	}
	fw, custom, fwJSON := a.fw, a.custom, a.frameworkJSON
	if framework != "" {
		f, err := evaluation.ParseFramework([]byte(framework))
		if err != nil {
			return frameworkError(err)
		}
		a.fw, a.custom, a.frameworkJSON = f, true, compact([]byte(framework))
	}
	if err := a.load(doc); err != nil {
		a.fw, a.custom, a.frameworkJSON = fw, custom, fwJSON
		return err
	}
	return nil
}

// Handle applies an answer, a note or a change to the respondent's
// details, and returns the patches that show the new progress and scores.
func (a *Assessment) Handle(e Event) []Patch {
	if e.Action == "visit" && (strings.HasPrefix(e.Pointer, answersPath+"/") || strings.HasPrefix(e.Pointer, notesPath+"/")) {
		// Leaving a question or its note changes nothing: an input
		// carries the value, a visit none.
		return nil
	}
	a.version++
	switch {
	case strings.HasPrefix(e.Pointer, answersPath+"/"):
		q := unescape(strings.TrimPrefix(e.Pointer, answersPath+"/"))
		if e.Value == "null" {
			a.answers[q] = evaluation.NotApplicable()
		} else if v, err := strconv.Atoi(e.Value); err == nil {
			a.answers[q] = evaluation.Rating(v)
		}
	case strings.HasPrefix(e.Pointer, notesPath+"/"):
		q := unescape(strings.TrimPrefix(e.Pointer, notesPath+"/"))
		if e.Value == "" {
			delete(a.notes, q)
		} else {
			a.notes[q] = e.Value
		}
		return nil
	default:
		structure, focus, err := edit(a.about, e)
		if err != nil || structure == "" {
			return nil
		}
		id, html, err := a.about.Fragment(structure, nil)
		if err != nil {
			return nil
		}
		return append([]Patch{{Op: OpOuter, ID: id, HTML: html}}, focus...)
	}
	return a.refresh()
}

// refresh returns patches for the progress and scores, where they changed.
func (a *Assessment) refresh() []Patch {
	var out []Patch
	answered, total := a.count()
	progress := a.progressText(answered, total)
	if progress != a.progress {
		a.progress = progress
		out = append(out,
			Patch{Op: OpText, ID: "health-check-progress-label", Value: progress},
			Patch{Op: OpAttr, ID: "health-check-progress", Name: "value", Value: strconv.Itoa(answered)})
	}
	if scores := a.scoresHTML(); scores != a.scores {
		a.scores = scores
		out = append(out, Patch{Op: OpInner, ID: "health-check-scores", HTML: scores})
	}
	return out
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

func escapeToken(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// count returns how many questions have an answer (a rating or not
// applicable), and how many there are.
func (a *Assessment) count() (answered, total int) {
	for _, d := range a.fw.Dimensions {
		for _, q := range d.Questions {
			total++
			if _, ok := a.answers[q.ID]; ok {
				answered++
			}
		}
	}
	return answered, total
}

func (a *Assessment) progressText(answered, total int) string {
	return strconv.Itoa(answered) + " of " + strconv.Itoa(total) + " questions answered"
}

// HTML renders the questionnaire: heading, import and export, and body.
func (a *Assessment) HTML() string { return a.html(a.body()) }

func (a *Assessment) html(body string) string {
	return `<div id="health-check-body">` + body + "</div>\n"
}

// body renders the framework's questions and the scores.
func (a *Assessment) body() string {
	var b strings.Builder
	b.Grow(64 << 10)
	esc := html.EscapeString
	fw := a.fw
	if a.round {
		// The page's heading is the partnership's name.
		b.WriteString(`<h2 class="pk-title" id="health-check-title" tabindex="-1">` + esc(fw.Title) + "</h2>\n")
	} else {
		b.WriteString(`<h1 class="pk-title" id="health-check-title" tabindex="-1">` + esc(fw.Title) + "</h1>\n")
	}
	if fw.Description != "" {
		b.WriteString(`<p class="pk-lead">` + esc(fw.Description) + "</p>\n")
	}
	if !a.round && !a.embedded {
		b.WriteString(a.pickerHTML())
		b.WriteString(toolbar(ViewAssessment, "Your answers exported from this page, or a self-assessment framework to answer instead."))
	}
	answered, total := a.count()
	a.progress = a.progressText(answered, total)
	b.WriteString(`<div class="pk-layout">` + "\n" + `<div class="pk-main-col">` + "\n")
	b.WriteString(`<div class="pk-progress"><p class="pk-progress-label" id="health-check-progress-label">` + a.progress + "</p>\n")
	b.WriteString(`<progress class="pk-progress-bar" id="health-check-progress" max="` + strconv.Itoa(total) + `" value="` + strconv.Itoa(answered) + `" aria-labelledby="health-check-progress-label"></progress></div>` + "\n")

	if !a.round {
		b.WriteString(`<section class="pk-dimension" aria-labelledby="health-check-about-title">` + "\n")
		b.WriteString(`<h2 class="pk-dimension-title" id="health-check-about-title">About you</h2>` + "\n")
		b.WriteString(`<p class="pk-hint">Optional. Answers are combined by partner, and self-review is compared with peer review.</p>` + "\n")
		// The respondent's members and the date, without the
		// respondent's own fieldset: its legend would repeat the heading.
		for _, ptr := range []string{"/respondent/partner", "/respondent/role", "/respondent/name", "/respondent/review", "/date"} {
			if _, html, err := a.about.Fragment(ptr, nil); err == nil {
				b.WriteString(html)
			}
		}
		b.WriteString("</section>\n")
	}

	n := 0
	for _, d := range fw.Dimensions {
		did := "health-check-dim-" + idSafe(d.ID)
		b.WriteString(`<section class="pk-dimension" id="` + did + `" aria-labelledby="` + did + `-title">` + "\n")
		b.WriteString(`<h2 class="pk-dimension-title" id="` + did + `-title">` + esc(d.Title) + "</h2>\n")
		if d.Description != "" {
			b.WriteString(`<p class="pk-hint">` + esc(d.Description) + "</p>\n")
		}
		for _, q := range d.Questions {
			n++
			a.question(&b, q, n)
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</div>\n")
	a.scores = a.scoresHTML()
	b.WriteString(`<aside class="pk-side-col" aria-labelledby="health-check-scores-title"><section class="pk-scores" id="health-check-scores" aria-labelledby="health-check-scores-title">` + a.scores + "</section></aside>\n")
	b.WriteString("</div>\n")
	return b.String()
}

// question renders one Likert radio group and its notes box.
func (a *Assessment) question(b *strings.Builder, q evaluation.Question, n int) {
	esc := html.EscapeString
	ptr := answersPath + "/" + escapeToken(q.ID)
	id := a.about.ID(ptr)
	num := strconv.Itoa(n)
	desc := id + "-msg"
	if q.Help != "" {
		desc = id + "-hint " + desc
	}
	b.WriteString(`<div class="pk-question" id="` + id + `-group">` + "\n")
	b.WriteString(`<fieldset class="pk-fieldset pk-likert" id="` + id + `" aria-describedby="` + desc + `">`)
	b.WriteString(`<legend class="pk-legend pk-question-text"><span class="pk-question-number">` + num + `. </span>` + esc(q.Text) + "</legend>\n")
	if q.Help != "" {
		b.WriteString(`<div class="pk-hint" id="` + id + `-hint">` + esc(q.Help) + "</div>\n")
	}
	b.WriteString(`<div class="pk-msg" id="` + id + `-msg">` + a.answerProblem(q.ID) + "</div>\n")
	b.WriteString(`<div class="pk-likert-options">` + "\n")
	ans, answered := a.answers[q.ID]
	scale := a.fw.Scale
	option := func(value, label string, checked bool, i int) {
		oid := id + "-" + strconv.Itoa(i)
		b.WriteString(`<div class="pk-likert-option"><input class="pk-radio-input" type="radio" id="` + oid + `" name="` + id +
			`" value="` + value + `" data-pointer="` + esc(ptr) + `" data-widget="likert"`)
		if checked {
			b.WriteString(" checked")
		}
		b.WriteString(`><label class="pk-label" for="` + oid + `">` + esc(label) + "</label></div>\n")
	}
	for v := scale.Min; v <= scale.Max && v-scale.Min < 20; v++ {
		label := scale.Label(v)
		if label == "" {
			label = strconv.Itoa(v)
		}
		option(strconv.Itoa(v), label, answered && !ans.NotApplicable && ans.Value == v, v-scale.Min)
	}
	if scale.AllowNotApplicable {
		option("null", "Not applicable", answered && ans.NotApplicable, scale.Max-scale.Min+1)
	}
	b.WriteString("</div>\n</fieldset>\n")
	nptr := notesPath + "/" + escapeToken(q.ID)
	nid := a.about.ID(nptr)
	b.WriteString(`<div class="pk-group pk-notes"><label class="pk-label" for="` + nid + `">Notes<span class="pk-vh"> on question ` + num + `</span> <span class="pk-optional">(optional)</span></label>` + "\n")
	b.WriteString(`<textarea class="pk-textarea" rows="2" id="` + nid + `" data-pointer="` + esc(nptr) + `" data-widget="notes">` + esc(a.notes[q.ID]) + "</textarea></div>\n")
	b.WriteString("</div>\n")
}

// answerProblem explains an imported answer that cannot be scored.
func (a *Assessment) answerProblem(q string) string {
	ans, ok := a.answers[q]
	if !ok {
		return ""
	}
	s := a.fw.Scale
	switch {
	case ans.NotApplicable && !s.AllowNotApplicable:
		return form.MessagesHTML([]finding.Finding{{Severity: finding.Error, Message: "This framework does not allow not applicable: choose a rating."}})
	case !ans.NotApplicable && (ans.Value < s.Min || ans.Value > s.Max):
		return form.MessagesHTML([]finding.Finding{{Severity: finding.Error, Message: "The answer " + strconv.Itoa(ans.Value) + " is outside the scale: choose a rating from " +
			strconv.Itoa(s.Min) + " to " + strconv.Itoa(s.Max) + "."}})
	}
	return ""
}

// Score returns the current answers' score, as evaluation works it out.
func (a *Assessment) Score() (*evaluation.Score, error) { return a.fw.Score(a.assessment()) }

// scoresHTML renders the scores panel.
func (a *Assessment) scoresHTML() string {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString(`<h2 class="pk-scores-title" id="health-check-scores-title">Your scores</h2>` + "\n")
	s, err := a.Score()
	if err != nil {
		msg := "These answers cannot be scored."
		var inv *evaluation.InvalidError
		if errors.As(err, &inv) && len(inv.Findings) > 0 {
			msg = "These answers cannot be scored: " + text.LowerFirst(inv.Findings[0].Message)
		}
		b.WriteString(`<p class="pk-message pk-message-error">` + esc(msg) + "</p>\n")
		return b.String()
	}
	b.WriteString(`<p class="pk-hint">Out of 100, worked out as you answer. Not applicable answers are left out.</p>` + "\n")
	b.WriteString(`<table class="pk-table" data-framework="` + esc(a.fw.ID) + `">` + "\n")
	b.WriteString(`<thead><tr><th scope="col">Dimension</th><th scope="col">Score</th><th scope="col">Band</th></tr></thead>` + "\n<tbody>\n")
	for i, d := range a.fw.Dimensions {
		ds := s.Dimensions[i]
		b.WriteString(`<tr data-dimension="` + esc(d.ID) + `"><th scope="row"><a href="#health-check-dim-` + idSafe(d.ID) + `" data-focus="health-check-dim-` + idSafe(d.ID) + `-title">` + esc(d.Title) + "</a></th>")
		b.WriteString(scoreCells(ds.Score, ds.Band))
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n<tfoot>")
	b.WriteString(`<tr data-dimension="overall"><th scope="row">Overall</th>` + scoreCells(s.Overall, s.Band) + "</tr>")
	b.WriteString("</tfoot>\n</table>\n")
	var advice []string
	for _, f := range s.Flags {
		switch f.Code {
		case "coverage.low":
			advice = append(advice, "Fewer than 6 in 10 questions are answered, so the scores may not yet reflect the partnership.")
		case "dimension.concern":
			if d, ok := a.fw.Dimension(f.Dimension); ok {
				for i := range s.Dimensions {
					if s.Dimensions[i].ID == d.ID && s.Dimensions[i].Advice != "" {
						advice = append(advice, d.Title+": "+s.Dimensions[i].Advice)
					}
				}
			}
		}
	}
	if s.Overall != nil && s.Advice != "" {
		advice = append([]string{s.Advice}, advice...)
	}
	b.WriteString(a.readinessHTML(s))
	if len(advice) > 0 {
		b.WriteString(`<h3 class="pk-scores-subtitle">What to do next</h3>` + "\n<ul class=\"pk-advice\">\n")
		for _, t := range advice {
			b.WriteString("<li>" + esc(t) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	return b.String()
}

// scoreCells renders a score, rounded to one decimal place (its exact
// value in data-score), and its band.
func scoreCells(score *float64, band string) string {
	if score == nil {
		return `<td class="pk-score" data-score="">Not scored yet</td><td class="pk-band"></td>`
	}
	exact := strconv.FormatFloat(*score, 'g', -1, 64)
	shown := strconv.FormatFloat(math.Round(*score*10)/10, 'f', -1, 64)
	return `<td class="pk-score" data-score="` + exact + `">` + shown + `</td><td class="pk-band">` + html.EscapeString(band) + "</td>"
}

// idSafe makes an id usable in an element id.
func idSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			b.WriteString("_" + strconv.FormatUint(uint64(c), 16))
		}
	}
	return b.String()
}

// choice is a framework the picker offers.
type choice struct {
	id, title string
	custom    bool
}

// choices lists the frameworks the picker offers: the built-in ones,
// then those imported this visit (the one shown, and any set aside).
func (a *Assessment) choices() []choice {
	var out []choice
	for _, fw := range evaluation.Builtins() {
		out = append(out, choice{id: fw.ID, title: fw.Title})
	}
	if a.custom {
		out = append(out, choice{id: a.fw.ID, title: a.fw.Title, custom: true})
	}
	for _, id := range sortedKeys(a.kept) {
		k := a.kept[id]
		if len(k.Framework) == 0 || (a.custom && id == a.fw.ID) {
			continue
		}
		if fw, err := evaluation.ParseFramework(k.Framework); err == nil {
			out = append(out, choice{id: id, title: fw.Title, custom: true})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// pickerHTML renders the framework picker: a select of the frameworks
// and a button, so that nothing changes until the user asks.
func (a *Assessment) pickerHTML() string {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString(`<div class="pk-picker pk-no-print">` + "\n")
	b.WriteString(`<label class="pk-label" for="health-check-framework">Framework</label>` + "\n")
	b.WriteString(`<div class="pk-hint" id="health-check-framework-hint">The questions to answer. Your answers to each framework are kept when you switch.</div>` + "\n")
	b.WriteString(`<div class="pk-picker-row"><select class="pk-select" id="health-check-framework" aria-describedby="health-check-framework-hint">` + "\n")
	for _, c := range a.choices() {
		sel := ""
		if c.id == a.fw.ID && c.custom == a.custom {
			sel = " selected"
		}
		label := c.title
		if c.custom {
			label += " (imported)"
		}
		b.WriteString(`<option value="` + esc(c.id) + `"` + sel + `>` + esc(label) + "</option>\n")
	}
	b.WriteString(`</select>` + "\n" + `<button type="button" class="pk-button pk-button-secondary" data-command="switch-framework">Switch framework</button></div>` + "\n")
	b.WriteString(`<div id="health-check-switch"></div>` + "\n</div>\n")
	return b.String()
}

// title returns the title of a framework the picker offers, or "".
func (a *Assessment) choiceTitle(id string) string {
	for _, c := range a.choices() {
		if c.id == id {
			return c.title
		}
	}
	return ""
}

// switchTo sets the work on the framework shown aside and shows the
// framework id instead, with the work kept for it, if any.
func (a *Assessment) switchTo(id string) error {
	if id == a.fw.ID {
		return nil
	}
	k, kept := a.kept[id]
	var fw *evaluation.Framework
	var custom bool
	switch {
	case kept && len(k.Framework) > 0:
		f, err := evaluation.ParseFramework(k.Framework)
		if err != nil {
			return frameworkError(err)
		}
		fw, custom = f, true
	default:
		f, ok := evaluation.Builtin(id)
		if !ok {
			return errors.New("there is no framework " + strconv.Quote(id) + " on this page")
		}
		fw = f
	}
	a.setAside()
	a.fw, a.custom, a.frameworkJSON = fw, custom, nil
	if custom {
		a.frameworkJSON = compact(k.Framework)
	}
	a.Reset()
	if kept {
		delete(a.kept, id)
		if doc, err := decodeObject(k.Document, "an assessment"); err == nil {
			_ = a.load(doc)
		}
	}
	return nil
}

// setAside keeps the work on the framework shown, for the picker to
// come back to: an imported framework always, a built-in one when it has
// answers or notes.
func (a *Assessment) setAside() {
	mine := keptWork{Document: a.JSON()}
	if a.custom {
		mine.Framework = json.RawMessage(a.frameworkJSON)
	}
	if a.hasWork() || a.custom {
		a.kept[a.fw.ID] = mine
	} else {
		delete(a.kept, a.fw.ID)
	}
}

// keptJSON returns the work set aside, as saved, or "" when there is none.
func (a *Assessment) keptJSON() string {
	if len(a.kept) == 0 {
		return ""
	}
	data, err := json.Marshal(a.kept)
	if err != nil {
		return ""
	}
	return string(data)
}

// restoreKept takes the work set aside from what was saved.
func (a *Assessment) restoreKept(text string) {
	clear(a.kept)
	if text == "" {
		return
	}
	var m map[string]keptWork
	if json.Unmarshal([]byte(text), &m) == nil {
		for id, k := range m {
			if len(k.Document) > 0 {
				a.kept[id] = k
			}
		}
	}
}

// readinessHTML renders readiness by phase, for a phased framework such
// as peer-review readiness; "" for another.
func (a *Assessment) readinessHTML(s *evaluation.Score) string {
	r, err := a.fw.Readiness(s, evaluation.ReadinessOptions{})
	if err != nil || len(r.Phases) == 0 {
		return ""
	}
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<h3 class="pk-scores-subtitle" id="health-check-readiness-title">Readiness by phase</h3>` + "\n")
	b.WriteString(`<table class="pk-table" id="health-check-readiness" aria-labelledby="health-check-readiness-title">` + "\n")
	b.WriteString(`<thead><tr><th scope="col">Phase</th><th scope="col">Score</th><th scope="col">Complete</th></tr></thead>` + "\n<tbody>\n")
	for _, ph := range r.Phases {
		done := "Not yet"
		if ph.Complete {
			done = "Complete"
		}
		score := "Not scored yet"
		if ph.Score != nil {
			score = strconv.FormatFloat(math.Round(*ph.Score*10)/10, 'f', -1, 64)
		}
		b.WriteString(`<tr data-phase="` + esc(string(ph.Phase)) + `"><th scope="row">` + esc(text.Capital(string(ph.Phase))) + `</th><td class="pk-score">` + score + `</td><td>` + done + "</td></tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if r.Verdict != "" {
		b.WriteString(`<p class="pk-readiness-verdict">` + esc(r.Verdict) + "</p>\n")
	}
	return b.String()
}
