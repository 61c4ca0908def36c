package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serve sends a request to h and returns the answer, its body read.
func serve(t *testing.T, h http.Handler, r *http.Request) (*http.Response, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// problemOf decodes a problem+json answer.
func problemOf(t *testing.T, res *http.Response, body []byte) api.Problem {
	t.Helper()
	require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
	var p api.Problem
	require.NoError(t, json.Unmarshal(body, &p), "body: %s", body)
	assert.Equal(t, res.StatusCode, p.Status, "the problem's status is the answer's")
	assert.NotEmpty(t, p.Title)
	assert.NotEmpty(t, p.Detail)
	return p
}

func post(path, contentType, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

// TestCases sends every shared case (every endpoint, every error status)
// to the handler; the edge worker's end-to-end test sends the same ones.
func TestCases(t *testing.T) {
	h := api.New(apitest.Options())
	for _, c := range apitest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, c.Request("http://example.org"))
			res := rec.Result()
			require.NoError(t, c.Check(res))
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			switch c.MediaType {
			case "application/problem+json":
				p := problemOf(t, res, body)
				assert.Equal(t, c.Problem, p.Type)
			case "":
			default:
				if c.Method != http.MethodHead {
					assert.True(t, json.Valid(body), "the body is JSON: %s", body)
					assert.Equal(t, res.Header.Get("Content-Length"), strconvItoa(len(body)))
				}
			}
		})
	}
}

func strconvItoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestEveryStatusIsCovered(t *testing.T) {
	seen := map[int]bool{}
	endpoints := map[string]bool{}
	for _, c := range apitest.Cases() {
		seen[c.Status] = true
		if c.Status < 300 {
			endpoints[c.Method+" "+c.Path] = true
		}
	}
	for _, status := range []int{200, 204, 400, 404, 405, 413, 415, 422} {
		assert.True(t, seen[status], "no case answers %d", status)
	}
	for _, e := range []string{"GET /healthz", "POST /v1/mou/check", "POST /v1/evaluations/score", "POST /v1/evaluations/progress",
		"POST /v1/evaluations/effect", "POST /v1/evaluations/readiness", "GET /v1/schemas", "GET /v1/schemas/mou", "GET /v1/frameworks", "GET /v1/frameworks/peer-review-readiness"} {
		assert.True(t, endpoints[e], "no case succeeds on %s", e)
	}
}

func TestMOUCheckAnswersAsTheCommandLine(t *testing.T) {
	data, err := os.ReadFile("../examples/data/mou-coastal-draft.json")
	require.NoError(t, err)
	res, body := serve(t, api.New(api.Options{}), post("/v1/mou/check", "application/json", string(data)))
	require.Equal(t, http.StatusOK, res.StatusCode)

	var got mou.Report
	require.NoError(t, json.Unmarshal(body, &got))
	want := mou.Check(data)
	assert.Equal(t, want.Valid, got.Valid)
	assert.Equal(t, want.Findings, got.Findings)
	assert.NotContains(t, string(body), `"file"`, "the API's report has no file name")
}

func TestScoreMatchesTheContract(t *testing.T) {
	want, err := os.ReadFile("../examples/data/score-mini.expected.json")
	if err != nil {
		t.Skip("the contract is not beside the repository:", err)
	}
	body := `{"framework": ` + apitest.Doc("framework-mini") + `, "assessments": [` + apitest.Doc("assessment-self") + `]}`
	res, got := serve(t, api.New(api.Options{}), post("/v1/evaluations/score", "application/json", body))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", got)

	type dimension struct {
		ID       string   `json:"id"`
		Score    *float64 `json:"score"`
		Coverage float64  `json:"coverage"`
		Band     string   `json:"band"`
	}
	type score struct {
		Framework  string      `json:"framework"`
		Overall    *float64    `json:"overall"`
		Band       string      `json:"band"`
		Coverage   float64     `json:"coverage"`
		Dimensions []dimension `json:"dimensions"`
		Flags      []struct {
			Code      string `json:"code"`
			Dimension string `json:"dimension"`
		} `json:"flags"`
	}
	var expected score
	require.NoError(t, json.Unmarshal(want, &expected))
	var result struct {
		Results  []score         `json:"results"`
		Combined json.RawMessage `json:"combined"`
	}
	require.NoError(t, json.Unmarshal(got, &result))
	require.Len(t, result.Results, 1)
	assert.Equal(t, expected, result.Results[0])
	assert.Nil(t, result.Combined, "one assessment is not combined")
}

func TestDefaultsRefuseCrossOrigin(t *testing.T) {
	h := api.New(api.Options{})
	r := post("/v1/mou/check", "application/json", apitest.Doc("mou-valid"))
	r.Header.Set("Origin", apitest.Origin)
	res, _ := serve(t, h, r)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
	assert.Empty(t, res.Header.Get("Vary"))

	pre := httptest.NewRequest(http.MethodOptions, "/v1/mou/check", nil)
	pre.Header.Set("Origin", apitest.Origin)
	pre.Header.Set("Access-Control-Request-Method", "POST")
	res, body := serve(t, h, pre)
	assert.Equal(t, http.StatusNoContent, res.StatusCode)
	assert.Empty(t, body)
	assert.Equal(t, "POST, OPTIONS", res.Header.Get("Allow"))
	assert.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
	assert.Empty(t, res.Header.Get("Access-Control-Allow-Methods"))
}

func TestAllowedOrigins(t *testing.T) {
	tests := []struct {
		name    string
		allowed []string
		origin  string
		want    string
	}{
		{"listed", []string{"https://a.example", "https://b.example"}, "https://b.example", "https://b.example"},
		{"listed with a slash", []string{"https://a.example/"}, "https://a.example", "https://a.example"},
		{"not listed", []string{"https://a.example"}, "https://c.example", ""},
		{"any", []string{"*"}, "https://c.example", "*"},
		{"no Origin", []string{"*"}, "", ""},
		{"case matters in the host as sent", []string{"https://a.example"}, "https://A.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/healthz", nil)
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			res, _ := serve(t, api.New(api.Options{AllowedOrigins: tt.allowed}), r)
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, tt.want, res.Header.Get("Access-Control-Allow-Origin"))
			assert.Equal(t, "Origin", res.Header.Get("Vary"))
		})
	}
}

func TestMaxBodyBytes(t *testing.T) {
	tests := []struct {
		name      string
		max       int64
		body      string
		unsized   bool // sent without a Content-Length, as a stream
		status    int
		wantBytes int64
		detail    string
	}{
		{name: "within a small limit", max: 100, body: `{"title": "x"}`, status: 200},
		{name: "over a small limit", max: 100, body: `{"title": "` + strings.Repeat("x", 100) + `"}`, status: 413, wantBytes: 100, detail: "larger than 100 bytes"},
		{name: "over a small limit, unsized", max: 100, body: `{"title": "` + strings.Repeat("x", 100) + `"}`, unsized: true, status: 413, wantBytes: 100},
		{name: "exactly the limit", max: 16, body: `{"title": "xxx"}`, status: 200},
		{name: "one byte over", max: 15, body: `{"title": "xxx"}`, status: 413, wantBytes: 15},
		{name: "KiB", max: 2048, body: strings.Repeat(" ", 2049), unsized: true, status: 413, wantBytes: 2048, detail: "2 KiB"},
		{name: "zero means the default", max: 0, body: `{"title": "` + strings.Repeat("x", 1<<19) + `"}`, status: 200},
		{name: "negative means the default", max: -1, body: `{"title": "` + strings.Repeat("x", 1<<20) + `"}`, status: 413, wantBytes: api.DefaultMaxBodyBytes, detail: "1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post("/v1/mou/check", "application/json", tt.body)
			if tt.unsized {
				r.ContentLength = -1
			}
			res, body := serve(t, api.New(api.Options{MaxBodyBytes: tt.max}), r)
			require.Equal(t, tt.status, res.StatusCode, "%s", body)
			if tt.status == 413 {
				p := problemOf(t, res, body)
				assert.Equal(t, api.ProblemBodyTooLarge, p.Type)
				assert.Equal(t, tt.wantBytes, p.MaxBytes)
				assert.Contains(t, p.Detail, tt.detail)
			}
		})
	}
}

// maxBytesBody stands for a server that limits bodies itself, with
// http.MaxBytesReader.
type maxBytesBody struct{}

func (maxBytesBody) Read([]byte) (int, error) { return 0, &http.MaxBytesError{Limit: 10} }

func TestOuterLimitIsTooLarge(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/v1/mou/check", maxBytesBody{})
	res, body := serve(t, api.New(api.Options{}), r)
	assert.Equal(t, api.ProblemBodyTooLarge, problemOf(t, res, body).Type)
}

func TestMalformedJSONHasLineAndColumn(t *testing.T) {
	tests := []struct {
		name         string
		body         string
		line, column int
	}{
		{"missing comma", "{\n  \"title\": \"x\"\n  \"term\": {}\n}", 3, 3},
		{"single quotes", "{\"title\": 'x'}", 1, 11},
		{"cut short", "{\"title\": ", 1, 11},
		{"empty", "", 1, 1},
		{"white space only", " \n\t", 1, 1},
		{"columns count characters, not bytes", "{\"title\": \"Café\" x}", 1, 18},
	}
	h := api.New(api.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/v1/mou/check", "/v1/evaluations/score", "/v1/evaluations/progress", "/v1/evaluations/effect"} {
				res, body := serve(t, h, post(path, "application/json", tt.body))
				require.Equal(t, http.StatusBadRequest, res.StatusCode, path)
				p := problemOf(t, res, body)
				assert.Equal(t, api.ProblemMalformedJSON, p.Type)
				assert.Equal(t, tt.line, p.Line, "%s: %s", path, p.Detail)
				assert.Equal(t, tt.column, p.Column, "%s: %s", path, p.Detail)
			}
		})
	}
}

func TestContentTypes(t *testing.T) {
	tests := []struct {
		contentType string
		status      int
	}{
		{"application/json", 200},
		{"application/json; charset=utf-8", 200},
		{"Application/JSON; Charset=UTF-8", 200},
		{"application/json;charset=utf8", 200},
		{"application/problem+json", 200},
		{"application/vnd.api+json", 200},
		{"", 200},
		{"text/plain", 415},
		{"text/plain; charset=utf-8", 415},
		{"text/json", 415},
		{"application/xml", 415},
		{"multipart/form-data; boundary=x", 415},
		{"application/json; charset=utf-16", 415},
		{"application/+json", 200},
		{"application/json; charset", 415},
		{";;", 415},
	}
	h := api.New(api.Options{})
	for _, tt := range tests {
		t.Run(tt.contentType, func(t *testing.T) {
			res, body := serve(t, h, post("/v1/mou/check", tt.contentType, apitest.Doc("mou-valid")))
			require.Equal(t, tt.status, res.StatusCode, "%s", body)
			if tt.status == 415 {
				assert.Equal(t, api.ProblemUnsupportedMediaType, problemOf(t, res, body).Type)
			}
		})
	}
}

func TestMethodNotAllowedListsTheMethods(t *testing.T) {
	tests := []struct {
		method, path, allow string
	}{
		{"GET", "/v1/mou/check", "POST, OPTIONS"},
		{"PATCH", "/v1/evaluations/score", "POST, OPTIONS"},
		{"DELETE", "/v1/evaluations/effect", "POST, OPTIONS"},
		{"POST", "/v1/frameworks", "GET, HEAD, OPTIONS"},
		{"PUT", "/v1/schemas/mou", "GET, HEAD, OPTIONS"},
		{"TRACE", "/healthz", "GET, HEAD, OPTIONS"},
	}
	h := api.New(api.Options{})
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res, body := serve(t, h, httptest.NewRequest(tt.method, tt.path, nil))
			require.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
			assert.Equal(t, tt.allow, res.Header.Get("Allow"))
			p := problemOf(t, res, body)
			assert.Equal(t, api.ProblemMethodNotAllowed, p.Type)
			assert.Contains(t, p.Detail, tt.method)
		})
	}
}

func TestHeadHasNoBody(t *testing.T) {
	h := api.New(api.Options{})
	for _, path := range []string{"/healthz", "/v1/schemas", "/v1/schemas/mou", "/v1/frameworks", "/v1/frameworks/partnership-health-check"} {
		res, body := serve(t, h, httptest.NewRequest(http.MethodHead, path, nil))
		assert.Equal(t, http.StatusOK, res.StatusCode, path)
		assert.Empty(t, body, path)
		assert.NotEmpty(t, res.Header.Get("Content-Type"), path)
	}
}

func TestSchemaIsPublishedText(t *testing.T) {
	h := api.New(api.Options{})
	res, body := serve(t, h, httptest.NewRequest(http.MethodGet, "/v1/schemas/framework", nil))
	require.Equal(t, http.StatusOK, res.StatusCode)
	want, err := os.ReadFile("../schemas/framework.json")
	require.NoError(t, err)
	assert.Equal(t, want, body)

	res, body = serve(t, h, httptest.NewRequest(http.MethodGet, "/v1/schemas", nil))
	require.Equal(t, http.StatusOK, res.StatusCode)
	var list []api.SchemaInfo
	require.NoError(t, json.Unmarshal(body, &list))
	require.NotEmpty(t, list)
	for _, s := range list {
		assert.Equal(t, "/v1/schemas/"+s.Name, s.URL)
		assert.NotEmpty(t, s.Title, s.Name)
	}
}

func TestFrameworkIsAFrameworkDocument(t *testing.T) {
	h := api.New(api.Options{})
	res, body := serve(t, h, httptest.NewRequest(http.MethodGet, "/v1/frameworks", nil))
	require.Equal(t, http.StatusOK, res.StatusCode)
	var list []api.FrameworkInfo
	require.NoError(t, json.Unmarshal(body, &list))
	require.NotEmpty(t, list)
	for _, f := range list {
		res, body := serve(t, h, httptest.NewRequest(http.MethodGet, f.URL, nil))
		require.Equal(t, http.StatusOK, res.StatusCode, f.URL)
		assert.Positive(t, f.Questions, f.ID)
		// A served framework scores: send it back with no answers.
		score := `{"framework": ` + string(body) + `, "assessments": [{"framework": "` + f.ID + `", "answers": {}}]}`
		res, got := serve(t, h, post("/v1/evaluations/score", "application/json", score))
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", got)
	}
}

func TestAssets(t *testing.T) {
	assets := fstest.MapFS{
		"index.html":     {Data: []byte("<!doctype html><title>Check an MOU</title>")},
		"form/app.js":    {Data: []byte("console.log('hello')")},
		"form/index.htm": {Data: []byte("not an index")},
		"v1/mou/check":   {Data: []byte("never served: /v1/ is the API's")},
	}
	h := api.New(api.Options{Assets: assets})
	tests := []struct {
		method, path string
		status       int
		contains     string
	}{
		{"GET", "/", 200, "Check an MOU"},
		{"GET", "/index.html", 301, ""}, // http.FileServer's canonical path is /
		{"HEAD", "/", 200, ""},
		{"GET", "/form/app.js", 200, "hello"},
		{"GET", "/form/", 404, "Nothing is at /form/"},
		{"GET", "/missing.css", 404, "Nothing is at /missing.css"},
		{"POST", "/form/app.js", 405, "takes GET"},
		{"POST", "/v1/mou/check", 200, `"valid"`},
		{"GET", "/v1/nope", 404, "Nothing is at /v1/nope"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.path, strings.NewReader(apitest.Doc("mou-valid")))
			res, body := serve(t, h, r)
			assert.Equal(t, tt.status, res.StatusCode, "%s", body)
			assert.Contains(t, string(body), tt.contains)
		})
	}

	res, body := serve(t, api.New(api.Options{}), httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "no assets, no page")
	assert.Equal(t, api.ProblemNotFound, problemOf(t, res, body).Type)
}

// panicky fails while the body is read, as a defect would.
type panicky struct{}

func (panicky) Read([]byte) (int, error) { panic("a defect") }

func TestPanicIsAProblemAndLogged(t *testing.T) {
	var logs bytes.Buffer
	h := api.New(api.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	r := httptest.NewRequest(http.MethodPost, "/v1/mou/check", panicky{})
	res, body := serve(t, h, r)
	require.Equal(t, http.StatusInternalServerError, res.StatusCode)
	assert.Equal(t, api.ProblemInternal, problemOf(t, res, body).Type)
	assert.Contains(t, logs.String(), "a defect")
	assert.Contains(t, logs.String(), "path=/v1/mou/check")

	// Without a logger the answer is the same, and nothing is written.
	res, _ = serve(t, api.New(api.Options{}), httptest.NewRequest(http.MethodPost, "/v1/mou/check", panicky{}))
	assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
}

// aborting aborts the request, as a server does when the client goes.
type aborting struct{}

func (aborting) Read([]byte) (int, error) { panic(http.ErrAbortHandler) }

func TestAbortHandlerIsNotCaught(t *testing.T) {
	h := api.New(api.Options{})
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/v1/mou/check", aborting{}))
	})
}

func TestNothingIsLoggedForClientMistakes(t *testing.T) {
	var logs bytes.Buffer
	h := api.New(api.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, c := range apitest.Cases() {
		h.ServeHTTP(httptest.NewRecorder(), c.Request("http://example.org"))
	}
	assert.Empty(t, logs.String())
}

func TestScoreInvalidDocuments(t *testing.T) {
	fw, self := apitest.Doc("framework-mini"), apitest.Doc("assessment-self")
	brokenFW := strings.Replace(fw, `"min": 1, "max": 5`, `"min": 5, "max": 1`, 1)
	otherPartnership := strings.Replace(apitest.Doc("assessment-peer"), "3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10", "11111111-2222-4333-8444-555555555555", 1)
	tests := []struct {
		name    string
		body    string
		problem string
		path    string // a path among the findings
	}{
		{"framework breaks its rules", `{"framework": ` + brokenFW + `, "assessments": [` + self + `]}`, api.ProblemInvalidDocument, "/framework/scale/max"},
		{"framework is a number", `{"framework": 3, "assessments": [` + self + `]}`, api.ProblemInvalidRequest, "/framework"},
		{"assessment breaks its schema", `{"framework": ` + fw + `, "assessments": [{"answers": 1}]}`, api.ProblemInvalidDocument, "/assessments/0/answers"},
		{"assessment is not an object", `{"framework": ` + fw + `, "assessments": [1]}`, api.ProblemInvalidDocument, "/assessments/0"},
		{"assessment of another framework", `{"framework": "partnership-health-check", "assessments": [` + self + `]}`, api.ProblemInvalidDocument, "/assessments/0/framework"},
		{"no assessments", `{"framework": "partnership-health-check", "assessments": []}`, api.ProblemInvalidRequest, "/assessments"},
		{"two partnerships", `{"framework": ` + fw + `, "assessments": [` + self + `, ` + otherPartnership + `]}`, api.ProblemInvalidDocument, "/assessments/1/partnership"},
	}
	h := api.New(api.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := serve(t, h, post("/v1/evaluations/score", "application/json", tt.body))
			require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "%s", body)
			p := problemOf(t, res, body)
			assert.Equal(t, tt.problem, p.Type)
			var paths []string
			for _, f := range p.Findings {
				paths = append(paths, f.Path)
				assert.NotEmpty(t, f.Code)
				assert.NotEmpty(t, f.Message)
			}
			assert.Contains(t, paths, tt.path, "%s", body)
			assert.NotContains(t, string(body), "evaluation:", "no Go error chain")
		})
	}
}

// TestScoreMismatchIsWorded: assessments of two partnerships get a
// sentence that names both, and no Go error chain.
func TestScoreMismatchIsWorded(t *testing.T) {
	fw, self := apitest.Doc("framework-mini"), apitest.Doc("assessment-self")
	other := strings.Replace(apitest.Doc("assessment-peer"), "3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10", "11111111-2222-4333-8444-555555555555", 1)
	res, body := serve(t, api.New(api.Options{}), post("/v1/evaluations/score", "application/json", `{"framework": `+fw+`, "assessments": [`+self+`, `+other+`]}`))
	p := problemOf(t, res, body)
	require.Len(t, p.Findings, 1)
	want := "Assessment 2 is of partnership 11111111-2222-4333-8444-555555555555, but the ones before it are of 3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10: only assessments of one partnership, made with one version of the framework, can be combined."
	assert.Equal(t, want, p.Findings[0].Message)
	assert.Equal(t, want, p.Detail)
	assert.Equal(t, "assessments.mismatch", p.Findings[0].Code)
}
