package api

import (
	"net/http"

	"github.com/partnerkit/partnerkit/finding"
)

// ProblemBase is the start of every problem type: a problem's type is
// ProblemBase followed by a short name, such as "malformed-json". The
// types are stable; clients may compare them as strings.
const ProblemBase = "https://partnerkit.github.io/problems/"

// The problem types the handler answers with, and their statuses.
const (
	// ProblemMalformedJSON (400): the body is not well-formed JSON. The
	// problem's Line and Column say where it went wrong.
	ProblemMalformedJSON = ProblemBase + "malformed-json"
	// ProblemInvalidOption (400): a query parameter is not one of the
	// endpoint's options, or its value is not one the option takes, such
	// as ?missionWords=many or ?off=signature.misisng. Findings lists
	// each, with the code option.invalid and a JSON Pointer into the
	// options as the answer's "options" member shows them (/missionWords).
	ProblemInvalidOption = ProblemBase + "invalid-option"
	// ProblemIncompleteBody (400): the body ended before its declared
	// length, or could not be read to its end: it was cut short on the
	// way. Sending it again usually works.
	ProblemIncompleteBody = ProblemBase + "incomplete-body"
	// ProblemNotFound (404): no endpoint, schema or framework has that
	// path or name.
	ProblemNotFound = ProblemBase + "not-found"
	// ProblemMethodNotAllowed (405): the endpoint exists but does not take
	// that method. The Allow header lists the methods it takes.
	ProblemMethodNotAllowed = ProblemBase + "method-not-allowed"
	// ProblemBodyTooLarge (413): the body is larger than the limit, given
	// in MaxBytes.
	ProblemBodyTooLarge = ProblemBase + "body-too-large"
	// ProblemTooManyValues (413): the body holds more JSON values than
	// the limit, given in MaxValues ([MaxValues]).
	ProblemTooManyValues = ProblemBase + "too-many-values"
	// ProblemRangeNotSatisfiable (416): a Range header asks for bytes a
	// file of the browser form does not have.
	ProblemRangeNotSatisfiable = ProblemBase + "range-not-satisfiable"
	// ProblemUnsupportedMediaType (415): the Content-Type is not JSON.
	ProblemUnsupportedMediaType = ProblemBase + "unsupported-media-type"
	// ProblemInvalidRequest (422): the request is JSON but not the shape
	// the endpoint takes, such as "assessments" that is not an array, or
	// more assessments or indicators than MaxAssessments or
	// MaxIndicators. Findings lists what is wrong, with JSON Pointers
	// into the body: the code "schema" for the shape (see the
	// score-request schema), framework.unknown, or request.too-large.
	ProblemInvalidRequest = ProblemBase + "invalid-request"
	// ProblemInvalidDocument (422): a document in the request (a
	// framework, an assessment, indicators or an effect-size study) breaks
	// its schema or its rules, so it cannot be scored. Findings lists what
	// is wrong, with JSON Pointers into the body: at most
	// mou.MaxFindingsPerCode of one code, then one
	// mou.CodeTruncated finding that says how many more there are.
	ProblemInvalidDocument = ProblemBase + "invalid-document"
	// ProblemInternal (500): something went wrong in the checker itself.
	ProblemInternal = ProblemBase + "internal-error"
)

// Problem is an error response, as RFC 9457 describes it: served as
// application/problem+json, with the members below. Type names the kind of
// problem and is stable; Title is a short summary of the type; Detail
// explains this occurrence in words a person can act on.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`

	// Line and Column (1-based) say where malformed JSON went wrong.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// MaxBytes is the body limit a too-large request broke.
	MaxBytes int64 `json:"maxBytes,omitempty"`
	// MaxValues is the limit on values a request with too many broke.
	MaxValues int `json:"maxValues,omitempty"`
	// Findings lists what is wrong with an invalid request or document,
	// with JSON Pointers into the body.
	Findings []finding.Finding `json:"findings,omitempty"`
}

// titles holds each problem type's title and status.
var titles = map[string]struct {
	title  string
	status int
}{
	ProblemMalformedJSON:        {"The request body is not valid JSON", http.StatusBadRequest},
	ProblemIncompleteBody:       {"The request body was cut short", http.StatusBadRequest},
	ProblemInvalidOption:        {"An option in the query is not valid", http.StatusBadRequest},
	ProblemTooManyValues:        {"The request body holds too many values", http.StatusRequestEntityTooLarge},
	ProblemRangeNotSatisfiable:  {"The range is not in the file", http.StatusRequestedRangeNotSatisfiable},
	ProblemNotFound:             {"Not found", http.StatusNotFound},
	ProblemMethodNotAllowed:     {"Method not allowed", http.StatusMethodNotAllowed},
	ProblemBodyTooLarge:         {"The request body is too large", http.StatusRequestEntityTooLarge},
	ProblemUnsupportedMediaType: {"The request body must be JSON", http.StatusUnsupportedMediaType},
	ProblemInvalidRequest:       {"The request does not have the expected shape", http.StatusUnprocessableEntity},
	ProblemInvalidDocument:      {"A document in the request is not valid", http.StatusUnprocessableEntity},
	ProblemInternal:             {"Something went wrong in the checker", http.StatusInternalServerError},
}

// newProblem returns a problem of the given type, with its title and
// status filled in.
func newProblem(typ, detail string) *Problem {
	t := titles[typ]
	return &Problem{Type: typ, Title: t.title, Status: t.status, Detail: detail}
}
