package register

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerkit/partnerkit/finding"
)

// The errors every operation may return, wrapped with what was being done.
// Use errors.Is to tell them apart; the HTTP layer maps them to statuses.
var (
	// ErrUnauthenticated: no token, an unknown token or a revoked one (401).
	ErrUnauthenticated = errors.New("a valid access link is needed")
	// ErrForbidden: the principal may see the thing but not do this to it (403).
	ErrForbidden = errors.New("this link does not allow that")
	// ErrNotFound: there is no such thing, or the principal may not know
	// whether there is (404).
	ErrNotFound = errors.New("not found")
	// ErrClosed: the review round is not open for answers (409).
	ErrClosed = errors.New("the review round is not open")
	// ErrConflict: the request clashes with what is stored, such as answers
	// older than the ones already saved, or an import into a register that
	// is not empty (409).
	ErrConflict = errors.New("conflicts with what is saved")
)

// ValidationError reports input that cannot be saved: a document with
// errors, or a request whose values are out of bounds (422). Its findings
// say what and where, with JSON Pointer paths into the input.
type ValidationError struct {
	// What names the input, such as "round" or "assessment".
	What     string
	Findings []finding.Finding
	// Err is the underlying error, if any: a *schemas.SyntaxError, with
	// the line and column, for text that is not JSON.
	Err error
}

func (e *ValidationError) Unwrap() error { return e.Err }

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the %s has %d problem", e.What, len(e.Findings))
	if len(e.Findings) != 1 {
		b.WriteString("s")
	}
	for i, f := range e.Findings {
		if i == 3 {
			b.WriteString("; …")
			break
		}
		sep := ": "
		if i > 0 {
			sep = "; "
		}
		fmt.Fprintf(&b, "%s%s %s", sep, f.Path, f.Message)
	}
	return b.String()
}

// invalid returns a ValidationError with one error finding.
func invalid(what, code, path, message string) *ValidationError {
	return &ValidationError{What: what, Findings: []finding.Finding{{
		Code: code, Severity: finding.Error, Path: path, Message: message,
	}}}
}
