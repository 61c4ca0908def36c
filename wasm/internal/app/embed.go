package app

import (
	"encoding/json"
	"errors"
	"html"
	"strconv"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/form"
)

// EmbedOptions say what an embedded form shows: one of Schema,
// SchemaJSON, Framework or FrameworkJSON, and the document to start from.
type EmbedOptions struct {
	// Schema is the name of one of partnerkit's schemas (schemas.Names):
	// "mou" is the MOU builder, checked as the MOU check does; any other
	// is that schema as a form, validated against it.
	Schema string
	// SchemaJSON is a JSON Schema of the developer's own, shown as a form
	// and checked as the user types by form.Problems.
	SchemaJSON []byte
	// Framework is the id of a built-in self-assessment framework
	// (evaluation.BuiltinIDs), asked as a questionnaire with its scores.
	Framework string
	// FrameworkJSON is a framework document to ask instead.
	FrameworkJSON []byte
	// Value is the document to start from, as JSON; empty for a new one.
	Value []byte
	// SubmitLabel is the text of the submit button; empty: "Submit".
	SubmitLabel string
}

// Embed is one form embedded in another page (the custom element
// <partnerkit-form> in web/partnerkit-form.js): the MOU builder, a
// questionnaire, or any of partnerkit's schemas as a form, with its
// findings beside the fields and a submit button, and without the page's
// views, import and export, or storage: the embedding page has the value
// through events. Every entry point returns patches, as Page's do; the
// ids are the page's own, so each embedded form lives in its own shadow
// root. An Embed is not safe for concurrent use.
type Embed struct {
	builder    *Builder    // a schema's form, or nil
	assessment *Assessment // a questionnaire, or nil
	label      string
}

// NewEmbed returns an embedded form, or an error that says which option
// is wrong.
func NewEmbed(o EmbedOptions) (*Embed, error) {
	e := &Embed{label: o.SubmitLabel}
	if e.label == "" {
		e.label = "Submit"
	}
	switch {
	case o.Framework != "" || len(o.FrameworkJSON) > 0:
		if o.Schema != "" || len(o.SchemaJSON) > 0 {
			return nil, errors.New("app: an embedded form shows a schema or a framework, not both")
		}
		var fw *evaluation.Framework
		if len(o.FrameworkJSON) > 0 {
			f, err := evaluation.ParseFramework(o.FrameworkJSON)
			if err != nil {
				return nil, frameworkError(err)
			}
			fw = f
		} else {
			f, ok := evaluation.Builtin(o.Framework)
			if !ok {
				return nil, errors.New("app: there is no built-in framework " + strconv.Quote(o.Framework) + " (there are " + quoteAll(evaluation.BuiltinIDs()) + ")")
			}
			fw = f
		}
		a, err := newRoundAssessment(fw)
		if err != nil {
			return nil, err
		}
		a.round, a.embedded = false, true
		a.Reset()
		if len(o.Value) > 0 {
			doc, err := decodeObject(o.Value, "a self-assessment")
			if err != nil {
				return nil, err
			}
			if _, ok := doc["framework"]; !ok {
				doc["framework"] = fw.ID
			}
			if err := a.load(doc); err != nil {
				return nil, err
			}
		}
		e.assessment = a
	case len(o.SchemaJSON) > 0:
		if o.Schema != "" {
			return nil, errors.New("app: an embedded form shows one of partnerkit's schemas or a schema of your own, not both")
		}
		root, err := form.Compile(o.SchemaJSON, nil)
		if err != nil {
			return nil, err
		}
		f := form.New(root, "form")
		e.builder = &Builder{form: f, embedded: true, checker: func(any) *mou.Report { return problems(f) }}
	default:
		name := o.Schema
		if name == "" {
			name = schemas.MOU
		}
		s, err := schemas.Lookup(name)
		if err != nil {
			return nil, errors.New("app: there is no schema " + strconv.Quote(name) + " (there are " + quoteAll(schemas.Names()) + ")")
		}
		root, err := form.ForSchema(name)
		if err != nil {
			return nil, err
		}
		root = withHints(name, root)
		b := &Builder{form: form.New(root, idSafe(name)), schema: name, embedded: true, checker: mou.CheckValue}
		if name != schemas.MOU {
			b.checker = func(v any) *mou.Report { return validate(s, v) }
		}
		e.builder = b
	}
	if b := e.builder; b != nil {
		b.Reset()
		if len(o.Value) > 0 {
			doc, err := decodeObject(o.Value, "a document")
			if err != nil {
				return nil, err
			}
			b.loadDoc(doc)
		}
	}
	return e, nil
}

// validate checks a document against a schema, as a report.
func validate(s *schemas.Schema, v any) *mou.Report {
	r := &mou.Report{Valid: true, Findings: []finding.Finding{}}
	for _, x := range s.Validate(v) {
		f := x.Finding()
		r.Findings = append(r.Findings, f)
		r.Valid = r.Valid && f.Severity != finding.Error
	}
	return r
}

// problems checks a document against the form's own schema, as a report.
func problems(f *form.Form) *mou.Report {
	r := &mou.Report{Valid: true, Findings: f.Problems()}
	if r.Findings == nil {
		r.Findings = []finding.Finding{}
	}
	for _, x := range r.Findings {
		r.Valid = r.Valid && x.Severity != finding.Error
	}
	return r
}

func quoteAll(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(s)
	}
	return out
}

// HTML renders the form, before its first check (see Finish).
func (e *Embed) HTML() string {
	body := ""
	if e.assessment != nil {
		body = e.assessment.HTML()
	} else {
		body = `<div id="mou-body">` + e.builder.render() + "</div>\n"
	}
	return `<div class="pk-embed">` + "\n" + body +
		`<p class="pk-actions"><button type="button" class="pk-button" id="pk-submit" data-command="submit">` + html.EscapeString(e.label) + "</button></p>\n</div>\n"
}

// Finish checks the document after the first render, and returns the
// patches that show the findings.
func (e *Embed) Finish() []Patch {
	if e.builder != nil {
		return e.builder.finish()
	}
	return nil
}

// Handle applies what the user did.
func (e *Embed) Handle(ev Event) []Patch {
	if e.assessment != nil {
		return e.assessment.Handle(ev)
	}
	return e.builder.Handle(ev)
}

// Submit returns the patches for a press of the submit button: every
// finding shows, and with errors the summary takes the focus, as the
// GOV.UK error summary does.
func (e *Embed) Submit() []Patch {
	if e.builder == nil {
		return nil
	}
	out := e.builder.finish()
	for _, p := range e.builder.Handle(Event{Action: "check"}) {
		if p.Op != OpFocus || e.builder.Report().Count(finding.Error) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// Load replaces the document, and returns the patches that show it.
func (e *Embed) Load(data []byte) ([]Patch, error) {
	if e.assessment != nil {
		doc, err := decodeObject(data, "a self-assessment")
		if err != nil {
			return nil, err
		}
		if _, ok := doc["framework"]; !ok {
			doc["framework"] = e.assessment.fw.ID
		}
		if err := e.assessment.load(doc); err != nil {
			return nil, err
		}
		return []Patch{{Op: OpInner, ID: ViewAssessment + "-body", HTML: e.assessment.body()}}, nil
	}
	doc, err := decodeObject(data, "a document")
	if err != nil {
		return nil, err
	}
	e.builder.loadDoc(doc)
	return []Patch{{Op: OpInner, ID: "mou-body", HTML: e.builder.body()}}, nil
}

// Value returns the document as JSON.
func (e *Embed) Value() []byte {
	if e.assessment != nil {
		return e.assessment.JSON()
	}
	return e.builder.JSON()
}

// Findings returns what checking the document found: the MOU check's or
// the schema's findings; for a questionnaire, an answer the framework's
// scale does not allow.
func (e *Embed) Findings() []finding.Finding {
	if e.assessment != nil {
		if _, err := e.assessment.Score(); err != nil {
			var inv *evaluation.InvalidError
			if errors.As(err, &inv) {
				return inv.Findings
			}
			return []finding.Finding{{Code: "assessment.invalid", Severity: finding.Error, Message: err.Error()}}
		}
		return []finding.Finding{}
	}
	return e.builder.Report().Findings
}

// State is what the embedding page is told on each change and on
// submit: the document, the findings, whether none is an error, and for
// a questionnaire its scores.
type State struct {
	Value    json.RawMessage   `json:"value"`
	Findings []finding.Finding `json:"findings"`
	Valid    bool              `json:"valid"`
	Score    *evaluation.Score `json:"score,omitempty"`
}

// State returns the form's state.
func (e *Embed) State() State {
	s := State{Value: e.Value(), Findings: e.Findings(), Valid: true}
	if s.Findings == nil {
		s.Findings = []finding.Finding{}
	}
	for _, f := range s.Findings {
		s.Valid = s.Valid && f.Severity != finding.Error
	}
	if e.assessment != nil {
		s.Score, _ = e.assessment.Score()
	}
	return s
}

// StateJSON returns State as JSON, for the events' detail.
func (e *Embed) StateJSON() []byte {
	data, err := json.Marshal(e.State())
	if err != nil {
		return []byte(`{"value":null,"findings":[],"valid":false}`)
	}
	return data
}
