package api_test

import (
	"fmt"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostile is a body built to make the checker do the most work, or give
// the longest answer, for its size.
type hostile struct {
	name, path, body string
}

// fill repeats item, comma-separated, between pre and post: as many times
// as fit in size bytes and api.MaxValues values, and no more than count
// times.
func fill(pre, item, post string, size, count int) string {
	n := min((size-len(pre)-len(post))/(len(item)+1), count, (api.MaxValues-values(pre+post))/values(item+","))
	return pre + strings.Repeat(item+",", n-1) + item + post
}

// values counts JSON values as the handler does to enforce api.MaxValues:
// one for each comma and opening bracket outside strings (the first value
// counts in fill's pre and post).
func values(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && (c == ',' || c == '[' || c == '{'):
			n++
		}
	}
	return max(n, 1)
}

// longKeys is n members, each named by a different string of size bytes
// of invalid UTF-8, which the answer writes as U+FFFD: 3 bytes for 1.
func longKeys(n, size int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf(`"%d%s": 1`, i, strings.Repeat("\xff", size))
	}
	return strings.Join(keys, ", ")
}

// hostileBodies are the worst cases found: bodies of many small values,
// each of which the checker reports on (up to api.MaxValues of them), and
// bodies whose strings the answer repeats.
func hostileBodies() []hostile {
	const limit = api.DefaultMaxBodyBytes
	many := api.MaxValues
	big := func(n int) string { return strings.Repeat(`\"`, n/2) } // a quote: 2 bytes in, 4 out once quoted in a message
	framework := func(dims int, advice string) string {
		var b strings.Builder
		b.WriteString(`{"id": "f", "version": "1", "title": "t", "scale": {"min": 1, "max": 5}, "bands": [{"min": 0, "label": "l", "advice": "` + advice + `"}], "dimensions": [`)
		for i := range dims {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "d%d", "title": "t", "questions": [{"id": "q%d", "text": "t"}]}`, i, i)
		}
		b.WriteString("]}")
		return b.String()
	}
	assessments := func(n int) string {
		return strings.TrimSuffix(strings.Repeat(`{"framework": "f", "answers": {}},`, n), ",")
	}
	return []hostile{
		{"mou: empty objectives", "/v1/mou/check", fill(`{"objectives": [`, `{}`, `]}`, limit, many)},
		{"mou: empty activities", "/v1/mou/check", fill(`{"activities": [`, `{}`, `]}`, limit, many)},
		{"mou: empty partners", "/v1/mou/check", fill(`{"partnership": {"partners": [`, `{}`, `]}}`, limit, many)},
		{"mou: empty signatures", "/v1/mou/check", fill(`{"signatures": [`, `{}`, `]}`, limit, many)},
		{"mou: unknown objectives", "/v1/mou/check", fill(`{"activities": [{"id": "a", "title": "t", "objectives": [`, `"o"`, `]}]}`, limit, many)},
		{"mou: numbers", "/v1/mou/check", fill(`{"objectives": [`, `0`, `]}`, limit, many)},
		{"mou: long objective ids", "/v1/mou/check", fill(`{"objectives": [`, `{"id": "`+big(40_000)+`"}`, `]}`, limit, many)},
		{"mou: objective ids of invalid UTF-8", "/v1/mou/check", fill(`{"objectives": [`, `{"id": "`+strings.Repeat("\xff", 40_000)+`"}`, `]}`, limit, many)},
		{"mou: objective ids of line separators", "/v1/mou/check", fill(`{"objectives": [`, `{"id": "`+strings.Repeat("\u2028", 13_000)+`"}`, `]}`, limit, many)},
		{"mou: activities naming long unknown objectives", "/v1/mou/check", fill(`{"activities": [`, `{"id": "a", "title": "t", "objectives": ["`+strings.Repeat("\xff", 40_000)+`"]}`, `]}`, limit, many)},
		{"mou: long partner names", "/v1/mou/check", fill(`{"partnership": {"partners": [`, `{"id": "p", "name": "`+big(40_000)+`"}`, `]}}`, limit, many)},
		{"score: empty assessments", "/v1/evaluations/score", fill(`{"framework": "partnership-health-check", "assessments": [`, `{}`, `]}`, limit, api.MaxAssessments)},
		{"score: unknown answers", "/v1/evaluations/score", fill(`{"framework": "partnership-health-check", "assessments": [{"framework": "partnership-health-check", "answers": {`, `"x": 1`, `}}]}`, limit, many/2)},
		{"score: long unknown answers of invalid UTF-8", "/v1/evaluations/score", `{"framework": "partnership-health-check", "assessments": [{"framework": "partnership-health-check", "answers": {` + longKeys(25, 40_000) + `}}]}`},
		{"score: a wide framework", "/v1/evaluations/score", `{"framework": ` + framework(2000, "a") + `, "assessments": [` + assessments(api.MaxAssessments) + `]}`},
		{"score: a wide framework, as many as fit", "/v1/evaluations/score", `{"framework": ` + framework(2000, "a") + `, "assessments": [` + assessments(3) + `]}`},
		{"score: the built-in framework, empty answers", "/v1/evaluations/score", `{"framework": "partnership-health-check", "assessments": [` + strings.Repeat(`{"framework": "partnership-health-check", "answers": {}},`, api.MaxAssessments-1) + `{"framework": "partnership-health-check", "answers": {}}]}`},
		{"score: long advice", "/v1/evaluations/score", `{"framework": ` + framework(1, big(200_000)) + `, "assessments": [` + assessments(api.MaxAssessments) + `]}`},
		{"progress: empty indicators", "/v1/evaluations/progress", fill(`{"asOf": "2027-01-31", "indicators": [`, `{}`, `]}`, limit, api.MaxIndicators)},
		{"progress: indicators", "/v1/evaluations/progress", fill(`{"asOf": "2027-01-31", "indicators": [`, `{"id": "i", "baseline": 0, "target": 1, "actual": 1, "start": "2026-09-01", "deadline": "2027-07-16"}`, `]}`, limit, api.MaxIndicators)},
		{"too many values", "/v1/mou/check", `{"objectives": [` + strings.Repeat(`{},`, api.MaxValues) + `{}]}`},
	}
}

// peakHeap runs f and returns the most the heap's objects grew to above
// what they were before, sampled every 100µs: what the request needed,
// garbage not yet collected included.
func peakHeap(f func()) uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		var most uint64
		for {
			metrics.Read(s)
			most = max(most, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- most
				return
			case <-time.After(100 * time.Microsecond):
			}
		}
	}()
	f()
	close(stop)
	return max(<-done, base) - base
}

// The bounds the hostile bodies must keep: the answer within
// answerRatio times the body, or minAnswer bytes when the body is small;
// the memory within memoryRatio times the body limit.
const (
	answerRatio = 10
	minAnswer   = 256 << 10
	memoryRatio = 50
)

// TestAmplificationIsBounded sends the worst bodies found and requires
// the answers and the memory to stay within the bounds docs/api.md
// promises.
func TestAmplificationIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("sends megabytes of hostile bodies")
	}
	h := api.New(api.Options{})
	for _, c := range hostileBodies() {
		t.Run(c.name, func(t *testing.T) {
			require.LessOrEqual(t, len(c.body), api.DefaultMaxBodyBytes)
			var rec *httptest.ResponseRecorder
			peak := peakHeap(func() {
				rec = httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("POST", c.path, strings.NewReader(c.body)))
			})
			require.Less(t, rec.Code, 500, "%.500s", rec.Body)
			t.Logf("%d bytes in, %d out (%.2f×), %.1f× the body limit of heap at the peak", len(c.body), rec.Body.Len(),
				float64(rec.Body.Len())/float64(len(c.body)), float64(peak)/api.DefaultMaxBodyBytes)
			assert.LessOrEqual(t, rec.Body.Len(), max(answerRatio*len(c.body), minAnswer),
				"a %d-byte body got a %d-byte answer (%d)", len(c.body), rec.Body.Len(), rec.Code)
			assert.LessOrEqual(t, peak, uint64(memoryRatio*api.DefaultMaxBodyBytes),
				"a %d-byte body took %d bytes of heap", len(c.body), peak)
		})
	}
}

// BenchmarkAmplification reports, for each hostile body, the answer's
// bytes per byte of body (out/in), the heap the request took at its peak
// per byte of body (peak/in) and per byte of the body limit (peak/limit),
// and the status. Run it with
//
//	go test -run '^$' -bench Amplification -benchtime 3x ./api/
func BenchmarkAmplification(b *testing.B) {
	h := api.New(api.Options{})
	for _, c := range hostileBodies() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			var out, status int
			var peak uint64
			for b.Loop() {
				p := peakHeap(func() {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest("POST", c.path, strings.NewReader(c.body)))
					out, status = rec.Body.Len(), rec.Code
				})
				peak = max(peak, p)
			}
			b.ReportMetric(float64(len(c.body)), "in-bytes")
			b.ReportMetric(float64(out)/float64(len(c.body)), "out/in")
			b.ReportMetric(float64(peak)/float64(len(c.body)), "peak/in")
			b.ReportMetric(float64(peak)/float64(api.DefaultMaxBodyBytes), "peak/limit")
			b.ReportMetric(float64(status), "status")
		})
	}
}
