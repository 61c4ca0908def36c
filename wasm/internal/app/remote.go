package app

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/internal/text"
)

// Request is a call to the programme's server that a page asks the
// runtime to make: the runtime sends it with the browser's fetch, the
// tests with net/http, and hands the answer back to the page's Received
// with the same ID. The page's token goes in the Authorization header as
// a bearer token; it never goes in the address.
type Request struct {
	ID     int
	Method string
	Path   string // such as /v1/welcome: on the page's own server
	Token  string // sent as Authorization: Bearer
	Key    string // sent as Idempotency-Key, when set
	Body   []byte // JSON, when set
	// Delay is how long to wait before sending: a retry's backoff, or the
	// report's next refresh.
	Delay time.Duration
}

// Response is the server's answer to a Request. Status 0 means no answer
// came: the server could not be reached, or took too long.
type Response struct {
	ID     int
	Status int
	Body   []byte
}

// Client is what sends a page's requests. The runtime's is the browser's
// fetch; tests use net/http against a real server. Send must not block:
// the answer comes back later, through the page's Received.
type Client interface {
	Send(Request)
}

// The register's endpoints the pages call, as docs/api.md names them.
const (
	pathWelcome      = "/v1/respond"         // the invitation, its round and framework
	pathAnswers      = "/v1/respond/answers" // POST: the respondent's answers
	pathPartnerships = "/v1/partnerships"    // those the token may see
)

func pathPartnership(id string) string { return "/v1/partnerships/" + url.PathEscape(id) }
func pathRounds(partnership string) string {
	return "/v1/partnerships/" + url.PathEscape(partnership) + "/rounds"
}
func pathReport(round string) string { return "/v1/rounds/" + url.PathEscape(round) + "/report" }

// problem is the part of a problem+json answer the pages read.
type problem struct {
	Type       string        `json:"type"`
	Title      string        `json:"title"`
	Detail     string        `json:"detail"`
	Violations []problemItem `json:"violations"`
	Findings   []problemItem `json:"findings"`
}

// problemItem is one finding or schema violation of a problem.
type problemItem struct {
	Message string `json:"message"`
	Path    string `json:"path"`
}

func readProblem(body []byte) problem {
	var p problem
	_ = json.Unmarshal(body, &p)
	return p
}

// message is the problem's own explanation, for the page: its first
// finding, its detail, or its title.
func (p problem) message() string {
	for _, f := range append(p.Findings, p.Violations...) {
		if f.Message != "" {
			return f.Message
		}
	}
	if p.Detail != "" {
		return text.Sentence(p.Detail)
	}
	return text.Sentence(p.Title)
}

// closed reports whether a 409 says the round is closed, rather than
// that newer answers are saved.
func (p problem) closed() bool {
	return strings.Contains(strings.ToLower(p.Type+" "+p.Title+" "+p.Detail), "closed")
}

// Link is what a page's address says after its #: a view's name, or a
// register link with its token.
type Link struct {
	Kind  string // "respond", "coordinate", "admin", or "" for the local forms
	Token string
	View  string // the local view, when Kind is ""
}

// The register links' kinds, as their addresses start.
const (
	LinkRespond    = "respond"
	LinkCoordinate = "coordinate"
	LinkAdmin      = "admin" // the programme view (Programme)
)

// ParseLink reads a page's fragment (without the #): "respond/<token>",
// "coordinate/<token>", "admin/<token>", or a local view's name.
func ParseLink(fragment string) Link {
	fragment = strings.TrimPrefix(fragment, "#")
	for _, k := range []string{LinkRespond, LinkCoordinate, LinkAdmin} {
		if tok, ok := strings.CutPrefix(fragment, k+"/"); ok {
			tok, _ = url.PathUnescape(tok)
			if tok = strings.TrimSpace(tok); tok != "" && !strings.ContainsAny(tok, "/?# \t\r\n") {
				return Link{Kind: k, Token: tok}
			}
			return Link{Kind: k}
		}
	}
	return Link{View: fragment}
}
