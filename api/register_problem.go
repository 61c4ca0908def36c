package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/schemas"
)

// The problem types of the register's endpoints, besides the checker's.
const (
	// ProblemUnauthenticated (401): the request has no valid access link:
	// no Authorization header, one that is not "Bearer <token>", or a
	// token that is unknown or revoked. The answer carries
	// WWW-Authenticate: Bearer.
	ProblemUnauthenticated = ProblemBase + "unauthenticated"
	// ProblemForbidden (403): the token is valid but its role may not do
	// this, such as a respondent asking for the round's report.
	ProblemForbidden = ProblemBase + "forbidden"
	// ProblemRoundClosed (409): the review round does not take answers
	// now: it has not opened yet, or it has closed.
	ProblemRoundClosed = ProblemBase + "round-closed"
	// ProblemConflict (409): the request clashes with what is saved, such
	// as answers with a lower revision than those stored, or an import
	// into a register that is not empty.
	ProblemConflict = ProblemBase + "conflict"
	// ProblemIdempotencyKey (400): a submission came without an
	// Idempotency-Key header, or with one longer than
	// register.MaxKeyLength.
	ProblemIdempotencyKey = ProblemBase + "idempotency-key"
)

// registerTitles holds the title and status of the register's own
// problem types.
var registerTitles = map[string]struct {
	title  string
	status int
}{
	ProblemUnauthenticated: {"A valid access link is needed", http.StatusUnauthorized},
	ProblemForbidden:       {"This link does not allow that", http.StatusForbidden},
	ProblemRoundClosed:     {"The review round is not open", http.StatusConflict},
	ProblemConflict:        {"The request conflicts with what is saved", http.StatusConflict},
	ProblemIdempotencyKey:  {"An Idempotency-Key header is needed", http.StatusBadRequest},
}

// registerProblem returns a problem of one of the register's types, or of
// the checker's.
func registerProblem(typ, detail string) *Problem {
	if t, ok := registerTitles[typ]; ok {
		return &Problem{Type: typ, Title: t.title, Status: t.status, Detail: detail}
	}
	return newProblem(typ, detail)
}

// registerError turns an error of package register into its problem.
func registerError(err error) *Problem {
	var ve *register.ValidationError
	var se *schemas.SyntaxError
	switch {
	case errors.As(err, &se):
		p := newProblem(ProblemMalformedJSON, fmt.Sprintf("The document is not valid JSON at line %d, column %d: %s.", se.Line, se.Column, se.Msg))
		p.Line, p.Column = se.Line, se.Column
		return p
	case errors.As(err, &ve):
		p := invalidDocument(ve.Findings)
		if len(ve.Findings) == 0 {
			p.Detail = "The " + ve.What + " cannot be saved: " + err.Error() + "."
		}
		return p
	case errors.Is(err, register.ErrUnauthenticated):
		return registerProblem(ProblemUnauthenticated, "This needs a valid access link: send its token as Authorization: Bearer <token>. The link may have been revoked.")
	case errors.Is(err, register.ErrForbidden):
		return registerProblem(ProblemForbidden, "Your access link does not allow this. Ask the programme's administrator or the partnership's coordinator.")
	case errors.Is(err, register.ErrNotFound):
		return newProblem(ProblemNotFound, "There is nothing here that your access link can see.")
	case errors.Is(err, register.ErrClosed):
		return registerProblem(ProblemRoundClosed, "The review round is not taking answers now: it has not opened yet, or it has closed. Your answers are still on your device.")
	case errors.Is(err, register.ErrConflict):
		return registerProblem(ProblemConflict, conflictDetail(err))
	}
	return newProblem(ProblemInternal, "The register failed on this request. Please try again; if it keeps happening, tell the people who run this service.")
}

// conflictDetail words a conflict: what the register says clashes.
func conflictDetail(err error) string {
	msg := strings.TrimSuffix(err.Error(), ": "+register.ErrConflict.Error())
	if _, rest, ok := strings.Cut(msg, ": "); ok {
		msg = strings.ReplaceAll(rest, ": ", "; ")
	}
	if msg == "" || msg == register.ErrConflict.Error() {
		return "This conflicts with what is saved."
	}
	return text.Sentence(msg)
}
