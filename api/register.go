package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/schemas"
)

// MaxInvitationsPerRequest is how many invitations one request may
// create; more gets 422 ProblemInvalidRequest at /invitations.
const MaxInvitationsPerRequest = 500

// SubmitStatement is what a respondent's page says before the form:
// submitting sends the answers to the programme's server.
const SubmitStatement = "Submitting sends your answers to the programme's server, where the partnership's coordinator sees them combined with everyone else's. No one else sees your own answers."

// The fragments of the links the register hands out: the page at the
// server's root reads the token from the fragment, which browsers send
// neither to the server nor in a Referer header.
const (
	LinkAdmin      = "#admin/"
	LinkCoordinate = "#coordinate/"
	LinkRespond    = "#respond/"
)

// Endpoint is one of the register's endpoints: a method and a path
// pattern whose {name} segments stand for ids.
type Endpoint struct {
	Method  string
	Pattern string
}

// regEndpoint is an endpoint and what serves it. ids holds the pattern's
// {name} segments in order.
type regEndpoint struct {
	Endpoint
	serve regServe
}

// regServe serves one register endpoint for an authenticated principal.
type regServe func(h *handler, w http.ResponseWriter, r *http.Request, p register.Principal, ids []string)

// regEndpoints is the register's route table.
func regEndpoints() []regEndpoint {
	e := func(method, pattern string, serve regServe) regEndpoint {
		return regEndpoint{Endpoint{method, pattern}, serve}
	}
	const (
		get, post = http.MethodGet, http.MethodPost
	)
	return []regEndpoint{
		e(get, "/v1/session", (*handler).regSession),
		e(get, "/v1/partnerships", (*handler).regPartnerships),
		e(post, "/v1/partnerships", (*handler).regCreatePartnership),
		e(get, "/v1/partnerships/{partnership}", byID((*register.Register).GetPartnership)),
		e(get, "/v1/partnerships/{partnership}/versions", listByID((*register.Register).Versions)),
		e(post, "/v1/partnerships/{partnership}/versions", (*handler).regSaveVersion),
		e(get, "/v1/partnerships/{partnership}/versions/{version}", (*handler).regVersion),
		e(get, "/v1/partnerships/{partnership}/links", listByID((*register.Register).Tokens)),
		e(post, "/v1/partnerships/{partnership}/links", (*handler).regCreateCoordinatorLink),
		e(get, "/v1/partnerships/{partnership}/rounds", listByID((*register.Register).Rounds)),
		e(post, "/v1/partnerships/{partnership}/rounds", (*handler).regCreateRound),
		e(get, "/v1/partnerships/{partnership}/indicators", listByID((*register.Register).Indicators)),
		e(post, "/v1/partnerships/{partnership}/indicators", (*handler).regDefineIndicators),
		e(get, "/v1/partnerships/{partnership}/indicators/{indicator}", (*handler).regIndicator),
		e(get, "/v1/partnerships/{partnership}/outcomes", listByID((*register.Register).Outcomes)),
		e(post, "/v1/partnerships/{partnership}/indicators/{indicator}/actuals", (*handler).regRecordActual),
		e(get, "/v1/rounds/{round}", byID((*register.Register).GetRound)),
		e(post, "/v1/rounds/{round}/close", byID((*register.Register).CloseRound)),
		e(get, "/v1/rounds/{round}/invitations", listByID((*register.Register).Invitations)),
		e(post, "/v1/rounds/{round}/invitations", (*handler).regCreateInvitations),
		e(get, "/v1/rounds/{round}/report", byID((*register.Register).RoundReport)),
		e(post, "/v1/invitations/{invitation}/revoke", revokeByID((*register.Register).RevokeInvitation)),
		e(post, "/v1/links/{link}/revoke", revokeByID((*register.Register).RevokeToken)),
		e(get, "/v1/respond", (*handler).regWelcome),
		e(get, "/v1/respond/answers", (*handler).regMyAnswers),
		e(post, "/v1/respond/answers", (*handler).regSubmit),
		e(get, "/v1/admin/links", (*handler).regAdminLinks),
		e(post, "/v1/admin/links", (*handler).regCreateAdminLink),
		e(get, "/v1/admin/export", (*handler).regExport),
		e(post, "/v1/admin/import", (*handler).regImport),
		e(get, "/v1/programme", (*handler).programme),
		e(get, "/v1/partnerships/{partnership}/listing", byID((*register.Register).PartnershipListing)),
		e(post, "/v1/partnerships/{partnership}/listing", (*handler).regPublishListing),
		e(post, "/v1/partnerships/{partnership}/listing/withdraw", byID((*register.Register).WithdrawListing)),
	}
}

// RegisterEndpoints lists the register's endpoints, as docs/api.md does:
// they answer when Options.Register is set.
func RegisterEndpoints() []Endpoint {
	var es []Endpoint
	for _, e := range regEndpoints() {
		es = append(es, e.Endpoint)
	}
	return es
}

// regPattern is one path pattern of the register and its endpoints by
// method, as a route.
type regPattern struct {
	segments []string // "" for an id
	route    *route
}

// regPatterns groups the register's endpoints by pattern.
var regPatterns = func() []regPattern {
	byPattern := map[string]map[string]regEndpoint{}
	var order []string
	for _, e := range regEndpoints() {
		if byPattern[e.Pattern] == nil {
			byPattern[e.Pattern] = map[string]regEndpoint{}
			order = append(order, e.Pattern)
		}
		byPattern[e.Pattern][e.Method] = e
	}
	var ps []regPattern
	for _, pat := range order {
		ends := byPattern[pat]
		var segs []string
		for _, s := range strings.Split(strings.TrimPrefix(pat, "/"), "/") {
			if strings.HasPrefix(s, "{") {
				s = ""
			}
			segs = append(segs, s)
		}
		var methods []string
		for m := range ends {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		ps = append(ps, regPattern{segments: segs, route: &route{
			methods: methods,
			serve: func(h *handler, w http.ResponseWriter, r *http.Request, arg string) {
				e := ends[r.Method]
				if r.Method == http.MethodHead {
					e = ends[http.MethodGet]
				}
				var ids []string
				if arg != "" {
					ids = strings.Split(arg, "/")
				}
				h.serveRegister(w, r, e, ids)
			},
		}})
	}
	return ps
}()

// isRegisterRoute reports whether rt is one of the register's routes,
// which take credentials in the Authorization header.
func isRegisterRoute(rt *route) bool {
	for _, rp := range regPatterns {
		if rp.route == rt {
			return true
		}
	}
	return false
}

// matchRegister finds the register's route for a path, and its ids
// joined by "/".
func matchRegister(p string) (*route, string) {
	if !strings.HasPrefix(p, "/v1/") {
		return nil, ""
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
next:
	for _, rp := range regPatterns {
		if len(rp.segments) != len(segs) {
			continue
		}
		var ids []string
		for i, s := range rp.segments {
			switch {
			case s == "" && segs[i] == "":
				continue next
			case s == "":
				ids = append(ids, segs[i])
			case s != segs[i]:
				continue next
			}
		}
		return rp.route, strings.Join(ids, "/")
	}
	return nil, ""
}

// serveRegister authenticates the request and serves it.
func (h *handler) serveRegister(w http.ResponseWriter, r *http.Request, e regEndpoint, ids []string) {
	w.Header().Set("Cache-Control", "no-store")
	p, prob := h.authenticate(r)
	if prob != nil {
		h.regProblem(w, r, prob)
		return
	}
	e.serve(h, w, r, p, ids)
}

// authenticate reads the bearer token of a request.
func (h *handler) authenticate(r *http.Request) (register.Principal, *Problem) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return register.Principal{}, registerProblem(ProblemUnauthenticated, "This needs an access link: send its token as Authorization: Bearer <token>.")
	}
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return register.Principal{}, registerProblem(ProblemUnauthenticated, "The Authorization header must be Bearer <token>, the token from your access link.")
	}
	p, err := h.reg.Authenticate(r.Context(), strings.TrimSpace(token))
	if err != nil {
		return register.Principal{}, registerError(err)
	}
	return p, nil
}

// regProblem sends a problem, with WWW-Authenticate for a 401.
func (h *handler) regProblem(w http.ResponseWriter, r *http.Request, p *Problem) {
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="partnerkit"`)
	}
	h.problem(w, r, p)
}

// regFail sends the problem for an error of the register.
func (h *handler) regFail(w http.ResponseWriter, r *http.Request, err error) {
	p := registerError(err)
	if p.Status >= 500 && h.log != nil {
		h.log.Error("partnerkit api: register", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	h.regProblem(w, r, p)
}

// byID serves an endpoint that answers with op applied to the path's first
// id: 200 and what op returns, or the register's problem.
func byID[T any](op func(*register.Register, context.Context, register.Principal, uuid.UUID) (T, error)) regServe {
	return func(h *handler, w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
		id, ok := h.id(w, r, ids[0])
		if !ok {
			return
		}
		v, err := op(h.reg, r.Context(), p, id)
		if err != nil {
			h.regFail(w, r, err)
			return
		}
		h.ok(w, r, http.StatusOK, v)
	}
}

// listByID is byID for a list, which is [] rather than null when empty.
func listByID[T any](op func(*register.Register, context.Context, register.Principal, uuid.UUID) ([]T, error)) regServe {
	return byID(func(reg *register.Register, ctx context.Context, p register.Principal, id uuid.UUID) ([]T, error) {
		list, err := op(reg, ctx, p, id)
		return nonNil(list), err
	})
}

// revokeByID serves a revocation of the path's first id: 204, or the
// register's problem.
func revokeByID(op func(*register.Register, context.Context, register.Principal, uuid.UUID) error) regServe {
	return func(h *handler, w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
		id, ok := h.id(w, r, ids[0])
		if !ok {
			return
		}
		if err := op(h.reg, r.Context(), p, id); err != nil {
			h.regFail(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// id parses an id from the path; one that is not a UUID is not found.
func (h *handler) id(w http.ResponseWriter, r *http.Request, s string) (uuid.UUID, bool) {
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		h.problem(w, r, newProblem(ProblemNotFound, "There is nothing here that your access link can see."))
		return uuid.Nil, false
	}
	return id, true
}

// partnershipBody reads the partnership id in the path and the JSON body
// of a request that writes to that partnership: a partnership the
// principal cannot see is not found before its body is read.
func (h *handler) partnershipBody(w http.ResponseWriter, r *http.Request, p register.Principal, s string) (uuid.UUID, []byte, bool) {
	id, ok := h.id(w, r, s)
	if !ok {
		return uuid.Nil, nil, false
	}
	if _, err := h.reg.GetPartnership(r.Context(), p, id); err != nil {
		h.regFail(w, r, err)
		return uuid.Nil, nil, false
	}
	doc, prob := h.readRaw(r)
	if prob != nil {
		h.problem(w, r, prob)
		return uuid.Nil, nil, false
	}
	return id, doc, true
}

// readRaw reads a JSON body with readJSON's limits and checks, and
// returns its bytes as sent.
func (h *handler) readRaw(r *http.Request) ([]byte, *Problem) {
	var buf bytes.Buffer
	if r.Body != nil {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.TeeReader(r.Body, &buf), r.Body}
	}
	if _, _, p := h.readJSON(r); p != nil {
		return nil, p
	}
	return buf.Bytes(), nil
}

// readShape reads a JSON body into v, the shape an endpoint takes.
func (h *handler) readShape(w http.ResponseWriter, r *http.Request, v any) bool {
	data, p := h.readRaw(r)
	if p != nil {
		h.problem(w, r, p)
		return false
	}
	if err := json.Unmarshal(data, v); err != nil {
		var te *json.UnmarshalTypeError
		path := ""
		if errors.As(err, &te) {
			path = "/" + strings.ReplaceAll(te.Field, ".", "/")
		}
		h.problem(w, r, invalidRequest(schemas.Violation{Path: path, Keyword: "type", Message: "this is not what the endpoint takes: " + strings.TrimPrefix(err.Error(), "json: ")}))
		return false
	}
	return true
}

func (h *handler) ok(w http.ResponseWriter, r *http.Request, status int, v any) {
	h.writeJSON(w, r, status, "application/json", v)
}

// base is the server's address as the request reached it, for links.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.URL.Scheme == "https" || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	return scheme + "://" + host + "/"
}

// Link is a token just issued, with the link that carries it.
type Link struct {
	register.Issued
	// Link is the page's address with the token in its fragment, such as
	// https://host/#coordinate/pkt_….
	Link string `json:"link"`
}

func link(r *http.Request, is register.Issued) Link {
	frag := LinkAdmin
	switch is.Role {
	case register.RoleCoordinator:
		frag = LinkCoordinate
	case register.RoleRespondent:
		frag = LinkRespond
	}
	return Link{Issued: is, Link: base(r) + frag + is.Secret}
}

// Session is the answer to GET /v1/session: who the token is.
type Session struct {
	Role        register.Role `json:"role"`
	Token       uuid.UUID     `json:"token"`
	Partnership uuid.UUID     `json:"partnership,omitzero"`
	Round       uuid.UUID     `json:"round,omitzero"`
	Invitation  uuid.UUID     `json:"invitation,omitzero"`
}

func (h *handler) regSession(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	h.ok(w, r, http.StatusOK, Session{Role: p.Role(), Token: p.TokenID(), Partnership: p.Partnership(), Round: p.Round(), Invitation: p.Invitation()})
}

func (h *handler) regPartnerships(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	ps, err := h.reg.Partnerships(r.Context(), p)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, nonNil(ps))
}

// Created is the answer to creating a partnership: its record and its
// first version, with the findings of the check.
type Created struct {
	Partnership register.Partnership `json:"partnership"`
	Version     register.Version     `json:"version"`
}

func (h *handler) regCreatePartnership(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	if p.Role() != register.RoleAdmin {
		h.regFail(w, r, register.ErrForbidden)
		return
	}
	doc, prob := h.readRaw(r)
	if prob != nil {
		h.problem(w, r, prob)
		return
	}
	ps, v, err := h.reg.CreatePartnership(r.Context(), p, register.DocumentInput{Document: doc})
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/partnerships/"+ps.ID.String())
	h.ok(w, r, http.StatusCreated, Created{Partnership: ps, Version: v})
}

func (h *handler) regSaveVersion(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, doc, ok := h.partnershipBody(w, r, p, ids[0])
	if !ok {
		return
	}
	v, err := h.reg.SaveDocument(r.Context(), p, id, register.DocumentInput{Document: doc})
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/v1/partnerships/%s/versions/%d", id, v.Version))
	h.ok(w, r, http.StatusCreated, v)
}

func (h *handler) regVersion(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	n, err := strconv.Atoi(ids[1])
	if ids[1] == "latest" {
		n, err = 0, nil
	}
	if err != nil || n < 0 || (n == 0 && ids[1] != "latest") {
		h.problem(w, r, newProblem(ProblemNotFound, "Versions count from 1; ask for /versions/1, /versions/2, … or /versions/latest."))
		return
	}
	v, err := h.reg.GetVersion(r.Context(), p, id, n)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, v)
}

// linkRequest is the body of a request for a new link: optional.
type linkRequest struct {
	Label string `json:"label"`
}

// readOptional reads an optional JSON body into v.
func (h *handler) readOptional(w http.ResponseWriter, r *http.Request, v any) bool {
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		return true
	}
	return h.readShape(w, r, v)
}

func (h *handler) regCreateCoordinatorLink(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	var in linkRequest
	if !h.readOptional(w, r, &in) {
		return
	}
	is, err := h.reg.IssueCoordinatorToken(r.Context(), p, id, in.Label)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusCreated, link(r, is))
}

func (h *handler) regAdminLinks(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	ts, err := h.reg.Tokens(r.Context(), p, uuid.Nil)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, nonNil(ts))
}

func (h *handler) regCreateAdminLink(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	if p.Role() != register.RoleAdmin {
		h.regFail(w, r, register.ErrForbidden)
		return
	}
	var in linkRequest
	if !h.readOptional(w, r, &in) {
		return
	}
	is, err := h.reg.IssueAdminToken(r.Context(), p, in.Label)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusCreated, link(r, is))
}

// RoundRequest is the body of POST /v1/partnerships/{id}/rounds.
// Framework is a built-in framework's id (a string) or a framework
// document (an object).
type RoundRequest struct {
	ID        uuid.UUID       `json:"id,omitzero"`
	Title     string          `json:"title"`
	Framework json.RawMessage `json:"framework"`
	Opens     time.Time       `json:"opens"`
	Closes    time.Time       `json:"closes"`
}

func (h *handler) regCreateRound(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	if _, err := h.reg.GetPartnership(r.Context(), p, id); err != nil {
		h.regFail(w, r, err)
		return
	}
	var in RoundRequest
	if !h.readShape(w, r, &in) {
		return
	}
	ri := register.RoundInput{ID: in.ID, Title: in.Title, Opens: in.Opens, Closes: in.Closes}
	fw := bytes.TrimSpace(in.Framework)
	switch {
	case len(fw) > 0 && fw[0] == '"':
		if err := json.Unmarshal(fw, &ri.Framework); err != nil {
			h.problem(w, r, invalidRequest(schemas.Violation{Path: "/framework", Keyword: "type", Message: "framework must be a built-in framework's id or a framework document"}))
			return
		}
	case len(fw) > 0 && fw[0] == '{':
		ri.FrameworkDocument = fw
	default:
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/framework", Keyword: "required", Message: "framework must be a built-in framework's id, such as \"" + evaluation.HealthCheck + "\", or a framework document"}))
		return
	}
	rd, err := h.reg.CreateRound(r.Context(), p, id, ri)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/rounds/"+rd.ID.String())
	h.ok(w, r, http.StatusCreated, rd)
}

// InvitationsRequest is the body of POST /v1/rounds/{id}/invitations:
// up to MaxInvitationsPerRequest invitations.
type InvitationsRequest struct {
	Invitations []InvitationRequest `json:"invitations"`
}

// InvitationRequest is one invitation to make: for one respondent, or
// shared by a group.
type InvitationRequest struct {
	ID      uuid.UUID         `json:"id,omitzero"`
	Partner string            `json:"partner"`
	Review  evaluation.Review `json:"review"`
	Shared  bool              `json:"shared"`
	Label   string            `json:"label,omitempty"`
}

// IssuedInvitation is an invitation just made, with its link: the only
// time the link's token is shown.
type IssuedInvitation struct {
	register.Invitation
	Token Link   `json:"token"`
	Link  string `json:"link"`
}

func (h *handler) regCreateInvitations(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	if _, err := h.reg.GetRound(r.Context(), p, id); err != nil {
		h.regFail(w, r, err)
		return
	}
	var in InvitationsRequest
	if !h.readShape(w, r, &in) {
		return
	}
	switch n := len(in.Invitations); {
	case n == 0:
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/invitations", Keyword: "minItems", Message: "invitations must list at least one invitation"}))
		return
	case n > MaxInvitationsPerRequest:
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/invitations", Keyword: "maxItems", Message: fmt.Sprintf("one request may make at most %d invitations, not %s: send them in several requests", MaxInvitationsPerRequest, text.Thousands(n))}))
		return
	}
	ins := make([]register.InvitationInput, len(in.Invitations))
	for i, x := range in.Invitations {
		ins[i] = register.InvitationInput{ID: x.ID, Partner: x.Partner, Review: x.Review, Shared: x.Shared, Label: x.Label}
	}
	made, err := h.reg.CreateInvitations(r.Context(), p, id, ins...)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	out := make([]IssuedInvitation, len(made))
	for i, m := range made {
		l := link(r, m.Token)
		out[i] = IssuedInvitation{Invitation: m.Invitation, Token: l, Link: l.Link}
	}
	h.ok(w, r, http.StatusCreated, out)
}

// RespondentWelcome is the answer to GET /v1/respond: whose partnership
// it is, the round, the framework to answer, and the statement that
// submitting sends the answers to the programme's server.
type RespondentWelcome struct {
	register.Welcome
	Framework *evaluation.Framework `json:"framework"`
	Statement string                `json:"statement"`
}

func (h *handler) regWelcome(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	wel, err := h.reg.Welcome(r.Context(), p)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	f, err := h.reg.Framework(r.Context(), p, wel.Round.ID)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, RespondentWelcome{Welcome: wel, Framework: f, Statement: SubmitStatement})
}

// SubmitRequest is the body of POST /v1/respond/answers; the request's
// Idempotency-Key header carries the submission's key.
type SubmitRequest struct {
	// AnswerSet is the device's answer set on a shared link (a UUID it
	// makes once and keeps); leave it out on a link for one respondent.
	AnswerSet uuid.UUID `json:"answerSet,omitzero"`
	// Revision orders the device's answers; 0 means the last to arrive
	// wins.
	Revision int64 `json:"revision"`
	// Assessment is the answers, an assessment document.
	Assessment json.RawMessage `json:"assessment"`
}

func (h *handler) regSubmit(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	if p.Role() != register.RoleRespondent {
		h.regFail(w, r, register.ErrForbidden)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if key == "" || len(key) > register.MaxKeyLength {
		h.problem(w, r, registerProblem(ProblemIdempotencyKey, fmt.Sprintf("Send an Idempotency-Key header of 1 to %d characters, made afresh whenever the answers change and kept until they are acknowledged.", register.MaxKeyLength)))
		return
	}
	var in SubmitRequest
	if !h.readShape(w, r, &in) {
		return
	}
	if a := bytes.TrimSpace(in.Assessment); len(a) == 0 || a[0] != '{' {
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/assessment", Keyword: "type", Message: "assessment must be an assessment document (an object)"}))
		return
	}
	s, err := h.reg.Submit(r.Context(), p, register.SubmissionInput{Key: key, AnswerSet: in.AnswerSet, Revision: in.Revision, Assessment: in.Assessment})
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, s)
}

func (h *handler) regMyAnswers(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	set := p.Invitation()
	if q := r.URL.Query().Get("answerSet"); q != "" {
		var ok bool
		if set, ok = h.id(w, r, q); !ok {
			return
		}
	}
	s, err := h.reg.AnswerSet(r.Context(), p, set)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, s)
}

func (h *handler) regIndicator(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	is, err := h.reg.Indicators(r.Context(), p, id)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	for _, i := range is {
		if i.Indicator.ID == ids[1] {
			h.ok(w, r, http.StatusOK, i)
			return
		}
	}
	h.problem(w, r, newProblem(ProblemNotFound, "The partnership has no indicator with that id."))
}

func (h *handler) regDefineIndicators(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, doc, ok := h.partnershipBody(w, r, p, ids[0])
	if !ok {
		return
	}
	is, err := h.reg.DefineIndicators(r.Context(), p, id, doc)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, nonNil(is))
}

// ActualRequest is the body of POST
// /v1/partnerships/{id}/indicators/{indicator}/actuals.
type ActualRequest struct {
	AsOf  string   `json:"asOf"`
	Value *float64 `json:"value"`
}

func (h *handler) regRecordActual(w http.ResponseWriter, r *http.Request, p register.Principal, ids []string) {
	id, ok := h.id(w, r, ids[0])
	if !ok {
		return
	}
	if _, err := h.reg.GetPartnership(r.Context(), p, id); err != nil {
		h.regFail(w, r, err)
		return
	}
	var in ActualRequest
	if !h.readShape(w, r, &in) {
		return
	}
	asOf, err := partnership.ParseDate(in.AsOf)
	if err != nil {
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/asOf", Keyword: "format", Message: "asOf must be a date written YYYY-MM-DD"}))
		return
	}
	if in.Value == nil {
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/value", Keyword: "required", Message: "value must be the indicator's actual value, a number"}))
		return
	}
	ih, err := h.reg.RecordActual(r.Context(), p, id, ids[1], asOf, *in.Value)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	h.ok(w, r, http.StatusOK, ih)
}

func (h *handler) regExport(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	var buf bytes.Buffer
	if err := h.reg.Export(r.Context(), p, &buf); err != nil {
		h.regFail(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="partnerkit-register.json"`)
	h.write(w, r, http.StatusOK, "application/json", buf.Bytes())
}

func (h *handler) regImport(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	if p.Role() != register.RoleAdmin {
		h.regFail(w, r, register.ErrForbidden)
		return
	}
	data, prob := h.readRaw(r)
	if prob != nil {
		h.problem(w, r, prob)
		return
	}
	if err := h.reg.Import(r.Context(), p, bytes.NewReader(data)); err != nil {
		h.regFail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// nonNil makes a nil list an empty one, so that it is [] in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
