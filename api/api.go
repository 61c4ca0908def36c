package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"mime"
	"net/http"
	"path"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/schemas"
)

// DefaultMaxBodyBytes is the body limit when Options.MaxBodyBytes is 0:
// 1 MiB, room for an MOU with hundreds of partners.
const DefaultMaxBodyBytes = 1 << 20

// The limits on what one request may hold, besides its size in bytes.
// Each keeps the work and the answer of a request within a small multiple
// of the body limit, however the body is built (see BENCHMARKS.md).
const (
	// MaxValues is how many JSON values (objects, arrays, strings,
	// numbers, true, false and null) a body may hold under the default
	// body limit: many times what a real document needs (an MOU with 500
	// partners holds about 10,000), and few enough that a body of empty
	// objects cannot make the checker build millions of findings. A
	// larger Options.MaxBodyBytes allows as many more for each whole MiB.
	// A body with more gets 413 ProblemTooManyValues.
	MaxValues = 20_000
	// MaxAssessments is how many assessments one score request may hold;
	// more gets 422 ProblemInvalidRequest at /assessments.
	MaxAssessments = 100
	// MaxIndicators is how many indicators one progress request may hold;
	// more gets 422 ProblemInvalidRequest at /indicators.
	MaxIndicators = 1_000
)

// minAnswerBudget is the size an answer may always reach; above it, an
// answer may be up to answerFactor times the size of the request's body.
// Only a score request can come near that (many assessments of a large
// framework each get a score of every dimension): one that would pass it
// gets 422 ProblemInvalidRequest.
const (
	minAnswerBudget = 256 << 10
	answerFactor    = 8
)

// maxDrain is how much of a body left unread after an error the handler
// reads, so that a client that sends its whole body before it reads the
// answer gets the answer. A body with more left is not read: the answer
// carries Connection: close.
const maxDrain = 64 << 10

// securityHeaders are sent with every answer. The policy is the browser
// form's own (its page's meta tag), with frame-ancestors 'none', which
// only a header can carry: no other site may frame the page or the API.
var securityHeaders = [][2]string{
	{"X-Content-Type-Options", "nosniff"},
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Frame-Options", "DENY"},
	{"Referrer-Policy", "no-referrer"},
}

// ContentSecurityPolicy is the Content-Security-Policy header of every
// answer: the browser form's policy, plus frame-ancestors 'none'.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"

// Options configures the handler. The zero value is the safe default: a
// 1 MiB body limit, no cross-origin access, no static files and no
// logging.
type Options struct {
	// MaxBodyBytes is the largest request body accepted, in bytes; a
	// larger one gets 413. Zero or less means DefaultMaxBodyBytes. Any
	// value up to math.MaxInt64 works, but the body is read into memory
	// and checked there, so a limit far above the default lets one
	// request take that much memory many times over.
	MaxBodyBytes int64

	// AllowedOrigins lists the origins, such as
	// "https://forms.example.org", whose pages may call the API from a
	// browser (CORS). Empty means none: cross-origin calls are refused by
	// the browser. "*" allows every origin; the API takes no credentials,
	// so that is safe but rarely needed.
	AllowedOrigins []string

	// Assets, when set, is served for GET and HEAD requests to paths
	// outside the API (anything not under /v1/ and not /healthz), such as
	// the browser form's page and scripts: "/" serves index.html. Nil
	// means every such path is 404. An Assets that is also an
	// http.Handler serves its files itself.
	Assets fs.FS

	// Logger, when set, records each request that fails on the server's
	// side (a 5xx status), with the panic's stack if there was one. Nil
	// records nothing.
	Logger *slog.Logger

	// Register, when set, is served under /v1/ (see RegisterEndpoints
	// and register.go). Nil means its paths are 404, as unknown paths are.
	Register *register.Register
}

// New returns the checker's HTTP handler. Mount it at the root of a
// server, or under a prefix with http.StripPrefix. It is safe for
// concurrent use.
func New(opts Options) http.Handler {
	h := &handler{
		maxBody: opts.MaxBodyBytes,
		log:     opts.Logger,
		origins: map[string]bool{},
		reg:     opts.Register,
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	// One byte more than the limit is read to tell a body at the limit
	// from a larger one: keep that sum in range.
	h.maxBody = min(h.maxBody, math.MaxInt64-1)
	h.maxValues = int(min(int64(MaxValues)*max(1, h.maxBody/DefaultMaxBodyBytes), math.MaxInt32))
	for _, o := range opts.AllowedOrigins {
		if o == "*" {
			h.anyOrigin = true
		}
		h.origins[strings.TrimSuffix(o, "/")] = true
	}
	h.cors = len(h.origins) > 0
	if opts.Assets != nil {
		h.assetFS = opts.Assets
		h.assets = http.FileServerFS(opts.Assets)
		if s, ok := opts.Assets.(http.Handler); ok {
			h.assets = s // an FS that serves itself, such as wasm/build's (compressed, revalidated)
		}
	}
	return h
}

type handler struct {
	maxBody   int64
	maxValues int // the most JSON values in a body
	cors      bool
	anyOrigin bool
	origins   map[string]bool
	assetFS   fs.FS
	assets    http.Handler
	log       *slog.Logger
	reg       *register.Register
}

// route is one endpoint: the methods it takes (GET implies HEAD) and what
// serves it. arg is the last segment of a path such as /v1/schemas/{name}.
type route struct {
	methods []string
	serve   func(h *handler, w http.ResponseWriter, r *http.Request, arg string)
}

var (
	exact = map[string]*route{
		"/healthz":                     {[]string{http.MethodGet}, (*handler).health},
		"/v1/mou/check":                {[]string{http.MethodPost}, (*handler).mouCheck},
		"/v1/evaluations/score":        {[]string{http.MethodPost}, (*handler).score},
		"/v1/evaluations/progress":     {[]string{http.MethodPost}, (*handler).progress},
		"/v1/evaluations/effect":       {[]string{http.MethodPost}, (*handler).effect},
		"/v1/evaluations/readiness":    {[]string{http.MethodPost}, (*handler).readiness},
		"/v1/schemas":                  {[]string{http.MethodGet}, (*handler).schemaList},
		"/v1/frameworks":               {[]string{http.MethodGet}, (*handler).frameworkList},
		"/v1/evaluations/score-groups": {[]string{http.MethodPost}, (*handler).scoreGroups},
		"/v1/directory":                {[]string{http.MethodGet}, (*handler).directory},
		"/directory":                   {[]string{http.MethodGet}, (*handler).directoryPage},
		"/directory.css":               {[]string{http.MethodGet}, (*handler).directoryStyle},
	}
	// prefixed routes take one more path segment: the name or id.
	prefixed = map[string]*route{
		"/v1/schemas/":    {[]string{http.MethodGet}, (*handler).schema},
		"/v1/frameworks/": {[]string{http.MethodGet}, (*handler).framework},
		"/v1/directory/":  {[]string{http.MethodGet}, (*handler).directoryListing},
		"/directory/":     {[]string{http.MethodGet}, (*handler).directoryPage},
	}
	assetRoute = &route{methods: []string{http.MethodGet}}
)

// match finds the route for a path, and the path's argument.
func match(p string) (*route, string) {
	if rt, ok := exact[p]; ok {
		return rt, ""
	}
	i := strings.LastIndexByte(p, '/')
	if rt, ok := prefixed[p[:i+1]]; ok && i+1 < len(p) {
		return rt, p[i+1:]
	}
	return nil, ""
}

// allow lists the methods a route takes, for the Allow header.
func (rt *route) allow() string {
	var ms []string
	for _, m := range rt.methods {
		ms = append(ms, m)
		if m == http.MethodGet {
			ms = append(ms, http.MethodHead)
		}
	}
	return strings.Join(append(ms, http.MethodOptions), ", ")
}

func (rt *route) allows(method string) bool {
	for _, m := range rt.methods {
		if m == method || (m == http.MethodGet && method == http.MethodHead) {
			return true
		}
	}
	return false
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			if h.log != nil {
				h.log.Error("partnerkit api: panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			}
			// Not h.problem: the body may be what failed, so leave it.
			h.writeJSON(w, r, http.StatusInternalServerError, "application/problem+json",
				newProblem(ProblemInternal, "The checker failed on this request. Please try again; if it keeps happening, tell the people who run this service."))
		}
	}()
	for _, kv := range securityHeaders {
		w.Header().Set(kv[0], kv[1])
	}
	rt, arg := match(r.URL.Path)
	if rt == nil && h.reg != nil {
		rt, arg = matchRegister(r.URL.Path)
	}
	if rt == nil && h.isAsset(r.URL.Path) {
		rt = assetRoute
	}
	if rt == nil {
		h.setCORS(w, r, nil)
		h.problem(w, r, newProblem(ProblemNotFound, fmt.Sprintf("Nothing is at %s. The checker's endpoints are /v1/mou/check, /v1/evaluations/score, /v1/evaluations/progress, /v1/evaluations/effect, /v1/schemas, /v1/frameworks and /healthz.", r.URL.Path)))
		return
	}
	h.setCORS(w, r, rt)
	if r.Method == http.MethodOptions {
		w.Header().Set("Allow", rt.allow())
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if !rt.allows(r.Method) {
		w.Header().Set("Allow", rt.allow())
		h.problem(w, r, newProblem(ProblemMethodNotAllowed, fmt.Sprintf("%s takes %s, not %s.", r.URL.Path, strings.Join(rt.methods, " or "), r.Method)))
		return
	}
	if rt == assetRoute {
		h.assets.ServeHTTP(&assetWriter{ResponseWriter: w, h: h, r: r}, r)
		return
	}
	rt.serve(h, w, r, arg)
}

// isAsset reports whether a path outside the API names a file in Assets.
func (h *handler) isAsset(p string) bool {
	if h.assetFS == nil || p == "/healthz" || p == "/v1" || strings.HasPrefix(p, "/v1/") {
		return false
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "."
	}
	info, err := fs.Stat(h.assetFS, name)
	if err != nil {
		return false
	}
	if info.IsDir() {
		_, err = fs.Stat(h.assetFS, path.Join(name, "index.html"))
		return err == nil
	}
	return true
}

// setCORS adds the CORS headers when the request's origin is allowed. For
// a preflight request it also says which methods and headers may follow.
func (h *handler) setCORS(w http.ResponseWriter, r *http.Request, rt *route) {
	if !h.cors {
		return
	}
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if origin == "" || !(h.anyOrigin || h.origins[origin]) {
		return
	}
	if h.anyOrigin {
		w.Header().Set("Access-Control-Allow-Origin", "*")
	} else {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" && rt != nil {
		w.Header().Set("Access-Control-Allow-Methods", rt.allow())
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		if isRegisterRoute(rt) {
			w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key")
		}
		w.Header().Set("Access-Control-Max-Age", "86400")
	}
}

// readJSON reads and decodes a JSON request body, as schemas.Decode does.
// It returns a problem for a body that is not JSON, too large, cut short
// or malformed, or that holds too many values (MaxValues for each MiB of
// the body limit).
func (h *handler) readJSON(r *http.Request) (doc any, size int, p *Problem) {
	if p := checkContentType(r.Header.Get("Content-Type")); p != nil {
		return nil, 0, p
	}
	if r.ContentLength > h.maxBody {
		return nil, 0, h.tooLarge()
	}
	var data []byte
	if r.Body != nil {
		var err error
		data, err = io.ReadAll(io.LimitReader(r.Body, h.maxBody+1))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return nil, 0, h.tooLarge()
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, 0, newProblem(ProblemIncompleteBody, "The body ended before the JSON did: it was cut short on the way. Please send it again.")
		case err != nil:
			return nil, 0, newProblem(ProblemIncompleteBody, "The body could not be read to its end; please send it again.")
		case int64(len(data)) > h.maxBody:
			return nil, 0, h.tooLarge()
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		p = newProblem(ProblemMalformedJSON, "The body is empty; send a JSON document.")
		p.Line, p.Column = 1, 1
		return nil, 0, p
	}
	if n := jsontree.CountValues(data); n > h.maxValues {
		p = newProblem(ProblemTooManyValues, fmt.Sprintf("The body holds more than %s JSON values; no document needs that many, so send a smaller one.", text.Thousands(h.maxValues)))
		p.MaxValues = h.maxValues
		return nil, 0, p
	}
	var err error
	doc, err = schemas.Decode(data)
	if err != nil {
		var se *schemas.SyntaxError
		if !errors.As(err, &se) {
			return nil, 0, newProblem(ProblemMalformedJSON, "The body is not valid JSON.")
		}
		p = newProblem(ProblemMalformedJSON, fmt.Sprintf("The body is not valid JSON at line %d, column %d: %s.", se.Line, se.Column, se.Msg))
		p.Line, p.Column = se.Line, se.Column
		return nil, 0, p
	}
	return doc, len(data), nil
}

// tooLarge is the 413 for a body over the limit. The edge worker answers
// a Content-Length over the limit with the same problem before Go reads
// the body, so its members (type, title, detail, maxBytes) are stable.
func (h *handler) tooLarge() *Problem {
	p := newProblem(ProblemBodyTooLarge, fmt.Sprintf("The body is larger than %s; send a smaller document.", size(h.maxBody)))
	p.MaxBytes = h.maxBody
	return p
}

// checkContentType accepts JSON: application/json or any type ending in
// +json, in UTF-8. A request without a Content-Type is read as JSON.
func checkContentType(ct string) *Problem {
	if ct == "" {
		return nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return newProblem(ProblemUnsupportedMediaType, fmt.Sprintf("The Content-Type %q cannot be read; send application/json.", ct))
	}
	if mt != "application/json" && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return newProblem(ProblemUnsupportedMediaType, fmt.Sprintf("The body is %s; send JSON, with Content-Type: application/json.", mt))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return newProblem(ProblemUnsupportedMediaType, fmt.Sprintf("The body is in %s; send JSON in UTF-8.", cs))
	}
	return nil
}

// size writes a byte count as people read it: 1 MiB, 512 KiB, 100 bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	case n == 1:
		return "1 byte"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// writeJSON writes v as indented JSON, as the command line's --json does.
func (h *handler) writeJSON(w http.ResponseWriter, r *http.Request, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		if h.log != nil {
			h.log.Error("partnerkit api: encoding the response", "method", r.Method, "path", r.URL.Path, "error", err)
		}
		if _, isProblem := v.(*Problem); !isProblem {
			h.problem(w, r, newProblem(ProblemInternal, "The checker could not write its answer."))
		}
		return
	}
	h.write(w, r, status, contentType, buf.Bytes())
}

// write sends a complete response with its length. HEAD gets neither the
// body nor its length, which RFC 9110 allows: a length with no body breaks
// the Workers runtime's fixed-length streams.
func (h *handler) write(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// problem sends a problem as application/problem+json.
func (h *handler) problem(w http.ResponseWriter, r *http.Request, p *Problem) {
	if p.Status >= 500 && h.log != nil {
		h.log.Error("partnerkit api: "+p.Title, "method", r.Method, "path", r.URL.Path, "status", p.Status, "detail", p.Detail)
	}
	if !drain(r) {
		// The rest of the body is not read: the connection cannot carry
		// another request.
		w.Header().Set("Connection", "close")
	}
	h.writeJSON(w, r, p.Status, "application/problem+json", p)
}

// drain reads what is left of a request's body, up to maxDrain bytes, so
// that a client that sends its whole body before it reads the answer gets
// the answer. It reports whether the body was read to its end; it reads
// nothing of a body whose declared length is over maxDrain.
func drain(r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	if r.ContentLength > maxDrain {
		return false
	}
	n, err := io.CopyN(io.Discard, r.Body, maxDrain+1)
	return n <= maxDrain && errors.Is(err, io.EOF)
}

// assetWriter passes the file server's answers through, but turns its
// errors (plain text) into problems.
type assetWriter struct {
	http.ResponseWriter
	h       *handler
	r       *http.Request
	refused bool // an error was answered as a problem: drop the file server's text
}

func (w *assetWriter) WriteHeader(status int) {
	if status < 400 || w.refused {
		w.ResponseWriter.WriteHeader(status)
		return
	}
	w.refused = true
	// The file server set headers for its text; the problem sets its own.
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Last-Modified", "ETag"} {
		w.Header().Del(k)
	}
	var p *Problem
	switch status {
	case http.StatusNotFound:
		p = newProblem(ProblemNotFound, fmt.Sprintf("Nothing is at %s.", w.r.URL.Path))
	case http.StatusRequestedRangeNotSatisfiable:
		p = newProblem(ProblemRangeNotSatisfiable, "The range asked for is not in the file; ask for the whole file, without a Range header.")
	default:
		p = newProblem(ProblemInternal, "The file could not be served. Please try again; if it keeps happening, tell the people who run this service.")
	}
	w.h.problem(w.ResponseWriter, w.r, p)
}

func (w *assetWriter) Write(b []byte) (int, error) {
	if w.refused {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}
