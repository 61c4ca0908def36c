//go:build !js

package api_test

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
)

// BenchmarkRegisterSubmit sends respondents' answers to one round over
// HTTP (a real loopback connection) to a register in a SQLite file, 50
// in flight, and reports submissions per second:
//
//	go test -run '^$' -bench RegisterSubmit -benchtime 2000x ./api/
func BenchmarkRegisterSubmit(b *testing.B) {
	_, url, admin := registerServer(b, api.Options{})
	vars, err := apitest.RunRegister(http.DefaultClient, url, admin)
	if err != nil {
		b.Fatal(err)
	}
	// A round that is open: the shared cases close theirs.
	now := time.Now().UTC()
	status, body := benchSend(b, "POST", url+"/v1/partnerships/"+vars["p"]+"/rounds", admin, fmt.Sprintf(`{"title": "Bench", "framework": "partnership-health-check", "opens": %q, "closes": %q}`,
		now.Add(-time.Hour).Format(time.RFC3339), now.Add(time.Hour).Format(time.RFC3339)))
	if status != 201 {
		b.Fatalf("round: %d %s", status, body)
	}
	round := between(body, `"id": "`, `"`)
	status, body = benchSend(b, "POST", url+"/v1/rounds/"+round+"/invitations", admin, `{"invitations": [{"partner": "st-aidans", "review": "self", "shared": true}]}`)
	if status != 201 {
		b.Fatalf("invitation: %d %s", status, body)
	}
	token := between(body, `"token": "`, `"`)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}}
	var n atomic.Int64
	// RunParallel runs SetParallelism × GOMAXPROCS goroutines: about 50.
	b.SetParallelism(max(1, 50/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			req, _ := http.NewRequest("POST", url+"/v1/respond/answers", strings.NewReader(fmt.Sprintf(
				`{"answerSet": "%08x-0000-4000-8000-000000000001", "assessment": {"framework": "partnership-health-check", "answers": {"sg1": %d}}}`, i, 1+i%5)))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", fmt.Sprint("bench-", i))
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "submissions/s")
}

func benchSend(b *testing.B, method, url, token, body string) (int, string) {
	b.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		b.Fatal(err)
	}
	return res.StatusCode, string(data)
}

// between returns the text after the first start and before the next end.
func between(s, start, end string) string {
	_, s, _ = strings.Cut(s, start)
	s, _, _ = strings.Cut(s, end)
	return s
}
