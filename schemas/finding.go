package schemas

import (
	"errors"

	"github.com/partnerkit/partnerkit/finding"
)

// The codes of the findings a document gets before any rule of its own.
const (
	// CodeSyntax: the document is not well-formed JSON.
	CodeSyntax = "syntax"
	// CodeSchema: the document breaks its JSON Schema.
	CodeSchema = "schema"
)

// Finding returns the violation as a finding: the code "schema", the
// severity error, the same path, and the message as a sentence. Every
// checker reports schema violations this way.
func (v Violation) Finding() finding.Finding {
	return finding.Finding{Code: CodeSchema, Severity: finding.Error, Path: v.Path, Message: v.Sentence()}
}

// SyntaxFinding returns the finding for an error from Decode: the code
// "syntax", the severity error, the path "" and, for a *SyntaxError, its
// sentence with the line and column.
func SyntaxFinding(err error) finding.Finding {
	msg := err.Error()
	var se *SyntaxError
	if errors.As(err, &se) {
		msg = se.Sentence()
	}
	return finding.Finding{Code: CodeSyntax, Severity: finding.Error, Message: msg}
}
