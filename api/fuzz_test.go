package api_test

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
)

var fuzzPaths = []string{"/v1/mou/check", "/v1/evaluations/score", "/v1/evaluations/progress", "/v1/evaluations/effect", "/healthz", "/v1/schemas/mou", "/nope"}

// FuzzRequest sends any body, with any Content-Type, to every endpoint:
// the handler must not panic, must answer with a status it documents, and
// must always answer with JSON: a result or a problem.
func FuzzRequest(f *testing.F) {
	// Small seeds only: the fuzzer minimises every new input it finds,
	// and minimising a document of kilobytes takes all of a short run.
	for _, c := range apitest.Cases() {
		for i, p := range fuzzPaths {
			if p == c.Path && len(c.Body) < 1000 {
				f.Add(uint8(i), c.Header["Content-Type"], c.Body)
			}
		}
	}
	self := apitest.Doc("assessment-self")
	f.Add(uint8(1), "application/json", `{"framework": {"id": "f", "title": "F", "scale": {"min": 1, "max": 3}, "dimensions": [{"id": "d", "title": "D", "questions": [{"id": "sg1", "text": "Q"}]}], "bands": [{"min": 0, "label": "Low"}]}, "assessments": [{"framework": "f", "answers": {"sg1": 2}}, {"framework": "f", "answers": {"sg1": null}}]}`)
	f.Add(uint8(1), "application/json", `{"framework": "partnership-health-check", "assessments": [`+self+`]}`)
	f.Add(uint8(1), "", `{"framework": {"id": 1}, "assessments": [null, [], "x"]}`)
	f.Add(uint8(3), "application/json", `{"intervention": {"mean": 1e400, "sd": 1e-400, "n": 2}, "comparison": {"mean": 0, "sd": 1, "n": 2}}`)
	f.Add(uint8(2), "application/json", `{"asOf": "2027-02-30", "indicators": [{"id": "x", "baseline": 0, "target": 1e308, "actual": -1e308, "start": "2026-09-01", "deadline": "2026-09-02"}]}`)

	h := api.New(api.Options{MaxBodyBytes: 64 << 10})
	statuses := map[int]bool{200: true, 400: true, 404: true, 405: true, 413: true, 415: true, 422: true}
	f.Fuzz(func(t *testing.T, path uint8, contentType, body string) {
		r := httptest.NewRequest(http.MethodPost, fuzzPaths[int(path)%len(fuzzPaths)], strings.NewReader(body))
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if !statuses[rec.Code] {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		mt, _, err := mime.ParseMediaType(rec.Header().Get("Content-Type"))
		if err != nil || (mt != "application/json" && mt != "application/problem+json") {
			t.Fatalf("Content-Type %q", rec.Header().Get("Content-Type"))
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("the body is not JSON: %s", rec.Body)
		}
		if mt == "application/problem+json" {
			var p api.Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || !strings.HasPrefix(p.Type, api.ProblemBase) {
				t.Fatalf("not a problem of ours: %s", rec.Body)
			}
		}
	})
}
