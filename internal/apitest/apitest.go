// Package apitest holds requests to partnerkit's HTTP API and what their
// answers must be. The handler's own tests send them to the handler in
// the process; the edge worker's end-to-end test sends the same requests
// to the worker running in workerd and compares the answers with the
// handler's, byte for byte.
//
// # Cases
//
// [Cases] covers every endpoint and every error status. The answers are
// those of a handler made with [Options]: the defaults, plus cross-origin
// access for [Origin].
//
//	h := api.New(apitest.Options())
//	for _, c := range apitest.Cases() {
//		rec := httptest.NewRecorder()
//		h.ServeHTTP(rec, c.Request("http://example.org"))
//		if err := c.Check(rec.Result()); err != nil { … }
//	}
package apitest

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/mou"
)

//go:embed data/*.json
var data embed.FS

// Origin is the one origin the cases' handler allows cross-origin access.
const Origin = "https://forms.example.org"

// Options returns the options of the handler the cases describe.
func Options() api.Options {
	return api.Options{AllowedOrigins: []string{Origin}}
}

// Case is one request and what its answer must be.
type Case struct {
	Name   string
	Method string
	Path   string
	// Header holds the request's headers, such as Content-Type. A case
	// with a body and no Content-Type here sends application/json.
	Header map[string]string
	Body   string

	// Status is the answer's status.
	Status int
	// MediaType is the answer's Content-Type, without parameters; "" for
	// an answer without one. An answer to HEAD, or without a media type,
	// must have no body.
	MediaType string
	// Problem is the problem's type, for a problem+json answer.
	Problem string
	// WantHeader holds headers the answer must have, with their values;
	// "" means the header must be absent.
	WantHeader map[string]string
	// Contains lists texts the answer's body must contain.
	Contains []string
}

// NoContentType marks a request sent without a Content-Type.
const NoContentType = "-"

// Request returns the case's request to the server at base, such as
// "http://127.0.0.1:8787".
func (c Case) Request(base string) *http.Request {
	var body io.Reader
	if c.Body != "" {
		body = strings.NewReader(c.Body)
	}
	r, err := http.NewRequest(c.Method, base+c.Path, body)
	if err != nil {
		panic("apitest: " + err.Error()) // the cases are fixed: a defect here
	}
	if c.Body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.Header {
		if v == NoContentType {
			r.Header.Del(k)
			continue
		}
		r.Header.Set(k, v)
	}
	return r
}

// Check compares an answer with what the case expects, and returns an
// error that lists every difference. It reads and closes the body, and
// puts it back so that the caller can read it again.
func (c Case) Check(res *http.Response) error {
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: reading the body: %w", c.Name, err)
	}
	var errs []error
	if res.StatusCode != c.Status {
		errs = append(errs, fmt.Errorf("status %d, want %d", res.StatusCode, c.Status))
	}
	ct := res.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != c.MediaType {
		errs = append(errs, fmt.Errorf("Content-Type %q, want %q", ct, c.MediaType))
	}
	if c.Problem != "" && !bytes.Contains(body, []byte(`"type": "`+c.Problem+`"`)) {
		errs = append(errs, fmt.Errorf("want the problem type %s", c.Problem))
	}
	for k, want := range c.WantHeader {
		if got := res.Header.Get(k); got != want {
			errs = append(errs, fmt.Errorf("header %s is %q, want %q", k, got, want))
		}
	}
	for _, s := range c.Contains {
		if !bytes.Contains(body, []byte(s)) {
			errs = append(errs, fmt.Errorf("the body does not contain %q", s))
		}
	}
	if (c.MediaType == "" || c.Method == http.MethodHead) && len(body) > 0 {
		errs = append(errs, fmt.Errorf("want no body, got %d bytes", len(body)))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %w\nbody: %s", c.Name, errors.Join(errs...), clip(body))
	}
	return nil
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// Doc returns one of the cases' documents: mou-valid, mou-draft,
// framework-mini, assessment-self, assessment-peer, indicators or effect.
func Doc(name string) string {
	b, err := data.ReadFile("data/" + name + ".json")
	if err != nil {
		panic("apitest: no document " + name)
	}
	return string(b)
}

const (
	jsonType    = "application/json"
	problemType = "application/problem+json"
	allowPOST   = "POST, OPTIONS"
	allowGET    = "GET, HEAD, OPTIONS"
)

// Cases returns the requests and their answers, covering every endpoint
// and every error status.
func Cases() []Case {
	fw, self, peer := Doc("framework-mini"), Doc("assessment-self"), Doc("assessment-peer")
	envelope := func(framework string, assessments ...string) string {
		return `{"framework": ` + framework + `, "assessments": [` + strings.Join(assessments, ", ") + `]}`
	}
	offScale := strings.Replace(self, `"sg2": 3`, `"sg2": 7`, 1)
	overLimit := `{"missionStatement": "` + strings.Repeat("a", api.DefaultMaxBodyBytes) + `"}`
	flat := `{"asOf": "2027-01-31", "indicators": [{"id": "flat", "baseline": 50, "target": 50, "actual": 55, "start": "2026-09-01", "deadline": "2027-07-16"}]}`
	sdZero := `{"intervention": {"mean": 104.2, "sd": 0, "n": 86}, "comparison": {"mean": 100.1, "sd": 15.3, "n": 91}}`
	malformed := "{\n  \"title\": \"x\"\n  \"term\": {}\n}"
	ct := func(v string) map[string]string { return map[string]string{"Content-Type": v} }
	manyValues := `{"objectives": [` + strings.Repeat(`0,`, api.MaxValues) + `0]}`
	emptyObjectives := `{"objectives": [` + strings.Repeat(`{},`, 2*mou.MaxFindingsPerCode) + `{}]}`
	emptyAssessments := func(n int) string {
		return envelope(`"partnership-health-check"`, strings.TrimSuffix(strings.Repeat(`{},`, n), ","))
	}
	manyIndicators := `{"asOf": "2027-01-31", "indicators": [` + strings.Repeat(`{},`, api.MaxIndicators) + `{}]}`
	// Build in place (Leading), embed and sustain only starting.
	ready := `{"framework": "peer-review-readiness", "assessments": [{"framework": "peer-review-readiness", "answers": {` +
		`"bc1": 4, "bc2": 4, "bc3": 4, "bc4": 1, "be1": 4, "be2": 4, "be3": 4, "be4": 4, ` +
		`"ec1": 2, "ec2": 2, "ec3": 2, "ec4": 3, "ep1": 2, "ep2": 2, "ep3": 2, "ep4": 2, "ep5": 3, ` +
		`"so1": 2, "so2": 2, "so3": 2, "so4": 3, "sc1": 2, "sc2": 2, "sc3": 2, "sc4": 2}}]}`
	secure := map[string]string{"Content-Security-Policy": api.ContentSecurityPolicy, "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}

	return []Case{
		// GET /healthz
		{Name: "health", Method: "GET", Path: "/healthz", Status: 200, MediaType: jsonType, Contains: []string{`"status": "ok"`}, WantHeader: secure},
		{Name: "health HEAD", Method: "HEAD", Path: "/healthz", Status: 200, MediaType: jsonType},
		{Name: "health POST", Method: "POST", Path: "/healthz", Body: "{}", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowGET}},

		// POST /v1/mou/check
		{Name: "mou valid", Method: "POST", Path: "/v1/mou/check", Body: Doc("mou-valid"), Status: 200, MediaType: jsonType, Contains: []string{`"valid": true`, `"findings": [`}, WantHeader: secure},
		{Name: "mou findings capped per code", Method: "POST", Path: "/v1/mou/check", Body: emptyObjectives, Status: 200, MediaType: jsonType,
			Contains: []string{`"code": "findings.truncated"`, `"path": "/objectives/20/measure"`, `"message": "And 21 more objective.not-measurable findings like the ones above are not listed: put those right, then check again."`}},
		{Name: "mou too many values", Method: "POST", Path: "/v1/mou/check", Body: manyValues, Status: 413, MediaType: problemType, Problem: api.ProblemTooManyValues, Contains: []string{`"maxValues": 20000`, "more than 20,000 JSON values"}, WantHeader: secure},
		{Name: "mou draft", Method: "POST", Path: "/v1/mou/check", Body: Doc("mou-draft"), Status: 200, MediaType: jsonType, Contains: []string{`"valid": false`, `"code": "lead.missing"`, `"path": "/partnership/partners/2/urn"`, `"severity": "error"`}},
		{Name: "mou breaking the schema is a report, not an error", Method: "POST", Path: "/v1/mou/check", Body: `{"title": 1}`, Status: 200, MediaType: jsonType, Contains: []string{`"valid": false`, `"code": "schema"`}},
		{Name: "mou not an object", Method: "POST", Path: "/v1/mou/check", Body: `[]`, Status: 200, MediaType: jsonType, Contains: []string{`"valid": false`, `"code": "schema"`, `"path": ""`}},
		{Name: "mou malformed JSON", Method: "POST", Path: "/v1/mou/check", Body: malformed, Status: 400, MediaType: problemType, Problem: api.ProblemMalformedJSON, Contains: []string{`"line": 3`, `"column": 3`, `"status": 400`}},
		{Name: "mou empty body", Method: "POST", Path: "/v1/mou/check", Status: 400, MediaType: problemType, Problem: api.ProblemMalformedJSON, Contains: []string{"The body is empty", `"line": 1`}},
		{Name: "mou GET", Method: "GET", Path: "/v1/mou/check", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowPOST}},
		{Name: "mou as text", Method: "POST", Path: "/v1/mou/check", Header: ct("text/plain"), Body: Doc("mou-valid"), Status: 415, MediaType: problemType, Problem: api.ProblemUnsupportedMediaType},
		{Name: "mou as a form", Method: "POST", Path: "/v1/mou/check", Header: ct("application/x-www-form-urlencoded"), Body: "a=b", Status: 415, MediaType: problemType, Problem: api.ProblemUnsupportedMediaType},
		{Name: "mou unreadable Content-Type", Method: "POST", Path: "/v1/mou/check", Header: ct("application/"), Body: "{}", Status: 415, MediaType: problemType, Problem: api.ProblemUnsupportedMediaType},
		{Name: "mou in Latin-1", Method: "POST", Path: "/v1/mou/check", Header: ct("application/json; charset=iso-8859-1"), Body: "{}", Status: 415, MediaType: problemType, Problem: api.ProblemUnsupportedMediaType, Contains: []string{"UTF-8"}},
		{Name: "mou with charset", Method: "POST", Path: "/v1/mou/check", Header: ct("application/json; charset=UTF-8"), Body: Doc("mou-valid"), Status: 200, MediaType: jsonType, Contains: []string{`"valid": true`}},
		{Name: "mou as a +json type", Method: "POST", Path: "/v1/mou/check", Header: ct("application/vnd.partnerkit.mou+json"), Body: Doc("mou-valid"), Status: 200, MediaType: jsonType, Contains: []string{`"valid": true`}},
		{Name: "mou without Content-Type", Method: "POST", Path: "/v1/mou/check", Header: ct(NoContentType), Body: Doc("mou-valid"), Status: 200, MediaType: jsonType, Contains: []string{`"valid": true`}},
		{Name: "mou with options", Method: "POST", Path: "/v1/mou/check?missionWords=60&off=signature.missing&severity=lead.missing=warning", Body: Doc("mou-draft"), Status: 200, MediaType: jsonType,
			Contains: []string{`"options": {`, `"missionWords": 60`, `"off": [`, `"lead.missing": "warning"`}},
		{Name: "mou unknown option", Method: "POST", Path: "/v1/mou/check?off=signature.misisng", Body: Doc("mou-valid"), Status: 400, MediaType: problemType, Problem: api.ProblemInvalidOption,
			Contains: []string{`"code": "option.invalid"`, `"path": "/off/0"`, `No rule has the code \"signature.misisng\"`}},
		{Name: "mou over the limit", Method: "POST", Path: "/v1/mou/check", Body: overLimit, Status: 413, MediaType: problemType, Problem: api.ProblemBodyTooLarge, Contains: []string{`"maxBytes": 1048576`, "1 MiB"}},

		// GET /v1/schemas and /v1/schemas/{name}
		{Name: "schemas", Method: "GET", Path: "/v1/schemas", Status: 200, MediaType: jsonType, Contains: []string{`"name": "mou"`, `"url": "/v1/schemas/mou"`, `"id": "https://partnerkit.github.io/schemas/v1/framework.json"`}},
		{Name: "schema", Method: "GET", Path: "/v1/schemas/mou", Status: 200, MediaType: "application/schema+json", Contains: []string{`"$id": "https://partnerkit.github.io/schemas/v1/mou.json"`}},
		{Name: "schema by file name", Method: "GET", Path: "/v1/schemas/effect.json", Status: 200, MediaType: "application/schema+json", Contains: []string{`"$id": "https://partnerkit.github.io/schemas/v1/effect.json"`}},
		{Name: "schema HEAD", Method: "HEAD", Path: "/v1/schemas/mou", Status: 200, MediaType: "application/schema+json"},
		{Name: "schema unknown", Method: "GET", Path: "/v1/schemas/contract", Status: 404, MediaType: problemType, Problem: api.ProblemNotFound, Contains: []string{`No schema is called \"contract\"`}},
		{Name: "schema DELETE", Method: "DELETE", Path: "/v1/schemas/mou", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowGET}},
		{Name: "schemas POST", Method: "POST", Path: "/v1/schemas", Body: "{}", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowGET}},

		// GET /v1/frameworks and /v1/frameworks/{id}
		{Name: "frameworks", Method: "GET", Path: "/v1/frameworks", Status: 200, MediaType: jsonType, Contains: []string{`"id": "partnership-health-check"`, `"id": "peer-review-readiness"`, `"url": "/v1/frameworks/partnership-health-check"`}},
		{Name: "framework", Method: "GET", Path: "/v1/frameworks/peer-review-readiness", Status: 200, MediaType: jsonType, Contains: []string{`"id": "peer-review-readiness"`, `"dimensions": [`, `"bands": [`}},
		{Name: "framework unknown", Method: "GET", Path: "/v1/frameworks/mini-health-check", Status: 404, MediaType: problemType, Problem: api.ProblemNotFound},
		{Name: "frameworks PUT", Method: "PUT", Path: "/v1/frameworks/peer-review-readiness", Body: "{}", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowGET}},

		// POST /v1/evaluations/score
		{Name: "score one", Method: "POST", Path: "/v1/evaluations/score", Body: envelope(fw, self), Status: 200, MediaType: jsonType, Contains: []string{`"overall": 50`, `"band": "Borderline"`, `"score": 62.5`, `"code": "dimension.concern"`}},
		{Name: "score two and combine", Method: "POST", Path: "/v1/evaluations/score", Body: envelope(fw, self, peer), Status: 200, MediaType: jsonType, Contains: []string{`"results": [`, `"combined": {`, `"respondents": 2`}},
		{Name: "score against a built-in framework", Method: "POST", Path: "/v1/evaluations/score", Body: envelope(`"partnership-health-check"`, `{"framework": "partnership-health-check", "answers": {}}`), Status: 200, MediaType: jsonType, Contains: []string{`"framework": "partnership-health-check"`, `"overall": null`, `"code": "coverage.low"`}},
		{Name: "score assessments not a list", Method: "POST", Path: "/v1/evaluations/score", Body: `{"framework": "partnership-health-check", "assessments": {}}`, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest, Contains: []string{`"path": "/assessments"`, `"findings": [`, `"code": "schema"`}},
		{Name: "score without framework", Method: "POST", Path: "/v1/evaluations/score", Body: `{"assessments": [{}], "extra": 1}`, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest, Contains: []string{`"path": "/framework"`, `"path": "/extra"`}},
		{Name: "score unknown framework", Method: "POST", Path: "/v1/evaluations/score", Body: `{"framework": "nope", "assessments": [{}]}`, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest, Contains: []string{`No built-in framework is called \"nope\"`, `"code": "framework.unknown"`}},
		{Name: "score not an object", Method: "POST", Path: "/v1/evaluations/score", Body: `[]`, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest},
		{Name: "score answer off the scale", Method: "POST", Path: "/v1/evaluations/score", Body: envelope(fw, self, offScale), Status: 422, MediaType: problemType, Problem: api.ProblemInvalidDocument, Contains: []string{`"path": "/assessments/1/answers/sg2"`, `"findings": [`}},
		{Name: "score malformed JSON", Method: "POST", Path: "/v1/evaluations/score", Body: `{"framework": "x",}`, Status: 400, MediaType: problemType, Problem: api.ProblemMalformedJSON, Contains: []string{`"line": 1`, `"column": 18`}},
		{Name: "score too many assessments", Method: "POST", Path: "/v1/evaluations/score", Body: emptyAssessments(api.MaxAssessments + 1), Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest,
			Contains: []string{`"code": "schema"`, "This list has 101 items; keep it to 100 or fewer."}},
		{Name: "score findings capped per code", Method: "POST", Path: "/v1/evaluations/score", Body: emptyAssessments(api.MaxAssessments), Status: 422, MediaType: problemType, Problem: api.ProblemInvalidDocument,
			Contains: []string{`"code": "findings.truncated"`}},
		{Name: "score with options", Method: "POST", Path: "/v1/evaluations/score?reviewGap=30&lowCoverage=0.5", Body: envelope(fw, self, peer), Status: 200, MediaType: jsonType,
			Contains: []string{`"options": {`, `"reviewGap": 30`, `"lowCoverage": 0.5`}},
		{Name: "score option out of range", Method: "POST", Path: "/v1/evaluations/score?disagreeSpread=250", Body: envelope(fw, self), Status: 400, MediaType: problemType, Problem: api.ProblemInvalidOption,
			Contains: []string{`"path": "/disagreeSpread"`}},
		{Name: "score GET", Method: "GET", Path: "/v1/evaluations/score", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowPOST}},

		// POST /v1/evaluations/progress
		{Name: "progress", Method: "POST", Path: "/v1/evaluations/progress", Body: Doc("indicators"), Status: 200, MediaType: jsonType, Contains: []string{`"id": "ks2-science"`, `"status": "on-track"`, `"status": "off-track"`}},
		{Name: "progress target equals baseline", Method: "POST", Path: "/v1/evaluations/progress", Body: flat, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidDocument, Contains: []string{`"path": "/indicators/0/target"`}},
		{Name: "progress too many indicators", Method: "POST", Path: "/v1/evaluations/progress", Body: manyIndicators, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest,
			Contains: []string{`"path": "/indicators"`, `"code": "request.too-large"`, "Send at most 1,000 indicators in one request; this one has 1,001."}},
		{Name: "progress as text", Method: "POST", Path: "/v1/evaluations/progress", Header: ct("text/csv"), Body: "id,baseline", Status: 415, MediaType: problemType, Problem: api.ProblemUnsupportedMediaType},
		{Name: "progress PUT", Method: "PUT", Path: "/v1/evaluations/progress", Body: "{}", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowPOST}},

		// POST /v1/evaluations/readiness
		{Name: "readiness", Method: "POST", Path: "/v1/evaluations/readiness", Body: ready, Status: 200, MediaType: jsonType,
			Contains: []string{`"phase": "build"`, `"complete": true`, `"next": "embed"`, `"findings": []`}},
		{Name: "readiness with the stage ahead", Method: "POST", Path: "/v1/evaluations/readiness?stage=sustain", Body: ready, Status: 200, MediaType: jsonType,
			Contains: []string{`"stage": "sustain"`, `"code": "readiness.stage-ahead"`, `"path": "/stage"`}},
		{Name: "readiness of a framework without phases", Method: "POST", Path: "/v1/evaluations/readiness", Body: envelope(fw, self), Status: 422, MediaType: problemType, Problem: api.ProblemInvalidRequest,
			Contains: []string{`"code": "framework.not-phased"`, `"path": "/framework"`}},
		{Name: "readiness unknown stage", Method: "POST", Path: "/v1/evaluations/readiness?stage=grow", Body: ready, Status: 400, MediaType: problemType, Problem: api.ProblemInvalidOption,
			Contains: []string{`"path": "/stage"`}},
		{Name: "readiness GET", Method: "GET", Path: "/v1/evaluations/readiness", Status: 405, MediaType: problemType, Problem: api.ProblemMethodNotAllowed, WantHeader: map[string]string{"Allow": allowPOST}},

		// POST /v1/evaluations/effect
		{Name: "effect", Method: "POST", Path: "/v1/evaluations/effect", Body: Doc("effect"), Status: 200, MediaType: jsonType, Contains: []string{`"g": 0.27`, `"months": 4`}},
		{Name: "effect sd 0", Method: "POST", Path: "/v1/evaluations/effect", Body: sdZero, Status: 422, MediaType: problemType, Problem: api.ProblemInvalidDocument, Contains: []string{`"path": "/intervention/sd"`}},
		{Name: "effect over the limit", Method: "POST", Path: "/v1/evaluations/effect", Body: overLimit, Status: 413, MediaType: problemType, Problem: api.ProblemBodyTooLarge},

		// Unknown paths
		{Name: "root", Method: "GET", Path: "/", Status: 404, MediaType: problemType, Problem: api.ProblemNotFound},
		{Name: "unknown path", Method: "GET", Path: "/v1/mou", Status: 404, MediaType: problemType, Problem: api.ProblemNotFound, Contains: []string{"Nothing is at /v1/mou."}},
		{Name: "unknown path POST", Method: "POST", Path: "/v1/mou/check/now", Body: "{}", Status: 404, MediaType: problemType, Problem: api.ProblemNotFound},
		{Name: "empty name", Method: "GET", Path: "/v1/schemas/", Status: 404, MediaType: problemType, Problem: api.ProblemNotFound},

		// CORS and OPTIONS
		{Name: "preflight", Method: "OPTIONS", Path: "/v1/mou/check", Header: map[string]string{"Origin": Origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}, Status: 204,
			WantHeader: map[string]string{"Access-Control-Allow-Origin": Origin, "Access-Control-Allow-Methods": allowPOST, "Access-Control-Allow-Headers": "Content-Type", "Vary": "Origin"}},
		{Name: "cross-origin POST", Method: "POST", Path: "/v1/mou/check", Header: map[string]string{"Origin": Origin}, Body: Doc("mou-valid"), Status: 200, MediaType: jsonType, WantHeader: map[string]string{"Access-Control-Allow-Origin": Origin, "Vary": "Origin"}},
		{Name: "cross-origin problem", Method: "POST", Path: "/v1/mou/check", Header: map[string]string{"Origin": Origin}, Body: "{", Status: 400, MediaType: problemType, Problem: api.ProblemMalformedJSON, WantHeader: map[string]string{"Access-Control-Allow-Origin": Origin}},
		{Name: "other origin", Method: "POST", Path: "/v1/mou/check", Header: map[string]string{"Origin": "https://elsewhere.example"}, Body: Doc("mou-valid"), Status: 200, MediaType: jsonType, WantHeader: map[string]string{"Access-Control-Allow-Origin": ""}},
		{Name: "other origin preflight", Method: "OPTIONS", Path: "/v1/mou/check", Header: map[string]string{"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}, Status: 204, WantHeader: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Methods": "", "Allow": allowPOST}},
		{Name: "OPTIONS", Method: "OPTIONS", Path: "/v1/schemas", Status: 204, WantHeader: map[string]string{"Allow": allowGET, "Access-Control-Allow-Origin": ""}},
	}
}
