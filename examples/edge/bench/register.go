//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/examples/edge/internal/workerd"
)

// register measures the register on the worker's local D1: the first
// request of a fresh workerd with a fresh D1 (Go's start-up and the
// migrations) and with a D1 already migrated, then, on one worker,
// submissions one after another and the round's report for that many
// respondents.
func (b *bench) register(runs, respondents int) bool {
	fmt.Printf("\nRegister on D1 (miniflare's local D1, kept on disk)\n")
	var fresh, again, none []time.Duration
	for range runs {
		dir, err := os.MkdirTemp("", "partnerkit-bench-d1-")
		if err != nil {
			fail(err)
		}
		for _, into := range []*[]time.Duration{&fresh, &again} {
			w, err := workerd.Start(b.edge, b.buildDir, []string{"D1_PERSIST=" + dir})
			if err != nil {
				fail(err)
			}
			*into = append(*into, firstRequest(w.URL+"/v1/session", http.StatusUnauthorized))
			w.Stop()
		}
		os.RemoveAll(dir)
		w, err := workerd.Start(b.edge, b.buildDir, []string{"D1=off"})
		if err != nil {
			fail(err)
		}
		none = append(none, firstRequest(w.URL+"/healthz", http.StatusOK))
		w.Stop()
	}
	fmt.Printf("  first request, fresh D1 (Go, migrations):     %s (median of %d)\n", ms(median(fresh)), runs)
	fmt.Printf("  first request, D1 already migrated:           %s\n", ms(median(again)))
	fmt.Printf("  first request without D1 (the checker alone): %s\n", ms(median(none)))

	dir, err := os.MkdirTemp("", "partnerkit-bench-d1-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	w, err := workerd.Start(b.edge, b.buildDir, []string{"D1_PERSIST=" + dir})
	if err != nil {
		fail(err)
	}
	defer w.Stop()
	firstRequest(w.URL+"/v1/session", http.StatusUnauthorized)
	admin := ""
	for deadline := time.Now().Add(5 * time.Second); admin == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, line := range w.Log() {
			if _, tok, ok := strings.Cut(line, "/#admin/"); ok {
				admin = strings.TrimSpace(tok)
			}
		}
	}
	if admin == "" {
		fail(fmt.Errorf("the worker logged no administrator link"))
	}
	c := &http.Client{Timeout: time.Minute}
	mou, err := os.ReadFile(filepath.Join(b.edge, "..", "data", "mou-riverside.json"))
	if err != nil {
		fail(err)
	}
	framework, err := os.ReadFile(filepath.Join(b.edge, "..", "data", "framework-mini.json"))
	if err != nil {
		fail(err)
	}
	var p struct {
		Partnership struct{ ID string } `json:"partnership"`
	}
	call(c, w.URL, http.MethodPost, "/v1/partnerships", admin, mou, nil, http.StatusCreated, &p)
	now := time.Now().UTC()
	round, _ := json.Marshal(map[string]any{"title": "Benchmark", "framework": json.RawMessage(framework),
		"opens": now.Add(-time.Hour), "closes": now.Add(24 * time.Hour)})
	var rd struct{ ID string }
	call(c, w.URL, http.MethodPost, "/v1/partnerships/"+p.Partnership.ID+"/rounds", admin, round, nil, http.StatusCreated, &rd)
	var invs []struct {
		Token struct {
			Secret string `json:"token"`
		} `json:"token"`
	}
	call(c, w.URL, http.MethodPost, "/v1/rounds/"+rd.ID+"/invitations", admin,
		[]byte(`{"invitations": [{"partner": "riverside-primary", "review": "self", "shared": true},
		{"partner": "st-aidans", "review": "self", "shared": true}, {"partner": "uni-riverside", "review": "peer", "shared": true}]}`),
		nil, http.StatusCreated, &invs)
	sessions := make([]time.Duration, 0, respondents)
	for range respondents {
		t := time.Now()
		call(c, w.URL, http.MethodGet, "/v1/session", admin, nil, nil, http.StatusOK, nil)
		sessions = append(sessions, time.Since(t))
	}
	fmt.Printf("  %d GET /v1/session (one D1 query each):      %s\n", respondents, summary(sessions))
	submits := make([]time.Duration, 0, respondents)
	for i := range respondents {
		body := fmt.Appendf(nil, `{"assessment": {"framework": "mini-health-check", "frameworkVersion": "1.0.0",
			"answers": {"sg1": %d, "sg2": %d, "sg3": %d, "gv1": %d, "gv2": %d}}}`, 1+i%5, 1+(i/5)%5, 1+(i/2)%5, 1+(i/3)%5, 1+(i/7)%5)
		t := time.Now()
		call(c, w.URL, http.MethodPost, "/v1/respond/answers", invs[i%3].Token.Secret, body,
			map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%d", i)}, http.StatusOK, nil)
		submits = append(submits, time.Since(t))
	}
	fmt.Printf("  %d submissions, one after another:          %s\n", respondents, summary(submits))
	fmt.Printf("  (a submission makes 4 D1 calls; a JavaScript worker's request with one D1 query: %s)\n", b.d1Floor(respondents))
	var reports []time.Duration
	for range 20 {
		var rep struct{ Respondents int }
		t := time.Now()
		call(c, w.URL, http.MethodGet, "/v1/rounds/"+rd.ID+"/report", admin, nil, nil, http.StatusOK, &rep)
		reports = append(reports, time.Since(t))
		if rep.Respondents != respondents {
			fmt.Printf("  FAIL: the report counts %d respondents, not %d\n", rep.Respondents, respondents)
			return false
		}
	}
	fmt.Printf("  the round's report, %d respondents (20 runs): %s\n", respondents, summary(reports))
	return true
}

// firstRequest times a GET that must answer want.
func firstRequest(url string, want int) time.Duration {
	t := time.Now()
	res, err := http.Get(url)
	if err != nil {
		fail(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(t)
	if res.StatusCode != want {
		fail(fmt.Errorf("GET %s: status %d, want %d", url, res.StatusCode, want))
	}
	return d
}

// call sends a request to the register and decodes its answer into out.
func call(c *http.Client, base, method, path, token string, body []byte, header map[string]string, want int, out any) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		fail(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		fail(err)
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		fail(err)
	}
	if res.StatusCode != want {
		fail(fmt.Errorf("%s %s: status %d, want %d: %.300s", method, path, res.StatusCode, want, data))
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			fail(fmt.Errorf("%s %s: %w", method, path, err))
		}
	}
}

// d1Floor times n requests to a JavaScript worker that makes one D1 query
// each, and returns their p50 (see local.mjs's startD1Floor).
func (b *bench) d1Floor(n int) string {
	dir, err := os.MkdirTemp("", "partnerkit-bench-d1-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	w, err := workerd.Start(b.edge, b.buildDir, []string{"D1_PERSIST=" + dir}, "--d1-floor")
	if err != nil {
		fail(err)
	}
	defer w.Stop()
	c := &http.Client{}
	if _, err := get(c, w.URL); err != nil {
		fail(err)
	}
	times := make([]time.Duration, 0, n)
	for range n {
		t := time.Now()
		if _, err := get(c, w.URL); err != nil {
			fail(err)
		}
		times = append(times, time.Since(t))
	}
	return "p50 " + ms(median(times))
}
