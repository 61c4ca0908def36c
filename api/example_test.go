package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/mou"
)

func ExampleNew() {
	h := api.New(api.Options{}) // 1 MiB bodies, no cross-origin access

	req := httptest.NewRequest(http.MethodPost, "/v1/mou/check", strings.NewReader(`{
	  "missionStatement": "Together we widen access to specialist science teaching.",
	  "legallyBinding": true
	}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	var report mou.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &report); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), "valid:", report.Valid)
	fmt.Println(report.Findings[0])
	// Output:
	// 200 application/json valid: false
	// error partnership: Partnership is required. (schema)
}

func ExampleNew_problem() {
	h := api.New(api.Options{})

	req := httptest.NewRequest(http.MethodPost, "/v1/mou/check", strings.NewReader("{\n  \"title\": 'Riverside'\n}"))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	var p api.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(p.Type)
	fmt.Printf("line %d, column %d\n", p.Line, p.Column)
	// Output:
	// 400 application/problem+json
	// https://partnerkit.github.io/problems/malformed-json
	// line 2, column 12
}

// Mount the checker under a prefix of your own server, beside your own
// routes.
func ExampleNew_mount() {
	mux := http.NewServeMux()
	mux.Handle("/checker/", http.StripPrefix("/checker", api.New(api.Options{
		MaxBodyBytes:   256 << 10,
		AllowedOrigins: []string{"https://forms.example.org"},
	})))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "our own page") })

	srv := httptest.NewServer(mux) // in production: http.ListenAndServe(addr, mux)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/checker/healthz")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var health api.Health
	json.NewDecoder(res.Body).Decode(&health)
	fmt.Println(res.StatusCode, health.Status)
	// Output:
	// 200 ok
}
