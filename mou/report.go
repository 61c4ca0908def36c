package mou

import (
	"encoding/json"
	"errors"

	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// Finding is one thing the check found: the finding type every partnerkit
// checker returns.
type Finding = partnership.Finding

// Report is the result of checking one MOU.
type Report struct {
	// Valid is true when no finding is an error.
	Valid bool `json:"valid"`
	// Findings lists what the check found: schema violations first, then
	// the guidance's rules in the order of the MOU's parts.
	Findings []Finding `json:"findings"`
}

// Count returns how many findings have the given severity.
func (r *Report) Count(s partnership.Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Has reports whether the report has a finding with the given code.
func (r *Report) Has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Check checks an MOU document in one pass: the JSON syntax, then the
// schema, then the guidance's rules on whatever could be read, so that one
// check tells the user everything. It never fails: malformed JSON is
// reported as a "syntax" finding with the line and column.
func Check(data []byte) *Report {
	doc, err := schemas.Decode(data)
	if err != nil {
		msg := err.Error()
		var se *schemas.SyntaxError
		if errors.As(err, &se) {
			msg = se.Sentence()
		}
		return newReport([]Finding{{Code: CodeSyntax, Severity: partnership.SeverityError, Path: "", Message: msg}})
	}
	return CheckValue(doc)
}

// CheckValue checks an MOU document that is already decoded into any, as
// schemas.Decode or encoding/json produce it.
func CheckValue(doc any) *Report {
	var findings []Finding
	broken := map[string]bool{}
	for _, v := range schemas.MustLookup(schemas.MOU).Validate(doc) {
		findings = append(findings, Finding{Code: CodeSchema, Severity: partnership.SeverityError, Path: v.Path, Message: v.Sentence()})
		broken[v.Path] = true
	}
	m := FromValue(doc)
	for _, f := range m.rules() {
		// A value the schema rejected reads as absent; the schema's
		// message at that path already says what to put right.
		if !broken[f.Path] {
			findings = append(findings, f)
		}
	}
	return newReport(findings)
}

// Check checks the MOU: it is marshalled to JSON and checked as a document
// would be, so the schema applies too.
func (m *MOU) Check() *Report {
	data, err := json.Marshal(m)
	if err != nil {
		return newReport([]Finding{{Code: CodeSchema, Severity: partnership.SeverityError, Message: schemas.Violation{Message: err.Error()}.Sentence()}})
	}
	return Check(data)
}

func newReport(findings []Finding) *Report {
	if findings == nil {
		findings = []Finding{}
	}
	return &Report{Valid: partnership.Valid(findings), Findings: findings}
}
